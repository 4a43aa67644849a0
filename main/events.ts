// How main tells the window that something changed. Electron-free, so it is tested as it is.
// Events carry no data (the page asks again through invoke), and they go out through one
// function that sends only a checked AppEvent to a window that is still there.
import { watch, type FSWatcher } from 'node:fs';
import { z } from 'zod';
import { EVENT_CHANNEL, type AppEvent } from '../preload/contract';

/** The part of Electron's WebContents the publisher uses. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

const appEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('catalog:changed') }),
  z.strictObject({ type: z.literal('sessions:changed') }),
]);

/**
 * The one way main pushes events. `getTarget` is asked on every event, so a window opened again
 * (macOS activate) gets them and a closed one is skipped. A payload that is not an AppEvent is a
 * bug in main: it throws rather than send the page something the contract does not name.
 */
export function createPublisher(getTarget: () => EventTarget | undefined): (event: AppEvent) => void {
  return (event) => {
    const checked = appEventSchema.parse(event);
    const target = getTarget();
    if (!target || target.isDestroyed()) return;
    target.send(EVENT_CHANNEL, { type: checked.type });
  };
}

export interface Watcher {
  close(): void;
}

export interface WatchOptions {
  /** A write is a burst of events (temp file, rename): wait this long after the last one. */
  debounceMs?: number;
}

/**
 * Calls `onChange` (debounced) when the file `name` in `dir` is written or replaced, for changes
 * made by other processes, e.g. the CLI. Best effort: a directory that is missing or goes away
 * means no events, never an error, because the app works without them and the page can still ask.
 */
export function watchFileIn(dir: string, name: string, onChange: () => void, options: WatchOptions = {}): Watcher {
  const debounceMs = options.debounceMs ?? 200;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const close = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    watcher?.close();
    watcher = undefined;
  };
  try {
    watcher = watch(dir, { persistent: false }, (_type, filename) => {
      // Atomic writes rename a temp file onto `name`; temp files and lock folders are ignored.
      // Some platforms give no filename: treat that as a change.
      if (filename !== null && filename.toString() !== name) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        onChange();
      }, debounceMs);
    });
    // The directory was removed or became unreadable: stop quietly.
    watcher.on('error', close);
  } catch {
    watcher = undefined;
  }
  return { close };
}

/** The catalog in the config directory (Rolecall's users, roles and settings). */
export function watchCatalog(dir: string, onChange: () => void, options: WatchOptions = {}): Watcher {
  return watchFileIn(dir, 'catalog.json', onChange, options);
}
