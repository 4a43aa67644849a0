import { KeychainUnavailableError } from '../errors';
import { mfaSessionRecordSchema, roleSessionRecordSchema, type MfaSessionRecord, type RoleSessionRecord } from '../sessions/records';
import { SECRET_ACCESS_KEY } from '../../../common/rules';
import { appEndpointRecordSchema, endpointTokenRecordSchema, type AppEndpointRecord, type EndpointTokenRecord } from '../credential-endpoint/app-records';
import { ACCOUNT, ENDPOINT_TOKEN_PREFIX, KEY_ROTATION_PREFIX, MFA_SESSION_PREFIX, ROLE_SESSION_PREFIX } from './accounts';
import type { SecretStore } from './secret-store';

/** Typed access to what Rolecall keeps in the keychain. */
export class Secrets {
  /**
   * @param onUnreadable told (once per account and process) of an item that holds something
   *   Rolecall did not write or can no longer read (`null`, garbage, an old format). Such an item
   *   is treated as missing, so the person is asked for what it should have held; the note says why.
   */
  constructor(
    readonly store: SecretStore,
    private readonly onUnreadable: (account: string) => void = () => {},
  ) {}

  private readonly noted = new Set<string>();

  private unreadable(account: string): undefined {
    if (!this.noted.has(account)) {
      this.noted.add(account);
      this.onUnreadable(account);
    }
    return undefined;
  }

  /** A stored value, or undefined when it does not pass `parse` (then noted once). */
  private checked<T>(account: string, text: string | null, parse: (text: string) => T | undefined): T | undefined {
    if (text === null) return undefined;
    return parse(text) ?? this.unreadable(account);
  }

  async setUserKey(user: string, secretAccessKey: string): Promise<void> {
    await this.store.set(ACCOUNT.userKey(user), secretAccessKey);
    // Read back: a keychain that silently drops writes must not let us report success.
    if ((await this.store.get(ACCOUNT.userKey(user))) !== secretAccessKey) {
      throw new KeychainUnavailableError('the secret could not be read back after saving it');
    }
  }

  /** The user's secret access key, or null when the keychain holds none it could be. */
  async getUserKey(user: string): Promise<string | null> {
    const account = ACCOUNT.userKey(user);
    return this.checked(account, await this.store.get(account), (text) => (SECRET_ACCESS_KEY.test(text) ? text : undefined)) ?? null;
  }

  async getMfaSession(user: string): Promise<MfaSessionRecord | undefined> {
    const account = ACCOUNT.mfaSession(user);
    return this.checked(account, await this.store.get(account), (text) => parseRecord(text, mfaSessionRecordSchema));
  }

  setMfaSession(record: MfaSessionRecord): Promise<void> {
    return this.store.set(ACCOUNT.mfaSession(record.user), JSON.stringify(record));
  }

  async getRoleSession(role: string): Promise<RoleSessionRecord | undefined> {
    const account = ACCOUNT.roleSession(role);
    return this.checked(account, await this.store.get(account), (text) => parseRecord(text, roleSessionRecordSchema));
  }

  setRoleSession(record: RoleSessionRecord): Promise<void> {
    return this.store.set(ACCOUNT.roleSession(record.role), JSON.stringify(record));
  }

  /** Every cached session, and the users whose key rotation was interrupted, in one keychain round trip. */
  async allSessions(): Promise<{ mfa: MfaSessionRecord[]; roles: RoleSessionRecord[]; rotationsInterrupted: string[] }> {
    const mfa: MfaSessionRecord[] = [];
    const roles: RoleSessionRecord[] = [];
    const rotationsInterrupted: string[] = [];
    for (const { account, secret } of await this.store.list()) {
      if (account.startsWith(KEY_ROTATION_PREFIX)) rotationsInterrupted.push(account.slice(KEY_ROTATION_PREFIX.length));
      if (account.startsWith(MFA_SESSION_PREFIX))
        push(
          mfa,
          this.checked(account, secret, (text) => parseRecord(text, mfaSessionRecordSchema)),
        );
      if (account.startsWith(ROLE_SESSION_PREFIX))
        push(
          roles,
          this.checked(account, secret, (text) => parseRecord(text, roleSessionRecordSchema)),
        );
    }
    return { mfa, roles, rotationsInterrupted };
  }

  /** Where the running app's credential endpoint listens, if it said so (app-records.ts). */
  async getAppEndpoint(): Promise<AppEndpointRecord | undefined> {
    return this.checked(ACCOUNT.endpoint, await this.store.get(ACCOUNT.endpoint), (text) => parseRecord(text, appEndpointRecordSchema));
  }

  setAppEndpoint(record: AppEndpointRecord): Promise<void> {
    return this.store.set(ACCOUNT.endpoint, JSON.stringify(record));
  }

  async getEndpointToken(role: string): Promise<EndpointTokenRecord | undefined> {
    const account = ACCOUNT.endpointToken(role);
    return this.checked(account, await this.store.get(account), (text) => parseRecord(text, endpointTokenRecordSchema));
  }

  setEndpointToken(role: string, record: EndpointTokenRecord): Promise<void> {
    return this.store.set(ACCOUNT.endpointToken(role), JSON.stringify(record));
  }

  /** Removes one role's token (its grant was ended). */
  async deleteEndpointToken(role: string): Promise<void> {
    await this.store.delete(ACCOUNT.endpointToken(role));
  }

  /** Removes every endpoint record: this run's, and any a crashed run left behind. */
  async deleteEndpointRecords(): Promise<void> {
    await this.store.delete(ACCOUNT.endpoint);
    for (const { account } of await this.store.list()) if (account.startsWith(ENDPOINT_TOKEN_PREFIX)) await this.store.delete(account);
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

/** A record that no longer parses (older format, foreign write, `null`) is treated as absent. */
function parseRecord<T>(text: string, schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } }): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
