import type { CatalogStore } from '../catalog/store';
import type { Catalog, Role, User } from '../../../common/catalog-schema';
import { CHAINED_ROLE_MAX_SECONDS, ROLE_SESSION_NAME } from '../../../common/rules';
import { MfaCodeRequiredError, RolecallError, SessionStoppedError } from '../errors';
import { ACCOUNT } from '../keychain/accounts';
import type { Secrets } from '../keychain/secrets';
import { Sts, type CallerCredentials, type MfaCode } from '../sts/client';
import { awsErrorCode, explainStsError, isRoleMaximumError } from '../sts/errors';
import { longTermKey } from '../keychain/long-term-key';
import { stsRegion } from '../sts/region';
import { chainNames, resolveChain, type Chain } from './chain';
import { MfaCodes, type MfaPrompt } from './mfa-codes';
import { formatClockTime } from '../../../common/time';
import type { Notice } from './notices';
import type { MfaSessionRecord, RoleSessionRecord } from './records';
import { isRenewedSince, withMfaPromptLock, withRoleRenewalLock } from './renewal-locks';
import { isMfaSessionReusable, isRoleSessionReusable } from './reuse';

export interface EngineDeps {
  catalog: CatalogStore;
  secrets: Secrets;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

export interface ObtainOptions {
  mfaCode?: string;
  /** Seconds asked for the target role; the role's own duration or the default otherwise. */
  duration?: number;
  /**
   * Ignore a cached session of the target role (the scheduler's refresh, "assume again"). A
   * session of the same requested duration that another caller obtained after this call began
   * counts as new: two concurrent refreshes share one AssumeRole instead of the second forcing
   * another.
   */
  refresh?: boolean;
  /**
   * Renew the target only while the keychain still holds this session of it (its expiration):
   * the scheduler's renewal must not bring back a role that was stopped meanwhile. Checked under
   * the role's lock, which `stop` takes too; otherwise SessionStoppedError.
   */
  onlyWhileCached?: string;
  prompt?: MfaPrompt;
  /**
   * Told, once per user and call, when another process is already asking this user for a code and
   * this one waits: on the MFA prompt itself, or on a role that process is renewing (a wait of
   * more than a moment there is a code being typed).
   */
  onWaitForMfa?: (user: string) => void;
  /** The catalog the caller has just read, so one operation reads it once. */
  catalog?: Catalog;
  /**
   * Runs with the target's session, still under the target role's lock (taken even when the
   * cached session serves): `assume` writes the profile there, so a `stop` (which takes that lock)
   * either waits for the write and then removes the profile, or came first and is seen.
   */
  whileLocked?: (session: RoleSessionRecord) => Promise<void>;
}

export interface ObtainedSession {
  session: RoleSessionRecord;
  /**
   * This call asked AWS for nothing for the target: its cached session was still good, or
   * another caller (in this process or another) renewed it while this one waited for the role's
   * lock. That caller's run reports the renewal in its own `renewed` and notices.
   */
  fromCache: boolean;
  notices: Notice[];
  /** Every role session AWS issued during this operation (the target and any chain links). */
  renewed: RoleSessionRecord[];
}

/** One operation's state: its MFA codes and what it has told the user. */
interface Run {
  catalog: Catalog;
  /** When the operation began: a session issued since then is as new as one it would ask for. */
  started: number;
  codes: MfaCodes;
  notices: Notice[];
  fromCache: boolean;
  renewed: RoleSessionRecord[];
  onWaitForMfa?: (user: string) => void;
}

/**
 * Turns a role name into live credentials: reuses cached sessions while they have 15 minutes
 * left, otherwise walks the chain back to the user and assumes each link, through the cached
 * MFA session (one hour at most) or directly from the long-term key (the role's full maximum).
 */
export class SessionEngine {
  private readonly env: NodeJS.ProcessEnv;
  private readonly now: () => number;
  /**
   * Single flight: concurrent callers needing the same MFA session share one GetSessionToken.
   * (Role sessions need no map: callers of one process queue on the role's lock, see obtainLink.)
   */
  private readonly mfaSessionsInFlight = new Map<string, Promise<MfaSessionRecord>>();

  constructor(private readonly deps: EngineDeps) {
    this.env = deps.env ?? process.env;
    this.now = deps.now ?? Date.now;
  }

