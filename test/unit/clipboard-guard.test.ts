// main/app/clipboard-guard.ts with fake timers and a fake clipboard: an export copied from the window
// leaves the clipboard after a minute or when the app quits, unless the user copied something else.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLIPBOARD_CLEAR_AFTER_MS, createClipboardGuard } from '../../main/app/clipboard-guard';

const EXPORT = "export AWS_ACCESS_KEY_ID='ASIA…'\nexport AWS_SECRET_ACCESS_KEY='…'\nexport AWS_SESSION_TOKEN='…'\n";

function fakeClipboard(initial = '') {
  let text = initial;
  return {
    readText: vi.fn(() => text),
    writeText: vi.fn((value: string) => void (text = value)),
    get text() {
      return text;
    },
  };
}

describe('createClipboardGuard', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('clears the copied export after a minute by default', () => {
    const clipboard = fakeClipboard('before');
    const guard = createClipboardGuard(clipboard);
    guard.copy(EXPORT);
    expect(clipboard.text).toBe(EXPORT);
    vi.advanceTimersByTime(CLIPBOARD_CLEAR_AFTER_MS - 1);
    expect(clipboard.text).toBe(EXPORT);
    vi.advanceTimersByTime(1);
    expect(clipboard.text).toBe('');
    expect(CLIPBOARD_CLEAR_AFTER_MS).toBe(60_000);
  });

  it('leaves what the user copied since alone', () => {
    const clipboard = fakeClipboard();
    const guard = createClipboardGuard({ ...clipboard, clearAfterMs: 1000 });
    guard.copy(EXPORT);
    clipboard.writeText('my own note');
    vi.advanceTimersByTime(1000);
    expect(clipboard.text).toBe('my own note');
    guard.clearNow();
    expect(clipboard.text).toBe('my own note');
  });

  it('starts the wait again on a new copy, with one timer only', () => {
    const clipboard = fakeClipboard();
    const guard = createClipboardGuard({ ...clipboard, clearAfterMs: 1000 });
    guard.copy('first export');
    vi.advanceTimersByTime(600);
    guard.copy(EXPORT);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(600);
    expect(clipboard.text).toBe(EXPORT);
    vi.advanceTimersByTime(400);
    expect(clipboard.text).toBe('');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears now on quit and cancels the timer; with nothing copied it touches nothing', () => {
    const untouched = fakeClipboard('the user’s text');
    createClipboardGuard(untouched).clearNow();
    expect(untouched.readText).not.toHaveBeenCalled();
    expect(untouched.writeText).not.toHaveBeenCalled();

    const clipboard = fakeClipboard();
    const guard = createClipboardGuard(clipboard);
    guard.copy(EXPORT);
    guard.clearNow();
    expect(clipboard.text).toBe('');
    expect(vi.getTimerCount()).toBe(0);
    // Once cleared, the guard has nothing left to clear, even if the same text comes back.
    clipboard.writeText(EXPORT);
    guard.clearNow();
    expect(clipboard.text).toBe(EXPORT);
  });

  it('uses the timers it is given', () => {
    const clipboard = fakeClipboard();
    const pending: Array<() => void> = [];
    const setTimeout = vi.fn((callback: () => void) => pending.push(callback));
    const clearTimeout = vi.fn();
    const guard = createClipboardGuard({ ...clipboard, clearAfterMs: 5, setTimeout, clearTimeout });
    guard.copy('one');
    guard.copy(EXPORT);
    expect(setTimeout).toHaveBeenCalledTimes(2);
    expect(setTimeout).toHaveBeenLastCalledWith(expect.any(Function), 5);
    expect(clearTimeout).toHaveBeenCalledWith(1);
    pending[1]?.();
    expect(clipboard.text).toBe('');
  });

  it('reports a clipboard that fails on the timer instead of throwing there', () => {
    const onError = vi.fn();
    const guard = createClipboardGuard({
      readText: () => {
        throw new Error('no display');
      },
      writeText: () => undefined,
      clearAfterMs: 10,
      onError,
    });
    guard.copy(EXPORT);
    expect(() => vi.advanceTimersByTime(10)).not.toThrow();
    expect(onError).toHaveBeenCalledTimes(1);
  });
});
