import { z } from 'zod';
import { CAP_REASONS } from '../../../common/rules';

// What the keychain holds for a session. Parsed with zod on every read: the keychain is a store
// other programs can write to.

const credentialsShape = {
  accessKeyId: z.string().min(16),
  secretAccessKey: z.string().min(1),
  sessionToken: z.string().min(1),
  expiration: z.iso.datetime(),
};

export const mfaSessionRecordSchema = z.object({
  kind: z.literal('mfa-session'),
  user: z.string(),
  mfaSerial: z.string(),
  issuedAt: z.iso.datetime(),
  ...credentialsShape,
});

export const roleSessionRecordSchema = z.object({
  kind: z.literal('role-session'),
  role: z.string(),
  roleArn: z.string(),
  assumedRoleArn: z.string(),
  /** The names from the user to this role, e.g. ['dev-user', 'admin', 'deploy']. */
  chain: z.array(z.string()),
  /** How the role was entered: from the cached MFA session, from the long-term key, or from another role. */
  via: z.enum(['mfa-session', 'long-term-key', 'role']),
  requestedSeconds: z.number().int(),
  grantedSeconds: z.number().int(),
  cappedBy: z.enum(CAP_REASONS).optional(),
  region: z.string().optional(),
  issuedAt: z.iso.datetime(),
  ...credentialsShape,
});

export type MfaSessionRecord = z.infer<typeof mfaSessionRecordSchema>;
export type RoleSessionRecord = z.infer<typeof roleSessionRecordSchema>;
export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
}

export function msLeft(record: { expiration: string }, now: number): number {
  return Date.parse(record.expiration) - now;
}
