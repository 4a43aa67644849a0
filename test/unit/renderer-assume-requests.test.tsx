// @vitest-environment jsdom
// Requests from the tray and notifications (taken on load and on `assume:requested`) run the
// row's own assume flow: the MFA dialog first when a code is needed, `refresh` for an extend,
// nothing for an empty take or a role the catalog does not have. And a live session main will not
// renew by itself says so on its row, with the button that renews it now, in both languages.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogListView, IpcResult, SessionsView } from '../../common/contract';
import { CATALOG } from '../support/catalog-view';
import {
  assumedView,
  fail,
  fakeBridge,
  JA_ALLOWED_WORDS,
  ok,
  renderApp,
  roleSession,
  sessionsView,
  translatableText,
  withLanguage,
  isoIn,
} from '../support/renderer-fake-bridge';

afterEach(cleanup);

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Lets every pending promise (the bridge's answers) and the renders they cause land. */
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

const assumeButton = (role: string) => within(screen.getByTestId(`role-row-${role}`)).getByRole('button', { name: 'Assume' });

describe('a request from the tray', () => {
  it('taken on load: opens the MFA dialog for a role that needs a code, then assumes it with the code', async () => {
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([], ['admin'])),
      'session:assume': ({ name }) => ok(assumedView(name)),
    });
    bridge.pendingRequest = { role: 'admin', extend: false };
    renderApp(bridge);
    const dialog = await screen.findByRole('dialog', { name: 'MFA for dev-user' });
    expect(dialog.textContent).toContain('to assume admin');
    // Taken once the sessions were known, so the dialog came first: no call that fails for a code.
    const channels = bridge.calls.map((c) => c.channel);
    expect(channels.indexOf('assume:take-request')).toBeGreaterThan(channels.indexOf('sessions:list'));
    await waitFor(() => expect(bridge.callsTo('assume:take-request')).toEqual([{}]));
    expect(bridge.callsTo('session:assume')).toEqual([]);

    await userEvent.type(within(dialog).getByLabelText('MFA code'), '123456');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('session:assume')).toEqual([{ name: 'admin', mfaCode: '123456' }]);
    expect(screen.getByTestId('status').textContent).toMatch(/Assumed admin into profile admin/);
    // The row was focused before the dialog opened, so focus comes back to it.
    expect(document.activeElement).toBe(assumeButton('admin'));
  });

  it('heard as an event: assumes a role that needs no code at once, and focuses its row', async () => {
    const bridge = fakeBridge({ 'session:assume': ({ name }) => ok(assumedView(name)) });
    renderApp(bridge);
    await screen.findByTestId('role-row-exec-lambda');
    await settle();
    await waitFor(() => expect(bridge.callsTo('assume:take-request')).toEqual([{}]));

    act(() => bridge.requestAssume('exec-lambda'));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/Assumed exec-lambda/));
    await waitFor(() => expect(bridge.callsTo('assume:take-request')).toHaveLength(2));
    expect(bridge.callsTo('session:assume')).toEqual([{ name: 'exec-lambda' }]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(assumeButton('exec-lambda'));
  });

  it('opens the dialog when main answers MfaCodeRequired, as the row’s button does', async () => {
    const bridge = fakeBridge({
      'session:assume': ({ name, mfaCode }) =>
        mfaCode ? ok(assumedView(name)) : fail('MfaCodeRequired', `assuming ${name} needs a fresh MFA code for user dev-user.`, { user: 'dev-user' }),
    });
    renderApp(bridge);
    await screen.findByTestId('role-row-admin');
    await settle();
    act(() => bridge.requestAssume('admin'));
    const dialog = await screen.findByRole('dialog', { name: 'MFA for dev-user' });
    await userEvent.type(within(dialog).getByLabelText('MFA code'), '246810');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('session:assume')).toEqual([{ name: 'admin' }, { name: 'admin', mfaCode: '246810' }]);
  });

  it('extend: asks main for a new session (refresh), without a dialog when renewing needs no code', async () => {
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([roleSession('admin', HOUR)])),
      'session:assume': ({ name }) => ok(assumedView(name)),
    });
    bridge.pendingRequest = { role: 'admin', extend: true };
    renderApp(bridge);
    await waitFor(() => expect(bridge.callsTo('session:assume')).toEqual([{ name: 'admin', refresh: true }]));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('extend: opens the dialog first when the session’s renewal needs a code, then sends the code with refresh', async () => {
    const bridge = fakeBridge({
      // A live session: main's needs-code list (about a plain assume) leaves it out.
      'sessions:list': () => ok(sessionsView([roleSession('exec-lambda', HOUR, { renewal: 'needs-mfa-code' })])),
      'session:assume': ({ name }) => ok(assumedView(name)),
    });
    renderApp(bridge);
    await screen.findByTestId('renewal-exec-lambda');
    await settle();
    act(() => bridge.requestAssume('exec-lambda', true));
    const dialog = await screen.findByRole('dialog', { name: 'MFA for dev-user' });
    expect(dialog.textContent).toContain('to extend the session of exec-lambda');
    expect(bridge.callsTo('session:assume')).toEqual([]);
    await userEvent.type(within(dialog).getByLabelText('MFA code'), '135790');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('session:assume')).toEqual([{ name: 'exec-lambda', mfaCode: '135790', refresh: true }]);
  });

  it('does nothing when the take answers with no role (another window or click took it)', async () => {
    const bridge = fakeBridge({ 'session:assume': ({ name }) => ok(assumedView(name)) });
    renderApp(bridge);
    await screen.findByTestId('role-row-admin');
    // The take on load (after the first sessions), then the one the event asks for.
    await waitFor(() => expect(bridge.callsTo('assume:take-request')).toEqual([{}]));
    act(() => bridge.emit({ type: 'assume:requested' }));
    await settle();
    await waitFor(() => expect(bridge.callsTo('assume:take-request')).toEqual([{}, {}]));
    expect(bridge.callsTo('session:assume')).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('status').textContent).toBe('');
    expect(document.activeElement).toBe(document.body);
  });

  it('ignores a role the catalog does not have: no call, no dialog, no message, the list as it was', async () => {
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([], ['admin'])),
      'session:assume': ({ name }) => ok(assumedView(name)),
    });
    bridge.pendingRequest = { role: 'ghost', extend: false };
    renderApp(bridge);
    await screen.findByTestId('role-row-admin');
    await settle();
    await waitFor(() => expect(bridge.callsTo('assume:take-request')).toEqual([{}]));
    expect(bridge.callsTo('session:assume')).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('status').textContent).toBe('');
    expect(screen.getAllByTestId(/^role-row-/).map((row) => row.dataset.testid)).toEqual(['role-row-admin', 'role-row-exec-lambda']);
  });

  it('waits for the first sessions before taking, so a role that needs a code gets the dialog first', async () => {
    let answer!: (result: IpcResult<SessionsView>) => void;
    const bridge = fakeBridge({
      'sessions:list': () => new Promise((resolve) => (answer = resolve)),
      'session:assume': ({ name }) => ok(assumedView(name)),
    });
    renderApp(bridge);
    await screen.findByTestId('role-row-admin');
    act(() => bridge.requestAssume('admin'));
    await settle();
    expect(bridge.callsTo('assume:take-request')).toEqual([]);

    await act(async () => answer(ok(sessionsView([], ['admin']))));
    await screen.findByRole('dialog', { name: 'MFA for dev-user' });
    await waitFor(() => expect(bridge.callsTo('assume:take-request')).toEqual([{}]));
    expect(bridge.callsTo('session:assume')).toEqual([]);
  });

  it('clears a filter that hides the role, so its row is there to focus', async () => {
    const bridge = fakeBridge({ 'session:assume': ({ name }) => ok(assumedView(name)) });
    renderApp(bridge);
    await userEvent.type(await screen.findByTestId('filter'), 'lambda');
    expect(screen.queryByTestId('role-row-admin')).toBeNull();
    act(() => bridge.requestAssume('admin'));
    await waitFor(() => expect(bridge.callsTo('session:assume')).toEqual([{ name: 'admin' }]));
    expect((screen.getByTestId('filter') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(assumeButton('admin'));
  });

  it('starts nothing new while the row’s own assume is still running', async () => {
    const never = new Promise<never>(() => undefined);
    const bridge = fakeBridge({ 'session:assume': () => never });
    renderApp(bridge);
    await screen.findByTestId('role-row-admin');
    await userEvent.click(assumeButton('admin'));
    act(() => bridge.requestAssume('admin'));
    await settle();
    await waitFor(() => expect(bridge.callsTo('assume:take-request')).toHaveLength(2));
    expect(bridge.callsTo('session:assume')).toEqual([{ name: 'admin' }]);
  });
});

