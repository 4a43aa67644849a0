// One shared clock for every countdown and expiry badge. Components subscribe through
// useSyncExternalStore, so a tick re-renders only the subscribers (a countdown's text, or a row
// whose *derived* phase changed), never the list around them. Only what has an expiry listens
// (see useSessionPhase): a window without sessions runs no timer at all. What is not rendered
// (whether an assume needs a code first, when to ask main again) reads now(), the time at the
// moment it asks, never a tick that may be long past.
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { ClockReading } from '../../../common/time';

export interface Clock {
  /** main's time in ms, read now: the local clock plus the offset main reported (takenAt). */
  now(): number;
  /** The local clock alone, without main's offset: what main's takenAt is compared with. */
  local(): number;
  /** The zone times are shown in; undefined: the system's. Tests pin it. */
  readonly timeZone: string | undefined;
  /**
   * main's time for rendering: the same value between ticks (useSyncExternalStore needs a stable
   * snapshot). While nothing ticks it is refreshed when read more than a tick late.
   */
  snapshot(): number;
  subscribe(listener: () => void): () => void;
  /** Main's clock minus ours, so expiry is judged on the clock that wrote expiresAt. */
  setOffset(ms: number): void;
  /** Calls `callback` once, when main's time reaches `time`; returns the function that cancels it. */
  at(time: number, callback: () => void): () => void;
}

/** setTimeout's longest delay: a longer one would fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Ticks on whole seconds while anyone listens, and stops when nobody does. A hidden window's
 * timers are throttled by the browser, so when it is shown again the clock ticks at once rather
 * than showing stale countdowns until the next (late) tick. `source` is the local time (ms);
 * `timeZone` the zone times are shown in (undefined: the system's).
 */
export function createClock(tickMs = 1000, source: () => number = Date.now, timeZone?: string): Clock {
  const listeners = new Set<() => void>();
  let offset = 0;
  // Cached between ticks: useSyncExternalStore needs the same snapshot until something changes.
  let current = source();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const schedule = () => {
    // Aligned on the tick boundary, so every countdown changes together, once per second.
    timer = setTimeout(tick, tickMs - (source() % tickMs));
  };
  const tick = () => {
    current = source();
    notify();
    schedule();
  };
  const onVisibility = () => {
    if (document.visibilityState !== 'visible' || timer === undefined) return;
    clearTimeout(timer);
    tick();
  };

  const now = () => source() + offset;

  return {
    now,
    local: source,
    timeZone,
    snapshot() {
      // Nothing ticking (no countdown on screen): a first render must not read a time long past.
      if (timer === undefined && source() - current >= tickMs) current = source();
      return current + offset;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        current = source();
        schedule();
        if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearTimeout(timer);
          timer = undefined;
          if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
        }
      };
    },
    setOffset(ms) {
      if (ms === offset) return;
      offset = ms;
      notify();
    },
    at(time, callback) {
      let timer: ReturnType<typeof setTimeout>;
      const arm = () => {
        const wait = time - now();
        // Beyond setTimeout's range: wait as long as it can, then look again.
        timer = setTimeout(wait > MAX_DELAY_MS ? arm : callback, Math.min(Math.max(wait, 0), MAX_DELAY_MS));
      };
      arm();
      return () => clearTimeout(timer);
    },
  };
}

const sharedClock = createClock();

export const ClockContext = createContext<Clock>(sharedClock);

export function useClock(): Clock {
  return useContext(ClockContext);
}

/** What a wall-clock time is formatted against: main's time now and the clock's zone. */
export function useClockReading(): ClockReading {
  const clock = useClock();
  return { now: clock.now(), timeZone: clock.timeZone };
}

/** The current time, re-rendering every tick: only for components that show seconds. */
export function useNow(): number {
  const clock = useClock();
  return useSyncExternalStore(clock.subscribe, clock.snapshot);
}

/** For a value that cannot change with time: no subscription, so no timer kept running for it. */
const unchanging = () => () => undefined;

/**
 * A value derived from the clock (e.g. 'active' | 'expiring' | 'expired'): the component
 * re-renders only when the derived value changes, not on every tick. `derive` must return a
 * primitive, compared with Object.is. `timeless`: the value does not depend on the time now
 * (e.g. a row without a session), so the clock need not tick for it.
 */
export function useClockValue<T extends string | number | boolean | undefined>(derive: (now: number) => T, timeless = false): T {
  const clock = useClock();
  const snapshot = useCallback(() => derive(clock.snapshot()), [clock, derive]);
  return useSyncExternalStore(timeless ? unchanging : clock.subscribe, snapshot);
}
