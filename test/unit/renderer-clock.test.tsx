// @vitest-environment jsdom
// Expiry is judged by the clock, not by the last reload: the countdown ticks every second, the
// badge turns expiring then expired on time, and none of it re-renders the list or other rows.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { memo, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatCountdown } from '../../common/time';
import { createClock } from '../../renderer/src/state/clock';
import { clockPhase, roleState, type ClockPhase } from '../../renderer/src/state/role-state';
import { fakeBridge, isoIn, manualClock, ok, TEST_NOW, renderApp, roleSession, sessionsView } from '../support/renderer-fake-bridge';
import type * as RoleRowModule from '../../renderer/src/sessions/RoleRow';
import type { RoleRowProps } from '../../renderer/src/sessions/RoleRow';
import type * as RowViewModule from '../../renderer/src/sessions/RowView';
import type * as ToolbarModule from '../../renderer/src/sessions/Toolbar';
import type { ToolbarProps } from '../../renderer/src/sessions/Toolbar';

// Counts renders of the list (one renderRow call per row per list render), of each role row and
// of the toolbar, by wrapping the real modules (with their own memo comparators): the components
// under test are the real ones.
const counts = vi.hoisted(() => ({ listRows: 0, roleRow: new Map<string, number>(), toolbar: 0 }));
vi.mock('../../renderer/src/sessions/RowView', async (importOriginal) => {
  const real = await importOriginal<typeof RowViewModule>();
  return {
    ...real,
    renderRow: (...args: Parameters<typeof real.renderRow>) => {
      counts.listRows++;
      return real.renderRow(...args);
    },
  };
});
vi.mock('../../renderer/src/sessions/RoleRow', async (importOriginal) => {
  const real = await importOriginal<typeof RoleRowModule>();
  const { type: inner, compare } = real.RoleRow as unknown as { type: (props: RoleRowProps) => ReactNode; compare: (a: RoleRowProps, b: RoleRowProps) => boolean };
  return {
    ...real,
    RoleRow: memo(function CountedRoleRow(props: RoleRowProps) {
      const name = props.model.role.name;
      counts.roleRow.set(name, (counts.roleRow.get(name) ?? 0) + 1);
      return inner(props);
    }, compare),
  };
});
vi.mock('../../renderer/src/sessions/Toolbar', async (importOriginal) => {
  const real = await importOriginal<typeof ToolbarModule>();
  const inner = (real.Toolbar as unknown as { type: (props: ToolbarProps) => ReactNode }).type;
  return {
    ...real,
    Toolbar: memo(function CountedToolbar(props: ToolbarProps) {
      counts.toolbar++;
      return inner(props);
    }),
  };
});

afterEach(cleanup);
beforeEach(() => {
  counts.listRows = 0;
  counts.roleRow.clear();
  counts.toolbar = 0;
});

const MINUTE = 60_000;