  async obtain(roleName: string, options: ObtainOptions = {}): Promise<ObtainedSession> {
    const started = this.now();
    const catalog = options.catalog ?? this.deps.catalog.load();
    const chain = resolveChain(catalog, roleName);
    const run: Run = {
      catalog,
      started,
      codes: new MfaCodes(options.prompt, options.mfaCode),
      notices: [],
      fromCache: false,
      renewed: [],
      onWaitForMfa: options.onWaitForMfa && onceEach(options.onWaitForMfa),
    };
    const session = await this.obtainLink(run, chain, chain.roles.length - 1, options);
    return { session, fromCache: run.fromCache, notices: run.notices, renewed: run.renewed };
  }

  /**
   * A user's MFA session, the cached one or a new one (asking for a code): what IAM calls that a
   * policy allows only with MFA ride (role discovery). Shares the MFA lock and cache with assume.
   */
  async userMfaSession(user: User, options: Pick<ObtainOptions, 'mfaCode' | 'prompt' | 'onWaitForMfa'> = {}): Promise<{ session: MfaSessionRecord; notices: Notice[] }> {
    const run: Run = {
      catalog: this.deps.catalog.load(),
      started: this.now(),
      codes: new MfaCodes(options.prompt, options.mfaCode),
      notices: [],
      fromCache: false,
      renewed: [],
      onWaitForMfa: options.onWaitForMfa && onceEach(options.onWaitForMfa),
    };
    return { session: await this.mfaSession(run, user), notices: run.notices };
  }

  /**
   * The session of link `index`: the cached one while it serves, else a new one, renewed under
   * the role's lock (renewal-locks.ts) so concurrent callers, in any process, make one AssumeRole.
   * Locks are taken leaf-first: this role's, then (through callerFor) its source's, down to the
   * user's MFA lock, the same order in every process.
   */
  private async obtainLink(run: Run, chain: Chain, index: number, options: ObtainOptions): Promise<RoleSessionRecord> {
    const role = chain.roles[index]!;
    const isTarget = index === chain.roles.length - 1;
    const refresh = isTarget && options.refresh === true;
    const requested = (isTarget ? options.duration : undefined) ?? role.duration ?? run.catalog.settings.defaultRoleDuration;
    const serves = (cached: RoleSessionRecord | undefined): cached is RoleSessionRecord =>
      (!refresh && isRoleSessionReusable(cached, role, this.now())) ||
      isRenewedSince(cached, { roleArn: role.roleArn, requestedSeconds: requested }, run.started, this.now());
    const fromCache = (cached: RoleSessionRecord) => {
      if (isTarget) run.fromCache = true;
      return cached;
    };

    const whileLocked = isTarget ? options.whileLocked : undefined;
    if (!whileLocked) {
      const cached = await this.deps.secrets.getRoleSession(role.name);
      if (serves(cached)) return fromCache(cached);
    }
    const user = chain.user;
    return withRoleRenewalLock(
      this.env,
      role.name,
      async () => {
        // Whoever held the lock has most likely just renewed the session: look again.
        const current = await this.deps.secrets.getRoleSession(role.name);
        const stillCached = current?.expiration === options.onlyWhileCached;
        let session: RoleSessionRecord;
        if (serves(current)) session = fromCache(current);
        else if (isTarget && options.onlyWhileCached !== undefined && !stillCached) throw new SessionStoppedError(role.name);
        else session = await this.assumeLink(run, chain, index, requested, options, true);
        await whileLocked?.(session);
        return session;
      },
      // Only a chain that can need a code says why it waits; others wait in silence.
      user.mfaSerial ? () => run.onWaitForMfa?.(user.name) : undefined,
    );
  }

