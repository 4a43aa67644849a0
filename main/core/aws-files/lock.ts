// One lock for every Rolecall process (the app, any number of CLIs, credential_process helpers),
// so a read-modify-write of the shared AWS files never loses another process's write.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import lockfile, { type LockOptions } from 'proper-lockfile';
import { AwsFilesLockedError } from './errors';
import type { AwsFilePaths } from './paths';

export interface AwsFilesLockOptions {
  /** Overrides the wait (tests use 0 to see the locked error at once). */
  retries?: LockOptions['retries'];
}

// Polls for up to ~10 s: enough for 20 processes queueing on writes that take milliseconds.
const DEFAULT_RETRIES: LockOptions['retries'] = { retries: 100, minTimeout: 10, maxTimeout: 100, randomize: true };
const STALE_MS = 10_000;

export function lockPathFor(paths: AwsFilePaths): string {
  return `${paths.credentials}.rolecall.lock`;
}

// Callers in one process queue here first: polling a lock our own process holds only wastes time.
const queues = new Map<string, Promise<void>>();

export async function withAwsFilesLock<T>(
  paths: AwsFilePaths,
  fn: () => Promise<T>,
  options: AwsFilesLockOptions = {},
): Promise<T> {
  const lockPath = lockPathFor(paths);
  const previous = queues.get(lockPath) ?? Promise.resolve();
  let done!: () => void;
  const gate = new Promise<void>((resolve) => (done = resolve));
  const mine = previous.then(() => gate);
  queues.set(lockPath, mine);
  try {
    await previous;
    return await withProcessLock(paths.credentials, lockPath, fn, options);
  } finally {
    done();
    if (queues.get(lockPath) === mine) queues.delete(lockPath);
  }
}

async function withProcessLock<T>(
  target: string,
  lockPath: string,
  fn: () => Promise<T>,
  options: AwsFilesLockOptions,
): Promise<T> {
  // proper-lockfile creates the lock as a directory next to the credentials file: its parent must
  // exist. 0700 because ~/.aws holds secrets.
  await mkdir(path.dirname(lockPath), { recursive: true, mode: 0o700 });
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(target, {
      lockfilePath: lockPath,
      realpath: false, // the credentials file may not exist yet
      stale: STALE_MS,
      retries: options.retries ?? DEFAULT_RETRIES,
      // The default throws from a timer and would crash the app; report it to the caller instead.
      onCompromised: (err) => {
        compromised = err;
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new AwsFilesLockedError(lockPath);
    throw err;
  }
  try {
    const result = await fn();
    if (compromised) throw compromised;
    return result;
  } finally {
    await release().catch(() => undefined); // already released when compromised
  }
}
