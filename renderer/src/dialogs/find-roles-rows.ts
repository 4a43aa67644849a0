// The rows of "Find roles", from main's discovery and the catalog on screen: each found role with
// its account, whether it can be chosen (and why not), and what adding it would make of it with
// the "direct" choice on or off. Pure, so the dialog only renders it.
import type { CatalogListView, DiscoveryView } from '../../../common/contract';
import { arnAccount, becomesDirect, whyNotAddable, type NotAddable } from '../../../common/discovery';

export interface FoundRoleRow {
  name: string;
  roleArn: string;
  /** The account id from the ARN ('' when the ARN has none). */
  account: string;
  needsMfa: boolean;
  /** Seconds. */
  maxSessionDuration: number;
  /** Condition keys Rolecall cannot judge (the trust policy decides at assume time). */
  dependsOn: readonly string[];
  /** The catalog's roles with this ARN already (under any name). */
  inCatalog: readonly string[];
  /** Why it cannot be chosen; undefined: it can. */
  notAddable: NotAddable | undefined;
  /** Added with "direct" on, it would be a direct role for its whole maximum. */
  directWhenAsked: boolean;
}

export function foundRoleRows(found: DiscoveryView, catalog: Pick<CatalogListView, 'users' | 'roles'>): FoundRoleRow[] {
  const user = catalog.users.find((u) => u.name === found.user);
  const hasDevice = user?.mfaSerial !== undefined;
  return found.roles.map((role) => {
    const why = whyNotAddable(role, catalog, hasDevice);
    return {
      name: role.name,
      roleArn: role.roleArn,
      account: arnAccount(role.roleArn) ?? '',
      needsMfa: role.needsMfa,
      maxSessionDuration: role.maxSessionDuration,
      dependsOn: role.dependsOn,
      inCatalog: role.inCatalog,
      // Under another name with this ARN, it is in Rolecall already: nothing to add.
      notAddable: why ?? (role.inCatalog.length > 0 ? 'in-catalog' : undefined),
      directWhenAsked: becomesDirect(role, hasDevice, true),
    };
  });
}

/** The chosen names still offered (a reload may have made one unavailable). */
export function addableChoice(rows: readonly FoundRoleRow[], chosen: ReadonlySet<string>): string[] {
  return rows.filter((row) => row.notAddable === undefined && chosen.has(row.name)).map((row) => row.name);
}
