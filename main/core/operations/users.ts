import type { Core } from '../core';
import { RolecallError } from '../errors';
import { ACCOUNT } from '../keychain/accounts';
import { addUserInput, nameInput, type AddUserInput } from './inputs';
import { parseInput } from './parse-input';
import { assertNotASource } from '../catalog/rules';
import { stsRegion } from '../sts/region';
import { verifyLongTermKey } from '../sts/verify-key';

export interface UserSummary {
  name: string;
  accessKeyId: string;
  mfaSerial?: string;
  region?: string;
}

export interface AddedUser extends UserSummary {
  /** The IAM ARN AWS answered for the key, when it could be asked. */
  identity?: string;
  unverifiedBecause?: string;
}

/**
 * Adds a user, or replaces its key (rotation). AWS is asked first whether the key works; then
 * the secret goes to the keychain and is read back; the catalog only learns about the user once
 * the keychain holds the secret.
 */
export async function addUser(core: Core, input: AddUserInput): Promise<AddedUser> {
  const { secretAccessKey, ...user } = parseInput(addUserInput, input, 'user');
  const existing = core.catalog.load();
  if (existing.roles.some((r) => r.name === user.name)) {
    throw new RolecallError(`'${user.name}' is already the name of a role.`, 'Choose another name for the user.', 'NameTaken');
  }
  const check = await verifyLongTermKey({ accessKeyId: user.accessKeyId, secretAccessKey }, stsRegion(core.env, user.region), core.env, user.name);
  const previousSecret = await core.secrets.getUserKey(user.name);
  await core.secrets.setUserKey(user.name, secretAccessKey);
  try {
    await core.catalog.update((catalog) => {
      const index = catalog.users.findIndex((u) => u.name === user.name);
      if (index >= 0) catalog.users[index] = user;
      else catalog.users.push(user);
    });
  } catch (error) {
    // The catalog kept the old key id: the keychain must keep the matching old secret (or none).
    await (previousSecret === null ? core.secrets.delete(ACCOUNT.userKey(user.name)) : core.secrets.setUserKey(user.name, previousSecret));
    throw error;
  }
  // A new key invalidates the MFA session made with the old one.
  await core.secrets.delete(ACCOUNT.mfaSession(user.name));
  return { ...user, ...check };
}

export async function removeUser(core: Core, input: { name: string }): Promise<void> {
  const { name } = parseInput(nameInput, input, 'user');
  await core.catalog.update((catalog) => {
    if (!catalog.users.some((u) => u.name === name)) throw new RolecallError(`There is no user named '${name}'.`, undefined, 'UnknownUser');
    assertNotASource(catalog, name, 'User');
    catalog.users = catalog.users.filter((u) => u.name !== name);
  });
  await core.secrets.delete(ACCOUNT.userKey(name));
  await core.secrets.delete(ACCOUNT.mfaSession(name));
}
