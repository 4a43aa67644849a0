// @vitest-environment jsdom
// The forms chunk is loaded after the first paint. When it cannot be loaded (a file gone after an
// update, a read error), opening a form says so in the status area, in the UI language, and the
// next opening tries again: never a button that silently does nothing, nor an unhandled rejection.
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CATALOG } from '../support/catalog-view';
import { fakeBridge, ok, renderApp, withLanguage } from '../support/renderer-fake-bridge';
import type * as LazyForms from '../../renderer/src/dialogs/lazy-forms';

const chunk = vi.hoisted(() => ({ fail: true, loads: 0 }));
vi.mock('../../renderer/src/dialogs/lazy-forms', async (importOriginal) => {
  chunk.loads++;
  if (chunk.fail) throw new Error('Failed to fetch dynamically imported module: app://rolecall/assets/lazy-forms.js');
  return importOriginal<typeof LazyForms>();
});

afterEach(cleanup);

describe('a forms chunk that cannot be loaded', () => {
  it('says it in Japanese in a Japanese window', async () => {
    renderApp(fakeBridge({ 'catalog:list': () => ok(withLanguage(CATALOG, 'ja')) }));
    await screen.findByTestId('role-row-admin');
    // The language follows the catalog's setting once it is read: wait for the Japanese toolbar.
    await userEvent.click(await screen.findByRole('button', { name: '設定' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^ダイアログを開けませんでした：Rolecall のウィンドウの一部を読み込めませんでした。/));
  });

  it('says so when a form is opened, and loads it on the next opening', async () => {
    // The module's state is the file's: the test before left the chunk unloaded, as it found it.
    const loads = chunk.loads;
    renderApp(fakeBridge());
    await screen.findByTestId('role-row-admin');
    // The preload after the first paint failed, quietly: nobody asked for a form yet.
    await waitFor(() => expect(chunk.loads).toBe(loads + 1));
    expect(screen.getByTestId('status').textContent).toBe('');

    await userEvent.click(screen.getByRole('button', { name: 'Add role' }));
    const status = screen.getByTestId('status');
    await waitFor(() =>
      expect(status.textContent).toMatch(
        /^Could not open the dialog:Part of Rolecall’s window could not be loaded\. Open the dialog again to retry; if it keeps failing, restart Rolecall\./,
      ),
    );
    // What the import said, as data (vitest words a failed mock its own way).
    expect(status.querySelector('.error-detail[translate="no"]')?.textContent).toBeTruthy();
    expect(chunk.loads).toBe(loads + 2);
    // No dialog left open (nor the window inert behind one that never shows).
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Add role' }).closest('[inert]')).toBeNull();

    chunk.fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Add role' }));
    expect(await screen.findByTestId('role-form')).toBeTruthy();
    expect(chunk.loads).toBe(loads + 3);
    // The failure said before no longer holds.
    await waitFor(() => expect(status.textContent).toBe(''));
  });
});
