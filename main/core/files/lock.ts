// Cross-process locks for the files Rolecall shares between the app, any number of CLIs and
// credential_process helpers, so a read-modify-write never loses another process's write.
// withFileLock serves the catalog, a per-user MFA lock and the shared AWS files (aws-files/lock.ts
// names that one and its error).
import path from 'node:path';
import lockfile, { type LockOptions } from 'proper-lockfile';
import { lockWaitCapMs } from '../test-hooks';
import { ensureDirectory } from './atomic-write';
import { FileLockedError, LockCompromisedError, type LockHolderInfo, fileAccessError } from './errors';
import { type LockHolder, breakIfHolderDead, isHolderHere, lockFs, markHeld, readHolder } from './lock-holder';
import { sweepDeadTemps } from './owned-temp';
import { displayPath } from './display-path';

export type LockRetries = LockOptions['retries'];

export interface FileLockOptions {
  /** The lock itself: a directory created next to the file it protects. Its parent is created. */
  lockfilePath: string;
  /** Names what is locked in messages: "the shared AWS files", "the catalog", "user alice's MFA session". */
  what: string;
  /** Exact retry policy (tests use 0 to see the locked error at once). Takes precedence over waitMs. */
  retries?: LockRetries;
  /**
   * How long to wait, in total, for another process to let go. The default (about 10 s) suits
   * writes that take milliseconds; a caller that waits on a person (an MFA prompt in another
   * process) passes minutes, e.g. 5 * 60_000.
   */
  waitMs?: number;
  /** Called once, when the lock is found held by another process and the wait begins. */
  onWait?: () => void;
  /**
   * For a lock that only avoids duplicate work (two MFA prompts), not lost writes: losing it
   * while `fn` runs (the process was suspended, another took it over as stale) is not an error.
   */
  tolerateLoss?: boolean;
  /** The error for a lock still held after the wait; FileLockedError naming `what` by default. */
  lockedError?: LockedError;
}

// A lock whose holder has not refreshed it for this long is taken over: the holder crashed, or
// it is a lock without a holder file (an older Rolecall), or its holder's pid was reused.
// proper-lockfile refreshes it every STALE_MS / 2 while fn runs, however long that takes. A lock
// whose holder is known dead (lock-holder.ts) is broken at once instead.
const STALE_MS = 10_000;
// proper-lockfile sets a new lock's mtime up to a second ahead (its precision probe rounds up to
// the next second), so such a lock turns stale up to STALE_MS + 1 s after it was made: the default
// wait outlasts that, or a waiter would give up just before it could take the lock over.
const MTIME_AHEAD_MS = 1_000;
const DEFAULT_WAIT_MS = STALE_MS + MTIME_AHEAD_MS + 1_000;
const LOCK_FS = lockFs(STALE_MS);

/**
 * Retries that add up to about `waitMs`. Pauses start at 10-20 ms (a write under the lock takes
 * milliseconds, so most waits end at once) and double up to a cap that grows with the wait: 100 ms
 * for the default 10 s, 250 ms for a wait of minutes on a person. Randomised so waiting processes
 * do not poll in step.
 */
export interface RetryPolicy {
  retries: number;
  factor: number;
  minTimeout: number;
  maxTimeout: number;
  randomize: boolean;
}

export function retriesForWait(waitMs: number): RetryPolicy {
  const wait = Number.isFinite(waitMs) ? Math.max(0, waitMs) : DEFAULT_WAIT_MS;
  const minTimeout = 10;
  const factor = 2;
  const maxTimeout = Math.min(250, Math.max(20, Math.round(wait / 100)));
  // The retry library pauses min(random(1..2) * minTimeout * factor^n, maxTimeout) before try n+1.
  let retries = 0;
  for (let total = 0; total < wait; retries++) {
    total += Math.min(1.5 * minTimeout * factor ** retries, maxTimeout);
  }
  return { retries, factor, minTimeout, maxTimeout, randomize: true };
}

// Callers in one process queue here first: polling a lock our own process holds only wastes time.
// Keyed by lock path; an in-process caller waits for the one ahead of it however long that takes.
const queues = new Map<string, Promise<void>>();

/**
 * Runs `fn` holding the lock at `options.lockfilePath`, first behind earlier callers of this
 * process, then against other processes. A lock held elsewhere past the wait throws
 * FileLockedError; a lock that cannot be made (permissions, a file in the way) throws
 * FileAccessError; a lock lost while `fn` ran throws LockCompromisedError after `fn` settles.
 */
