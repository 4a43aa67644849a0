// One shared clock for every countdown and expiry badge. Components subscribe through
// useSyncExternalStore, so a tick re-renders only the subscribers (a countdown's text, or a row
// whose *derived* phase changed), never the list around them. Only what has an expiry listens
// (see useSessionPhase): a window without sessions runs no timer at all.
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';

export interface Clock {
  /** main's time in ms: the local clock plus the offset main reported (takenAt). */
  now(): number;
  subscribe(listener: () => void): () => void;
  /** Main's clock minus ours, so expiry is judged on the clock that wrote expiresAt. */
  setOffset(ms: number): void;
}

/**
 * Ticks on whole seconds while anyone listens, and stops when nobody does. A hidden window's
 * timers are throttled by the browser, so when it is shown again the clock ticks at once rather
 * than showing stale countdowns until the next (late) tick.
 */
export function createClock(tickMs = 1000): Clock {
  const listeners = new Set<() => void>();
  let offset = 0;
  // Cached between ticks: useSyncExternalStore needs the same snapshot until something changes.
  let current = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const schedule = () => {
    // Aligned on the tick boundary, so every countdown changes together, once per second.
    timer = setTimeout(tick, tickMs - (Date.now() % tickMs));
  };
  const tick = () => {
    current = Date.now();
    notify();
    schedule();
  };
  const onVisibility = () => {
    if (document.visibilityState !== 'visible' || timer === undefined) return;
    clearTimeout(timer);
    tick();
  };

  return {
    now: () => current + offset,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        current = Date.now();
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
  };
}

const sharedClock = createClock();

export const ClockContext = createContext<Clock>(sharedClock);

export function useClock(): Clock {
  return useContext(ClockContext);
}

/** The current time, re-rendering every tick: only for components that show seconds. */
export function useNow(): number {
  const clock = useClock();
  return useSyncExternalStore(clock.subscribe, clock.now);
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
  const snapshot = useCallback(() => derive(clock.now()), [clock, derive]);
  return useSyncExternalStore(timeless ? unchanging : clock.subscribe, snapshot);
}
