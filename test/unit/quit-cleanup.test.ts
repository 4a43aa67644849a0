// main/app/quit-cleanup.ts with fake timers: quitting refuses new changes, waits for changes in
// flight, clears the profiles when asked, clears the clipboard, runs once however the end is
// announced (a quit, the session ending), and can never hang.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RolecallError } from '../../main/core/errors';
import { createQuitListeners, QUIT_STEP_TIMEOUT_MS, runQuitCleanup, type QuitCleanupSteps } from '../../main/app/quit-cleanup';

const never = () => new Promise<never>(() => undefined);

function steps(overrides: Partial<QuitCleanupSteps> = {}) {
  const order: string[] = [];
  const log = vi.fn();
  const all = {
    beginQuit: vi.fn(() => void order.push('begin')),
    whenIdle: vi.fn(async () => void order.push('idle')),
    clearProfiles: vi.fn(async () => {
      order.push('profiles');
      return { removed: ['admin'], failed: [] };
    }),
    clearClipboard: vi.fn(() => void order.push('clipboard')),
    log,
    ...overrides,
  };
  return { order, log, steps: all };
}

describe('runQuitCleanup', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('refuses new changes, waits for changes in flight, then clears the profiles, then the clipboard', async () => {
    const { order, log, steps: s } = steps();
    await runQuitCleanup(s);
    expect(order).toEqual(['begin', 'idle', 'profiles', 'clipboard']);
    expect(log).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not clear profiles before a running change has finished', async () => {
    let finish: () => void = () => undefined;
    const { order, steps: s } = steps({ whenIdle: () => new Promise<void>((resolve) => (finish = resolve)) });
    const done = runQuitCleanup(s);
    await vi.advanceTimersByTimeAsync(1000);
    expect(order).toEqual(['begin']);
    finish();
    await done;
    expect(order).toEqual(['begin', 'profiles', 'clipboard']);
  });

  it('never hangs: a change that never ends and a clearing that never ends each get 5 s', async () => {
    const { order, log, steps: s } = steps({ whenIdle: never, clearProfiles: never });
    let settled = false;
    void runQuitCleanup(s).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(QUIT_STEP_TIMEOUT_MS);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(QUIT_STEP_TIMEOUT_MS);
    expect(settled).toBe(true);
    expect(order).toEqual(['begin', 'clipboard']);
    expect(log.mock.calls.map(([line]) => line)).toEqual([
      'rolecall: quitting while a change is still running (waited 5000 ms)',
      'rolecall: clearing profiles on quit timed out after 5000 ms',
    ]);
    expect(QUIT_STEP_TIMEOUT_MS).toBe(5000);
  });

  it('logs what failed by name and code only, and still clears the clipboard', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const failing = steps({ clearProfiles: async () => Promise.reject(new RolecallError(`bad ${secret}`, undefined, 'FileLocked')) });
    await runQuitCleanup(failing.steps);
    expect(failing.order).toEqual(['begin', 'idle', 'clipboard']);
    expect(failing.log).toHaveBeenCalledWith('rolecall: clearing profiles on quit failed: RolecallError (FileLocked)');

    const partly = steps({ clearProfiles: async () => ({ removed: ['admin'], failed: ['deploy'] }) });
    await runQuitCleanup(partly.steps);
    expect(partly.log).toHaveBeenCalledWith('rolecall: these profiles could not be cleared on quit: deploy');

    const clipboard = steps({
      clearClipboard: () => {
        throw new TypeError(secret);
      },
    });
    await expect(runQuitCleanup(clipboard.steps)).resolves.toBeUndefined();
    expect(clipboard.log).toHaveBeenCalledWith('rolecall: clearing the clipboard on quit failed: TypeError');
    for (const run of [failing, partly, clipboard]) expect(JSON.stringify(run.log.mock.calls)).not.toContain(secret);
  });

  it('still clears when refusing changes fails', async () => {
    const {
      order,
      log,
      steps: s,
    } = steps({
      beginQuit: () => {
        throw new TypeError('no table');
      },
    });
    await runQuitCleanup(s);
    expect(order).toEqual(['idle', 'profiles', 'clipboard']);
    expect(log).toHaveBeenCalledWith('rolecall: refusing changes on quit failed: TypeError');
  });
});

