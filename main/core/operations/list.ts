import type { Core } from '../core';
import { ACCOUNT } from '../keychain/accounts';
import type { Role, Settings } from '../catalog/schema';
import type { UserSummary } from './users';

export interface CatalogView {
  users: Array<UserSummary & { hasSecret: boolean }>;
  roles: Role[];
  settings: Settings;
}

/** The catalog as front ends show it: no secrets, only whether the keychain holds the user's key. */
export async function list(core: Core): Promise<CatalogView> {
  const catalog = core.catalog.load();
  const accounts = new Set(await core.secrets.accounts());
  return {
    users: catalog.users.map((u) => ({ ...u, hasSecret: accounts.has(ACCOUNT.userKey(u.name)) })),
    roles: catalog.roles,
    settings: catalog.settings,
  };
}