describe('a request for a row the long list has not rendered', () => {
  // jsdom lays nothing out: a window's height for the scroll box, 100 px a row, and scrolling as a
  // browser does it (the scroll event comes after, not inside, the call).
  const scrollTo = Element.prototype.scrollTo;
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('list-scroll') ? 600 : 0;
    });
    vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('list-scroll') ? 100_000 : 0;
    });
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return this.dataset.index === undefined ? 0 : 100;
    });
    Element.prototype.scrollTo = function (this: Element, options?: ScrollToOptions | number) {
      Object.defineProperty(this, 'scrollTop', { value: typeof options === 'object' ? (options.top ?? 0) : 0, configurable: true, writable: true });
      setTimeout(() => this.dispatchEvent(new Event('scroll')), 0);
    } as Element['scrollTo'];
  });
  afterEach(() => {
    vi.restoreAllMocks();
    Element.prototype.scrollTo = scrollTo;
  });

  /** dev-user's roles r-0, r-1, …: more than VIRTUALISE_ABOVE makes the list virtualised. */
  const manyRoles = (count: number): CatalogListView => ({
    ...CATALOG,
    roles: Array.from({ length: count }, (_, n) => ({ name: `r-${n}`, roleArn: `arn:aws:iam::123456789012:role/r-${n}`, source: 'dev-user', direct: false })),
  });

  it('scrolls the virtualised list to it, focuses it, and assumes it', async () => {
    const bridge = fakeBridge({ 'session:assume': ({ name }) => ok(assumedView(name)) }, manyRoles(200));
    renderApp(bridge);
    await screen.findByTestId('role-row-r-0');
    expect(screen.queryByTestId('role-row-r-150')).toBeNull();
    act(() => bridge.requestAssume('r-150'));
    await waitFor(() => expect(bridge.callsTo('session:assume')).toEqual([{ name: 'r-150' }]));
    await waitFor(() => expect(document.activeElement).toBe(assumeButton('r-150')));
  });

  it('does not take focus again when the list remounts (the filter crossed into the virtualised list)', async () => {
    const bridge = fakeBridge({ 'session:assume': ({ name }) => ok(assumedView(name)) }, manyRoles(70));
    renderApp(bridge);
    const filter = await screen.findByTestId('filter');
    await userEvent.type(filter, 'r-1');
    act(() => bridge.requestAssume('r-15'));
    await waitFor(() => expect(document.activeElement).toBe(assumeButton('r-15')));
    await userEvent.clear(filter);
    await settle();
    expect(screen.getAllByRole('listitem').length).toBeLessThan(71);
    expect(document.activeElement).toBe(filter);
  });
});

