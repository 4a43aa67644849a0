import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRenewedSince, roleLockPath } from '../../main/core/sessions/renewal-locks';
import type { RoleSessionRecord } from '../../main/core/sessions/records';
import { roleSessionRecord } from '../support/role-session-record';

const env = { ROLECALL_CONFIG_DIR: '/tmp/rolecall-config' };

describe('role renewal locks', () => {
  it('names one lock per role, distinct from the MFA locks and on case-insensitive file systems', () => {
    expect(basename(roleLockPath(env, 'admin'))).toBe('role-admin.lock');
    // `Admin` may be the source of `admin`: sharing one lock would make a run wait on itself.
    const names = ['admin', 'Admin', 'ADMIN', 'a.b', 'x@y+z_-'].map((role) => basename(roleLockPath(env, role)));
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^role-[a-z0-9_.+@^-]+\.lock$/);
  });
});

describe('a session renewed while a caller waited', () => {
  const since = Date.parse('2026-01-01T10:00:00.000Z');
  const record = (issuedAt: string, requestedSeconds = 3600, expiration = '2026-01-01T11:00:00.000Z'): RoleSessionRecord =>
    roleSessionRecord({ issuedAt, requestedSeconds, expiration });
  const want = { roleArn: 'arn:aws:iam::123456789012:role/admin', requestedSeconds: 3600 };
  const now = since + 5_000;

  it('serves when issued since the caller began, for the same role and duration, and not expired', () => {
    expect(isRenewedSince(record('2026-01-01T10:00:00.000Z'), want, since, now)).toBe(true);
    expect(isRenewedSince(record('2026-01-01T10:00:01.000Z'), want, since, now)).toBe(true);
  });

  it('does not serve an older session, another duration, another role ARN, or an expired one', () => {
    expect(isRenewedSince(undefined, want, since, now)).toBe(false);
    expect(isRenewedSince(record('2026-01-01T09:59:59.999Z'), want, since, now)).toBe(false);
    expect(isRenewedSince(record('2026-01-01T10:00:01.000Z', 900), want, since, now)).toBe(false);
    expect(isRenewedSince(record('2026-01-01T10:00:01.000Z'), { ...want, roleArn: 'arn:aws:iam::123456789012:role/other' }, since, now)).toBe(false);
    expect(isRenewedSince(record('2026-01-01T10:00:01.000Z', 3600, '2026-01-01T10:00:04.000Z'), want, since, now)).toBe(false);
  });
});
