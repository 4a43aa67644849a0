import { readAwsProfiles, removeUserKeys, type AwsProfiles, type ConfigProfile } from '../aws-files';
import type { Core } from '../core';
import { isRolecallError, reasonOf } from '../errors';
import type { Catalog, Role, User } from '../../../common/catalog-schema';
import { CHAINED_ROLE_MAX_SECONDS, MAX_CHAIN_LINKS, NAME_MAX_LENGTH } from '../../../common/rules';
import { assertRoleFits, profileOf } from '../catalog/rules';
import { stsRegion } from '../sts/region';
import { verifyLongTermKey } from '../sts/verify-key';
import { addRoleInput, addUserInput, importInput, type ImportInput } from '../../../common/inputs';
import { parseInput } from './parse-input';

export interface ImportPlan {
  users: User[];
  roles: Role[];
  skipped: Array<{ name: string; reason: string }>;
  /** Profiles whose plaintext keys were deleted from the credentials file. */
  plaintextRemoved: string[];
  /**
   * Config profiles that reached their key through a removed plaintext key: AWS tools can no
   * longer use them, and the imported role's profile is the one to use instead.
   */
  orphanedProfiles: Array<{ profile: string; useInstead?: string }>;
}

/** A user key found in the credentials file that the keychain holds (or will hold). */
interface FileKey {
  user: User;
  secretAccessKey: string;
  profile: string;
}

/**
 * Reads the shared AWS files and brings their users (long-term keys, moved into the keychain)
 * and roles (role_arn + source_profile) into the catalog. Nothing is written on a dry run, and
 * a plaintext key is deleted only where the file still holds exactly the key the keychain holds.
 */
export async function importProfiles(core: Core, input: ImportInput): Promise<ImportPlan> {
  const options = parseInput(importInput, input, 'import options');
  const files = await readAwsProfiles({ env: core.env });
  const catalog = core.catalog.load();
  const planned = plan(files, catalog);
  const { known, skipped } = planned;
  // A key AWS rejects is not worth importing (nor deleting from the file): say so and go on.
  const users: FileKey[] = [];
  for (const key of planned.users) {
    const rejected = options.dryRun ? undefined : await rejectedBecause(core, key);
    if (rejected) skipped.push({ name: key.user.name, reason: rejected });
    else users.push(key);
  }
  const roles = reachableRoles(catalog, users, planned.roles, skipped);
  const result: ImportPlan = { users: users.map((u) => u.user), roles, skipped, plaintextRemoved: [], orphanedProfiles: [] };
  if (options.dryRun) return result;

  for (const { user, secretAccessKey } of users) await core.secrets.setUserKey(user.name, secretAccessKey);
  const updated =
    !users.length && !roles.length
      ? catalog
      : await core.catalog.update((current) => {
          for (const { user } of users) if (!current.users.some((u) => u.name === user.name)) current.users.push(user);
          for (const role of roles) if (!current.roles.some((r) => r.name === role.name)) current.roles.push(role);
          return current;
        });
  if (options.removePlaintext) {
    // Users imported now (setUserKey read each key back) and users imported by an earlier run
    // whose key the file still holds, if the keychain holds that same key.
    for (const { user, secretAccessKey, profile } of [...users, ...known]) {
      if (known.some((k) => k.profile === profile) && (await core.secrets.getUserKey(user.name)) !== secretAccessKey) {
        skipped.push({ name: profile, reason: `the keychain holds another key for '${user.name}', so the plaintext copy was kept` });
        continue;
      }
      const expected = { accessKeyId: user.accessKeyId, secretAccessKey };
      if ((await removeUserKeys(profile, expected, { env: core.env })).removed) result.plaintextRemoved.push(profile);
    }
    result.orphanedProfiles = orphanedProfiles(files.config, new Set(result.plaintextRemoved), updated);
  }
  return result;
}

async function rejectedBecause(core: Core, key: FileKey): Promise<string | undefined> {
  try {
    const region = stsRegion(core.env, key.user.region);
    await verifyLongTermKey({ accessKeyId: key.user.accessKeyId, secretAccessKey: key.secretAccessKey }, region, core.env, key.user);
    return undefined;
  } catch (error) {
    // Only a RolecallError's words are shown: an unexpected error's text may quote anything.
    return isRolecallError(error) ? `AWS refused its key (${error.message})` : 'its key could not be checked with AWS (an unexpected error)';
  }
}