describe('a session that will not renew by itself', () => {
  it('needs a code: says so beside the live state, and Extend… asks for the code, then sends refresh', async () => {
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([roleSession('admin', HOUR, { renewal: 'needs-mfa-code' })])),
      'session:assume': ({ name }) => ok(assumedView(name)),
    });
    renderApp(bridge);
    const note = await screen.findByTestId('renewal-admin');
    const admin = screen.getByTestId('role-row-admin');
    // The badge still says the session works; the note carries the renewal problem.
    expect(admin.dataset.state).toBe('active');
    expect(within(note).getByText('Won’t renew by itself: an MFA code is needed.')).toBeTruthy();
    const extend = within(note).getByRole('button', { name: 'Extend…' });
    expect(extend.dataset.testid).toBe('extend-admin');
    // Normal rows renew themselves: no such note or button.
    expect(screen.queryByTestId('renewal-exec-lambda')).toBeNull();
    expect(screen.queryByTestId('extend-exec-lambda')).toBeNull();

    await userEvent.click(extend);
    const dialog = screen.getByRole('dialog', { name: 'MFA for dev-user' });
    expect(bridge.callsTo('session:assume')).toEqual([]);
    await userEvent.type(within(dialog).getByLabelText('MFA code'), '111222');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('session:assume')).toEqual([{ name: 'admin', mfaCode: '111222', refresh: true }]);
  });

  it('replaces the generic renew-with-a-code note on an expiring row, rather than saying it twice', async () => {
    const bridge = fakeBridge({ 'sessions:list': () => ok(sessionsView([roleSession('admin', 5 * MINUTE, { renewal: 'needs-mfa-code' })], ['admin'])) });
    renderApp(bridge);
    const note = await screen.findByTestId('renewal-admin');
    expect(screen.getByTestId('role-row-admin').dataset.state).toBe('expiring');
    expect(note.textContent).toContain('Won’t renew by itself');
    expect(screen.queryByTestId('mfa-renew-admin')).toBeNull();
  });

  it('failed: says Rolecall keeps trying, and Renew now assumes with refresh at once', async () => {
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([roleSession('admin', HOUR, { renewal: 'failed' })])),
      'session:assume': ({ name }) => ok(assumedView(name)),
    });
    renderApp(bridge);
    const note = await screen.findByTestId('renewal-admin');
    expect(within(note).getByText('Renewal failed; Rolecall keeps trying.')).toBeTruthy();
    await userEvent.click(within(note).getByRole('button', { name: 'Renew now' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(bridge.callsTo('session:assume')).toEqual([{ name: 'admin', refresh: true }]));
  });

  it('appears and goes as main marks the same session (the row re-renders for the mark alone)', async () => {
    const expiresAt = isoIn(HOUR);
    let view = sessionsView([roleSession('admin', HOUR, { expiresAt })]);
    const bridge = fakeBridge({ 'sessions:list': () => ok(view) });
    renderApp(bridge);
    await waitFor(() => expect(screen.getByTestId('role-row-admin').dataset.state).toBe('active'));
    expect(screen.queryByTestId('renewal-admin')).toBeNull();
    view = sessionsView([roleSession('admin', HOUR, { expiresAt, renewal: 'failed' })]);
    act(() => bridge.emit({ type: 'sessions:changed' }));
    expect((await screen.findByTestId('renewal-admin')).textContent).toContain('Renewal failed');
    view = sessionsView([roleSession('admin', HOUR, { expiresAt })]);
    act(() => bridge.emit({ type: 'sessions:changed' }));
    await waitFor(() => expect(screen.queryByTestId('renewal-admin')).toBeNull());
  });

  it('says both in Japanese, with Japanese buttons', async () => {
    const bridge = fakeBridge(
      {
        'sessions:list': () => ok(sessionsView([roleSession('admin', HOUR, { renewal: 'needs-mfa-code' }), roleSession('exec-lambda', HOUR, { renewal: 'failed' })])),
      },
      withLanguage(CATALOG, 'ja'),
    );
    renderApp(bridge);
    const needsCode = await screen.findByTestId('renewal-admin');
    const failed = screen.getByTestId('renewal-exec-lambda');
    // The language follows the catalog's setting once it is read.
    expect(await within(needsCode).findByText('自動では更新されません：MFA コードが必要です。')).toBeTruthy();
    expect(within(needsCode).getByRole('button', { name: '延長…' })).toBeTruthy();
    expect(within(failed).getByText('更新に失敗しました。Rolecall が再試行を続けています。')).toBeTruthy();
    expect(within(failed).getByRole('button', { name: '今すぐ更新' })).toBeTruthy();
    for (const note of [needsCode, failed]) expect(translatableText(note).replace(JA_ALLOWED_WORDS, '')).not.toMatch(/[A-Za-z]/);

    await userEvent.click(within(needsCode).getByRole('button', { name: '延長…' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('admin のセッションを延長するため');
  });
});
