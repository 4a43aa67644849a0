// Chain questions the page asks of the catalog: whose MFA device a role needs, and which sources a
// role may take without making a loop.
import { MAX_CHAIN_LINKS } from '../../../main/core/domain/rules';
import type { CatalogListView } from '../../../preload/contract';

type Catalog = Pick<CatalogListView, 'users' | 'roles'>;

/** The user at the root of a role's chain (whose MFA device gives its codes), if it resolves. */
export function chainUser(catalog: Catalog, roleName: string): string | undefined {
  const users = new Set(catalog.users.map((u) => u.name));
  const roles = new Map(catalog.roles.map((r) => [r.name, r]));
  let current = roleName;
  for (let links = 0; links <= MAX_CHAIN_LINKS; links++) {
    if (users.has(current)) return current;
    const role = roles.get(current);
    if (!role) return undefined;
    current = role.source;
  }
  return undefined;
}

/** The role itself and every role chained from it, directly or not. */
export function selfAndDescendants(catalog: Catalog, roleName: string): Set<string> {
  const found = new Set([roleName]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const role of catalog.roles) {
      if (found.has(role.source) && !found.has(role.name)) {
        found.add(role.name);
        grew = true;
      }
    }
  }
  return found;
}
