// @vitest-environment jsdom
// What a row says while and after an operation: failures as a dismissible note that never hides a
// live session and goes once the session changed; the MFA prompt only for what is about the code;
// Stop all once at a time; needs-MFA only where a code is really needed; and no stale state in
// between (the row stays busy until the sessions reloaded, a failed reload is said).
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssumedView, IpcResult, SessionsView, StoppedView } from '../../common/contract';
import { CATALOG } from '../support/catalog-view';
import { assumedView, fail, fakeBridge, ok, renderApp, roleSession, sessionsView, type Handlers } from '../support/renderer-fake-bridge';

afterEach(cleanup);

const HOUR = 3_600_000;
const MINUTE = 60_000;

function gate<T>() {
  let answer!: (value: IpcResult<T>) => void;
  const promise = new Promise<IpcResult<T>>((resolve) => (answer = resolve));
  return { promise, answer: (value: IpcResult<T>) => act(async () => answer(value)) };
}

const DENIED = fail('AccessDenied', 'AWS refused assuming admin: not authorized to perform: sts:AssumeRole');

describe('a failed operation on a row', () => {
  it('does not hide a live session: the state stays, the failure is a note that can be dismissed', async () => {
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([roleSession('admin', HOUR)])),
      'session:stop': () => fail('AwsFilesLocked', 'The shared AWS files are locked by another Rolecall process.'),
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(await within(admin).findByRole('button', { name: 'Stop' }));
    const note = await within(admin).findByTestId('row-error-admin');
    expect(note.textContent).toMatch(/locked by another Rolecall process/);
    expect(admin.dataset.state).toBe('active');
    expect(screen.getByTestId('countdown-admin')).toBeTruthy();
    // Announced once, by the status area (aria-live polite), with what failed.
    const status = screen.getByTestId('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toMatch(/^Could not stop admin:/);

    await userEvent.click(within(note).getByRole('button', { name: 'Dismiss' }));
    expect(within(admin).queryByTestId('row-error-admin')).toBeNull();
  });

  it('goes once a newer sessions view shows the role’s session changed', async () => {
    let view = sessionsView();
    const bridge = fakeBridge({ 'sessions:list': () => ok(view), 'session:assume': () => DENIED });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Assume' }));
    await waitFor(() => expect(admin.dataset.state).toBe('error'));
    // An unrelated reload keeps it: nothing about admin changed.
    act(() => bridge.emit({ type: 'sessions:changed' }));
    await act(async () => undefined);
    expect(admin.dataset.state).toBe('error');
    // The CLI assumed admin meanwhile: the failure is old news.
    view = sessionsView([roleSession('admin', HOUR)]);
    act(() => bridge.emit({ type: 'sessions:changed' }));
    await waitFor(() => expect(admin.dataset.state).toBe('active'));
    expect(within(admin).queryByTestId('row-error-admin')).toBeNull();
  });

  it('is cleared by Stop all', async () => {
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([roleSession('admin', HOUR)])),
      'session:assume': () => DENIED,
      'session:stop': () => ok({ stopped: ['admin'], notices: [] }),
    });
    renderApp(bridge);
    const lambda = await screen.findByTestId('role-row-exec-lambda');
    await userEvent.click(within(lambda).getByRole('button', { name: 'Assume' }));
    await within(lambda).findByTestId('row-error-exec-lambda');
    await userEvent.click(screen.getByRole('button', { name: 'Stop all' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Stopped: admin.'));
    expect(within(lambda).queryByTestId('row-error-exec-lambda')).toBeNull();
  });

  it('is forgotten with its role: a role removed and added again starts clean', async () => {
    let catalog = CATALOG;
    const bridge = fakeBridge({ 'catalog:list': () => ok(catalog), 'session:assume': () => DENIED });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Assume' }));
    await waitFor(() => expect(admin.dataset.state).toBe('error'));
    catalog = { ...CATALOG, roles: CATALOG.roles.filter((r) => r.name !== 'admin') };
    act(() => bridge.emit({ type: 'catalog:changed' }));
    await waitFor(() => expect(screen.queryByTestId('role-row-admin')).toBeNull());
    catalog = CATALOG;
    act(() => bridge.emit({ type: 'catalog:changed' }));
    expect((await screen.findByTestId('role-row-admin')).dataset.state).toBe('idle');
  });

  it('is ignored when it lands after its role was removed: the role added again starts clean', async () => {
    const assume = gate<AssumedView>();
    let catalog = CATALOG;
    const bridge = fakeBridge({ 'catalog:list': () => ok(catalog), 'session:assume': () => assume.promise });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Assume' }));
    expect(admin.dataset.state).toBe('refreshing');
    // Removed (by the CLI, say) while main still works on the assume; its refusal lands after.
    catalog = { ...CATALOG, roles: CATALOG.roles.filter((r) => r.name !== 'admin') };
    act(() => bridge.emit({ type: 'catalog:changed' }));
    await waitFor(() => expect(screen.queryByTestId('role-row-admin')).toBeNull());
    await assume.answer(DENIED);
    catalog = CATALOG;
    act(() => bridge.emit({ type: 'catalog:changed' }));
    const again = await screen.findByTestId('role-row-admin');
    expect(again.dataset.state).toBe('idle');
    expect(within(again).queryByTestId('row-error-admin')).toBeNull();
  });
});

