import type { Core } from '../core';
import { assertUserNameFree } from '../catalog/rules';
import { InvalidInputError } from '../errors';
import { ACCOUNT } from '../keychain/accounts';
import { saveUserInput, type SaveUserInput } from '../../../common/inputs';
import { parseInput } from './parse-input';
import { addUser, type AddedUser } from './users';

/**
 * The window's "save user": add a user, or edit one. A secret means a key to check and store, so
 * it goes through addUser (AWS verifies it, the keychain holds it before the catalog names it).
 * Without a secret only the same key's details may change (MFA device, region): the keychain's
 * secret must then belong to the key id the catalog keeps, so a changed key id needs its secret.
 */
export async function saveUser(core: Core, input: SaveUserInput): Promise<AddedUser> {
  const { secretAccessKey, keep, ...user } = parseInput(saveUserInput, input, 'user');
  if (secretAccessKey !== undefined) return addUser(core, { ...user, secretAccessKey }, keep);

  // Checked under the catalog lock: a CLI run in between must not slip another key id under it.
  const previous = await core.catalog.update(async (catalog) => {
    assertUserNameFree(catalog, user.name);
    const index = catalog.users.findIndex((u) => u.name === user.name);
    const existing = catalog.users[index];
    if (!existing) throw secretRequired(`User '${user.name}' is new: its secret access key is needed.`);
    if (existing.accessKeyId !== user.accessKeyId) {
      throw secretRequired(`The access key id of '${user.name}' changed: the new key's secret access key is needed.`);
    }
    if ((await core.secrets.getUserKey(user.name)) === null) {
      throw secretRequired(`The keychain holds no secret access key for '${user.name}': enter it again.`);
    }
    // The same key: IAM's creation date for it stays.
    catalog.users[index] = existing.keyCreatedAt === undefined ? user : { ...user, keyCreatedAt: existing.keyCreatedAt };
    return existing;
  });
  // The cached MFA session was started with the old device: a new (or no) device must not ride it.
  if (previous.mfaSerial !== user.mfaSerial) await core.secrets.delete(ACCOUNT.mfaSession(user.name));
  return user;
}

function secretRequired(message: string): InvalidInputError {
  return new InvalidInputError(message, 'secretAccessKey', 'Enter the secret access key that belongs to this access key id.', 'SecretRequired');
}
