import type { Core } from '../core';
import { ACCOUNT } from '../keychain/accounts';
import type { KeychainState } from '../keychain/secret-store';
import { readUnlessClosed } from '../keychain/unless-closed';
import type { Role, Settings } from '../../../common/catalog-schema';
import type { UserSummary } from './users';

export interface CatalogView {
  /** `hasSecret` is left out when the keychain could not be read: unknown, not missing. */
  users: Array<UserSummary & { hasSecret?: boolean }>;
  roles: Role[];
  settings: Settings;
  keychain: KeychainState;
}

/**
 * The catalog as front ends show it: no secrets, only whether the keychain holds the user's key.
 * Works on a locked or unreachable keychain, from the catalog alone, and says which.
 */
export async function list(core: Core): Promise<CatalogView> {
  const catalog = core.catalog.load();
  const read = await readUnlessClosed(() => core.secrets.accounts());
  const accounts = read.keychain === 'ready' ? new Set(read.value) : undefined;
  return {
    users: catalog.users.map((u) => (accounts ? { ...u, hasSecret: accounts.has(ACCOUNT.userKey(u.name)) } : { ...u })),
    roles: catalog.roles,
    settings: catalog.settings,
    keychain: read.keychain,
  };
}
