import type { Core } from '../core';
import { RolecallError } from '../errors';
import { quoted, type KeptDetail } from '../../../common/rules';
import { ACCOUNT } from '../keychain/accounts';
import { addUserInput, nameInput, type AddUserInput } from '../../../common/inputs';
import { parseInput } from './parse-input';
import { assertNotASource, assertUserNameFree } from '../catalog/rules';
import type { Catalog, User } from '../../../common/catalog-schema';
import { stsRegion } from '../sts/region';
import { verifyLongTermKey } from '../sts/verify-key';
import { readKeyCreatedAt, type KeyAge } from '../iam/key-age';
import { readJournal } from '../key-rotation/journal';

export interface UserSummary {
  name: string;
  accessKeyId: string;
  mfaSerial?: string;
  region?: string;
  /** When IAM created the key (ISO 8601), when known. */
  keyCreatedAt?: string;
}

export interface AddedUser extends UserSummary {
  /** The IAM ARN AWS answered for the key, when it could be asked. */
  identity?: string;
  unverifiedBecause?: string;
  /** Details the input left out that were kept from the user as it was. */
  kept?: KeptDetail[];
  /** Why the key's age could not be read from IAM (said once, when the key is added). */
  keyAgeUnknownBecause?: string;
}

/** `user` with each detail in `keep` that it lacks taken from `existing`, and which ones were. */
function withKept(user: User, existing: User | undefined, keep: readonly KeptDetail[]): { user: User; kept: KeptDetail[] } {
  const merged: User = { ...user };
  const kept: KeptDetail[] = [];
  for (const detail of keep) {
    const value = existing?.[detail];
    if (merged[detail] === undefined && value !== undefined) {
      merged[detail] = value;
      kept.push(detail);
    }
  }
  return { user: merged, kept };
}

/**
 * Adds a user, or replaces its key (rotation). AWS is asked first whether the key works; then
 * the secret goes to the keychain and is read back; the catalog only learns about the user once
 * the keychain holds the secret. `keep`: details that, left out of `input`, stay as the existing
 * user has them (the CLI names only what changes; the window sends the whole user, so none).
 */
export async function addUser(core: Core, input: AddUserInput, keep: readonly KeptDetail[] = []): Promise<AddedUser> {
  const { secretAccessKey, ...given } = parseInput(addUserInput, input, 'user');
  const loaded = core.catalog.load();
  // Refused before AWS is asked; checked again under the catalog lock below.
  assertUserNameFree(loaded, given.name);
  // Merged now for the key check's region, and again under the lock for what is saved.
  let { user, kept } = withKept(
    given,
    loaded.users.find((u) => u.name === given.name),
    keep,
  );
  const key = { accessKeyId: user.accessKeyId, secretAccessKey };
  const region = stsRegion(core.env, user.region);
  const check = await verifyLongTermKey(key, region, core.env, user);
  // The key's age, from IAM; not asked when STS could not be reached (IAM would not answer either,
  // and the unchecked key is already said).
  const age: KeyAge | undefined = 'identity' in check ? await readKeyCreatedAt(key, region, core.env, user) : undefined;
  const previousSecret = await core.secrets.getUserKey(user.name);
  await core.secrets.setUserKey(user.name, secretAccessKey);
  let previous: User | undefined;
  try {
    previous = await core.catalog.update((catalog) => {
      // A role of that name may have been added since (by the CLI).
      assertUserNameFree(catalog, user.name);
      const index = catalog.users.findIndex((u) => u.name === user.name);
      const existing = catalog.users[index];
      ({ user, kept } = withKept(given, existing, keep));
      // Unknown now but known for this very key before (re-added, IAM unreachable): still true.
      const keyCreatedAt = age && 'keyCreatedAt' in age ? age.keyCreatedAt : existing?.accessKeyId === user.accessKeyId ? existing.keyCreatedAt : undefined;
      if (keyCreatedAt !== undefined) user = { ...user, keyCreatedAt };
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
  return { ...user, ...check, ...(kept.length ? { kept } : {}), ...(user.keyCreatedAt === undefined && age && 'keyAgeUnknownBecause' in age ? age : {}) };
}

export async function removeUser(core: Core, input: { name: string }): Promise<void> {
  const { name } = parseInput(nameInput, input, 'user');
  const take = (catalog: Catalog): void => {
    if (!catalog.users.some((u) => u.name === name)) throw new RolecallError(`There is no user named ${quoted(name)}.`, undefined, 'UnknownUser');
    assertNotASource(catalog, name, 'User');
    catalog.users = catalog.users.filter((u) => u.name !== name);
  };
  // An interrupted rotation may have made a key in IAM that only its journal knows: settled first,
  // so no key is left in IAM without the person being told its id.
  const loaded = core.catalog.load();
  if (loaded.users.some((u) => u.name === name) && (await readJournal(core.secrets, name))) {
    throw new RolecallError(
      `A rotation of ${name}'s access key was interrupted; removing the user now could leave the key it made in IAM unnamed.`,
      `Run rolecall user rotate ${name} first (it finishes or undoes the rotation), then remove the user.`,
      'InUse',
    );
  }
  // The secrets first (checked on a copy before): a locked keychain refuses the removal whole,
  // rather than leave a secret key in the keychain behind a user the catalog no longer names.
  take(structuredClone(loaded));
  await core.secrets.delete(ACCOUNT.userKey(name));
  await core.secrets.delete(ACCOUNT.mfaSession(name));
  await core.catalog.update(take);
}
