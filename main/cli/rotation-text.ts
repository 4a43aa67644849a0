// How `rolecall user rotate` speaks (stderr, like every other command's sentences): an interrupted
// rotation finished or undone, the new key and the old one's end, and that sessions live on.
import type { OperationOutput } from '../../common/operations';
import { say } from './output';

type Rotation = OperationOutput<'user:rotate'>;

export function sayRotation(rotation: Rotation): void {
  const { recovered, user } = rotation;
  if (recovered) {
    const started = `An interrupted rotation of ${user}'s key (started ${recovered.startedAt.replace(/\.\d{3}Z$/, 'Z')})`;
    if (recovered.outcome === 'finished') {
      say(`${started} was finished: ${recovered.newAccessKeyId} is now its key, and ${recovered.oldAccessKeyId} was deactivated and deleted.`);
    } else {
      const deleted = recovered.deletedKeys.length ? `the key it had made in IAM, ${recovered.deletedKeys.join(', ')}, was deleted` : 'IAM held no key of its making';
      say(`${started} was undone: ${deleted}; ${recovered.oldAccessKeyId} stays in use.`);
    }
  }
  if (rotation.viaMfaSession) say(`IAM allows ${user} to manage its keys only with MFA: its MFA session signed the calls.`);
  if (rotation.rotated && !(recovered?.outcome === 'finished')) {
    say(`Rotated ${user}'s access key: ${rotation.newAccessKeyId} replaces ${rotation.oldAccessKeyId}, which was deactivated and deleted.`);
    say(
      `AWS knows the new key as ${rotation.identity}; the OS keychain holds its secret${rotation.keyCreatedAt ? ` (created ${rotation.keyCreatedAt.slice(0, 10)})` : ''}.`,
    );
  }
  if (rotation.rotated) say(`Role sessions and ${user}'s MFA session stay valid: they do not depend on the key.`);
}

/** `status`: a rotation stopped half-way (its journal is in the keychain), and the command that settles it. */
export function sayRotationsInterrupted(users: readonly string[]): void {
  for (const user of users) {
    say(`A rotation of ${user}'s access key was interrupted; the keychain still holds a key that works.`);
    say(`  Run rolecall user rotate ${user}: it finishes the rotation or undoes it, and says which.`);
  }
}
