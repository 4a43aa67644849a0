// One shared clock for every countdown and expiry badge. Components subscribe through
// useSyncExternalStore, so a tick re-renders only the subscribers (a countdown's text, or a row
// whose *derived* phase changed), never the list around them.
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';

export interface Clock {
  /** main's time in ms: the local clock plus the offset main reported (takenAt). */
  now(): number;
  subscribe(listener: () => void): () => void;
  /** Main's clock minus ours, so expiry is judged on the clock that wrote expiresAt. */
  setOffset(ms: number): void;
}

/** Ticks on whole seconds while anyone listens; stops when nobody does (no idle timers). */
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
    timer = setTimeout(
      () => {
        current = Date.now();
        notify();
        schedule();
      },
      tickMs - (Date.now() % tickMs),
    );
  };

  return {
    now: () => current + offset,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        current = Date.now();
        schedule();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearTimeout(timer);
          timer = undefined;
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

/**
 * A value derived from the clock (e.g. 'active' | 'expiring' | 'expired'): the component
 * re-renders only when the derived value changes, not on every tick. `derive` must return a
 * primitive, compared with Object.is.
 */
export function useClockValue<T extends string | number | boolean | undefined>(derive: (now: number) => T): T {
  const clock = useClock();
  const snapshot = useCallback(() => derive(clock.now()), [clock, derive]);
  return useSyncExternalStore(clock.subscribe, snapshot);
}
