// The world the local STS server knows: one account, IAM users with long-term keys (and maybe a
// virtual MFA device), and roles with trust policies. It mirrors the setup in the seed texts:
// `dev-user` switches into `admin` with MFA. Every key and seed here is fake and public.

export const ACCOUNT_ID = '123456789012';

/** Who a role's trust policy lets in. `account` is `arn:aws:iam::ACCT:root`: any user or role
 * session of that account whose own identity policy allows sts:AssumeRole on the role. */
export type TrustPrincipal = { account: string } | { user: string } | { role: string };

export interface FixtureMfaDevice {
  serialNumber: string;
  /** Base32 TOTP seed, as an authenticator app would scan it (SHA1, 6 digits, 30 s). The server
   * accepts each 30 s step's code once per device (serial number), as AWS does. */
  seed: string;
}

export interface FixtureUser {
  name: string;
  /** IAM unique id (AIDA…), what GetCallerIdentity returns as UserId. */
  userId: string;
  accessKeyId: string;
  secretAccessKey: string;
  mfa?: FixtureMfaDevice;
  /** Identity policy: role names this user may sts:AssumeRole. */
  canAssume: string[];
}

export interface FixtureRole {
  name: string;
  /** IAM unique id (AROA…), the prefix of AssumedRoleId. */
  roleId: string;
  /** Seconds, 3600..43200 like IAM's MaxSessionDuration. */
  maxSessionDuration: number;
  trust: {
    principals: TrustPrincipal[];
    /** Condition aws:MultiFactorAuthPresent = true. */
    mfaRequired: boolean;
    /** Condition sts:ExternalId = value. */
    externalId?: string;
  };
  /** Identity policy of the role: role names its sessions may assume (role chaining). */
  canAssume: string[];
}

export interface StsFixture {
  accountId: string;
  users: FixtureUser[];
  roles: FixtureRole[];
}

export const DEV_USER = {
  name: 'dev-user',
  userId: 'AIDALS7LW1YHANGK6V1MG',
  accessKeyId: 'AKIAROLECALLDEV00001',
  secretAccessKey: 'j7qi6yQHXEXG68BfPM4761ixdwPIwX8uf/G21PRE',
  mfaSerialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/dev-user`,
  mfaSeed: '4CFQDRJOLNTVQBQ2ZOHYQ3ONUWOUGRZ6',
} as const;

export const CI_BOT = {
  name: 'ci-bot',
  userId: 'AIDAORNJ475KBU7ATTUM8',
  accessKeyId: 'AKIAROLECALLCIBOT001',
  secretAccessKey: 'RwP81r7L9u/EDT/0UiY6XEh4lsZp39EkGB5REb9i',
} as const;

/** The ExternalId the `external` role's trust policy demands. */
export const EXTERNAL_ID = 'rolecall-ext-42';

export function roleArn(name: string, accountId: string = ACCOUNT_ID): string {
  return `arn:aws:iam::${accountId}:role/${name}`;
}

export function userArn(name: string, accountId: string = ACCOUNT_ID): string {
  return `arn:aws:iam::${accountId}:user/${name}`;
}

// Role ids: AROA + 17 uppercase alphanumerics, derived from the name so they stay stable.
function roleIdFor(name: string): string {
  const tail = name
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .padEnd(17, '0')
    .slice(0, 17);
  return `AROA${tail}`;
}

function role(name: string, maxSessionDuration: number, trust: FixtureRole['trust'], canAssume: string[] = []): FixtureRole {
  return { name, roleId: roleIdFor(name), maxSessionDuration, trust, canAssume };
}

/** A fresh copy each call, so a test may tweak its world without touching others. */
export function defaultFixture(): StsFixture {
  const account = { account: ACCOUNT_ID };
  return {
    accountId: ACCOUNT_ID,
    users: [
      {
        name: DEV_USER.name,
        userId: DEV_USER.userId,
        accessKeyId: DEV_USER.accessKeyId,
        secretAccessKey: DEV_USER.secretAccessKey,
        mfa: { serialNumber: DEV_USER.mfaSerialNumber, seed: DEV_USER.mfaSeed },
        canAssume: ['admin', 'long-job', 'short-max', 'external'],
      },
      {
        name: CI_BOT.name,
        userId: CI_BOT.userId,
        accessKeyId: CI_BOT.accessKeyId,
        secretAccessKey: CI_BOT.secretAccessKey,
        canAssume: ['no-mfa'],
      },
    ],
    roles: [
      role('admin', 43200, { principals: [account], mfaRequired: true }, ['deploy']),
      // Chained: only sessions of `admin` may assume it, so it is always capped at one hour.
      role('deploy', 3600, { principals: [{ role: 'admin' }], mfaRequired: false }),
      role('long-job', 14400, { principals: [account], mfaRequired: true }),
      role('short-max', 3600, { principals: [account], mfaRequired: true }),
      role('external', 3600, { principals: [account], mfaRequired: true, externalId: EXTERNAL_ID }),
      role('no-mfa', 3600, { principals: [account], mfaRequired: false }),
      // Trusts the account, but no user's identity policy allows it.
      role('forbidden', 3600, { principals: [account], mfaRequired: true }),
    ],
  };
}