describe('createQuitListeners: before-quit', () => {
  it('holds the first quit, cleans up once, then quits again and lets that through', async () => {
    const { order, steps: s } = steps();
    const quit = vi.fn();
    const { beforeQuit } = createQuitListeners({ ...s, quit });
    const first = { preventDefault: vi.fn() };
    beforeQuit(first);
    expect(first.preventDefault).toHaveBeenCalledTimes(1);
    // Quit asked again while cleaning (Cmd+Q twice): held as well, and no second cleanup.
    const second = { preventDefault: vi.fn() };
    beforeQuit(second);
    expect(second.preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    expect(order).toEqual(['begin', 'idle', 'profiles', 'clipboard']);
    // The quit main asks for after the cleanup goes through.
    const last = { preventDefault: vi.fn() };
    beforeQuit(last);
    expect(last.preventDefault).not.toHaveBeenCalled();
    expect(s.whenIdle).toHaveBeenCalledTimes(1);
    expect(s.clearProfiles).toHaveBeenCalledTimes(1);
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('quits even when a step throws', async () => {
    const quit = vi.fn();
    const { beforeQuit } = createQuitListeners({
      ...steps().steps,
      whenIdle: () => {
        throw new Error('boom');
      },
      quit,
    });
    beforeQuit({ preventDefault: vi.fn() });
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
  });
});

describe('createQuitListeners: the session ends (Windows log-off or shutdown, a system shutdown)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('refuses changes and clears the clipboard before it returns, then clears the profiles at once and quits', async () => {
    // A change still running that would hold a quit for 5 s: the session will not wait that long.
    const { order, log, steps: s } = steps({ whenIdle: never });
    const quit = vi.fn();
    const { endSession, beforeQuit } = createQuitListeners({ ...s, quit });
    endSession();
    // Done before it returned (the cleanup refusing changes again is harmless: it only sets a flag).
    expect(order).toEqual(['begin', 'clipboard', 'begin']);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.clearProfiles).toHaveBeenCalledTimes(1);
    expect(quit).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith('rolecall: the session is ending while a change is still running: clearing now');
    // The quit it asked for goes through; the end announced again runs nothing again.
    const event = { preventDefault: vi.fn() };
    beforeQuit(event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    endSession();
    await vi.advanceTimersByTimeAsync(2 * QUIT_STEP_TIMEOUT_MS);
    expect(s.clearProfiles).toHaveBeenCalledTimes(1);
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('with nothing running, runs the cleanup once and says nothing', async () => {
    const { log, steps: s } = steps();
    const quit = vi.fn();
    createQuitListeners({ ...s, quit }).endSession();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.clearProfiles).toHaveBeenCalledTimes(1);
    expect(quit).toHaveBeenCalledTimes(1);
    expect(log).not.toHaveBeenCalled();
  });

  it('during a quit already cleaning up: no second cleanup, and the wait for changes in flight stops', async () => {
    const { order, steps: s } = steps({ whenIdle: never });
    const quit = vi.fn();
    const { beforeQuit, endSession } = createQuitListeners({ ...s, quit });
    beforeQuit({ preventDefault: vi.fn() });
    await vi.advanceTimersByTimeAsync(1000);
    expect(order).toEqual(['begin']);
    endSession();
    expect(order).toEqual(['begin', 'begin', 'clipboard']);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.clearProfiles).toHaveBeenCalledTimes(1);
    expect(quit).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears the clipboard even when refusing changes fails', () => {
    const {
      order,
      log,
      steps: s,
    } = steps({
      beginQuit: () => {
        throw new TypeError('no table');
      },
      whenIdle: never,
    });
    createQuitListeners({ ...s, quit: vi.fn() }).endSession();
    expect(order).toEqual(['clipboard']);
    expect(log).toHaveBeenCalledWith('rolecall: refusing changes on quit failed: TypeError');
  });
});
