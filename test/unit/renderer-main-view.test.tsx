// @vitest-environment jsdom
// The main view against a fake bridge: users with their roles and chains, each role's state from
// main's sessions and the page's own operations, the buttons a row offers and what they do.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CopiedView, SessionView } from '../../common/contract';
import { CATALOG } from '../support/catalog-view';
import { assumedView, CHAIN_CATALOG, fail, fakeBridge, isoIn, ok, pinnedClock, TEST_NOW, renderApp, roleSession, sessionsView } from '../support/renderer-fake-bridge';

afterEach(cleanup);

const HOUR = 3_600_000;

describe('the list', () => {
  it('shows each user with its MFA session and its roles, chains nested "via" their source', async () => {
    const bridge = fakeBridge(
      {
        'sessions:list': () => ok(sessionsView([{ kind: 'mfa-session', name: 'dev-user', state: 'active', expiresAt: isoIn(8 * HOUR), chain: ['dev-user'] }])),
      },
      CHAIN_CATALOG,
    );
    renderApp(bridge);
    const user = await screen.findByTestId('user-dev-user');
    expect(within(user).getByText('MFA session until 18:24')).toBeTruthy();
    expect(within(user).getByText('AKIAIOSFODNN7EXAMPLE')).toBeTruthy();

    const deploy = screen.getByTestId('role-row-deploy');
    expect(deploy.className).toContain('indent-1');
    expect(deploy.textContent).toContain('via admin');
    expect(screen.getByTestId('role-row-admin').className).toContain('indent-0');
    // Rows come in tree order: the user, admin, the role chained from admin, then exec-lambda.
    const order = screen.getAllByTestId(/^(user|role-row)-/).map((el) => el.dataset.testid);
    expect(order).toEqual(['user-dev-user', 'role-row-admin', 'role-row-deploy', 'role-row-exec-lambda']);

    const lambda = screen.getByTestId('role-row-exec-lambda');
    expect(lambda.textContent).toContain('profile lambda');
    expect(within(lambda).getByText('arn:aws:iam::123456789012:role/exec-lambda')).toBeTruthy();
  });

  it('dates an MFA session that ends after midnight where the window is, in the clock’s zone', async () => {
    // 16 hours after 10:24 in Tokyo is 02:24 the next day there; in UTC the window opened at
    // 01:24, so the same instant is 17:24 that day.
    const mfa: SessionView = { kind: 'mfa-session', name: 'dev-user', state: 'active', expiresAt: isoIn(16 * HOUR), chain: ['dev-user'] };
    const bridge = fakeBridge({ 'sessions:list': () => ok(sessionsView([mfa])) });
    renderApp(bridge);
    expect(within(await screen.findByTestId('user-dev-user')).getByText('MFA session until Dec 4, 02:24')).toBeTruthy();
    cleanup();
    renderApp(bridge, pinnedClock(TEST_NOW, 'UTC'));
    expect(within(await screen.findByTestId('user-dev-user')).getByText('MFA session until 17:24')).toBeTruthy();
  });

  it('says when a user has no MFA session', async () => {
    renderApp(fakeBridge());
    const user = await screen.findByTestId('user-dev-user');
    expect(within(user).getByText('No MFA session')).toBeTruthy();
  });

  it('shows idle, active and needs-MFA states from main’s sessions', async () => {
    const bridge = fakeBridge({ 'sessions:list': () => ok(sessionsView([roleSession('admin', 2 * HOUR)], ['exec-lambda'])) });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(admin.dataset.state).toBe('active'));
    expect(within(admin).getByText('Active')).toBeTruthy();
    expect(screen.getByTestId('countdown-admin').textContent).toMatch(/^[12]:\d\d:\d\d left$/);
    expect(within(admin).getByRole('button', { name: 'Stop' })).toBeTruthy();
    const lambda = screen.getByTestId('role-row-exec-lambda');
    expect(lambda.dataset.state).toBe('needs-mfa');
    expect(within(lambda).getByText('Needs MFA')).toBeTruthy();
    expect(within(lambda).queryByRole('button', { name: 'Stop' })).toBeNull();
    expect(screen.queryByTestId('countdown-exec-lambda')).toBeNull();
  });

  it('notes a session capped by chaining, and one capped by the role’s maximum, in other words', async () => {
    const bridge = fakeBridge({
      'sessions:list': () =>
        ok(sessionsView([roleSession('admin', HOUR / 2, { cappedBy: 'chaining' }), roleSession('exec-lambda', HOUR / 2, { cappedBy: 'role-maximum' })])),
    });
    renderApp(bridge);
    const chaining = await screen.findByTestId('capped-admin');
    const maximum = screen.getByTestId('capped-exec-lambda');
    expect(chaining.textContent).toMatch(/1 hour.*chaining/);
    expect(maximum.textContent).toMatch(/maximum session duration/);
    expect(chaining.textContent).not.toBe(maximum.textContent);
  });

  it('reloads when main says the catalog or the sessions changed', async () => {
    let catalog = CATALOG;
    let view = sessionsView();
    const bridge = fakeBridge({ 'catalog:list': () => ok(catalog), 'sessions:list': () => ok(view) });
    renderApp(bridge);
    await screen.findByTestId('role-row-admin');
    catalog = CHAIN_CATALOG;
    act(() => bridge.emit({ type: 'catalog:changed' }));
    expect(await screen.findByTestId('role-row-deploy')).toBeTruthy();
    view = sessionsView([roleSession('deploy', HOUR)]);
    act(() => bridge.emit({ type: 'sessions:changed' }));
    await waitFor(() => expect(screen.getByTestId('role-row-deploy').dataset.state).toBe('active'));
  });
});