  private async assumeLink(run: Run, chain: Chain, index: number, requested: number, options: ObtainOptions, mayRetryExpired: boolean): Promise<RoleSessionRecord> {
    const role = chain.roles[index]!;
    const user = chain.user;
    const caller = await this.callerFor(run, chain, index, options);
    let granted = caller.temporary ? Math.min(requested, CHAINED_ROLE_MAX_SECONDS) : requested;
    let cappedBy: RoleSessionRecord['cappedBy'] = granted < requested ? 'chaining' : undefined;
    if (cappedBy) run.notices.push({ kind: 'capped-chaining', role: role.name, requestedSeconds: requested, grantedSeconds: granted });

    const sts = new Sts(caller.credentials, this.regionFor(role, user), this.env);
    try {
      const request = {
        roleArn: role.roleArn,
        sessionName: role.sessionName ?? defaultSessionName(user),
        externalId: role.externalId,
        sourceIdentity: role.sourceIdentity,
        mfa: caller.mfa,
      };
      let assumed;
      try {
        assumed = await sts.assumeRole({ ...request, durationSeconds: granted });
      } catch (error) {
        // The role's MaxSessionDuration is lower than asked: fall back to AWS's default hour.
        // A direct role retries with the same code: the duration is a parameter check that we
        // expect AWS to make before it consumes the code (our test STS does so). Should AWS
        // refuse the code on the retry, that refusal is reported and the next run asks again.
        if (!isRoleMaximumError(error) || granted <= CHAINED_ROLE_MAX_SECONDS) throw error;
        run.notices.push({ kind: 'capped-role-maximum', role: role.name, requestedSeconds: requested, grantedSeconds: CHAINED_ROLE_MAX_SECONDS });
        granted = CHAINED_ROLE_MAX_SECONDS;
        cappedBy = 'role-maximum';
        assumed = await sts.assumeRole({ ...request, durationSeconds: granted });
      }
      const record: RoleSessionRecord = {
        kind: 'role-session',
        role: role.name,
        roleArn: role.roleArn,
        assumedRoleArn: assumed.assumedRoleArn,
        chain: chainNames({ user, roles: chain.roles.slice(0, index + 1) }),
        via: caller.via,
        requestedSeconds: requested,
        grantedSeconds: granted,
        cappedBy,
        region: role.region ?? user.region,
        issuedAt: new Date(this.now()).toISOString(),
        accessKeyId: assumed.accessKeyId,
        secretAccessKey: assumed.secretAccessKey,
        sessionToken: assumed.sessionToken,
        expiration: assumed.expiration,
      };
      await this.deps.secrets.setRoleSession(record);
      run.renewed.push(record);
      return record;
    } catch (error) {
      if (error instanceof RolecallError) throw error;
      // A cached parent session AWS considers expired (clock skew, revoked): forget it and go
      // round once more, which asks for a new code when one is needed.
      if (awsErrorCode(error) === 'ExpiredToken' && caller.cacheAccount && mayRetryExpired) {
        await this.deps.secrets.delete(caller.cacheAccount);
        return this.assumeLink(run, chain, index, requested, options, false).catch((retryError: unknown) => {
          if (retryError instanceof MfaCodeRequiredError) {
            throw new RolecallError(
              `The cached MFA session of '${user.name}' has expired at AWS, and ${retryError.message.charAt(0).toLowerCase()}${retryError.message.slice(1)}`,
              retryError.hint,
              'ExpiredToken',
            );
          }
          throw retryError;
        });
      }
      throw explainStsError(error, {
        doing: `assuming ${role.name} (${role.roleArn})`,
        user: caller.via === 'long-term-key' ? user.name : undefined,
        accessKeyId: caller.via === 'long-term-key' ? user.accessKeyId : undefined,
        userDetails: caller.via === 'long-term-key' ? user : undefined,
      });
    } finally {
      sts.destroy();
    }
  }

  /** The credentials that assume link `index`: its source role's session, the MFA session, or the key. */
  private async callerFor(
    run: Run,
    chain: Chain,
    index: number,
    options: ObtainOptions,
  ): Promise<{ credentials: CallerCredentials; temporary: boolean; via: RoleSessionRecord['via']; mfa?: MfaCode; cacheAccount?: string }> {
    const role = chain.roles[index]!;
    const user = chain.user;
    if (index > 0) {
      const parent = await this.obtainLink(run, chain, index - 1, options);
      return { credentials: parent, temporary: true, via: 'role', cacheAccount: ACCOUNT.roleSession(parent.role) };
    }
    if (user.mfaSerial && !role.direct) {
      const mfaSession = await this.mfaSession(run, user);
      return { credentials: mfaSession, temporary: true, via: 'mfa-session', cacheAccount: ACCOUNT.mfaSession(user.name) };
    }
    const credentials = await longTermKey(this.deps.secrets, user);
    if (!user.mfaSerial) return { credentials, temporary: false, via: 'long-term-key' };
    const tokenCode = await run.codes.next({ user: user.name, mfaSerial: user.mfaSerial, purpose: `Assuming ${role.name} directly` });
    return { credentials, temporary: false, via: 'long-term-key', mfa: { serialNumber: user.mfaSerial, tokenCode } };
  }

