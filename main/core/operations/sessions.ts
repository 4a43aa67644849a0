import { cutOffServedShells } from '../credential-endpoint/app-revoke';
import { removeEndedProfiles } from './ended-profiles';
import { stsRegion } from '../sts/region';
import { assertProfileWritable, displayPath, listManagedProfiles, removeManagedProfile, writeManagedProfile } from '../aws-files';
import type { Core } from '../core';
import { isKeychainClosed, reasonOf, type KeychainLockedError, type KeychainUnavailableError } from '../errors';
import { profileOf } from '../catalog/rules';
import type { Catalog } from '../../../common/catalog-schema';
import { NAME, refreshLeadMs, sessionStateAt, type SessionState } from '../../../common/rules';
import type { AssumedView, SessionStatus } from '../../../common/contract';
import { ACCOUNT, ROLE_SESSION_PREFIX } from '../keychain/accounts';
import { findRole, resolveChain } from '../sessions/chain';
import { withRoleRenewalLock } from '../sessions/renewal-locks';
import type { ObtainedSession, ObtainOptions } from '../sessions/engine';
import type { Notice } from '../sessions/notices';
import type { CachedSessions } from '../sessions/needs-code';
import type { RoleSessionRecord, TemporaryCredentials } from '../sessions/records';
import { assumeInput, stopInput, type AssumeInput, type StopInput } from '../../../common/inputs';
import { parseInput } from './parse-input';
import { StopIncompleteError } from './stop-incomplete';

/** What a front end may show about an assumed role: names, ARNs and times, never a secret (the contract's shape). */
export type AssumeResult = AssumedView;

/** How an operation may reach the person: the MFA prompt, and word that it waits on another one. */
export type Interaction = Pick<ObtainOptions, 'prompt' | 'onWaitForMfa'>;

/** Credentials for a role (cached or new) without writing its profile: export, exec, credential_process. */
export async function roleCredentials(core: Core, input: AssumeInput, interaction: Interaction = {}): Promise<ObtainedSession> {
  const { name, mfaCode, duration } = parseInput(assumeInput, input, 'role');
  const catalog = core.catalog.load();
  const obtained = await core.engine.obtain(name, { mfaCode, duration, ...interaction, catalog });
  obtained.notices.push(...(await refreshWrittenProfiles(core, catalog, obtained.renewed)));
  return obtained;
}

/**
 * A renewed session replaces the credentials of its profile wherever Rolecall has written that
 * profile, so a profile does not lag behind the session `status` reports for it. Best effort:
 * the caller asked for credentials, not for the file, so a file problem becomes a notice.
 */
export async function refreshWrittenProfiles(core: Core, catalog: Catalog, renewed: RoleSessionRecord[], except?: string): Promise<Notice[]> {
  const notices: Notice[] = [];
  for (const session of renewed) {
    const role = catalog.roles.find((r) => r.name === session.role);
    const profile = role && profileOf(role);
    if (!profile || profile === except) continue;
    try {
      await writeManagedProfile(profile, toProfileCredentials(session), { env: core.env, onlyIfWritten: true, onTightened: tightenedInto(notices) });
    } catch (error) {
      notices.push({ kind: 'profile-not-refreshed', profile, reason: reasonOf(error, 'the shared AWS files could not be written') });
    }
  }
  return notices;
}

/** Words a credentials file narrowed to 0600 as a notice (the run that did it says so, once). */
export function tightenedInto(notices: Notice[]): (file: string, mode: string) => void {
  return (file, mode) => notices.push({ kind: 'credentials-file-tightened', file: displayPath(file), mode });
}

/** Assumes a role and writes its credentials into its named profile for every AWS tool. */
export async function assume(core: Core, input: AssumeInput, interaction: Interaction = {}): Promise<AssumeResult> {
  const { name, mfaCode, duration, refresh } = parseInput(assumeInput, input, 'role');
  const catalog = core.catalog.load();
  const role = findRole(catalog, name);
  const profile = profileOf(role);
  // Refuse before asking AWS (and maybe for an MFA code) when the profile could not be written.
  // The region is written with the profile: the role's own, else its user's (as the engine records it).
  await assertProfileWritable(profile, { env: core.env, region: role.region ?? resolveChain(catalog, name).user.region });
  // The profiles of sessions that have ended go first; this role's own is about to be written anew.
  const ended = (await removeEndedProfiles(core)).filter((p) => p !== profile);
  // An explicit duration means "give me a new session of that length", not a cached one; so does
  // asking to extend a session.
  const written: Notice[] = ended.length ? [{ kind: 'ended-profiles-removed', profiles: ended }] : [];
  const obtained = await core.engine.obtain(name, {
    mfaCode,
    duration,
    ...interaction,
    catalog,
    refresh: refresh === true || duration !== undefined,
    // Under the role's lock, which stop takes too: a stop arriving mid-assume waits for this write
    // and then removes the profile, instead of being undone by it.
    whileLocked: async (session) => {
      // With no region of the role's or user's own, the one STS was called in: AWS CLI v1 needs one.
      const fallbackRegion = session.region === undefined ? stsRegion(core.env) : undefined;
      await writeManagedProfile(profile, toProfileCredentials(session), { region: session.region, fallbackRegion, env: core.env, onTightened: tightenedInto(written) });
    },
  });
  const { session } = obtained;
  obtained.notices.push(...written, ...(await refreshWrittenProfiles(core, catalog, obtained.renewed, profile)));
  return {
    role: name,
    profile,
    assumedRoleArn: session.assumedRoleArn,
    expiresAt: session.expiration,
    chain: session.chain,
    fromCache: obtained.fromCache,
    cappedBy: session.cappedBy,
    notices: obtained.notices,
  };
}

