// The IAM Query actions the local test server answers besides STS's (sts-server.ts routes them
// here): ListRoles with trust policy documents (URL-encoded JSON, as IAM returns them),
// MaxSessionDuration and paging (Marker, IsTruncated, MaxItems), and a user's own access keys:
// ListAccessKeys (each key's CreateDate), CreateAccessKey (IAM's limit of two keys a user),
// UpdateAccessKey (Active/Inactive), DeleteAccessKey and GetAccessKeyLastUsed. Each user's identity
// policy says which of them it may call: always, only with MFA (AccessDenied from the long-term
// key, allowed from an MFA session), or not at all (AccessDenied).
// The keys live in the world (`accessKeys`), and the server's STS authenticates with them: a key
// created here signs real requests, an inactive or deleted one is refused (InvalidClientTokenId),
// and a new one is refused for its first `newKeyRefusals` requests, as IAM takes seconds to spread
// a new key. The world is a plain object a test may change while the server runs.
import { randomBytes } from 'node:crypto';
import { ACCOUNT_ID, userArn, type FixtureRole, type FixtureUser, type StsFixture } from './sts-fixture';

export const IAM_API_VERSION = '2010-05-08';
export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

export type IamAction = 'ListRoles' | 'ListAccessKeys' | 'CreateAccessKey' | 'UpdateAccessKey' | 'DeleteAccessKey' | 'GetAccessKeyLastUsed';

/** The key-management actions seed 002 grants dev-user on its own user. */
export const KEY_ACTIONS = ['ListAccessKeys', 'CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey', 'GetAccessKeyLastUsed'] as const satisfies readonly IamAction[];

/** IAM's quota of access keys per user. */
export const ACCESS_KEYS_PER_USER = 2;

/** An access key as IAM holds it. */
export interface IamAccessKey {
  user: string;
  secretAccessKey: string;
  status: 'Active' | 'Inactive';
  /** ISO 8601; absent for a fixture user's own key (then `keyCreatedAt`, or ten days before now). */
  createdAt?: string;
  /** Requests signed with it that STS and IAM still refuse (InvalidClientTokenId): IAM spreading it. */
  refusalsLeft: number;
  /** ISO 8601, the last request it signed that was let in. */
  lastUsed?: string;
}
/** What a user's identity policy says of an IAM action; absent means no policy allows it. */
export type IamPermission = 'allow' | 'mfa';

/** A role as ListRoles returns it, beyond the STS fixture's own (e.g. another account's trust, a Deny). */
export interface IamRole {
  name: string;
  /** Seconds, 3600..43200. */
  maxSessionDuration: number;
  /** The trust policy as JSON; the server URL-encodes it as IAM does. */
  trustPolicy: object;
}

export interface IamWorld {
  /** Roles listed after the STS fixture's. */
  extraRoles: IamRole[];
  /** Per user name, per action. */
  permissions: Record<string, Partial<Record<IamAction, IamPermission>>>;
  /** Per access key id, its CreateDate (ISO 8601); a key without one was created ten days before the server's now. */
  keyCreatedAt: Record<string, string>;
  /** The most roles one page holds, whatever MaxItems asks (IAM may return fewer too). */
  pageSize: number;
  /** Every access key by id: the fixture users' own are added when the server starts. */
  accessKeys: Record<string, IamAccessKey>;
  /** How many requests a key CreateAccessKey makes is refused before it works (0: at once). */
  newKeyRefusals: number;
  /** The secret of every key CreateAccessKey made, deleted ones too, so a test can look for leaks. */
  issuedKeySecrets: string[];
}

/** dev-user may list roles and its own keys (seed 002); ci-bot only its keys. */
export function defaultIamWorld(): IamWorld {
  return {
    extraRoles: [],
    permissions: {
      'dev-user': { ListRoles: 'allow', ...Object.fromEntries(KEY_ACTIONS.map((action) => [action, 'allow'])) },
      'ci-bot': { ListAccessKeys: 'allow' },
    },
    keyCreatedAt: {},
    pageSize: 100,
    accessKeys: {},
    newKeyRefusals: 0,
    issuedKeySecrets: [],
  };
}

/** The trust policy document IAM would hold for a fixture role. */
export function fixtureTrustPolicy(role: FixtureRole, accountId: string = ACCOUNT_ID): object {
  const principals = role.trust.principals.map((p) =>
    'account' in p ? `arn:aws:iam::${p.account}:root` : 'user' in p ? userArn(p.user, accountId) : `arn:aws:iam::${accountId}:role/${p.role}`,
  );
  const condition = {
    ...(role.trust.mfaRequired ? { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } : {}),
    ...(role.trust.externalId !== undefined ? { StringEquals: { 'sts:ExternalId': role.trust.externalId } } : {}),
  };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: principals.length === 1 ? principals[0] : principals },
        Action: 'sts:AssumeRole',
        ...(Object.keys(condition).length ? { Condition: condition } : {}),
      },
    ],
  };
}

