// The list's flattened rows: each user, then the roles assumed from it, and under each role the
// roles chained from it (depth + 1). Built once per catalog; filtering walks precomputed
// lower-case keys, so a keystroke over 2,000 roles is one pass of `includes`.
import { KEY_AGE_WARNING_DAYS } from '../../../common/rules';
import type { CatalogListView, CatalogRoleView, CatalogUserView } from '../../../common/contract';

export interface UserRowModel {
  kind: 'user';
  key: string;
  user: CatalogUserView;
  /** Whether the catalog has any role under this user (filtering may hide them: still not "none"). */
  hasRoles: boolean;
  /** The key-age setting: past it, the row suggests a new key. */
  keyAgeWarningDays: number;
  search: string;
}

export interface RoleRowModel {
  kind: 'role';
  key: string;
  role: CatalogRoleView;
  /** 0 under a user; 1 and more for roles chained from another role. */
  depth: number;
  /** The role it is chained from, when its source is a role. */
  via?: string;
  /** The row index of its user (or of the orphans heading). */
  rootIndex: number;
  /** The row index of its parent row. */
  parentIndex: number;
  search: string;
}

/** Heads roles whose source is missing from the catalog or that form a loop. */
export interface OrphansRowModel {
  kind: 'orphans';
  key: string;
  search: string;
}

export type RowModel = UserRowModel | RoleRowModel | OrphansRowModel;

function roleSearch(role: CatalogRoleView): string {
  return `${role.name}\n${role.profile ?? ''}\n${role.roleArn}\n${role.source}`.toLowerCase();
}

/** A role row's key: a role appears once in the list, so its name is enough. */
export function roleRowKey(name: string): string {
  return `role:${name}`;
}

export function buildRows(catalog: Pick<CatalogListView, 'users' | 'roles'> & { keyAgeWarningDays?: number }): RowModel[] {
  const keyAgeWarningDays = catalog.keyAgeWarningDays ?? KEY_AGE_WARNING_DAYS.default;
  const children = new Map<string, CatalogRoleView[]>();
  for (const role of catalog.roles) {
    const list = children.get(role.source);
    if (list) list.push(role);
    else children.set(role.source, [role]);
  }
  const roleNames = new Set(catalog.roles.map((r) => r.name));
  const rows: RowModel[] = [];
  const placed = new Set<string>();

  const addChildren = (source: string, depth: number, rootIndex: number, parentIndex: number, via: string | undefined) => {
    for (const role of children.get(source) ?? []) {
      // A loop in a broken catalog must not loop here: each role is placed once.
      if (placed.has(role.name)) continue;
      placed.add(role.name);
      const index = rows.length;
      rows.push({
        kind: 'role',
        key: roleRowKey(role.name),
        role,
        depth,
        ...(via === undefined ? {} : { via }),
        rootIndex,
        parentIndex,
        search: roleSearch(role),
      });
      if (roleNames.has(role.name)) addChildren(role.name, depth + 1, rootIndex, index, role.name);
    }
  };

  for (const user of catalog.users) {
    const index = rows.length;
    const row: UserRowModel = { kind: 'user', key: `user:${user.name}`, user, hasRoles: false, keyAgeWarningDays, search: user.name.toLowerCase() };
    rows.push(row);
    addChildren(user.name, 0, index, index, undefined);
    row.hasRoles = rows.length > index + 1;
  }

  const orphans = catalog.roles.filter((r) => !placed.has(r.name));
  if (orphans.length > 0) {
    const index = rows.length;
    rows.push({ kind: 'orphans', key: 'orphans', search: '' });
    for (const role of orphans) {
      if (placed.has(role.name)) continue;
      placed.add(role.name);
      const own = rows.length;
      rows.push({ kind: 'role', key: roleRowKey(role.name), role, depth: 0, rootIndex: index, parentIndex: index, search: roleSearch(role) });
      addChildren(role.name, 1, index, own, role.name);
    }
  }
  return rows;
}

/**
 * Rows matching `query`: a matching role keeps its ancestors (so it stays under its user and
 * chain), and a matching user keeps all its roles. An empty query returns `rows` itself.
 */
export function filterRows(rows: readonly RowModel[], query: string): readonly RowModel[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return rows;
  const keep = new Uint8Array(rows.length);
  const rootMatches = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.kind === 'user') {
      if (row.search.includes(needle)) keep[i] = rootMatches[i] = 1;
    } else if (row.kind === 'role') {
      if (rootMatches[row.rootIndex] || row.search.includes(needle)) {
        keep[i] = 1;
        // Mark ancestors until one already kept (its own ancestors are then kept too).
        let parent = row.parentIndex;
        while (!keep[parent]) {
          keep[parent] = 1;
          const up = rows[parent]!;
          if (up.kind !== 'role') break;
          parent = up.parentIndex;
        }
      }
    }
  }
  return rows.filter((_, i) => keep[i] === 1);
}

export function countRoles(rows: readonly RowModel[]): number {
  let count = 0;
  for (const row of rows) if (row.kind === 'role') count++;
  return count;
}