describe('countdown and expiry by the clock', () => {
  it('ticks the countdown, flips the badge to expiring at the refresh lead and to expired at expiry, without re-rendering the list', async () => {
    const clock = manualClock();
    // 15 min refresh lead (the seeds' settings); admin has 20 min 5 s left.
    const bridge = fakeBridge({ 'sessions:list': () => ok(sessionsView([roleSession('admin', 20 * MINUTE + 5000)])) });
    renderApp(bridge, clock);
    const admin = await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(admin.dataset.state).toBe('active'));
    const countdown = screen.getByTestId('countdown-admin');
    expect(countdown.textContent).toBe('0:20:05 left');
    // The counters see renders at all (the wrapped modules are the ones in use).
    expect(counts.listRows).toBeGreaterThan(0);
    expect(counts.roleRow.get('admin')).toBeGreaterThan(0);

    counts.listRows = 0;
    counts.roleRow.clear();
    for (let i = 0; i < 5; i++) act(() => clock.advance(1000));
    expect(countdown.textContent).toBe('0:20:00 left');
    expect(admin.dataset.state).toBe('active');
    // Five ticks: the countdown changed, the list and the rows did not render.
    expect(counts.listRows).toBe(0);
    expect(counts.roleRow.size).toBe(0);

    act(() => clock.advance(5 * MINUTE - 1000));
    expect(countdown.textContent).toBe('0:15:01 left');
    expect(admin.dataset.state).toBe('active');
    act(() => clock.advance(2000));
    expect(admin.dataset.state).toBe('expiring');
    expect(within(admin).getByText('Expiring')).toBeTruthy();
    expect(screen.getByTestId('countdown-admin').textContent).toBe('0:14:59 left');
    // Only the row whose phase changed rendered, once; the list itself did not.
    expect(counts.roleRow.get('admin')).toBe(1);
    expect(counts.roleRow.get('exec-lambda')).toBeUndefined();
    expect(counts.listRows).toBe(0);

    act(() => clock.advance(15 * MINUTE));
    expect(admin.dataset.state).toBe('expired');
    expect(within(admin).getByText('Expired')).toBeTruthy();
    expect(screen.queryByTestId('countdown-admin')).toBeNull();
    expect(counts.roleRow.get('admin')).toBe(2);
    expect(counts.listRows).toBe(0);
    // An expired session can still be stopped (its profile is still written).
    expect(within(admin).getByRole('button', { name: 'Stop' })).toBeTruthy();
  });

  it('shows the user’s MFA session as expired once its time has passed', async () => {
    const clock = manualClock();
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([{ kind: 'mfa-session', name: 'dev-user', state: 'active', expiresAt: isoIn(2000), chain: ['dev-user'] }])),
    });
    renderApp(bridge, clock);
    const user = await screen.findByTestId('user-dev-user');
    await waitFor(() => expect(within(user).getByText(/^MFA session until/)).toBeTruthy());
    act(() => clock.advance(3000));
    expect(within(user).getByText(/^MFA session expired at/)).toBeTruthy();
  });

  it('judges expiry on main’s clock when the two differ (takenAt)', async () => {
    const clock = manualClock();
    // Main's clock is 10 minutes ahead: a session 12 minutes from main's now is 12 minutes from
    // ours only after correcting, so 2 minutes of local time is not enough to expire it.
    const mainNow = TEST_NOW + 10 * MINUTE;
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([roleSession('admin', 0, { expiresAt: new Date(mainNow + 12 * MINUTE).toISOString() })], [], new Date(mainNow))),
    });
    renderApp(bridge, clock);
    const admin = await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(admin.dataset.state).toBe('expiring'));
    expect(screen.getByTestId('countdown-admin').textContent).toMatch(/^0:1[12]:\d\d left$/);
  });
});

describe('what a sessions reload re-renders', () => {
  it('skips rows whose session did not change, and the toolbar, when main lists the same sessions again', async () => {
    let adminExpiresAt = isoIn(30 * MINUTE);
    const lambdaExpiresAt = isoIn(40 * MINUTE);
    // A fresh view (new objects) on every call, as main sends it.
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([roleSession('admin', 0, { expiresAt: adminExpiresAt }), roleSession('exec-lambda', 0, { expiresAt: lambdaExpiresAt })])),
    });
    renderApp(bridge, manualClock());
    const admin = await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(admin.dataset.state).toBe('active'));
    counts.roleRow.clear();
    counts.toolbar = 0;
    counts.listRows = 0;

    act(() => bridge.emit({ type: 'sessions:changed' }));
    await waitFor(() => expect(counts.listRows).toBeGreaterThan(0));
    expect(counts.roleRow.size).toBe(0);
    expect(counts.toolbar).toBe(0);

    // admin renewed: its row renders, the other does not.
    adminExpiresAt = isoIn(50 * MINUTE);
    act(() => bridge.emit({ type: 'sessions:changed' }));
    await waitFor(() => expect(counts.roleRow.get('admin')).toBe(1));
    expect(counts.roleRow.get('exec-lambda')).toBeUndefined();
  });
});

describe('when the clock runs', () => {
  it('runs no timer for a window without sessions, and one while a session is shown', async () => {
    const clock = manualClock();
    let listening = 0;
    const subscribe = clock.subscribe;
    clock.subscribe = (listener) => {
      listening++;
      const unsubscribe = subscribe(listener);
      return () => {
        listening--;
        unsubscribe();
      };
    };
    let view = sessionsView();
    const bridge = fakeBridge({ 'sessions:list': () => ok(view) });
    renderApp(bridge, clock);
    await screen.findByTestId('role-row-admin');
    expect(listening).toBe(0);
    view = sessionsView([roleSession('admin', 30 * MINUTE)]);
    act(() => bridge.emit({ type: 'sessions:changed' }));
    await waitFor(() => expect(screen.getByTestId('role-row-admin').dataset.state).toBe('active'));
    // The countdown subscribes in an effect after the row renders.
    await waitFor(() => expect(listening).toBeGreaterThan(0));
  });
});

