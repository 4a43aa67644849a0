// Temp files and folders named after the process that made them, `.<name>.<pid>@<host>.<random>.tmp`,
// so that a later run can tell a dead process's residue (a crash between write and rename leaves
// live keys behind) from a live writer's work in progress, and remove only the former: never a
// live process's, never one made on another host (a home shared over NFS).
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** This host, short and without its name (temp names show up in listings). */
export const HOST_TAG = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);

/** A fresh name next to `file` that says which process on which host made it. */
export function ownedTempPath(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}@${HOST_TAG}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Whether process `pid` of this host is gone. EPERM: it exists, it is another user's. */
export function isDeadHere(pid: number, host: string): boolean {
  if (host !== HOST_TAG || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Earlier Rolecall builds named temp files `.<name>.<12 hex>.tmp`, without their owner; a kill
// left them behind, live keys included. Their writer finished in milliseconds: one a minute old
// is residue.
const UNOWNED_TEMP_AGE_MS = 60_000;

function isOldUnownedTemp(file: string): boolean {
  try {
    return statSync(file).mtimeMs < Date.now() - UNOWNED_TEMP_AGE_MS;
  } catch {
    return false;
  }
}

/**
 * Removes what dead processes of this host left next to `file`: its temp files, and those of its
 * locks (`.<name>.rolecall.lock.<pid>@…`: a lock half made, or renamed aside to be removed).
 * Best effort: a folder we cannot list or an entry we cannot remove is left alone.
 * Synchronous: one listing of a small folder, and the catalog's first load is synchronous too.
 */
export function sweepDeadTemps(file: string): void {
  const dir = path.dirname(file);
  const unowned = new RegExp(`^\\.${escape(path.basename(file))}\\.[0-9a-f]{12}\\.tmp$`);
  const pattern = new RegExp(`^\\.${escape(path.basename(file))}\\.(?:[A-Za-z][\\w-]*\\.)*(\\d+)@([0-9a-f]+)\\.[0-9a-f]+\\.tmp$`);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = pattern.exec(entry);
    const full = path.join(dir, entry);
    if ((match && isDeadHere(Number(match[1]), match[2] ?? '')) || (unowned.test(entry) && isOldUnownedTemp(full))) {
      try {
        rmSync(full, { recursive: true, force: true });
      } catch {
        // Left for a later run (permissions changed, a read-only mount).
      }
    }
  }
}

const swept = new Set<string>();

/** sweepDeadTemps once per process and file: on a file's first load. */
export function sweepOnce(file: string): void {
  let key: string;
  try {
    // Temp files sit next to the file a symbolic link points to.
    key = realpathSync(file);
  } catch {
    key = path.resolve(file);
  }
  if (swept.has(key)) return;
  swept.add(key);
  sweepDeadTemps(key);
}
