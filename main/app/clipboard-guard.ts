// Credentials copied to the clipboard do not stay there: the guard clears them after a while, and
// when the app quits. Electron-free (main/electron/index.ts hands it Electron's clipboard), so it is tested
// with fake timers.

export interface ClipboardGuardOptions {
  readText(): string;
  writeText(text: string): void;
  /** How long a copy stays on the clipboard. */
  clearAfterMs?: number;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** A clipboard that failed to read or write while clearing on the timer (main logs it). */
  onError?: (error: unknown) => void;
}

export interface ClipboardGuard {
  /** Writes `text` and clears it after `clearAfterMs`; a new copy starts the wait again. */
  copy(text: string): void;
  /** Clears now what the guard copied, if it is still there (the app is quitting). */
  clearNow(): void;
}

export const CLIPBOARD_CLEAR_AFTER_MS = 60_000;

export function createClipboardGuard(options: ClipboardGuardOptions): ClipboardGuard {
  const clearAfterMs = options.clearAfterMs ?? CLIPBOARD_CLEAR_AFTER_MS;
  const arm = options.setTimeout ?? ((callback, ms) => setTimeout(callback, ms));
  const disarm = options.clearTimeout ?? ((handle) => clearTimeout(handle as NodeJS.Timeout));
  /** What we put there and have not cleared yet. */
  let copied: string | undefined;
  let timer: unknown;

  function clear(): void {
    if (timer !== undefined) disarm(timer);
    timer = undefined;
    const ours = copied;
    copied = undefined;
    // SECURITY: the export holds keys and a token; but the user may have copied something else
    // since, and that is theirs: only exactly our text is removed.
    if (ours !== undefined && options.readText() === ours) options.writeText('');
  }

  return {
    copy(text) {
      options.writeText(text);
      copied = text;
      if (timer !== undefined) disarm(timer);
      timer = arm(() => {
        timer = undefined;
        try {
          clear();
        } catch (error) {
          options.onError?.(error);
        }
      }, clearAfterMs);
    },
    clearNow: clear,
  };
}
