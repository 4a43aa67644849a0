// Watches files other processes write (the CLI, another AWS tool) so their changes reach the
// window as events. Electron-free, so it is tested as it is. No polling: fs.watch on a folder.
import { statSync, watch, type FSWatcher, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

export interface Watcher {
  close(): void;
}

export interface WatchOptions {
  /** A write is a burst of events (temp file, rename): wait this long after the last one. */
  debounceMs?: number;
}

/** What is at `path`, or undefined when nothing is or it cannot be read (never throws). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * Which folder is at `path`: device, inode and birth time, or undefined when there is no
 * (readable) folder there. The inode alone does not tell a folder from its replacement: ext4
 * gives a folder removed and made again at once (`rm -rf dir; mkdir dir`) the same inode, and
 * the watch would stay on the dead one. The birth time does. Where the file system keeps none,
 * Node reports 0 (the event check in attach covers that case), or on kernels without statx the
 * change time, which moves with every entry written: then a write costs a re-attach and an extra
 * (debounced) change, never a missed one.
 */
function folderId(path: string): string | undefined {
  const stats = statOf(path);
  return stats?.isDirectory() ? `${stats.dev}:${stats.ino}:${stats.birthtimeMs}` : undefined;
}

/** `path` itself when it is a folder, else its nearest ancestor that is one. */
function nearestFolder(path: string): string | undefined {
  for (let current = path; ; current = dirname(current)) {
    if (folderId(current) !== undefined) return current;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * Calls `onChange` (debounced) when the file `name` in `dir` is written or replaced, for changes
 * made by other processes, e.g. the CLI.
 *
 * `dir` need not exist: ~/.aws or the config folder appear only with the first write, often by
 * the CLI. Until then the nearest existing ancestor is watched for the next folder on the way;
 * once `dir` appears it is watched itself (and a file already written in it counts as a change).
 * If `dir` is removed, watching falls back to the ancestor the same way, so it is followed when
 * it comes back. Best effort: a folder that cannot be watched means no events, never an error,
 * because the app works without them and the page can still ask.
 */
export function watchFileIn(dir: string, name: string, onChange: () => void, options: WatchOptions = {}): Watcher {
  const debounceMs = options.debounceMs ?? 200;
  const target = resolve(dir);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let closed = false;
  /** Whether `watcher` watches `dir` itself (rather than an ancestor while `dir` is missing). */
  let watchingTarget = false;

  const changed = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, debounceMs);
  };

  const stopWatching = () => {
    watcher?.close();
    watcher = undefined;
    watchingTarget = false;
  };

  /** Watches `dir`, or the nearest ancestor while `dir` is missing. `moved`: not the first attach. */
  function attach(moved: boolean): void {
    const wasOnTarget = watchingTarget;
    stopWatching();
    if (closed) return;
    const folder = nearestFolder(target);
    if (folder === undefined) return;
    const id = folderId(folder);
    const onTarget = folder === target;
    // While `dir` is missing: the next folder on the way to it, e.g. `.aws` when watching the home.
    const next = onTarget ? undefined : relative(folder, target).split(sep)[0];
    const nextAppeared = () => next !== undefined && folderId(join(folder, next)) !== undefined;
    /**
     * Whether an event says the watched folder itself went (removed, renamed, replaced), so the
     * watch is dead. Linux names the folder itself in that event: taken at its word even when a
     * new folder is already there under the same name (with the same inode, or a birth time the
     * file system does not keep), unless an entry of that name inside the folder explains it.
     */
    const selfName = basename(folder);
    const folderWent = (file: string | null) => folderId(folder) !== id || (file === selfName && statOf(join(folder, selfName)) === undefined);
    let current: FSWatcher;
    try {
      current = watch(folder, { persistent: false }, (_type, filename) => {
        if (watcher !== current) return; // an event still queued for a watcher since replaced
        const file = filename === null ? null : filename.toString();
        if (onTarget) {
          // Atomic writes rename a temp file onto `name`; temp files and lock folders are ignored.
          // Some platforms give no filename: treat that as a change.
          if (file === name || file === null) changed();
          // The folder itself was removed (or replaced): follow it from where it is now.
          if (file !== name && folderWent(file)) attach(true);
        } else if (folderWent(file)) {
          attach(true);
        } else if (file === null || file === next) {
          if (nextAppeared()) attach(true);
        }
      });
    } catch {
      return;
    }
    // The folder went away or became unreadable: follow it if it moved, else stop quietly.
    current.on('error', () => {
      if (watcher !== current) return;
      if (folderId(folder) !== id) attach(true);
      else stopWatching();
    });
    watcher = current;
    watchingTarget = onTarget;
    if (onTarget) {
      // `dir` appeared with the file already in it (mkdir and the first write came together).
      if (moved && statOf(join(target, name))) changed();
    } else {
      // `dir` went away, with the file: what the window shows may have changed.
      if (wasOnTarget) changed();
      // The next folder may have appeared between looking for it and watching for it.
      if (nextAppeared()) attach(true);
    }
  }

  attach(false);
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      stopWatching();
    },
  };
}

/** The catalog in the config directory (Rolecall's users, roles and settings). */
export function watchCatalog(dir: string, onChange: () => void, options: WatchOptions = {}): Watcher {
  return watchFileIn(dir, 'catalog.json', onChange, options);
}
