// @vitest-environment jsdom
// main's needs-MFA list is true for the moment it answered. The window asks again when time alone
// changes the answer (a role session falls under the reuse margin or expires, an MFA session gets
// too short to use), with one timer and no polling, and when it is shown again.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../common/contract';
import { refreshLeadMs } from '../../common/rules';
import { DEADLINE_SLACK_MS, deadlines, nextDeadline } from '../../renderer/src/state/timed-reload';
import { fail, fakeBridge, manualClock, ok, renderApp, roleSession, sessionsView } from '../support/renderer-fake-bridge';

afterEach(cleanup);

const MINUTE = 60_000;
/** main reuses a role session with at least this left (core's REUSE_MARGIN_MS). */
const REUSE_MARGIN = 15 * MINUTE;

/** Moves the clock (firing what is due) and lets the reloads it started land. */
async function advance(clock: ReturnType<typeof manualClock>, ms: number) {
  await act(async () => clock.advance(ms));
}

function mfaSession(user: string, expiresAt: number): SessionView {
  return { kind: 'mfa-session', name: user, state: 'active', expiresAt: new Date(expiresAt).toISOString(), chain: [user] };
}

describe('needs-MFA as time passes', () => {
  it('notes the code on a row once it is expiring, says needs-MFA at expiry, and Assume asks for the code first', async () => {
    const clock = manualClock();
    const expiresAt = clock.now() + 25 * MINUTE;
    // main, as needs-code.ts decides: admin's session is reused while 15 minutes or more are
    // left, and the MFA session has expired, so from then on its assume needs a code.
    const bridge = fakeBridge({
      'sessions:list': () =>
        ok(sessionsView([roleSession('admin', 0, { expiresAt: new Date(expiresAt).toISOString() })], expiresAt - clock.now() < REUSE_MARGIN ? ['admin'] : [])),
    });
    renderApp(bridge, clock);
    const admin = await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(admin.dataset.state).toBe('active'));
    const asked = bridge.callsTo('sessions:list').length;
    expect(within(admin).queryByTestId('mfa-renew-admin')).toBeNull();

    // T+10 min (and the slack): expiring, and main now says its renewal needs a code.
    await advance(clock, 10 * MINUTE + DEADLINE_SLACK_MS);
    expect(admin.dataset.state).toBe('expiring');
    await waitFor(() => expect(within(admin).getByTestId('mfa-renew-admin').textContent).toBe('A new MFA code is needed to renew this session.'));
    expect(bridge.callsTo('sessions:list')).toHaveLength(asked + 1);

    await advance(clock, 15 * MINUTE);
    await waitFor(() => expect(admin.dataset.state).toBe('needs-mfa'));
    await act(async () => within(admin).getByRole('button', { name: 'Assume' }).click());
    expect(screen.getByTestId('mfa-dialog')).toBeTruthy();
    expect(bridge.callsTo('session:assume')).toEqual([]);
  });

  it('says needs-MFA once the MFA session is too short for main to use (a minute before it expires)', async () => {
    const clock = manualClock();
    const mfaExpiresAt = clock.now() + 5 * MINUTE;
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([mfaSession('dev-user', mfaExpiresAt)], mfaExpiresAt - clock.now() < MINUTE ? ['admin'] : [])),
    });
    renderApp(bridge, clock);
    const admin = await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(bridge.callsTo('sessions:list')).toHaveLength(1));
    expect(admin.dataset.state).toBe('idle');
    await advance(clock, 3 * MINUTE);
    expect(admin.dataset.state).toBe('idle');
    await advance(clock, MINUTE + DEADLINE_SLACK_MS);
    await waitFor(() => expect(admin.dataset.state).toBe('needs-mfa'));
  });
});

