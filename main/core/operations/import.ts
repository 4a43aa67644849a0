import { readAwsProfiles, removeUserKeys, type AwsProfiles, type ConfigProfile } from '../aws-files';
import type { Core } from '../core';
import type { Catalog, Role, User } from '../catalog/schema';
import { RolecallError } from '../errors';
import { resolveChain } from '../sessions/chain';
import { addRoleInput, addUserInput, importInput, type ImportInput } from './inputs';
import { parseInput } from './parse-input';

export interface ImportPlan {
  users: Array<Omit<User, never>>;
  roles: Role[];
  skipped: Array<{ name: string; reason: string }>;
  /** Profiles whose plaintext keys were deleted from the credentials file. */
  plaintextRemoved: string[];
}

interface PlannedUser {
  user: User;
  secretAccessKey: string;
  profile: string;
}

/**
 * Reads the shared AWS files and brings their users (long-term keys, moved into the keychain)
 * and roles (role_arn + source_profile) into the catalog. Nothing is written on a dry run, and
 * plaintext keys are deleted only after the keychain has been read back holding them.
 */
export async function importProfiles(core: Core, input: ImportInput): Promise<ImportPlan> {
  const options = parseInput(importInput, input, 'import options');
  const files = await readAwsProfiles({ env: core.env });
  const catalog = core.catalog.load();
  const { users, roles, skipped } = plan(files, catalog);
  const result: ImportPlan = { users: users.map((u) => u.user), roles, skipped, plaintextRemoved: [] };
  if (options.dryRun || (!users.length && !roles.length)) return result;

  for (const { user, secretAccessKey } of users) await core.secrets.setUserKey(user.name, secretAccessKey);
  await core.catalog.update((current) => {
    for (const { user } of users) if (!current.users.some((u) => u.name === user.name)) current.users.push(user);
    for (const role of roles) if (!current.roles.some((r) => r.name === role.name)) current.roles.push(role);
  });
  if (options.removePlaintext) {
    for (const { user, secretAccessKey, profile } of users) {
      if ((await core.secrets.getUserKey(user.name)) !== secretAccessKey) {
        throw new RolecallError(`The keychain does not hold the key of '${user.name}' after import; its plaintext copy was kept.`);
      }
      if ((await removeUserKeys(profile, { env: core.env })).removed) result.plaintextRemoved.push(profile);
    }
  }
  return result;
}

function plan(files: AwsProfiles, catalog: Catalog): { users: PlannedUser[]; roles: Role[]; skipped: ImportPlan['skipped'] } {
  const skipped: ImportPlan['skipped'] = files.invalid.map(({ profile, error }) => ({ name: profile, reason: error.message }));
  const taken = new Set([...catalog.users, ...catalog.roles].map((entry) => entry.name));
  const configOf = (profile: string) => files.config.find((c) => c.profile === profile && !c.managed);
  const roleProfiles = files.config.filter((c) => !c.managed && c.roleArn);

  const users: PlannedUser[] = [];
  for (const creds of files.credentials) {
    if (creds.managed) continue;
    if (creds.temporary) {
      skipped.push({ name: creds.profile, reason: 'holds temporary credentials (aws_session_token), not an IAM user key' });
      continue;
    }
    if (taken.has(creds.profile)) {
      skipped.push({ name: creds.profile, reason: 'already in the catalog' });
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
    taken.add(user.name);
  }

  const roles: Role[] = [];
  const draft: Catalog = { ...catalog, users: [...catalog.users, ...users.map((u) => u.user)], roles: [...catalog.roles] };
  for (const config of roleProfiles) {
    const reason = roleSkipReason(config, taken);
    if (reason) {
      skipped.push({ name: config.profile, reason });
      continue;
    }
    const parsed = addRoleInput.safeParse({
      name: config.profile,
      roleArn: config.roleArn,
      source: config.sourceProfile,
      // The AWS CLI prefers a config profile's role_arn over credentials written under the same
      // name, so Rolecall writes this role's credentials to a profile of its own.
      profile: `${config.profile}-rolecall`.slice(0, 64),
      duration: config.durationSeconds,
      externalId: config.externalId,
      sessionName: config.roleSessionName,
      sourceIdentity: config.sourceIdentity,
      region: config.region,
    });
    if (!parsed.success) {
      skipped.push({ name: config.profile, reason: parsed.error.issues[0]?.message ?? 'invalid' });
      continue;
    }
    draft.roles.push(parsed.data);
    roles.push(parsed.data);
    taken.add(parsed.data.name);
  }
  // Keep only roles whose chain reaches a user without loops; their sources may come later in the file.
  const reachable = roles.filter((role) => {
    try {
      resolveChain(draft, role.name);
      return true;
    } catch (error) {
      skipped.push({ name: role.name, reason: (error as Error).message });
      return false;
    }
  });
  return { users, roles: reachable, skipped };
}

function roleSkipReason(config: ConfigProfile, taken: Set<string>): string | undefined {
  if (taken.has(config.profile)) return 'already in the catalog';
  if (!config.sourceProfile) return 'has no source_profile (credential_source and web-identity roles are not supported)';
  return undefined;
}