/** A session as the shared AWS files hold it. */
export function toProfileCredentials(credentials: TemporaryCredentials) {
  return {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    expiration: new Date(credentials.expiration),
  };
}

/**
 * `expiring` once less than the refresh lead is left: the window renews a role session then, and
 * never later than the 15 minutes at which credential_process consumers refresh (the setting's
 * floor), so the default reads the same as the engine's reuse margin.
 */
function stateOf(expiration: string, now: number, leadMs: number): SessionState {
  return sessionStateAt(Date.parse(expiration), now, leadMs);
}

/** Every cached session with its state and expiry, MFA sessions first. */
export async function status(core: Core): Promise<SessionStatus[]> {
  return sessionStatuses(core, core.catalog.load(), await core.secrets.allSessions(), core.now());
}

/** `status` over a catalog and a keychain read the caller already has (one read per operation). */
export async function sessionStatuses(core: Core, catalog: Catalog, cached: CachedSessions, now: number): Promise<SessionStatus[]> {
  const { mfa, roles } = cached;
  const leadMs = expiringLeadMs(catalog);
  // Another catalog's section of the same name holds that catalog's credentials, not this role's.
  const written = new Set((await listManagedProfiles({ env: core.env, onlyOwn: true })).map((p) => p.profile));
  const result: SessionStatus[] = mfa
    .filter((m) => catalog.users.some((u) => u.name === m.user))
    .map((m) => ({ kind: 'mfa-session', name: m.user, state: stateOf(m.expiration, now, leadMs), expiresAt: m.expiration, chain: [m.user] }));
  for (const session of roles) {
    const role = catalog.roles.find((r) => r.name === session.role);
    if (!role) continue;
    const profile = profileOf(role);
    result.push({
      kind: 'role',
      name: session.role,
      profile: written.has(profile) ? profile : undefined,
      state: stateOf(session.expiration, now, leadMs),
      expiresAt: session.expiration,
      chain: session.chain,
      cappedBy: session.cappedBy,
    });
  }
  return sortStatuses(result);
}

/** user → … → role by the catalog; just the role when its chain is broken (status must not fail on it). */
function chainNames(catalog: Catalog, role: string): string[] {
  try {
    const chain = resolveChain(catalog, role);
    return [chain.user.name, ...chain.roles.map((r) => r.name)];
  } catch {
    return [role];
  }
}

/** Less than this left reads `expiring`. */
function expiringLeadMs(catalog: Catalog): number {
  return refreshLeadMs(catalog.settings.refreshLeadMinutes);
}

function sortStatuses(result: SessionStatus[]): SessionStatus[] {
  return result.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'mfa-session' ? -1 : 1));
}

/**
 * What can be said of the sessions while the keychain cannot be read: the roles of this catalog
 * whose profile Rolecall wrote, with the expiry the file records (`x_security_token_expires`).
 */
export async function statusesFromProfiles(core: Core, catalog: Catalog, now: number): Promise<SessionStatus[]> {
  const leadMs = expiringLeadMs(catalog);
  const written = new Map((await listManagedProfiles({ env: core.env, onlyOwn: true })).map((p) => [p.profile, p.expiration]));
  const result: SessionStatus[] = [];
  for (const role of catalog.roles) {
    const expiration = written.get(profileOf(role));
    if (!expiration) continue;
    const expiresAt = expiration.toISOString();
    result.push({ kind: 'role', name: role.name, profile: profileOf(role), state: stateOf(expiresAt, now, leadMs), expiresAt, chain: chainNames(catalog, role.name) });
  }
  return sortStatuses(result);
}