describe('the MFA prompt and what is not about the code', () => {
  async function promptFor(handler: NonNullable<Handlers['session:assume']>) {
    const bridge = fakeBridge({ 'sessions:list': () => ok(sessionsView([], ['admin'])), 'session:assume': handler });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(admin.dataset.state).toBe('needs-mfa'));
    await userEvent.click(within(admin).getByRole('button', { name: 'Assume' }));
    return { bridge, admin, dialog: screen.getByRole('dialog', { name: 'MFA for dev-user' }) };
  }

  it('closes on a failure that a new code would not fix, and puts it on the row and in the status area', async () => {
    const { admin, dialog } = await promptFor(() => DENIED);
    await userEvent.type(within(dialog).getByLabelText('MFA code'), '123456');
    await waitFor(() => expect(screen.queryByTestId('mfa-dialog')).toBeNull());
    expect(admin.dataset.state).toBe('error');
    expect(within(admin).getByTestId('row-error-admin').textContent).toMatch(/AWS denied access/);
    expect(screen.getByTestId('status').textContent).toMatch(/^Could not assume admin:AWS denied access/);
  });

  it('stays open for a refused code', async () => {
    const { dialog } = await promptFor(() => fail('MfaCodeRejected', 'MultiFactorAuthentication failed with invalid MFA one time pass code.'));
    await userEvent.type(within(dialog).getByLabelText('MFA code'), '123456');
    expect(await within(dialog).findByTestId('mfa-error')).toBeTruthy();
    expect(screen.getByTestId('mfa-dialog')).toBe(dialog);
  });

  it('keeps the answer of a check the user cancelled: a failure on the row, a success in the status area', async () => {
    const first = gate<AssumedView>();
    const second = gate<AssumedView>();
    const answers = [first.promise, second.promise];
    const { admin, dialog } = await promptFor(() => answers.shift()!);
    await userEvent.type(within(dialog).getByLabelText('MFA code'), '123456');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('mfa-dialog')).toBeNull();
    await first.answer(DENIED);
    await waitFor(() => expect(admin.dataset.state).toBe('error'));

    await userEvent.click(within(admin).getByRole('button', { name: 'Assume' }));
    await userEvent.type(within(screen.getByTestId('mfa-dialog')).getByLabelText('MFA code'), '654321');
    await userEvent.keyboard('{Escape}');
    await second.answer(ok(assumedView('admin')));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^Assumed admin/));
  });

  it('announces the check, and says a direct role needs its own code each time', async () => {
    const bridge = fakeBridge({ 'sessions:list': () => ok(sessionsView([], ['exec-lambda'])), 'session:assume': () => new Promise<never>(() => undefined) });
    renderApp(bridge);
    const lambda = await screen.findByTestId('role-row-exec-lambda');
    await waitFor(() => expect(lambda.dataset.state).toBe('needs-mfa'));
    await userEvent.click(within(lambda).getByRole('button', { name: 'Assume' }));
    const dialog = screen.getByRole('dialog', { name: 'MFA for dev-user' });
    expect(dialog.textContent).toContain('This role is direct: it needs its own code each time.');
    expect(dialog.textContent).not.toContain('other roles reuse it');
    await userEvent.type(within(dialog).getByLabelText('MFA code'), '123456');
    const live = within(dialog).getByText('Checking the code…');
    expect(live.closest('[aria-live="polite"]')).toBeTruthy();
  });
});

