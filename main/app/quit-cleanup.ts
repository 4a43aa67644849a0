// What happens as the app quits, Electron-free so it is tested as it is: no new change starts,
// changes in flight finish, the managed profiles are cleared when the user asked for it, the
// clipboard loses the export we put there. It runs once, however many ways the end is announced
// (a quit, the session ending on Windows, a system shutdown), and no step can keep the app from
// quitting: each wait is bounded and each failure is logged (names and codes only, main/app/log.ts)
// and passed over.
import type { ClearedProfiles } from '../core/operations/quit';
import { errorLabel } from './log';

export interface QuitCleanupSteps {
  /**
   * Refuses every change from now on (handlers' beginQuit): without it a change started after
   * the wait for idle could write a profile the clearing has already passed.
   */
  beginQuit(): void;
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

export interface QuitCleanupOptions {
  /**
   * Settles when there is no time left to wait for changes in flight (the session is ending):
   * the profiles are cleared at once.
   */
  hurry?: Promise<void>;
}

export const QUIT_STEP_TIMEOUT_MS = 5_000;

const TIMED_OUT = Symbol('timed out');
const HURRIED = Symbol('hurried');

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

function logger(steps: QuitCleanupSteps): (line: string) => void {
  return steps.log ?? ((line: string) => console.error(line));
}

/** Runs a step that must not stop the ones after it. */
function attempt(log: (line: string) => void, what: string, step: () => void): void {
  try {
    step();
  } catch (error) {
    log(`rolecall: ${what} failed: ${errorLabel(error)}`);
  }
}

/** The steps in order. Never rejects, and settles within about twice `timeoutMs`. */
export async function runQuitCleanup(steps: QuitCleanupSteps, options: QuitCleanupOptions = {}): Promise<void> {
  const limit = steps.timeoutMs ?? QUIT_STEP_TIMEOUT_MS;
  const log = logger(steps);
  attempt(log, 'refusing changes on quit', () => steps.beginQuit());
  try {
    const waiting = [steps.whenIdle(), ...(options.hurry ? [options.hurry.then(() => HURRIED)] : [])];
    const idle = await within(Promise.race(waiting), limit);
    if (idle === TIMED_OUT) log(`rolecall: quitting while a change is still running (waited ${limit} ms)`);
    else if (idle === HURRIED) log('rolecall: the session is ending while a change is still running: clearing now');
    const cleared = await within(steps.clearProfiles(), limit);
    if (cleared === TIMED_OUT) log(`rolecall: clearing profiles on quit timed out after ${limit} ms`);
    else if (cleared.failed.length > 0) log(`rolecall: these profiles could not be cleared on quit: ${cleared.failed.join(', ')}`);
  } catch (error) {
    log(`rolecall: clearing profiles on quit failed: ${errorLabel(error)}`);
  }
  attempt(log, 'clearing the clipboard on quit', () => steps.clearClipboard());
}

export interface QuitListeners {
  /**
   * The app's before-quit listener. The first quit is held (preventDefault) while the cleanup
   * runs, then `quit` is called again and let through; a quit asked for meanwhile is held too,
   * so the cleanup runs once and finishes.
   */
  beforeQuit(event: { preventDefault(): void }): void;
  /**
   * The session is ending: Windows' 'session-end' on the window (logging off, shutting down;
   * before-quit never comes then, and the process may be ended as soon as this returns), or
   * powerMonitor's 'shutdown' on Linux and macOS. What can be done at once is done before it
   * returns: changes are refused and the clipboard is cleared. Clearing the profiles starts at
   * once too, without waiting for changes in flight (or stops that wait, when a quit already
   * began the cleanup); it is asynchronous, so it finishes only if the OS gives it the moment it
   * takes. Then `quit`, once, as after before-quit.
   */
  endSession(): void;
}

export function createQuitListeners(steps: QuitCleanupSteps & { quit(): void }): QuitListeners {
  let state: 'waiting' | 'cleaning' | 'done' = 'waiting';
  let hurry: () => void = () => undefined;
  const hurried = new Promise<void>((resolve) => (hurry = resolve));
  const log = logger(steps);

  function start(): void {
    if (state !== 'waiting') return;
    state = 'cleaning';
    void runQuitCleanup(steps, { hurry: hurried }).finally(() => {
      state = 'done';
      steps.quit();
    });
  }

  return {
    beforeQuit(event) {
      if (state === 'done') return;
      event.preventDefault();
      start();
    },
    endSession() {
      // Done here, synchronously: once this returns Windows may end the process at any moment.
      // Both are idempotent, so the cleanup doing them again (or having done them) is harmless.
      attempt(log, 'refusing changes on quit', () => steps.beginQuit());
      attempt(log, 'clearing the clipboard on quit', () => steps.clearClipboard());
      hurry();
      start();
    },
  };
}
