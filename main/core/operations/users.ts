import type { Core } from '../core';
import { RolecallError } from '../errors';
import { ACCOUNT } from '../keychain/accounts';
import { addUserInput, nameInput, type AddUserInput } from './inputs';
import { parseInput } from './parse-input';
import { assertNotASource, assertUserNameFree } from '../catalog/rules';
import type { Catalog, User } from '../catalog/schema';
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
  // Refused before AWS is asked; checked again under the catalog lock below.
  assertUserNameFree(core.catalog.load(), user.name);
  const check = await verifyLongTermKey({ accessKeyId: user.accessKeyId, secretAccessKey }, stsRegion(core.env, user.region), core.env, user.name);
  const previousSecret = await core.secrets.getUserKey(user.name);
  await core.secrets.setUserKey(user.name, secretAccessKey);
  let previous: User | undefined;
  try {
    previous = await core.catalog.update((catalog) => {
      // A role of that name may have been added since (by the CLI).
      assertUserNameFree(catalog, user.name);
      const index = catalog.users.findIndex((u) => u.name === user.name);
      const existing = catalog.users[index];
      if (index >= 0) catalog.users[index] = user;
      else catalog.users.push(user);
      return existing;
    });
  } catch (error) {
    // The catalog kept the old key id: the keychain must keep the matching old secret (or none).
    await (previousSecret === null ? core.secrets.delete(ACCOUNT.userKey(user.name)) : core.secrets.setUserKey(user.name, previousSecret));
    throw error;
  }
  // The cached MFA session was made with the old key and device: a new key id, secret or MFA
  // device invalidates it. The same key entered again (e.g. the form saved with its secret) keeps it.
  const sameKey = previous !== undefined && previous.accessKeyId === user.accessKeyId && previousSecret === secretAccessKey;
  if (!sameKey || previous?.mfaSerial !== user.mfaSerial) await core.secrets.delete(ACCOUNT.mfaSession(user.name));
  return { ...user, ...check };
}

export async function removeUser(core: Core, input: { name: string }): Promise<void> {
  const { name } = parseInput(nameInput, input, 'user');
  const take = (catalog: Catalog): void => {
    if (!catalog.users.some((u) => u.name === name)) throw new RolecallError(`There is no user named '${name}'.`, undefined, 'UnknownUser');
    assertNotASource(catalog, name, 'User');
    catalog.users = catalog.users.filter((u) => u.name !== name);
  };
  // The secrets first (checked on a copy before): a locked keychain refuses the removal whole,
  // rather than leave a secret key in the keychain behind a user the catalog no longer names.
  take(structuredClone(core.catalog.load()));
  await core.secrets.delete(ACCOUNT.userKey(name));
  await core.secrets.delete(ACCOUNT.mfaSession(name));
  await core.catalog.update(take);
}