/** Ends the running app's grants of `roles` to shells (export --server), said as a notice. */
async function cutOffShells(core: Core, roles: readonly string[] | 'all', notices: Notice[]): Promise<void> {
  const cut = await cutOffServedShells(core, roles);
  if (cut.length) notices.push({ kind: 'shells-cut-off', roles: cut });
}

/**
 * Removes a role's managed profile and its cached session, and cuts off the shells the running app
 * served it to; `all` does so for every role. With the
 * keychain locked or unreachable it still removes the profiles, then throws StopIncompleteError
 * naming what stays in the keychain: a stop is never reported done while its session survives.
 * `onWait` is told when a role's lock is held by another process for more than a moment (an
 * assume or renewal in flight, maybe at an MFA prompt): the stop waits for it, then removes what
 * it wrote.
 */
export async function stop(core: Core, input: StopInput, onWait?: (role: string) => void): Promise<{ stopped: string[]; notices: Notice[] }> {
  const parsed = parseInput(stopInput, input, 'stop request');
  const catalog = core.catalog.load();
  // Removing a profile rewrites the credentials file, and a rewrite makes a file others could
  // read owner-only: said, as assume says it.
  const notices: Notice[] = [];
  const onTightened = tightenedInto(notices);
  if (!('all' in parsed)) {
    const role = findRole(catalog, parsed.name);
    // Shells the app serves the role first, so its endpoint renews nothing behind this stop.
    await cutOffShells(core, [role.name], notices);
    // Under the role's renewal lock: a renewal in flight (the app's scheduler, a credential_process
    // run) finishes first, and then finds the session gone instead of writing it back.
    return withRoleRenewalLock(
      core.env,
      role.name,
      async () => {
        const profile = profileOf(role);
        const { removed } = await removeManagedProfile(profile, { env: core.env, onTightened });
        let forgotten: boolean;
        try {
          forgotten = await core.secrets.delete(ACCOUNT.roleSession(role.name));
        } catch (error) {
          if (isKeychainClosed(error)) throw new StopIncompleteError({ role: role.name, removedProfiles: removed ? [profile] : [], cause: error });
          throw error;
        }
        return { stopped: removed || forgotten ? [role.name] : [], notices };
      },
      onWait && (() => onWait(role.name)),
    );
  }
  await cutOffShells(core, 'all', notices);
  // Everything this catalog cached or wrote, also for roles no longer in it, and nothing another
  // catalog wrote into the same files. Sessions first, so a hand-edited section that cannot be
  // removed does not keep them alive.
  const hadSession = new Set<string>();
  let closed: KeychainLockedError | KeychainUnavailableError | undefined;
  try {
    const cachedRoles = new Set<string>();
    for (const account of await core.secrets.accounts()) {
      if (account.startsWith(ROLE_SESSION_PREFIX)) cachedRoles.add(account.slice(ROLE_SESSION_PREFIX.length));
    }
    // Every role of the catalog too: an assume in flight has no cached session yet, and holds its
    // role's lock until its profile is written; waiting for it here means the profile removal
    // below sees that profile.
    for (const name of new Set([...cachedRoles, ...catalog.roles.map((r) => r.name)])) {
      const account = ACCOUNT.roleSession(name);
      const forget = async () => {
        if (cachedRoles.has(name)) await core.secrets.delete(account);
        else if (await core.secrets.getRoleSession(name)) await core.secrets.delete(account);
        else return;
        hadSession.add(name);
      };
      // Under each role's renewal lock, as for one role (a name Rolecall would not write: no lock file).
      await (NAME.test(name) ? withRoleRenewalLock(core.env, name, forget, onWait && (() => onWait(name))) : forget());
    }
  } catch (error) {
    // The profiles can still go: an AWS tool stops using the role at once.
    if (!isKeychainClosed(error)) throw error;
    closed = error;
  }
  const removedProfiles = new Set<string>();
  for (const { profile } of await listManagedProfiles({ env: core.env, onlyOwn: true })) {
    if (!NAME.test(profile)) continue; // not a name Rolecall writes: someone edited it by hand
    if ((await removeManagedProfile(profile, { env: core.env, onlyOwn: true, onTightened })).removed) removedProfiles.add(profile);
  }
  if (closed) throw new StopIncompleteError({ removedProfiles: [...removedProfiles], cause: closed });
  const stopped = catalog.roles.filter((r) => hadSession.has(r.name) || removedProfiles.has(profileOf(r)));
  const ours = new Set(catalog.roles.map(profileOf));
  const orphans = [...removedProfiles].filter((p) => !ours.has(p)).map((p) => `profile ${p}`);
  return { stopped: [...stopped.map((r) => r.name), ...orphans], notices };
}
