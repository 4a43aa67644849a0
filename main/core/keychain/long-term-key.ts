// A user's long-term key as STS and IAM are asked with it: the keychain's secret with the key id
// the catalog names. One place, for assume, role discovery and key rotation alike.
//
// A key rotation switches the keychain to the new secret first and the catalog to the new key id
// next (key-rotation/rotate.ts). Killed between the two, the pair would be the old id with the new
// secret, which AWS refuses. The rotation's journal names the new key with its secret, so while it
// shows that the keychain already holds the new secret, the new id is used: Rolecall keeps working
// until the next `rolecall user rotate` finishes the rotation (which `status` suggests).
import type { User } from '../../../common/catalog-schema';
import { userAddCommand } from '../catalog/user-add-command';
import { RolecallError } from '../errors';
import { readJournal } from '../key-rotation/journal';
import type { CallerCredentials } from '../sts/client';
import type { Secrets } from './secrets';

export async function longTermKey(secrets: Secrets, user: User): Promise<CallerCredentials> {
  const secretAccessKey = await secrets.getUserKey(user.name);
  if (!secretAccessKey) {
    throw new RolecallError(
      `The keychain holds no secret access key for user '${user.name}'.`,
      `Store it again: ${userAddCommand(user, user.accessKeyId)} (the secret is read from stdin).`,
      'MissingSecret',
    );
  }
  const pending = (await readJournal(secrets, user.name))?.pending;
  const accessKeyId = pending?.secretAccessKey === secretAccessKey ? pending.accessKeyId : user.accessKeyId;
  return { accessKeyId, secretAccessKey };
}