describe('assume', () => {
  it('assumes, shows the row refreshing meanwhile, then the result and its notices in the status area', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const bridge = fakeBridge({
      'session:assume': async ({ name }) => {
        await gate;
        return ok(
          assumedView(name, {
            cappedBy: 'chaining',
            notices: [
              { kind: 'capped-chaining', role: name, requestedSeconds: 7200, grantedSeconds: 3600 },
              { kind: 'mfa-session-started', user: 'dev-user', expiresAt: isoIn(12 * HOUR) },
            ],
          }),
        );
      },
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Assume' }));
    expect(admin.dataset.state).toBe('refreshing');
    expect(within(admin).getByRole('button', { name: 'Assume' }).getAttribute('aria-disabled')).toBe('true');
    await act(async () => release());
    const status = screen.getByTestId('status');
    await waitFor(() => expect(status.textContent).toMatch(/Assumed admin into profile admin, valid until 11:24/));
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toContain('admin lasts 1 h instead of 2 h');
    expect(status.textContent).toContain('MFA session for dev-user started: no new code is needed until 22:24.');
    expect(bridge.callsTo('session:assume')).toEqual([{ name: 'admin' }]);
  });

  it('shows a failed assume on the row: state error, the sentence and AWS’s words', async () => {
    const bridge = fakeBridge({
      'session:assume': () =>
        fail('AccessDenied', 'AWS refused assuming admin: User: arn:aws:iam::123456789012:user/dev-user is not authorized to perform: sts:AssumeRole'),
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Assume' }));
    await waitFor(() => expect(admin.dataset.state).toBe('error'));
    expect(within(admin).getByText(/AWS denied access/)).toBeTruthy();
    expect(
      within(admin)
        .getByText(/is not authorized to perform: sts:AssumeRole/)
        .getAttribute('translate'),
    ).toBe('no');
  });

  it('opens the MFA dialog when main answers MfaCodeRequired, and retries with the code', async () => {
    const bridge = fakeBridge({
      'session:assume': ({ mfaCode }) =>
        mfaCode ? ok(assumedView('admin')) : fail('MfaCodeRequired', 'assuming admin needs a fresh MFA code for user dev-user.', { user: 'dev-user' }),
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Assume' }));
    const dialog = await screen.findByRole('dialog', { name: 'MFA for dev-user' });
    expect(admin.dataset.state).not.toBe('error');
    await userEvent.type(within(dialog).getByLabelText('MFA code'), '123456');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('session:assume')).toEqual([{ name: 'admin' }, { name: 'admin', mfaCode: '123456' }]);
    expect(screen.getByTestId('status').textContent).toMatch(/Assumed admin/);
  });

  it('asks for the code first on a row that needs MFA: Assume opens the dialog without a failing call', async () => {
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([], ['admin'])),
      'session:assume': () => ok(assumedView('admin')),
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(admin.dataset.state).toBe('needs-mfa'));
    await userEvent.click(within(admin).getByRole('button', { name: 'Assume' }));
    expect(screen.getByTestId('mfa-dialog').getAttribute('aria-modal')).toBe('true');
    expect(bridge.callsTo('session:assume')).toEqual([]);
  });
});

describe('stop, copy export, remove', () => {
  it('stops one session, and all of them', async () => {
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([roleSession('admin', HOUR)])),
      'session:stop': (request) => ok({ stopped: 'all' in request ? ['admin', 'exec-lambda'] : [request.name], notices: [] }),
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(await within(admin).findByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Stopped: admin.'));
    await userEvent.click(screen.getByRole('button', { name: 'Stop all' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Stopped: admin, exec-lambda.'));
    expect(bridge.callsTo('session:stop')).toEqual([{ name: 'admin' }, { all: true }]);
  });

  it('copies an export from a menu of shells and says for which and until when, for a while', async () => {
    const copied = (format: CopiedView['format']): CopiedView => ({ role: 'admin', format, expiresAt: isoIn(HOUR), notices: [] });
    const bridge = fakeBridge({ 'session:copy-export': ({ format }) => ok(copied(format)) });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    const button = within(admin).getByRole('button', { name: 'Copy export' });
    await userEvent.click(button);
    const menu = within(admin).getByRole('menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['bash', 'zsh', 'fish', 'PowerShell']);
    expect(document.activeElement?.textContent).toBe('bash');
    // The shells lie in a row: Left and Right move, wrapping around.
    expect(menu.getAttribute('aria-orientation')).toBe('horizontal');
    await userEvent.keyboard('{ArrowLeft}');
    expect(document.activeElement?.textContent).toBe('PowerShell');
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(document.activeElement?.textContent).toBe('zsh');
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}{Enter}');
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^Copied for PowerShell — valid until 11:24\.$/));
    expect(bridge.callsTo('session:copy-export')).toEqual([{ name: 'admin', format: 'powershell' }]);
    expect(within(admin).queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('closes the copy menu on Escape, returning focus to its button', async () => {
    renderApp(fakeBridge());
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Copy export' }));
    await userEvent.keyboard('{Escape}');
    expect(within(admin).queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(within(admin).getByRole('button', { name: 'Copy export' }));
  });

  it('removes a role only once confirmed', async () => {
    const bridge = fakeBridge({ 'role:remove': () => ok({}) });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Remove' }));
    let dialog = screen.getByRole('dialog', { name: 'Remove admin?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsTo('role:remove')).toEqual([]);
    await userEvent.click(within(admin).getByRole('button', { name: 'Remove' }));
    dialog = screen.getByRole('dialog', { name: 'Remove admin?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('role:remove')).toEqual([{ name: 'admin' }]);
    expect(screen.getByTestId('status').textContent).toBe('Removed admin.');
  });

  it('keeps the confirmation open with main’s refusal when a user still has roles', async () => {
    const bridge = fakeBridge({ 'user:remove': () => fail('InUse', "User 'dev-user' is the source of admin, exec-lambda.") });
    renderApp(bridge);
    const user = await screen.findByTestId('user-dev-user');
    await userEvent.click(within(user).getByRole('button', { name: 'Remove' }));
    const dialog = screen.getByTestId('confirm-dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/Other roles are assumed from it.*is the source of admin/);
  });
});

describe('keyboard', () => {
  it('reaches every button of a small catalog by Tab, in order, each described by its row’s name', async () => {
    renderApp(fakeBridge());
    const user = await screen.findByTestId('user-dev-user');
    const admin = screen.getByTestId('role-row-admin');
    const buttons = within(admin).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Assume', 'Copy export', 'Open console', 'Open in Rolecall', 'Edit', 'Remove']);
    // The name stays "Assume" (what the e2e walk and voice control use); the row says which role.
    expect(within(admin).getByRole('button', { name: 'Assume', description: 'admin' })).toBe(buttons[0]);
    expect(within(user).getByRole('button', { name: 'Remove', description: 'dev-user' })).toBeTruthy();
    // Tab from the filter walks into the list, row by row, and through each of admin's buttons.
    screen.getByTestId('filter').focus();
    const reached: Element[] = [];
    const userButtons = within(user).getAllByRole('button');
    expect(userButtons.map((b) => b.textContent)).toEqual(['Find roles', 'Rotate key', 'Edit', 'Remove']);
    for (let i = 0; i < userButtons.length + buttons.length; i++) {
      await userEvent.tab();
      reached.push(document.activeElement!);
    }
    expect(reached.slice(0, userButtons.length)).toEqual(userButtons);
    expect(reached.slice(userButtons.length)).toEqual(buttons);
  });

  it('moves focus to the list when the row that had it is removed', async () => {
    let reload: (() => void) | undefined;
    const bridge = fakeBridge({
      // The reload after the removal lands once the dialog has closed, as over real IPC.
      'catalog:list': () =>
        bridge.callsTo('role:remove').length === 0
          ? ok(CATALOG)
          : new Promise((resolve) => (reload = () => resolve(ok({ ...CATALOG, roles: CATALOG.roles.filter((r) => r.name !== 'admin') })))),
      'role:remove': () => ok({}),
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    const remove = within(admin).getByRole('button', { name: 'Remove' });
    await userEvent.click(remove);
    await userEvent.click(within(screen.getByTestId('confirm-dialog')).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    expect(document.activeElement).toBe(remove);
    await act(async () => reload!());
    expect(screen.queryByTestId('role-row-admin')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('list', { name: 'Users and roles' }));
  });

  it('says when a stop made the credentials file owner-only, as an assume does, and which shells it cut off', async () => {
    let view = sessionsView([roleSession('admin', HOUR)]);
    const bridge = fakeBridge({
      'sessions:list': () => ok(view),
      'session:stop': () => {
        view = sessionsView();
        return ok({
          stopped: ['admin'],
          notices: [
            { kind: 'credentials-file-tightened', file: '~/.aws/credentials', mode: '0644' },
            { kind: 'shells-cut-off', roles: ['admin'] },
          ],
        });
      },
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(await within(admin).findByRole('button', { name: 'Stop' }));
    const status = screen.getByTestId('status');
    await waitFor(() => expect(status.textContent).toContain('Stopped: admin.'));
    expect(status.textContent).toContain('~/.aws/credentials was readable by others (mode 0644)');
    expect(status.textContent).toContain('Shells that took admin from Rolecall (export --server) get no more credentials.');
  });

  it('keeps focus in the row when the button that had it goes (Stop once stopped, Dismiss)', async () => {
    let view = sessionsView([roleSession('admin', HOUR)]);
    const bridge = fakeBridge({
      'sessions:list': () => ok(view),
      'session:stop': () => {
        view = sessionsView();
        return ok({ stopped: ['admin'], notices: [] });
      },
      'session:assume': () => fail('AccessDenied', 'not authorized to perform: sts:AssumeRole'),
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    const stop = await within(admin).findByRole('button', { name: 'Stop' });
    stop.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(within(admin).queryByRole('button', { name: 'Stop' })).toBeNull());
    const assume = within(admin).getByRole('button', { name: 'Assume' });
    expect(document.activeElement).toBe(assume);

    await userEvent.keyboard('{Enter}');
    const dismiss = await within(admin).findByRole('button', { name: 'Dismiss' });
    dismiss.focus();
    await userEvent.keyboard('{Enter}');
    expect(within(admin).queryByRole('button', { name: 'Dismiss' })).toBeNull();
    expect(document.activeElement).toBe(assume);
  });
});