export function withFileLock<T>(target: string, fn: () => Promise<T>, options: FileLockOptions): Promise<T> {
  return queued(target, fn, options, options.lockedError ?? ((lockPath, holder) => new FileLockedError(options.what, lockPath, holder)));
}

export type LockedError = (lockPath: string, holder: LockHolderInfo | undefined) => Error;

function holderInfo(holder: LockHolder | undefined): LockHolderInfo | undefined {
  return holder && { pid: holder.pid, here: isHolderHere(holder) };
}

async function queued<T>(target: string, fn: () => Promise<T>, options: FileLockOptions, lockedError: LockedError): Promise<T> {
  const lockPath = path.resolve(options.lockfilePath);
  const previous = queues.get(lockPath) ?? Promise.resolve();
  let done!: () => void;
  const gate = new Promise<void>((resolve) => (done = resolve));
  const mine = previous.then(() => gate);
  queues.set(lockPath, mine);
  try {
    await previous;
    return await withProcessLock(target, lockPath, fn, options, lockedError);
  } finally {
    done();
    if (queues.get(lockPath) === mine) queues.delete(lockPath);
  }
}

async function withProcessLock<T>(target: string, lockPath: string, fn: () => Promise<T>, options: FileLockOptions, lockedError: LockedError): Promise<T> {
  const { what } = options;
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    // proper-lockfile creates the lock as a directory: its parent must exist.
    await ensureDirectory(path.dirname(lockPath));
    // What dead processes left here (a lock half made, one renamed aside to be removed).
    sweepDeadTemps(lockPath);
    const retries = options.retries ?? retriesForWait(Math.min(options.waitMs ?? DEFAULT_WAIT_MS, lockWaitCapMs ?? Infinity));
    release = await acquire(target, lockPath, retries, options.onWait, (err) => {
      compromised = err;
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw lockedError(lockPath, holderInfo(await readHolder(lockPath)));
    throw fileAccessError(err, 'lock', lockPath, { subject: `${what} (${displayPath(lockPath)})` });
  }
  try {
    const result = await fn();
    if (compromised && !options.tolerateLoss) throw new LockCompromisedError(what, lockPath, compromised.message);
    return result;
  } finally {
    await release().catch(() => undefined); // already released when compromised
    markHeld(lockPath, false);
  }
}

/**
 * Takes the lock, waiting between attempts only while another process holds it. proper-lockfile's
 * own retries would also retry EACCES or ENOTDIR, making a person wait the whole timeout for an
 * error that cannot go away; so it is called without retries and the same policy is applied here.
 */
async function acquire(
  target: string,
  lockPath: string,
  retries: LockRetries,
  onWait: (() => void) | undefined,
  onCompromised: (err: Error) => void,
): Promise<() => Promise<void>> {
  const pauseBefore = pauses(retries);
  for (let attempt = 0; ; attempt++) {
    try {
      const release = await lockfile.lock(target, {
        lockfilePath: lockPath,
        realpath: false, // the file may not exist yet
        stale: STALE_MS,
        retries: 0,
        fs: LOCK_FS,
        // The default throws from a timer and would crash the app; report it to the caller instead.
        onCompromised,
      });
      markHeld(lockPath, true);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      // A holder that died on this host cannot let go: take its lock over now, not once stale.
      if (await breakIfHolderDead(lockPath)) {
        attempt--;
        continue;
      }
      const pause = pauseBefore(attempt);
      if (pause === undefined) throw err;
      if (attempt === 0) onWait?.();
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/**
 * The pause before retry `attempt` (0-based), or undefined when no retry is left: the retry
 * library's schedule, by which proper-lockfile documents its `retries` option.
 */
function pauses(retries: LockRetries): (attempt: number) => number | undefined {
  if (Array.isArray(retries)) return (attempt) => retries[attempt];
  const policy = typeof retries === 'number' ? { retries } : (retries ?? { retries: 0 });
  const attempts = policy.forever ? Infinity : (policy.retries ?? 10);
  return (attempt) => {
    if (attempt >= attempts) return undefined;
    const jitter = policy.randomize ? 1 + Math.random() : 1;
    const pause = jitter * Math.max(policy.minTimeout ?? 1000, 1) * (policy.factor ?? 2) ** attempt;
    return Math.min(Math.round(pause), policy.maxTimeout ?? Infinity);
  };
}
