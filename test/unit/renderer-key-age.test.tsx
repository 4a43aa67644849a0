// @vitest-environment jsdom
// The key's age in the user row ("key 120 days old", from the catalog's keyCreatedAt against the
// window's clock), one calm suggestion in the row once it is past the key-age setting, in English
// and Japanese, and the setting itself in the Settings dialog.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogListView } from '../../common/contract';
import type { SettingsPatchInput } from '../../common/inputs';
import { CATALOG } from '../support/catalog-view';
import { fakeBridge, ok, renderApp, TEST_NOW, withLanguage } from '../support/renderer-fake-bridge';

afterEach(cleanup);

const DAY = 86_400_000;

function catalogWithKeyAge(days: number | undefined, keyAgeWarningDays = 90): CatalogListView {
  const keyCreatedAt = days === undefined ? undefined : new Date(TEST_NOW - days * DAY).toISOString();
  return {
    ...CATALOG,
    users: CATALOG.users.map((u) => ({ ...u, ...(keyCreatedAt ? { keyCreatedAt } : {}) })),
    settings: { ...CATALOG.settings, keyAgeWarningDays },
  };
}

async function userRow(catalog: CatalogListView) {
  renderApp(fakeBridge({}, catalog));
  return screen.findByTestId('user-dev-user');
}

describe("the key's age in the user row", () => {
  it('shows how old the key is, and past 90 days suggests a new key once, calmly', async () => {
    const row = await userRow(catalogWithKeyAge(120.5));
    expect(within(row).getByTestId('key-age').textContent).toBe('key 120 days old');
    expect(within(row).getByTestId('key-age').className).toContain('old');
    const notes = within(row).getAllByText(/more than 90 days old/);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.textContent).toBe('This key is more than 90 days old. When convenient, replace it with Rotate key.');
  });

  it('a young key: its age, no suggestion; an unknown age: nothing', async () => {
    const young = await userRow(catalogWithKeyAge(10.2));
    expect(within(young).getByTestId('key-age').textContent).toBe('key 10 days old');
    expect(within(young).getByTestId('key-age').className).not.toContain('old');
    expect(within(young).queryByText(/days old\. When convenient/)).toBeNull();
    cleanup();
    const unknown = await userRow(catalogWithKeyAge(undefined));
    expect(within(unknown).queryByTestId('key-age')).toBeNull();
    expect(within(unknown).queryByText(/When convenient/)).toBeNull();
  });

  it('follows the setting: 30 days makes a 45-day key old', async () => {
    const row = await userRow(catalogWithKeyAge(45.5, 30));
    expect(within(row).getByText(/more than 30 days old/)).toBeTruthy();
  });

  it('in Japanese', async () => {
    const row = await userRow(withLanguage(catalogWithKeyAge(120.5), 'ja'));
    expect(within(row).getByTestId('key-age').textContent).toBe('キー作成から 120 日');
    expect(within(row).getByText(/このキーは作成から 90 日を超えています。/)).toBeTruthy();
  });
});

describe('the key-age setting', () => {
  it('is saved from the Settings dialog, and refused outside 1–3650 days with the field named', async () => {
    const saved: SettingsPatchInput[] = [];
    const bridge = fakeBridge({
      'settings:update': (patch) => {
        saved.push(patch);
        return ok({ ...CATALOG.settings, ...patch });
      },
    });
    renderApp(bridge);
    await userEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByTestId('settings-dialog');
    const field = within(dialog).getByLabelText('Suggest a new access key after (days)');
    expect((field as HTMLInputElement).value).toBe('90');

    await userEvent.clear(field);
    await userEvent.type(field, '0');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Enter whole days from 1 to 3650.')).toBeTruthy();
    expect(saved).toEqual([]);

    await userEvent.clear(field);
    await userEvent.type(field, '30');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saved).toEqual([expect.objectContaining({ keyAgeWarningDays: 30 })]));
  });
});