  /** The cached MFA session of a user, or a new one (one code, then every role all day). */
  private async mfaSession(run: Run, user: User): Promise<MfaSessionRecord> {
    const cached = await this.deps.secrets.getMfaSession(user.name);
    if (isMfaSessionReusable(cached, user, this.now())) return cached;
    const inFlight = this.mfaSessionsInFlight.get(user.name);
    if (inFlight) return inFlight;
    const started = this.startMfaSession(run, user).finally(() => this.mfaSessionsInFlight.delete(user.name));
    this.mfaSessionsInFlight.set(user.name, started);
    return started;
  }

  /**
   * One MFA prompt per user across processes too: parallel credential_process runs (a tool with
   * several providers) queue on a lock, and whoever comes second finds the new session cached.
   */
  private async startMfaSession(run: Run, user: User): Promise<MfaSessionRecord> {
    return withMfaPromptLock(
      this.env,
      user.name,
      () => this.startMfaSessionLocked(run, user),
      () => run.onWaitForMfa?.(user.name),
    );
  }

  private async startMfaSessionLocked(run: Run, user: User): Promise<MfaSessionRecord> {
    const mfaSerial = user.mfaSerial!;
    const cached = await this.deps.secrets.getMfaSession(user.name);
    if (isMfaSessionReusable(cached, user, this.now())) return cached;
    const key = await longTermKey(this.deps.secrets, user);
    const request = { user: user.name, mfaSerial, purpose: this.newMfaSessionPurpose(user, cached) };
    const credentials = await run.codes.withCode(request, (tokenCode) => this.getSessionToken(run, user, key, tokenCode));
    const record: MfaSessionRecord = {
      kind: 'mfa-session',
      user: user.name,
      mfaSerial,
      issuedAt: new Date(this.now()).toISOString(),
      ...credentials,
    };
    await this.deps.secrets.setMfaSession(record);
    run.notices.push({ kind: 'mfa-session-started', user: user.name, expiresAt: record.expiration });
    return record;
  }

  /**
   * Why a code is asked for: a new MFA session, and when the last one ended (or ends too soon to
   * start a role from), so the person knows why the code they gave this morning is not enough.
   * The time is the CLI's local time (the window asks in its own words).
   */
  private newMfaSessionPurpose(user: User, cached: MfaSessionRecord | undefined): string {
    const starting = `Starting an MFA session for ${user.name}`;
    if (!cached || cached.mfaSerial !== user.mfaSerial) return starting;
    const now = this.now();
    const at = formatClockTime(cached.expiration, 'en', { now });
    if (Date.parse(cached.expiration) <= now) return `The MFA session of ${user.name} ended at ${at}. ${starting}`;
    return `The MFA session of ${user.name} ends at ${at}, too soon to start a role from. ${starting}`;
  }

  /** One GetSessionToken with one code; AWS's refusal in words (a refused code may be asked again). */
  private async getSessionToken(run: Run, user: User, key: CallerCredentials, tokenCode: string) {
    const sts = new Sts(key, this.regionFor(undefined, user), this.env);
    try {
      return await sts.getSessionToken(run.catalog.settings.mfaSessionDuration, { serialNumber: user.mfaSerial!, tokenCode });
    } catch (error) {
      throw explainStsError(error, { doing: `starting an MFA session for ${user.name}`, user: user.name, accessKeyId: user.accessKeyId, userDetails: user });
    } finally {
      sts.destroy();
    }
  }

  private regionFor(role: Role | undefined, user: User): string {
    return stsRegion(this.env, role?.region, user.region);
  }
}

/** `tell`, at most once per user: one operation may wait on a role's lock and then on the prompt. */
function onceEach(tell: (user: string) => void): (user: string) => void {
  const told = new Set<string>();
  return (user) => {
    if (told.has(user)) return;
    told.add(user);
    tell(user);
  };
}

/** The IAM user's name, so CloudTrail shows who is behind every assumed-role session. */
function defaultSessionName(user: User): string {
  const name = user.name.replace(/[^\w+=,.@-]/g, '-');
  return ROLE_SESSION_NAME.test(name) ? name : `rolecall-${name}`.slice(0, 64);
}