describe('two roles waiting for one code', () => {
  it('asks once: the second prompt waits, and rides the MFA session the first code started', async () => {
    let mfaSession = false;
    const bridge = fakeBridge({
      'session:assume': ({ name, mfaCode }) => {
        if (mfaCode) mfaSession = true;
        return mfaSession ? ok(assumedView(name)) : fail('MfaCodeRequired', `assuming ${name} needs a fresh MFA code for user dev-user.`, { user: 'dev-user' });
      },
    });
    const chained = { ...CATALOG, roles: [...CATALOG.roles, { name: 'deploy', roleArn: 'arn:aws:iam::123456789012:role/deploy', source: 'dev-user', direct: false }] };
    bridge.handlers['catalog:list'] = () => ok(chained);
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Assume' }));
    await screen.findByTestId('mfa-dialog');
    // The dialog makes the window inert; a second request arrives the way a late answer would.
    await act(async () => {
      within(screen.getByTestId('role-row-deploy')).getByRole('button', { name: 'Assume' }).click();
    });
    expect(screen.getAllByTestId('mfa-dialog')).toHaveLength(1);
    expect(screen.getByTestId('mfa-dialog').textContent).toContain('to assume admin');
    await userEvent.type(within(screen.getByTestId('mfa-dialog')).getByLabelText('MFA code'), '123456');
    await waitFor(() => expect(screen.getByTestId('role-row-deploy').dataset.state).not.toBe('refreshing'));
    expect(screen.queryByTestId('mfa-dialog')).toBeNull();
    expect(bridge.callsTo('session:assume')).toEqual([{ name: 'admin' }, { name: 'deploy' }, { name: 'admin', mfaCode: '123456' }, { name: 'deploy' }]);
  });
});

describe('Stop all', () => {
  it('runs once at a time, marks the live rows busy meanwhile, and is not overwritten by a second click', async () => {
    const stop = gate<StoppedView>();
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([roleSession('admin', HOUR)])),
      'session:stop': () => stop.promise,
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(admin.dataset.state).toBe('active'));
    const button = screen.getByRole('button', { name: 'Stop all' });
    await userEvent.click(button);
    expect(admin.dataset.state).toBe('refreshing');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(button);
    await userEvent.click(button);
    expect(bridge.callsTo('session:stop')).toEqual([{ all: true }]);
    await stop.answer(ok({ stopped: ['admin'], notices: [] }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Stopped: admin.'));
  });
});

describe('needs MFA, truthfully', () => {
  it('says needs-MFA for an expired session whose renewal needs a code, and notes it on one about to expire', async () => {
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([roleSession('admin', -MINUTE), roleSession('exec-lambda', 5 * MINUTE)], ['admin', 'exec-lambda'])),
      'session:assume': () => ok(assumedView('exec-lambda')),
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(admin.dataset.state).toBe('needs-mfa'));
    const lambda = screen.getByTestId('role-row-exec-lambda');
    expect(lambda.dataset.state).toBe('expiring');
    expect(within(lambda).getByTestId('mfa-renew-exec-lambda').textContent).toBe('A new MFA code is needed to renew this session.');
    // Its Assume asks for the code first rather than failing once.
    await userEvent.click(within(lambda).getByRole('button', { name: 'Assume' }));
    expect(screen.getByTestId('mfa-dialog')).toBeTruthy();
    expect(bridge.callsTo('session:assume')).toEqual([]);
  });
});

