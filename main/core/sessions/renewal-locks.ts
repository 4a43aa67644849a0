import { join } from 'node:path';
import { withFileLock } from '../files/lock';
import { configDir } from '../config-dir';
import { msLeft, type RoleSessionRecord } from './records';

// Single flight for renewals across processes: parallel credential_process runs of one tool, the
// window and a CLI. Two kinds of lock live in the config dir, and both only avoid duplicate work
// (two prompts, two AssumeRole calls whose last writer wins), never lost writes:
// - `mfa-<user>.lock` while a process asks its person for a code and starts the MFA session;
// - `role-<name>.lock` while a process renews that role's session. Whoever gets it reads the
//   cache again first: the process it waited for has usually just renewed the session.
//
// Order: a run takes them leaf-first down its chain: the target role, then its source role, …,
// then the user's MFA lock, holding each until the link below it is assumed. A role has exactly one
// source, so a process holding X's lock and waiting for Y's always has Y above X in X's chain,
// and chains have no cycles: every process acquires in the same order, no two can wait on each
// other, no deadlock. (Were the catalog rewired between two runs into opposite orders, the waits
// below still end.) In one process, callers queue on the same lock path (files/lock.ts) in
// the same order, which is also the engine's single flight for role sessions.
//
// The waits compose: a role lock's holder may itself be at an MFA prompt, or waiting up to the
// MFA wait for another process's prompt, before its STS calls, so a role waits that long and a
// minute more. A lock whose holder died on this host is taken over at once (its holder is
// recorded, see lock-holder.ts), one without a known holder once stale (~10 s, see lock.ts); a
// lock lost while held (the holder was suspended) is tolerated, as losing it only risks duplicate
// work. `assume` also writes its profile under the role's lock, so `stop` (which takes it) wins.

/** How long a process waits while another one asks the person for a code. */
export const MFA_LOCK_WAIT_MS = 5 * 60_000;
/** How long a process waits for another to renew a role: a prompt, then the chain's STS calls. */
export const ROLE_LOCK_WAIT_MS = MFA_LOCK_WAIT_MS + 60_000;
/**
 * A role lock held longer than this is almost always a person typing a code in the holder (STS
 * answers in well under a second), so a run whose chain can need a code says it waits for one.
 * Shorter waits, the usual case of parallel credential_process runs, say nothing.
 */
export const SAY_WAITING_AFTER_MS = 2_000;

/** `<kind>-<name>`, each capital marked (`Admin` → `role-^admin`): on a case-insensitive file
 *  system `Admin` and `admin` (one possibly the other's source) must not share a lock. */
export function lockBase(env: NodeJS.ProcessEnv, kind: 'role' | 'mfa' | 'key-rotation', name: string): string {
  return join(configDir(env), `${kind}-${name.replace(/[A-Z]/g, (capital) => `^${capital.toLowerCase()}`)}`);
}

export function roleLockPath(env: NodeJS.ProcessEnv, role: string): string {
  return `${lockBase(env, 'role', role)}.lock`;
}

/** Runs `fn` as the only renewal of `role` in any process; `onLongWait` as in SAY_WAITING_AFTER_MS. */
export async function withRoleRenewalLock<T>(env: NodeJS.ProcessEnv, role: string, fn: () => Promise<T>, onLongWait?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stopTimer = () => clearTimeout(timer);
  try {
    return await withFileLock(
      lockBase(env, 'role', role),
      () => {
        stopTimer();
        return fn();
      },
      {
        lockfilePath: roleLockPath(env, role),
        what: `the renewal of role '${role}'`,
        waitMs: ROLE_LOCK_WAIT_MS,
        onWait: () => {
          if (onLongWait) timer = setTimeout(onLongWait, SAY_WAITING_AFTER_MS).unref();
        },
        tolerateLoss: true,
      },
    );
  } finally {
    stopTimer();
  }
}

/** Runs `fn` as the only MFA prompt for `user` in any process; `onWait` once a wait begins. */
export function withMfaPromptLock<T>(env: NodeJS.ProcessEnv, user: string, fn: () => Promise<T>, onWait?: () => void): Promise<T> {
  const base = lockBase(env, 'mfa', user);
  return withFileLock(base, fn, {
    lockfilePath: `${base}.lock`,
    what: `the MFA prompt of ${user}`,
    waitMs: MFA_LOCK_WAIT_MS,
    onWait,
    // Losing it (this process was suspended at the prompt) must not throw away the session the
    // code just started.
    tolerateLoss: true,
  });
}

/**
 * A session issued since `since` (when the operation began) for the same requested duration is
 * what this operation would get from AWS itself: another caller renewed it while this one waited.
 * It serves even a refresh, and even below the 15-minute reuse margin (a 900 s role), so two
 * concurrent renewals of one role make one AssumeRole call.
 */
export function isRenewedSince(
  cached: RoleSessionRecord | undefined,
  want: { roleArn: string; requestedSeconds: number },
  since: number,
  now: number,
): cached is RoleSessionRecord {
  return (
    cached !== undefined &&
    cached.roleArn === want.roleArn &&
    cached.requestedSeconds === want.requestedSeconds &&
    Date.parse(cached.issuedAt) >= since &&
    msLeft(cached, now) > 0
  );
}
