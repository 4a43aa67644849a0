import { KeychainUnavailableError } from '../errors';
import {
  mfaSessionRecordSchema,
  roleSessionRecordSchema,
  type MfaSessionRecord,
  type RoleSessionRecord,
} from '../sessions/records';
import type { SecretStore } from './keytar-store';

import { ACCOUNT, MFA_SESSION_PREFIX, ROLE_SESSION_PREFIX } from './accounts';


/** Typed access to what Rolecall keeps in the keychain. */
export class Secrets {
  constructor(readonly store: SecretStore) {}

  async setUserKey(user: string, secretAccessKey: string): Promise<void> {
    await this.store.set(ACCOUNT.userKey(user), secretAccessKey);
    // Read back: a keychain that silently drops writes must not let us report success.
    if ((await this.store.get(ACCOUNT.userKey(user))) !== secretAccessKey) {
      throw new KeychainUnavailableError('the secret could not be read back after saving it');
    }
  }

  getUserKey(user: string): Promise<string | null> {
    return this.store.get(ACCOUNT.userKey(user));
  }

  async getMfaSession(user: string): Promise<MfaSessionRecord | undefined> {
    return parseRecord(await this.store.get(ACCOUNT.mfaSession(user)), mfaSessionRecordSchema);
  }

  setMfaSession(record: MfaSessionRecord): Promise<void> {
    return this.store.set(ACCOUNT.mfaSession(record.user), JSON.stringify(record));
  }

  async getRoleSession(role: string): Promise<RoleSessionRecord | undefined> {
    return parseRecord(await this.store.get(ACCOUNT.roleSession(role)), roleSessionRecordSchema);
  }

  setRoleSession(record: RoleSessionRecord): Promise<void> {
    return this.store.set(ACCOUNT.roleSession(record.role), JSON.stringify(record));
  }

  /** Every cached session, in one keychain round trip. */
  async allSessions(): Promise<{ mfa: MfaSessionRecord[]; roles: RoleSessionRecord[] }> {
    const mfa: MfaSessionRecord[] = [];
    const roles: RoleSessionRecord[] = [];
    for (const { account, secret } of await this.store.list()) {
      if (account.startsWith(MFA_SESSION_PREFIX)) push(mfa, parseRecord(secret, mfaSessionRecordSchema));
      if (account.startsWith(ROLE_SESSION_PREFIX)) push(roles, parseRecord(secret, roleSessionRecordSchema));
    }
    return { mfa, roles };
  }

  async delete(account: string): Promise<boolean> {
    return this.store.delete(account);
  }

  async accounts(): Promise<string[]> {
    return (await this.store.list()).map(({ account }) => account);
  }
}

function push<T>(list: T[], item: T | undefined): void {
  if (item) list.push(item);
}

/** A record that no longer parses (older format, foreign write) is treated as absent. */
function parseRecord<T>(text: string | null, schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } }): T | undefined {
  if (!text) return undefined;
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
