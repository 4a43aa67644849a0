import { readAwsProfiles, removeUserKeys, type AwsProfiles, type ConfigProfile } from '../aws-files';
import type { Core } from '../core';
import { isRolecallError, reasonOf } from '../errors';
import type { Catalog, Role, User } from '../../../common/catalog-schema';
import { CHAINED_ROLE_MAX_SECONDS, MAX_CHAIN_LINKS, NAME_MAX_LENGTH } from '../../../common/rules';
import { assertRoleFits, profileOf } from '../catalog/rules';
import { stsRegion } from '../sts/region';
import { verifyLongTermKey } from '../sts/verify-key';
import { readKeyCreatedAt } from '../iam/key-age';
import { addRoleInput, addUserInput, importInput, type ImportInput } from '../../../common/inputs';
import { parseInput } from './parse-input';

export interface ImportPlan {
  users: User[];
  /** With how each is assumed (from the MFA session, direct because of its duration, chained…). */
  roles: Array<Role & { how: string }>;
  skipped: Array<{ name: string; reason: string }>;
  /** Sections neither imported nor refused: Rolecall's own, settings-only profiles, other sections. */
  leftAlone: Array<{ name: string; reason: string }>;
  /** Profiles whose plaintext keys were (on a dry run: would be) deleted from the credentials file. */
  plaintextRemoved: string[];
  /** Imported keys whose plaintext stays in the credentials file, and why (AWS could not check them). */
  plaintextKept: Array<{ name: string; reason: string }>;
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
 * and roles (role_arn + source_profile) into the catalog, and accounts for every other section
 * (skipped with its reason, or left alone). A dry run does everything but write, so it says
 * exactly what the real run will do, plaintext removal included: keys are checked with AWS on both
 * (a read-only call), and a plaintext key is deleted only when AWS confirmed it and the file still
 * holds exactly the key the keychain holds. A key AWS could not check is imported, its plaintext kept.
 */
export async function importProfiles(core: Core, input: ImportInput): Promise<ImportPlan> {
  const options = parseInput(importInput, input, 'import options');
  const files = await readAwsProfiles({ env: core.env });
  const catalog = core.catalog.load();
  const planned = plan(files, catalog);
  const { known, skipped } = planned;
  // A key AWS rejects is not worth importing (nor deleting from the file): say so and go on. One
  // AWS could not check (offline) is imported, but its plaintext stays: it may be mistyped.
  const users: FileKey[] = [];
  const unverified = new Map<string, string>();
  for (const key of [...planned.users, ...(options.removePlaintext ? known : [])]) {
    const check = await checkKey(core, key);
    if ('rejected' in check) {
      if (planned.users.includes(key)) skipped.push({ name: key.user.name, reason: check.rejected });
      else unverified.set(key.profile, check.rejected);
      continue;
    }
    if ('unverifiedBecause' in check) unverified.set(key.profile, check.unverifiedBecause);
    if (planned.users.includes(key)) users.push(key);
  }
  const roles = reachableRoles(catalog, users, planned.roles, skipped);
  const result: ImportPlan = {
    users: users.map((u) => u.user),
    roles: roles.map((role) => ({ ...role, how: howAssumed(role, [...catalog.users, ...users.map((u) => u.user)]) })),
    skipped,
    leftAlone: planned.leftAlone,
    plaintextRemoved: [],
    plaintextKept: [],
    orphanedProfiles: [],
  };
  if (options.dryRun) {
    if (options.removePlaintext) {
      for (const { user, secretAccessKey, profile } of [...users, ...known]) {
        const reason = unverified.get(profile) ?? (await keptBecause(core, known, profile, user, secretAccessKey));
        if (reason) result.plaintextKept.push({ name: profile, reason });
        else result.plaintextRemoved.push(profile);
      }
      result.orphanedProfiles = orphanedProfiles(files.config, new Set(result.plaintextRemoved), { ...catalog, roles: [...catalog.roles, ...roles] });
    }
    return result;
  }

  // The key's age, from IAM, as `user add` reads it; only for keys AWS confirmed (IAM would not
  // answer where STS could not be reached), and never on a dry run, which writes nothing.
  for (const key of users) {
    if (unverified.has(key.profile)) continue;
    const region = stsRegion(core.env, key.user.region);
    const age = await readKeyCreatedAt({ accessKeyId: key.user.accessKeyId, secretAccessKey: key.secretAccessKey }, region, core.env, key.user);
    if ('keyCreatedAt' in age) key.user = { ...key.user, keyCreatedAt: age.keyCreatedAt };
  }
  result.users = users.map((u) => u.user);
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
      const reason = unverified.get(profile) ?? (await keptBecause(core, known, profile, user, secretAccessKey));
      if (reason) {
        result.plaintextKept.push({ name: profile, reason });
        continue;
      }
      const expected = { accessKeyId: user.accessKeyId, secretAccessKey };
      if ((await removeUserKeys(profile, expected, { env: core.env })).removed) result.plaintextRemoved.push(profile);
    }
    result.orphanedProfiles = orphanedProfiles(files.config, new Set(result.plaintextRemoved), updated);
  }
  return result;
}

