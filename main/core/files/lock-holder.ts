// The folder proper-lockfile uses as a lock, made so that it names its holder. proper-lockfile
// creates, refreshes and removes the lock through the `fs` we give it; ours makes the folder with a
// `holder.json` ({ pid, host }) already inside (built under a temp name, then renamed into place:
// no moment where the lock exists without its holder), and removes it by renaming it aside first
// (one step: a crash cannot leave half a lock). A waiter that finds the holder dead on this host
// breaks the lock at once instead of waiting for it to go stale.
import fs from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { fsStep } from '../test-hooks';
import { HOST_TAG, isDeadHere, ownedTempPath } from './owned-temp';

const HOLDER_FILE = 'holder.json';

const holderSchema = z.object({ pid: z.number().int().positive(), host: z.string() });
export type LockHolder = z.infer<typeof holderSchema>;

/** Who holds the lock at `lockPath`, or undefined: none, or one written by an older Rolecall. */
export async function readHolder(lockPath: string): Promise<LockHolder | undefined> {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(await readFile(path.join(lockPath, HOLDER_FILE), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function isHolderHere(holder: LockHolder): boolean {
  return holder.host === HOST_TAG;
}

const lockExists = (err: unknown) => Object.assign(new Error(`EEXIST: lock already held`), { code: 'EEXIST', cause: err });

async function makeLock(lockPath: string): Promise<void> {
  const temp = ownedTempPath(lockPath);
  try {
    fsStep();
    await mkdir(temp, { mode: 0o700 });
    fsStep();
    await writeFile(path.join(temp, HOLDER_FILE), JSON.stringify({ pid: process.pid, host: HOST_TAG }), { mode: 0o600 });
    // rename(2) would replace an empty folder (a lock of an older Rolecall): look first.
    if (
      await stat(lockPath).then(
        () => true,
        () => false,
      )
    )
      throw lockExists(undefined);
    fsStep();
    await rename(temp, lockPath);
  } catch (err) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    throw code === 'ENOTEMPTY' || code === 'EEXIST' ? lockExists(err) : err;
  }
}

/**
 * Removes the lock folder at `lockPath` in one step (renamed aside, then deleted), unless
 * `stillBreakable` says, looking at the renamed folder, that it is no longer the lock the caller
 * decided to break (a live process took it meanwhile): then it is put back. True when the lock is
 * gone.
 */
export async function removeLock(lockPath: string, stillBreakable?: (dir: string) => Promise<boolean>): Promise<boolean> {
  const aside = ownedTempPath(lockPath);
  try {
    fsStep();
    await rename(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
  if (stillBreakable && !(await stillBreakable(aside))) {
    await rename(aside, lockPath).catch(() => undefined);
    return false;
  }
  fsStep();
  await rm(aside, { recursive: true, force: true });
  return true;
}

/** Breaks the lock when its holder is a process of this host that no longer runs. */
export async function breakIfHolderDead(lockPath: string): Promise<boolean> {
  const holder = await readHolder(lockPath);
  if (!holder || !isDeadHere(holder.pid, holder.host)) return false;
  return removeLock(lockPath, async (dir) => {
    const now = await readHolder(dir);
    return now?.pid === holder.pid && now.host === holder.host;
  });
}

/** Locks this process holds: releasing one of them needs no second look. */
const held = new Set<string>();

export function markHeld(lockPath: string, isHeld: boolean): void {
  if (isHeld) held.add(lockPath);
  else held.delete(lockPath);
}

/**
 * The `fs` given to proper-lockfile. Its rmdir is called to release a lock (ours) and to break
 * one it found stale: then the lock must still be stale once renamed aside.
 */
export function lockFs(staleMs: number): typeof fs {
  const callback = (promise: Promise<unknown>, cb: (err: NodeJS.ErrnoException | null) => void) =>
    void promise.then(
      () => cb(null),
      (err: NodeJS.ErrnoException) => cb(err),
    );
  return {
    ...fs,
    mkdir: ((p: string, cb: (err: NodeJS.ErrnoException | null) => void) => callback(makeLock(p), cb)) as unknown as typeof fs.mkdir,
    rmdir: ((p: string, cb: (err: NodeJS.ErrnoException | null) => void) =>
      callback(removeLock(p, held.has(p) ? undefined : async (dir) => (await stat(dir)).mtime.getTime() < Date.now() - staleMs), cb)) as unknown as typeof fs.rmdir,
    // On a normal exit proper-lockfile releases what is still held, synchronously.
    rmdirSync: ((p: string) => fs.rmSync(p, { recursive: true, force: true })) as unknown as typeof fs.rmdirSync,
  };
}