/** The caller as the server authenticated it: a user's long-term key, or one of its sessions. */
export interface IamCaller {
  user: FixtureUser;
  session?: { mfa: boolean; role?: unknown };
}

type Fail = (status: number, code: string, message: string) => Error;

const xml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const TEN_DAYS_MS = 10 * 86_400_000;

export function iamActions(options: { fixture: StsFixture; world: IamWorld; now: () => number; fail: Fail }): {
  handlers: Record<string, (caller: IamCaller, params: Record<string, string>) => string>;
  longTermKey: (accessKeyId: string) => { user: FixtureUser; secretAccessKey: string; used: () => void } | undefined;
} {
  const { fixture, world, now, fail } = options;

  function authorize(caller: IamCaller, action: IamAction, resource: string): void {
    const permission = caller.session?.role ? undefined : world.permissions[caller.user.name]?.[action];
    if (permission === 'allow' || (permission === 'mfa' && caller.session?.mfa)) return;
    const because = permission === 'mfa' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the iam:${action} action`;
    throw fail(
      403,
      'AccessDenied',
      `User: ${userArn(caller.user.name, fixture.accountId)} is not authorized to perform: iam:${action} on resource: ${resource} ${because}`,
    );
  }

  function allRoles(): IamRole[] {
    const own = fixture.roles.map((r) => ({ name: r.name, maxSessionDuration: r.maxSessionDuration, trustPolicy: fixtureTrustPolicy(r, fixture.accountId) }));
    return [...own, ...world.extraRoles];
  }

  function listRoles(caller: IamCaller, params: Record<string, string>): string {
    authorize(caller, 'ListRoles', `arn:aws:iam::${fixture.accountId}:role/`);
    const maxItems = params['MaxItems'] === undefined ? 100 : Number(params['MaxItems']);
    if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
      throw fail(
        400,
        'ValidationError',
        `1 validation error detected: Value '${params['MaxItems']}' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000`,
      );
    }
    const start =
      params['Marker'] === undefined
        ? 0
        : Number(
            Buffer.from(params['Marker'], 'base64')
              .toString('utf8')
              .replace(/^page:/, ''),
          );
    if (!Number.isInteger(start) || start < 0) throw fail(400, 'ValidationError', 'Invalid Marker.');
    const roles = allRoles();
    const page = roles.slice(start, start + Math.min(maxItems, world.pageSize));
    const next = start + page.length;
    const members = page
      .map((role, i) => {
        const id = `AROA${String(start + i).padStart(17, '0')}`;
        return (
          `<member><Path>/</Path><RoleName>${xml(role.name)}</RoleName><RoleId>${id}</RoleId>` +
          `<Arn>arn:aws:iam::${fixture.accountId}:role/${xml(role.name)}</Arn><CreateDate>2024-01-15T09:00:00Z</CreateDate>` +
          `<AssumeRolePolicyDocument>${xml(encodeURIComponent(JSON.stringify(role.trustPolicy)))}</AssumeRolePolicyDocument>` +
          `<MaxSessionDuration>${role.maxSessionDuration}</MaxSessionDuration></member>`
        );
      })
      .join('');
    const truncated = next < roles.length;
    return `<IsTruncated>${truncated}</IsTruncated>${truncated ? `<Marker>${Buffer.from(`page:${next}`).toString('base64')}</Marker>` : ''}<Roles>${members}</Roles>`;
  }

  /** The user whose keys a request names (UserName, else the caller): only its own, as seed 002 allows. */
  function keyOwner(caller: IamCaller, params: Record<string, string>, action: IamAction): FixtureUser {
    const name = params['UserName'] ?? caller.user.name;
    authorize(caller, action, userArn(name, fixture.accountId));
    const user = fixture.users.find((u) => u.name === name);
    if (!user) throw fail(404, 'NoSuchEntity', `The user with name ${name} cannot be found.`);
    if (user.name !== caller.user.name) {
      throw fail(
        403,
        'AccessDenied',
        `User: ${userArn(caller.user.name, fixture.accountId)} is not authorized to perform: iam:${action} on resource: ${userArn(name, fixture.accountId)}`,
      );
    }
    return user;
  }

  const keysOf = (user: FixtureUser) => Object.entries(world.accessKeys).filter(([, key]) => key.user === user.name);
  const createdOf = (id: string, key: IamAccessKey) => key.createdAt ?? world.keyCreatedAt[id] ?? isoSeconds(now() - TEN_DAYS_MS);

  /** A key of the user's the request names, or IAM's NoSuchEntity. */
  function ownKey(user: FixtureUser, params: Record<string, string>): [string, IamAccessKey] {
    const id = params['AccessKeyId'] ?? '';
    const key = world.accessKeys[id];
    if (!key || key.user !== user.name) throw fail(404, 'NoSuchEntity', `The Access Key with id ${id} cannot be found.`);
    return [id, key];
  }

  function listAccessKeys(caller: IamCaller, params: Record<string, string>): string {
    const user = keyOwner(caller, params, 'ListAccessKeys');
    const members = keysOf(user)
      .map(
        ([id, key]) =>
          `<member><UserName>${xml(user.name)}</UserName><AccessKeyId>${id}</AccessKeyId><Status>${key.status}</Status><CreateDate>${createdOf(id, key)}</CreateDate></member>`,
      )
      .join('');
    return `<UserName>${xml(user.name)}</UserName><AccessKeyMetadata>${members}</AccessKeyMetadata><IsTruncated>false</IsTruncated>`;
  }

  function createAccessKey(caller: IamCaller, params: Record<string, string>): string {
    const user = keyOwner(caller, params, 'CreateAccessKey');
    if (keysOf(user).length >= ACCESS_KEYS_PER_USER) throw fail(409, 'LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`);
    const id = `AKIA${randomAlnum(16)}`;
    const key: IamAccessKey = {
      user: user.name,
      secretAccessKey: randomBytes(30).toString('base64'),
      status: 'Active',
      createdAt: isoSeconds(now()),
      refusalsLeft: world.newKeyRefusals,
    };
    world.accessKeys[id] = key;
    world.issuedKeySecrets.push(key.secretAccessKey);
    return (
      `<AccessKey><UserName>${xml(user.name)}</UserName><AccessKeyId>${id}</AccessKeyId><Status>Active</Status>` +
      `<SecretAccessKey>${xml(key.secretAccessKey)}</SecretAccessKey><CreateDate>${key.createdAt}</CreateDate></AccessKey>`
    );
  }

  function updateAccessKey(caller: IamCaller, params: Record<string, string>): string {
    const [, key] = ownKey(keyOwner(caller, params, 'UpdateAccessKey'), params);
    const status = params['Status'];
    if (status !== 'Active' && status !== 'Inactive') {
      throw fail(
        400,
        'ValidationError',
        `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
      );
    }
    key.status = status;
    return '';
  }

  function deleteAccessKey(caller: IamCaller, params: Record<string, string>): string {
    const [id] = ownKey(keyOwner(caller, params, 'DeleteAccessKey'), params);
    delete world.accessKeys[id];
    return '';
  }

  function getAccessKeyLastUsed(caller: IamCaller, params: Record<string, string>): string {
    const id = params['AccessKeyId'] ?? '';
    const key = world.accessKeys[id];
    const user = fixture.users.find((u) => u.name === key?.user);
    if (!key || !user) throw fail(404, 'NoSuchEntity', `The Access Key with id ${id} cannot be found.`);
    authorize(caller, 'GetAccessKeyLastUsed', userArn(user.name, fixture.accountId));
    const used = key.lastUsed
      ? `<LastUsedDate>${key.lastUsed}</LastUsedDate><ServiceName>sts</ServiceName><Region>us-east-1</Region>`
      : '<ServiceName>N/A</ServiceName><Region>N/A</Region>';
    return `<UserName>${xml(user.name)}</UserName><AccessKeyLastUsed>${used}</AccessKeyLastUsed>`;
  }

  for (const user of fixture.users) {
    world.accessKeys[user.accessKeyId] ??= { user: user.name, secretAccessKey: user.secretAccessKey, status: 'Active', refusalsLeft: 0 };
  }

  /**
   * The user and secret of a long-term key STS and IAM let in now, or undefined: unknown, deleted,
   * inactive, or new and not yet spread (each such request counts one refusal down).
   */
  function longTermKey(accessKeyId: string): { user: FixtureUser; secretAccessKey: string; used: () => void } | undefined {
    const key = world.accessKeys[accessKeyId];
    const user = fixture.users.find((u) => u.name === key?.user);
    if (!key || !user || key.status !== 'Active') return undefined;
    if (key.refusalsLeft > 0) {
      key.refusalsLeft--;
      return undefined;
    }
    return { user, secretAccessKey: key.secretAccessKey, used: () => (key.lastUsed = isoSeconds(now())) };
  }

  return {
    handlers: {
      ListRoles: listRoles,
      ListAccessKeys: listAccessKeys,
      CreateAccessKey: createAccessKey,
      UpdateAccessKey: updateAccessKey,
      DeleteAccessKey: deleteAccessKey,
      GetAccessKeyLastUsed: getAccessKeyLastUsed,
    },
    longTermKey,
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
function randomAlnum(length: number): string {
  return Array.from(randomBytes(length), (b) => ALNUM[b % ALNUM.length]).join('');
}