describe('the shared clock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: TEST_NOW });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks once a second while someone listens, and stops when nobody does', () => {
    const clock = createClock();
    const listener = vi.fn();
    const unsubscribe = clock.subscribe(listener);
    const start = clock.now();
    vi.advanceTimersByTime(3000);
    expect(listener).toHaveBeenCalledTimes(3);
    expect(clock.now() - start).toBeGreaterThanOrEqual(2000);
    unsubscribe();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(3000);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('ticks at once when the window is shown again (a hidden window’s timers run late)', () => {
    const clock = createClock();
    const listener = vi.fn();
    const unsubscribe = clock.subscribe(listener);
    const before = clock.now();
    // Hidden for a minute: the browser held the timer back, so no tick came.
    vi.setSystemTime(Date.now() + 60_000);
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(clock.now() - before).toBeGreaterThanOrEqual(60_000);
    unsubscribe();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps one snapshot between ticks (useSyncExternalStore needs a stable value)', () => {
    const clock = createClock();
    const unsubscribe = clock.subscribe(() => undefined);
    const first = clock.snapshot();
    vi.advanceTimersByTime(10);
    expect(clock.snapshot()).toBe(first);
    unsubscribe();
  });

  it('reads the time now on demand, even with nothing ticking (no countdown on screen)', () => {
    let source = 1_000_000;
    const clock = createClock(1000, () => source);
    expect(clock.now()).toBe(1_000_000);
    source += 45 * MINUTE;
    expect(clock.now()).toBe(1_000_000 + 45 * MINUTE);
    clock.setOffset(5000);
    expect(clock.now()).toBe(1_000_000 + 45 * MINUTE + 5000);
    // A first render after a long quiet spell does not start from a time long past either.
    expect(clock.snapshot()).toBe(1_000_000 + 45 * MINUTE + 5000);

    // Ticking too: between ticks, now() moves on while the snapshot waits for the next tick.
    const unsubscribe = clock.subscribe(() => undefined);
    const snapshot = clock.snapshot();
    source += 300;
    expect(clock.now()).toBe(snapshot + 300);
    expect(clock.snapshot()).toBe(snapshot);
    unsubscribe();
  });

  it('calls back once main’s time reaches a moment, and not once cancelled', () => {
    const clock = createClock();
    const due = vi.fn();
    clock.at(clock.now() + 5000, due);
    vi.advanceTimersByTime(4999);
    expect(due).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(due).toHaveBeenCalledTimes(1);
    const cancelled = vi.fn();
    clock.at(clock.now() + 5000, cancelled)();
    vi.advanceTimersByTime(10_000);
    expect(cancelled).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('role state rules', () => {
  it('derives the phase from the expiry, the lead and now', () => {
    expect(clockPhase(undefined, 900_000, 0)).toBe('none');
    expect(clockPhase(2_000_000, 900_000, 0)).toBe('active');
    expect(clockPhase(800_000, 900_000, 0)).toBe('expiring');
    expect(clockPhase(1000, 900_000, 1000)).toBe('expired');
  });

  it('puts an operation first, never hides a live session, and says needs-MFA only where a code is needed', () => {
    const state = (phase: ClockPhase, busy: boolean, failed: boolean, needsMfa: boolean) => roleState({ phase, busy, failed, needsMfa });
    expect(state('active', true, true, true)).toBe('refreshing');
    // A failure shows as a note beside a live session, not instead of it.
    expect(state('active', false, true, true)).toBe('active');
    expect(state('expiring', false, true, false)).toBe('expiring');
    expect(state('active', false, false, true)).toBe('active');
    // Still working but its renewal needs a code: expiring (the row notes the code).
    expect(state('expiring', false, false, true)).toBe('expiring');
    // Gone, and a code is needed to get it back.
    expect(state('expired', false, false, true)).toBe('needs-mfa');
    expect(state('expired', false, false, false)).toBe('expired');
    expect(state('expired', false, true, true)).toBe('error');
    expect(state('none', false, true, false)).toBe('error');
    expect(state('none', false, false, true)).toBe('needs-mfa');
    expect(state('none', false, false, false)).toBe('idle');
  });

  it('formats what is left as h:mm:ss, never negative', () => {
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(59_999)).toBe('0:00:59');
    expect(formatCountdown(-5000)).toBe('0:00:00');
  });
});
