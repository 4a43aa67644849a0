// What happens as the app quits, Electron-free so it is tested as it is: changes in flight
// finish, the managed profiles are cleared when the user asked for it, the clipboard loses the
// export we put there. It runs once, and no step can keep the app from quitting: each wait is
// bounded and each failure is logged (names and codes only, main/log.ts) and passed over.
import type { ClearedProfiles } from './core/operations/quit';
import { errorLabel } from './log';

export interface QuitCleanupSteps {
  /** Resolves when no change is running (handlers' whenIdle): an assume still writing its profile. */
  whenIdle(): Promise<void>;
  /** core's clearProfilesIfAsked on the app's catalog and shared AWS files. */
  clearProfiles(): Promise<ClearedProfiles>;
  /** The clipboard guard's clearNow. */
  clearClipboard(): void;
  /** The longest each wait (changes in flight, clearing profiles) may take. */
  timeoutMs?: number;
  /** Main's log (stderr). */
  log?: (line: string) => void;
}

export const QUIT_STEP_TIMEOUT_MS = 5_000;

const TIMED_OUT = Symbol('timed out');

/** `promise`, or TIMED_OUT once `ms` have passed; the timer never outlives the race. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The steps in order. Never rejects, and settles within about twice `timeoutMs`. */
export async function runQuitCleanup(steps: QuitCleanupSteps): Promise<void> {
  const limit = steps.timeoutMs ?? QUIT_STEP_TIMEOUT_MS;
  const log = steps.log ?? ((line: string) => console.error(line));
  try {
    if ((await within(steps.whenIdle(), limit)) === TIMED_OUT) {
      log(`rolecall: quitting while a change is still running (waited ${limit} ms)`);
    }
    const cleared = await within(steps.clearProfiles(), limit);
    if (cleared === TIMED_OUT) log(`rolecall: clearing profiles on quit timed out after ${limit} ms`);
    else if (cleared.failed.length > 0) log(`rolecall: these profiles could not be cleared on quit: ${cleared.failed.join(', ')}`);
  } catch (error) {
    log(`rolecall: clearing profiles on quit failed: ${errorLabel(error)}`);
  }
  try {
    steps.clearClipboard();
  } catch (error) {
    log(`rolecall: clearing the clipboard on quit failed: ${errorLabel(error)}`);
  }
}

/**
 * The app's before-quit listener. The first quit is held (preventDefault) while the cleanup
 * runs, then `quit` is called again and let through; a quit asked for meanwhile is held too, so
 * the cleanup runs once and finishes.
 */
export function createBeforeQuit(steps: QuitCleanupSteps & { quit(): void }): (event: { preventDefault(): void }) => void {
  let state: 'waiting' | 'cleaning' | 'done' = 'waiting';
  return (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'cleaning') return;
    state = 'cleaning';
    void runQuitCleanup(steps).finally(() => {
      state = 'done';
      steps.quit();
    });
  };
}