describe('the reload timer', () => {
  it('is one timer, set again after each reload (failed ones too), and gone on unmount', async () => {
    const clock = manualClock();
    const start = clock.now();
    let answer = () =>
      ok(sessionsView([roleSession('admin', 0, { expiresAt: new Date(start + 20 * MINUTE).toISOString() }), mfaSession('dev-user', start + 30 * MINUTE)]));
    const bridge = fakeBridge({ 'sessions:list': () => answer() });
    const { unmount } = renderApp(bridge, clock);
    await waitFor(() => expect(screen.getByTestId('role-row-admin').dataset.state).toBe('active'));
    // Armed in an effect once the sessions are in: one, never more.
    await waitFor(() => expect(clock.timers()).toBe(1));
    const asked = () => bridge.callsTo('sessions:list').length;
    const before = asked();

    // Nothing is due before admin's lead (T+5 min): no reload.
    await advance(clock, 4 * MINUTE);
    expect(asked()).toBe(before);
    // Due: one reload, and the timer is set for the next deadline (admin's expiry).
    answer = () => fail('KeychainUnavailable', 'The OS keychain is not reachable.');
    await advance(clock, MINUTE + DEADLINE_SLACK_MS);
    await waitFor(() => expect(asked()).toBe(before + 1));
    await waitFor(() => expect(clock.timers()).toBe(1));
    // The failed reload did not leave it asking again and again.
    await advance(clock, 5 * MINUTE);
    expect(asked()).toBe(before + 1);
    await advance(clock, 10 * MINUTE);
    await waitFor(() => expect(asked()).toBe(before + 2));
    await waitFor(() => expect(clock.timers()).toBe(1));

    unmount();
    expect(clock.timers()).toBe(0);
  });

  it('reloads at once when the window is shown again (timers run late while it is hidden or asleep)', async () => {
    const bridge = fakeBridge();
    renderApp(bridge, manualClock());
    await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(bridge.callsTo('sessions:list')).toHaveLength(1));
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    await act(async () => document.dispatchEvent(new Event('visibilitychange')));
    expect(bridge.callsTo('sessions:list')).toHaveLength(1);
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    await act(async () => document.dispatchEvent(new Event('visibilitychange')));
    expect(bridge.callsTo('sessions:list')).toHaveLength(2);
  });

  it('sets no timer without sessions', async () => {
    const clock = manualClock();
    renderApp(fakeBridge(), clock);
    await screen.findByTestId('role-row-admin');
    expect(clock.timers()).toBe(0);
  });
});

describe('the deadlines', () => {
  const at = (ms: number) => new Date(ms).toISOString();
  const view = (sessions: SessionView[]) => sessionsView(sessions, [], new Date(0));

  it('are each role session’s expiry, its lead (never under 15 minutes) and the reuse margin, and each MFA session’s last usable minute', () => {
    const role = roleSession('admin', 0, { expiresAt: at(100 * MINUTE) });
    expect(deadlines(view([role]), refreshLeadMs(30)).sort((a, b) => a - b)).toEqual([70 * MINUTE, 85 * MINUTE, 100 * MINUTE]);
    expect(new Set(deadlines(view([role]), refreshLeadMs(5)))).toEqual(new Set([85 * MINUTE, 100 * MINUTE]));
    expect(deadlines(view([mfaSession('dev-user', 100 * MINUTE)]), 15 * MINUTE)).toEqual([99 * MINUTE]);
  });

  it('picks the first one after now', () => {
    const sessions = view([roleSession('admin', 0, { expiresAt: at(100 * MINUTE) }), mfaSession('dev-user', 90 * MINUTE)]);
    expect(nextDeadline(sessions, 15 * MINUTE, 0)).toBe(85 * MINUTE);
    expect(nextDeadline(sessions, 15 * MINUTE, 85 * MINUTE)).toBe(89 * MINUTE);
    expect(nextDeadline(sessions, 15 * MINUTE, 100 * MINUTE)).toBeUndefined();
    expect(nextDeadline(undefined, 15 * MINUTE, 0)).toBeUndefined();
  });
});