describe('no stale state between an operation and the reload after it', () => {
  it('keeps the row busy until the sessions reloaded, so it never shows Needs MFA in between', async () => {
    const reload = gate<SessionsView>();
    let reloads = 0;
    const bridge = fakeBridge({
      'sessions:list': () => (reloads++ === 0 ? ok(sessionsView([], ['admin'])) : reload.promise),
      'session:assume': () => ok(assumedView('admin')),
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(admin.dataset.state).toBe('needs-mfa'));
    await userEvent.click(within(admin).getByRole('button', { name: 'Assume' }));
    await userEvent.type(within(screen.getByTestId('mfa-dialog')).getByLabelText('MFA code'), '123456');
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^Assumed admin/));
    expect(admin.dataset.state).toBe('refreshing');
    await reload.answer(ok(sessionsView([roleSession('admin', HOUR)])));
    await waitFor(() => expect(admin.dataset.state).toBe('active'));
  });

  it('says so when the sessions could not be reloaded, and takes it back once they are', async () => {
    let answer: IpcResult<SessionsView> = ok(sessionsView());
    const bridge = fakeBridge({ 'sessions:list': () => answer });
    renderApp(bridge);
    await screen.findByTestId('role-row-admin');
    answer = fail('KeychainUnavailable', 'The OS keychain is not reachable.');
    act(() => bridge.emit({ type: 'sessions:changed' }));
    const status = screen.getByTestId('status');
    await waitFor(() => expect(status.textContent).toMatch(/^Could not refresh the sessions; what is shown may be out of date:The keychain is not reachable/));
    answer = ok(sessionsView());
    act(() => bridge.emit({ type: 'sessions:changed' }));
    await waitFor(() => expect(status.textContent).toBe(''));
  });

  it('keeps a failed catalog reload said, whatever the sessions do, until the catalog loads again', async () => {
    let catalogAnswer: IpcResult<typeof CATALOG> = ok(CATALOG);
    let sessionsAnswer: IpcResult<SessionsView> = ok(sessionsView());
    const bridge = fakeBridge({ 'catalog:list': () => catalogAnswer, 'sessions:list': () => sessionsAnswer });
    renderApp(bridge);
    await screen.findByTestId('role-row-admin');
    const status = screen.getByTestId('status');
    // Both reloads run on catalog:changed, and both fail: the sessions' failure lands last.
    catalogAnswer = fail('FileAccess', 'EACCES: permission denied, open catalog.json');
    sessionsAnswer = fail('KeychainUnavailable', 'The OS keychain is not reachable.');
    act(() => bridge.emit({ type: 'catalog:changed' }));
    await waitFor(() => expect(status.textContent).toMatch(/^Could not refresh the sessions/));
    // The sessions recover; the catalog still fails, and says so again.
    sessionsAnswer = ok(sessionsView());
    act(() => bridge.emit({ type: 'sessions:changed' }));
    await waitFor(() => expect(status.textContent).toMatch(/^Could not reload the catalog; what is shown may be out of date:The system refused access/));
    catalogAnswer = ok(CATALOG);
    act(() => bridge.emit({ type: 'catalog:changed' }));
    await waitFor(() => expect(status.textContent).toBe(''));
  });

  it('lands each sessions answer newer than the one shown, even while newer calls are still out', async () => {
    const answers: Array<(view: IpcResult<SessionsView>) => void> = [];
    const bridge = fakeBridge({
      'sessions:list': () => new Promise<IpcResult<SessionsView>>((resolve) => answers.push(resolve)),
      'session:assume': () => ok(assumedView('admin')),
    });
    const answer = (index: number, view: SessionsView) => act(async () => answers[index]!(ok(view)));
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await answer(0, sessionsView());
    // Assume, then reload after it; events keep coming faster than main answers.
    await userEvent.click(within(admin).getByRole('button', { name: 'Assume' }));
    await waitFor(() => expect(answers).toHaveLength(2));
    act(() => bridge.emit({ type: 'sessions:changed' }));
    expect(answers).toHaveLength(3);
    expect(admin.dataset.state).toBe('refreshing');
    await answer(1, sessionsView([roleSession('admin', HOUR)]));
    await waitFor(() => expect(admin.dataset.state).toBe('active'));
    act(() => bridge.emit({ type: 'sessions:changed' }));
    // Answers out of order: the newest lands, an older one after it does not.
    await answer(3, sessionsView());
    await waitFor(() => expect(admin.dataset.state).toBe('idle'));
    await answer(2, sessionsView([roleSession('admin', HOUR)]));
    expect(admin.dataset.state).toBe('idle');
  });

  it('offers Retry when the first catalog load failed', async () => {
    let answer: IpcResult<typeof CATALOG> = fail('KeychainUnavailable', 'The OS keychain is not reachable.');
    renderApp(fakeBridge({ 'catalog:list': () => answer }));
    const retry = await screen.findByRole('button', { name: 'Retry' });
    answer = ok(CATALOG);
    await userEvent.click(retry);
    expect(await screen.findByTestId('role-row-admin')).toBeTruthy();
  });
});
