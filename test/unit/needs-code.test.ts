// Which roles the next assume would need a fresh MFA code for, predicted from the catalog and the
// cached sessions alone. The boundaries are the engine's (reuse.ts): a role session serves while
// 15 minutes or more are left, an MFA session while a minute is.
import { describe, expect, it } from 'vitest';
import { catalogSchema, type Catalog } from '../../common/catalog-schema';
import { needsMfaCode, rolesNeedingMfaCode, type CachedSessions } from '../../main/core/sessions/needs-code';
import type { MfaSessionRecord, RoleSessionRecord } from '../../main/core/sessions/records';

const NOW = Date.parse('2030-01-01T12:00:00.000Z');
const MINUTE = 60_000;
const arn = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const MFA_SERIAL = 'arn:aws:iam::123456789012:mfa/dev-user';

const catalog: Catalog = catalogSchema.parse({
  version: 1,
  users: [
    { name: 'dev-user', accessKeyId: 'AKIAROLECALLDEV00001', mfaSerial: MFA_SERIAL },
    { name: 'ci-bot', accessKeyId: 'AKIAROLECALLCIBOT001' },
  ],
  roles: [
    { name: 'admin', roleArn: arn('admin'), source: 'dev-user' },
    { name: 'deploy', roleArn: arn('deploy'), source: 'admin' },
    { name: 'long-job', roleArn: arn('long-job'), source: 'dev-user', direct: true },
    { name: 'no-mfa', roleArn: arn('no-mfa'), source: 'ci-bot' },
    { name: 'no-mfa-chained', roleArn: arn('deploy'), source: 'no-mfa' },
  ],
});

const credentials = (expiresInMs: number) => ({
  accessKeyId: 'ASIAEXAMPLEEXAMPLE00',
  secretAccessKey: 'session-secret',
  sessionToken: 'session-token',
  expiration: new Date(NOW + expiresInMs).toISOString(),
});

function mfaSession(expiresInMs: number, mfaSerial = MFA_SERIAL): MfaSessionRecord {
  return { kind: 'mfa-session', user: 'dev-user', mfaSerial, issuedAt: new Date(NOW).toISOString(), ...credentials(expiresInMs) };
}

function roleSession(role: string, expiresInMs: number, roleArn = arn(role)): RoleSessionRecord {
  return {
    kind: 'role-session',
    role,
    roleArn,
    assumedRoleArn: `arn:aws:sts::123456789012:assumed-role/${role}/dev-user`,
    chain: ['dev-user', role],
    via: 'mfa-session',
    requestedSeconds: 3600,
    grantedSeconds: 3600,
    issuedAt: new Date(NOW).toISOString(),
    ...credentials(expiresInMs),
  };
}

const none: CachedSessions = { mfa: [], roles: [] };
const needs = (role: string, cached: CachedSessions) => needsMfaCode(catalog, cached, role, NOW);

describe('needsMfaCode', () => {
  it('a fresh catalog: every role entered from the MFA user needs a code, the user without a device none', () => {
    expect(rolesNeedingMfaCode(catalog, none, NOW)).toEqual(['admin', 'deploy', 'long-job']);
  });

  it('a valid MFA session serves every role entered from it, and chains through them', () => {
    const cached = { mfa: [mfaSession(60 * MINUTE)], roles: [] };
    expect(needs('admin', cached)).toBe(false);
    expect(needs('deploy', cached)).toBe(false);
  });

  it('an MFA session with less than a minute left, or for another device, serves nothing', () => {
    expect(needs('admin', { mfa: [mfaSession(MINUTE)], roles: [] })).toBe(false);
    expect(needs('admin', { mfa: [mfaSession(MINUTE - 1)], roles: [] })).toBe(true);
    expect(needs('admin', { mfa: [mfaSession(60 * MINUTE, 'arn:aws:iam::123456789012:mfa/old')], roles: [] })).toBe(true);
  });

  it('a direct role needs its own code even while the MFA session is valid, unless its own session is', () => {
    expect(needs('long-job', { mfa: [mfaSession(60 * MINUTE)], roles: [] })).toBe(true);
    expect(needs('long-job', { mfa: [], roles: [roleSession('long-job', 4 * 60 * MINUTE)] })).toBe(false);
    expect(needs('long-job', { mfa: [], roles: [roleSession('long-job', 14 * MINUTE)] })).toBe(true);
  });

  it('a chain through a valid role session needs no code, even with no MFA session', () => {
    const cached = { mfa: [], roles: [roleSession('admin', 40 * MINUTE)] };
    expect(needs('deploy', cached)).toBe(false);
    expect(needs('admin', cached)).toBe(false);
  });

  it("reuses a role session from exactly 15 minutes left, as the engine does, and not a session of the role's old ARN", () => {
    expect(needs('admin', { mfa: [], roles: [roleSession('admin', 15 * MINUTE)] })).toBe(false);
    expect(needs('admin', { mfa: [], roles: [roleSession('admin', 15 * MINUTE - 1)] })).toBe(true);
    expect(needs('deploy', { mfa: [], roles: [roleSession('admin', 15 * MINUTE - 1)] })).toBe(true);
    expect(needs('admin', { mfa: [], roles: [roleSession('admin', 40 * MINUTE, arn('other'))] })).toBe(true);
  });

  it("the target's own valid session needs no code whatever its parents hold", () => {
    expect(needs('deploy', { mfa: [], roles: [roleSession('deploy', 30 * MINUTE)] })).toBe(false);
  });

  it('a user without an MFA device never needs a code, directly or chained', () => {
    expect(needs('no-mfa', none)).toBe(false);
    expect(needs('no-mfa-chained', none)).toBe(false);
  });

  it('leaves out a role whose chain is broken (its assume fails for that reason)', () => {
    const broken: Catalog = { ...catalog, roles: [...catalog.roles, { name: 'orphan', roleArn: arn('orphan'), source: 'gone', direct: false }] };
    expect(() => needsMfaCode(broken, none, 'orphan', NOW)).toThrow(/neither a user nor a role/);
    expect(rolesNeedingMfaCode(broken, none, NOW)).not.toContain('orphan');
  });
});
