// Chain questions the page asks of the catalog: whose MFA device a role needs (and whether its code
// starts an MFA session), and which sources a role may take without making a loop.
import { MAX_CHAIN_LINKS } from '../../../common/rules';
import type { CatalogListView } from '../../../common/contract';

type Catalog = Pick<CatalogListView, 'users' | 'roles'>;

/** Whose MFA device gives a role's codes, and what the code is for. */
export interface MfaRoot {
  user: string;
  /**
   * The chain's first role (the one assumed from the user) when it is direct: the code goes to its
   * own AssumeRole, so no MFA session is started for other roles to reuse. Absent otherwise.
   */
  direct?: string;
}

/** The user at the root of a role's chain, and whether the chain enters from it directly. */
export function mfaRoot(catalog: Catalog, roleName: string): MfaRoot | undefined {
  const users = new Set(catalog.users.map((u) => u.name));
  const roles = new Map(catalog.roles.map((r) => [r.name, r]));
  let current = roleName;
  let first: Catalog['roles'][number] | undefined;
  for (let links = 0; links <= MAX_CHAIN_LINKS; links++) {
    if (users.has(current)) return first?.direct ? { user: current, direct: first.name } : { user: current };
    first = roles.get(current);
    if (!first) return undefined;
    current = first.source;
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