/** What AWS says of a key: confirmed, refused (not imported), or not asked (imported, plaintext kept). */
async function checkKey(core: Core, key: FileKey): Promise<{ verified: true } | { rejected: string } | { unverifiedBecause: string }> {
  try {
    const region = stsRegion(core.env, key.user.region);
    const check = await verifyLongTermKey({ accessKeyId: key.user.accessKeyId, secretAccessKey: key.secretAccessKey }, region, core.env, key.user);
    if ('unverifiedBecause' in check) return { unverifiedBecause: `AWS could not check its key (${check.unverifiedBecause.replace(/\.$/, '')}), so its plaintext stays` };
    return { verified: true };
  } catch (error) {
    // Only a RolecallError's words are shown: an unexpected error's text may quote anything.
    return { rejected: isRolecallError(error) ? `AWS refused its key (${error.message})` : 'its key could not be checked with AWS (an unexpected error)' };
  }
}

/** Why a confirmed key's plaintext stays anyway: the keychain holds another key for that user. */
async function keptBecause(core: Core, known: FileKey[], profile: string, user: User, secretAccessKey: string): Promise<string | undefined> {
  if (!known.some((k) => k.profile === profile)) return undefined;
  if ((await core.secrets.getUserKey(user.name)) === secretAccessKey) return undefined;
  return `the keychain holds another key for '${user.name}', so the plaintext copy stays`;
}

/** How an imported role will be assumed, in words. */
function howAssumed(role: Role, users: readonly User[]): string {
  const user = users.find((u) => u.name === role.source);
  if (!user) return `chained from the role ${role.source}`;
  if (role.direct)
    return `direct from ${user.name}'s key with its own MFA code: its duration_seconds (${role.duration ?? 0}) is over the hour a role entered from an MFA session may last`;
  if (user.mfaSerial) return `from ${user.name}'s MFA session (one code for every role)`;
  return `from ${user.name}'s key (no MFA device)`;
}

/** Why a config profile without role_arn and without a key of its own is not imported. */
function configOnlyReason(config: ConfigProfile): { skipped: string } | { leftAlone: string } {
  const has = (key: string) => config.keys.includes(key);
  if (has('sso_session') || has('sso_start_url')) return { skipped: 'uses IAM Identity Center (SSO): aws sso login signs in to it; Rolecall keeps IAM user keys' };
  if (has('credential_process')) return { skipped: 'gets its credentials from credential_process, not from a stored key' };
  if (has('credential_source')) return { skipped: 'takes its credentials from the machine (credential_source: instance metadata, container or environment)' };
  if (has('web_identity_token_file')) return { skipped: 'assumes a role with a web identity token, which Rolecall does not hold' };
  return { leftAlone: 'settings only (no key, no role_arn); AWS tools keep using it as it is' };
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
      const how = config.keys.includes('credential_source')
        ? 'takes its source credentials from the machine (credential_source: instance metadata, container or environment), not from a key'
        : config.keys.includes('web_identity_token_file')
          ? 'is assumed with a web identity token, which Rolecall does not hold'
          : 'has no role to come from (no source_profile)';
      skipped.push({ name: config.profile, reason: taken ?? how });
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
  // Everything else in the files, so that the preview names every section.
  const leftAlone: ImportPlan['leftAlone'] = [];
  const credentialsProfiles = new Set(files.credentials.map((c) => c.profile));
  for (const c of files.credentials) if (c.managed) leftAlone.push({ name: c.profile, reason: 'written by Rolecall (a profile of a role session)' });
  for (const config of files.config) {
    if (config.managed) leftAlone.push({ name: `profile ${config.profile}`, reason: 'written by Rolecall (the region of a role profile)' });
    else if (!config.roleArn && !credentialsProfiles.has(config.profile)) {
      const why = configOnlyReason(config);
      if ('skipped' in why) skipped.push({ name: config.profile, reason: why.skipped });
      else leftAlone.push({ name: config.profile, reason: why.leftAlone });
    }
  }
  for (const { section, managed } of files.other) {
    if (managed) leftAlone.push({ name: section, reason: 'written by Rolecall' });
    else if (/^services\s/.test(section)) skipped.push({ name: `[${section}]`, reason: 'endpoint settings ([services]), not a profile' });
    else if (/^sso-session\s/.test(section)) skipped.push({ name: `[${section}]`, reason: 'an IAM Identity Center (SSO) session, not a key' });
    else leftAlone.push({ name: `[${section}]`, reason: 'holds no access key pair and no role' });
  }
  return { users, known, roles, skipped, leftAlone };
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
