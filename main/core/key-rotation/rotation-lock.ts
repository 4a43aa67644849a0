// One rotation of a user's key at a time, in this process and across processes. Two at once would
// each take the other's journal for an interrupted rotation and settle it, and an undo deletes
// the keys IAM lists that the journal does not know: the key the other run has just stored. A
// second rotation is refused at once rather than queued: the person asked for one rotation, and a
// queued second would replace the key again. A lock whose holder died (kill -9) is taken over at
// once (files/lock.ts), so the next run can settle what it left.
import { RolecallError } from '../errors';
import { withFileLock } from '../files/lock';
import type { LockHolderInfo } from '../files/errors';
import { lockBase } from '../sessions/renewal-locks';

/** Users whose key this process is rotating now (the app: a window's rotation still running). */
const rotating = new Set<string>();

export function isRotatingHere(user: string): boolean {
  return rotating.has(user);
}

/** `holder`: the other process that holds the file lock (none when this process is the one rotating). */
function inProgress(user: string, holder?: LockHolderInfo): RolecallError {
  const who = holder ? ` (Rolecall process ${holder.pid})` : '';
  return new RolecallError(
    `A rotation of ${user}'s access key is under way already${who}.`,
    'Wait for it to finish: it says what it did. Then run this again if the key should change once more.',
    'RotationInProgress',
  );
}

export async function withKeyRotationLock<T>(env: NodeJS.ProcessEnv, user: string, fn: () => Promise<T>): Promise<T> {
  if (rotating.has(user)) throw inProgress(user);
  rotating.add(user);
  try {
    const base = lockBase(env, 'key-rotation', user);
    return await withFileLock(base, fn, {
      lockfilePath: `${base}.lock`,
      what: `the rotation of ${user}'s key`,
      retries: 0,
      lockedError: (_path, holder) => inProgress(user, holder),
      // Lost while held (this process was suspended past the stale time): the rotation's own steps
      // stay safe to repeat, so its outcome is not thrown away.
      tolerateLoss: true,
    });
  } finally {
    rotating.delete(user);
  }
}
