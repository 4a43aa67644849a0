// The IAM Query actions the local test server answers besides STS's (sts-server.ts routes them
// here): ListRoles with trust policy documents (URL-encoded JSON, as IAM returns them),
// MaxSessionDuration and paging (Marker, IsTruncated, MaxItems), and ListAccessKeys with each key's
// CreateDate. Each user's identity policy says which of them it may call: always, only with MFA
// (AccessDenied from the long-term key, allowed from an MFA session), or not at all (AccessDenied).
// The world is a plain object a test may change while the server runs.
import { ACCOUNT_ID, userArn, type FixtureRole, type FixtureUser, type StsFixture } from './sts-fixture';

export const IAM_API_VERSION = '2010-05-08';
export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

export type IamAction = 'ListRoles' | 'ListAccessKeys';
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
}

/** dev-user may list roles and its own keys (seed 002); ci-bot only its keys. */
export function defaultIamWorld(): IamWorld {
  return {
    extraRoles: [],
    permissions: { 'dev-user': { ListRoles: 'allow', ListAccessKeys: 'allow' }, 'ci-bot': { ListAccessKeys: 'allow' } },
    keyCreatedAt: {},
    pageSize: 100,
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

export function iamActions(options: {
  fixture: StsFixture;
  world: IamWorld;
  now: () => number;
  fail: Fail;
}): Record<string, (caller: IamCaller, params: Record<string, string>) => string> {
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

  function listAccessKeys(caller: IamCaller, params: Record<string, string>): string {
    const name = params['UserName'] ?? caller.user.name;
    authorize(caller, 'ListAccessKeys', userArn(name, fixture.accountId));
    const user = fixture.users.find((u) => u.name === name);
    if (!user) throw fail(404, 'NoSuchEntity', `The user with name ${name} cannot be found.`);
    const created = world.keyCreatedAt[user.accessKeyId] ?? isoSeconds(now() - TEN_DAYS_MS);
    return (
      `<UserName>${xml(user.name)}</UserName><AccessKeyMetadata><member><UserName>${xml(user.name)}</UserName>` +
      `<AccessKeyId>${user.accessKeyId}</AccessKeyId><Status>Active</Status><CreateDate>${created}</CreateDate></member></AccessKeyMetadata>` +
      `<IsTruncated>false</IsTruncated>`
    );
  }

  return { ListRoles: listRoles, ListAccessKeys: listAccessKeys };
}
