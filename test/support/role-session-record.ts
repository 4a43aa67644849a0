import type { RoleSessionRecord } from '../../main/core/sessions/records';

/** A cached role session of `admin` from dev-user's MFA session, as the keychain holds one (fake keys). */
export function roleSessionRecord(overrides: Partial<RoleSessionRecord> = {}): RoleSessionRecord {
  const requestedSeconds = overrides.requestedSeconds ?? 3600;
  return {
    kind: 'role-session',
    role: 'admin',
    roleArn: 'arn:aws:iam::123456789012:role/admin',
    assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/admin/dev-user',
    chain: ['dev-user', 'admin'],
    via: 'mfa-session',
    requestedSeconds,
    grantedSeconds: requestedSeconds,
    issuedAt: new Date().toISOString(),
    accessKeyId: 'ASIAROLECALLTEST0001',
    secretAccessKey: 'testSecretAccessKey000000000000000000000',
    sessionToken: 'testSessionToken',
    expiration: new Date(Date.now() + 3600_000).toISOString(),
    ...overrides,
  };
}
