import { removeManagedProfile } from '../aws-files';
import type { Core } from '../core';
import { assertNotASource, assertRoleFits, profileOf } from '../catalog/rules';
import type { Catalog, Role } from '../catalog/schema';
import { ACCOUNT } from '../keychain/accounts';
import { findRole } from '../sessions/chain';
import { addRoleInput, nameInput, type AddRoleInput } from './inputs';
import { parseInput } from './parse-input';

/** Adds or replaces a role; the catalog's rules are checked before anything is saved. */
export async function addRole(core: Core, input: AddRoleInput): Promise<Role> {
  const role = parseInput(addRoleInput, input, 'role');
  const put = (catalog: Catalog): Role | undefined => {
    const index = catalog.roles.findIndex((r) => r.name === role.name);
    const before = index >= 0 ? catalog.roles[index] : undefined;
    if (index >= 0) catalog.roles[index] = role;
    else catalog.roles.push(role);
    assertRoleFits(catalog, role);
    return before;
  };
  // Settings that shape the session changed: the cached one no longer matches them. Checked on a
  // copy first, so a refused role costs no session; the session goes before the catalog changes,
  // so a locked keychain refuses the change whole instead of leaving a stale session behind it.
  put(structuredClone(core.catalog.load()));
  await core.secrets.delete(ACCOUNT.roleSession(role.name));
  const previous = await core.catalog.update(put);
  // A profile the role no longer writes must not keep live credentials behind.
  if (previous && profileOf(previous) !== profileOf(role)) await removeManagedProfile(profileOf(previous), { env: core.env });
  return role;
}

/** Removes a role, its managed profile and its cached session. */
export async function removeRole(core: Core, input: { name: string }): Promise<void> {
  const { name } = parseInput(nameInput, input, 'role');
  const take = (catalog: Catalog): Role => {
    const role = findRole(catalog, name);
    assertNotASource(catalog, name, 'Role');
    catalog.roles = catalog.roles.filter((r) => r.name !== name);
    return role;
  };
  // The cached session first (checked on a copy before): a locked keychain refuses the removal
  // whole, rather than leave a session behind a role the catalog no longer names.
  take(structuredClone(core.catalog.load()));
  await core.secrets.delete(ACCOUNT.roleSession(name));
  const removed = await core.catalog.update(take);
  await removeManagedProfile(profileOf(removed), { env: core.env });
}
