// @vitest-environment jsdom
// The window while main cannot read the keychain: it says so (locked, or not reachable) above the
// list, shows the profiles Rolecall wrote, does not call the user's key missing, and Retry asks
// main again, which clears the alert once the keychain is open.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogListView, KeychainState, SessionsView } from '../../common/contract';
import { CATALOG } from '../support/catalog-view';
import { fakeBridge, ok, renderApp, roleSession, sessionsView, withLanguage } from '../support/renderer-fake-bridge';

afterEach(cleanup);

const HOUR = 3_600_000;

function closedCatalog(state: KeychainState, catalog: CatalogListView = CATALOG): CatalogListView {
  return { ...catalog, keychain: state, users: catalog.users.map(({ hasSecret: _unknown, ...user }) => user) };
}

function closedSessions(state: KeychainState): SessionsView {
  return { ...sessionsView([roleSession('admin', HOUR)]), keychain: state };
}

describe('a closed keychain in the window', () => {
  it('locked: says so, keeps the written profile on screen, and Retry clears it once unlocked', async () => {
    let keychain: KeychainState = 'locked';
    const bridge = fakeBridge({
      'catalog:list': () => ok(keychain === 'ready' ? CATALOG : closedCatalog(keychain)),
      'sessions:list': () => ok(keychain === 'ready' ? sessionsView([roleSession('admin', HOUR)]) : closedSessions(keychain)),
    });
    renderApp(bridge);
    const alert = await screen.findByTestId('keychain-closed');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toMatch(/keychain is locked.*Unlock the keychain, then retry/);
    // Unknown, not missing: nothing asks for the key again.
    const user = screen.getByTestId('user-dev-user');
    expect(within(user).getByText('Keychain closed')).toBeTruthy();
    expect(within(user).queryByText('Key missing from keychain')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('role-row-admin').dataset.state).toBe('active'));

    keychain = 'ready';
    const catalogCalls = bridge.callsTo('catalog:list').length;
    const sessionCalls = bridge.callsTo('sessions:list').length;
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByTestId('keychain-closed')).toBeNull());
    expect(bridge.callsTo('catalog:list').length).toBeGreaterThan(catalogCalls);
    expect(bridge.callsTo('sessions:list').length).toBeGreaterThan(sessionCalls);
    expect(within(screen.getByTestId('user-dev-user')).getByText('Key in keychain')).toBeTruthy();
  });

  it('unreachable: its own sentence, not "locked"', async () => {
    renderApp(fakeBridge({ 'catalog:list': () => ok(closedCatalog('unreachable')), 'sessions:list': () => ok(closedSessions('unreachable')) }));
    const alert = await screen.findByTestId('keychain-closed');
    expect(alert.textContent).toMatch(/cannot reach your keychain.*Start the keychain, then retry/);
    expect(alert.textContent).not.toMatch(/locked/);
  });

  it('speaks Japanese too', async () => {
    renderApp(fakeBridge({ 'catalog:list': () => ok(closedCatalog('locked', withLanguage(CATALOG, 'ja'))), 'sessions:list': () => ok(closedSessions('locked')) }));
    const alert = await screen.findByTestId('keychain-closed');
    await waitFor(() => expect(alert.textContent).toMatch(/キーチェーンがロックされている/));
    expect(within(alert).getByRole('button', { name: '再試行' })).toBeTruthy();
    expect(within(screen.getByTestId('user-dev-user')).getByText('キーチェーンを開けません')).toBeTruthy();
  });
});