function plan(files: AwsProfiles, catalog: Catalog) {
  const skipped: ImportPlan['skipped'] = files.invalid.map(({ profile, error }) => ({ name: profile, reason: error.message }));
  const inCatalog = new Set([...catalog.users, ...catalog.roles].map((entry) => entry.name));
  const importing = new Set<string>();
  const nameTaken = (name: string) => (inCatalog.has(name) ? 'already in the catalog' : importing.has(name) ? 'another profile of this import has that name' : undefined);
  const configOf = (profile: string) => files.config.find((c) => c.profile === profile && !c.managed);
  const roleProfiles = files.config.filter((c) => !c.managed && c.roleArn);
  // Every profile name the files or the catalog already use: an imported role's own profile must
  // be none of them (least of all the profile it comes from).
  const profilesInUse = new Set([
    ...files.config.map((c) => c.profile),
    ...files.credentials.map((c) => c.profile),
    ...files.invalid.map((i) => i.profile),
    ...catalog.roles.map(profileOf),
  ]);

  const users: FileKey[] = [];
  const known: FileKey[] = [];
  for (const creds of files.credentials) {
    if (creds.managed) continue;
    if (creds.temporary) {
      skipped.push({ name: creds.profile, reason: 'holds temporary credentials (aws_session_token), not an IAM user key' });
      continue;
    }
    const existing = catalog.users.find((u) => u.name === creds.profile);
    if (existing && existing.accessKeyId === creds.accessKeyId) {
      known.push({ user: existing, secretAccessKey: creds.secretAccessKey, profile: creds.profile });
      skipped.push({ name: creds.profile, reason: 'already in the catalog (same key)' });
      continue;
    }
    const taken = nameTaken(creds.profile);
    if (taken) {
      skipped.push({ name: creds.profile, reason: taken });
      continue;
    }
    // mfa_serial may sit on the user's own config profile or on the roles it sources.
    const mfaSerial = configOf(creds.profile)?.mfaSerial ?? roleProfiles.find((r) => r.sourceProfile === creds.profile && r.mfaSerial)?.mfaSerial;
    const parsed = addUserInput.safeParse({
      name: creds.profile,
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      mfaSerial,
      region: configOf(creds.profile)?.region,
    });
    if (!parsed.success) {
      skipped.push({ name: creds.profile, reason: parsed.error.issues[0]?.message ?? 'invalid' });
      continue;
    }
    const { secretAccessKey, ...user } = parsed.data;
    users.push({ user, secretAccessKey, profile: creds.profile });
    importing.add(user.name);
  }

  const userNames = new Set([...catalog.users.map((u) => u.name), ...users.map((u) => u.user.name)]);
  const roles: Role[] = [];
  for (const config of roleProfiles) {
    const taken = nameTaken(config.profile);
    if (taken || !config.sourceProfile) {
      skipped.push({ name: config.profile, reason: taken ?? 'has no source_profile (credential_source and web-identity roles are not supported)' });
      continue;
    }
    const parsed = addRoleInput.safeParse({
      name: config.profile,
      roleArn: config.roleArn,
      source: config.sourceProfile,
      // The AWS CLI prefers a config profile's role_arn over credentials written under the same
      // name, so Rolecall writes this role's credentials to a profile of its own.
      profile: rolecallProfileName(config.profile, profilesInUse),
      duration: config.durationSeconds,
      // The AWS CLI assumes such a profile from the long-term key with its own code; beyond an
      // hour only that way works, so keep it (an hour or less rides the cached MFA session).
      direct: userNames.has(config.sourceProfile) && (config.durationSeconds ?? 0) > CHAINED_ROLE_MAX_SECONDS,
      externalId: config.externalId,
      sessionName: config.roleSessionName,
      sourceIdentity: config.sourceIdentity,
      region: config.region,
    });
    if (!parsed.success) {
      skipped.push({ name: config.profile, reason: parsed.error.issues[0]?.message ?? 'invalid' });
      continue;
    }
    roles.push(parsed.data);
    importing.add(parsed.data.name);
    profilesInUse.add(profileOf(parsed.data));
  }
  return { users, known, roles, skipped };
}

const PROFILE_SUFFIX = '-rolecall';

/**
 * `<profile>-rolecall`, its start shortened so it fits a name's 64 characters, and numbered
 * (-rolecall2, -rolecall3…) while that name is in use: cutting the suffix off instead would give
 * back a name that exists, the original profile's own for a 64-character one.
 */
export function rolecallProfileName(profile: string, inUse: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? PROFILE_SUFFIX : `${PROFILE_SUFFIX}${n}`;
    const name = profile.slice(0, NAME_MAX_LENGTH - suffix.length) + suffix;
    if (!inUse.has(name)) return name;
  }
}

/** Roles that fit the catalog as `role add` would check them (their sources may come later in the file). */
function reachableRoles(catalog: Catalog, users: FileKey[], roles: Role[], skipped: ImportPlan['skipped']): Role[] {
  const draft: Catalog = { ...catalog, users: [...catalog.users, ...users.map((u) => u.user)], roles: [...catalog.roles, ...roles] };
  return roles.filter((role) => {
    try {
      assertRoleFits(draft, role);
      return true;
    } catch (error) {
      skipped.push({ name: role.name, reason: reasonOf(error, 'it could not be checked against the catalog') });
      return false;
    }
  });
}

/** Config profiles whose source_profile chain ends at a profile whose plaintext key was removed. */
function orphanedProfiles(config: ConfigProfile[], removed: Set<string>, catalog: Catalog): ImportPlan['orphanedProfiles'] {
  const byName = new Map(config.filter((c) => !c.managed).map((c) => [c.profile, c]));
  const orphaned: ImportPlan['orphanedProfiles'] = [];
  for (const start of byName.values()) {
    if (!start.roleArn || !start.sourceProfile) continue;
    let source: string | undefined = start.sourceProfile;
    for (let link = 0; source && link < MAX_CHAIN_LINKS && !removed.has(source); link++) source = byName.get(source)?.sourceProfile;
    if (source && removed.has(source)) {
      const role = catalog.roles.find((r) => r.name === start.profile);
      orphaned.push({ profile: start.profile, useInstead: role ? profileOf(role) : undefined });
    }
  }
  return orphaned;
}
