import { removeManagedProfile } from '../aws-files';
import type { Core } from '../core';
import { assertNotASource, assertRoleFits, profileOf } from '../catalog/rules';
import type { Role } from '../catalog/schema';
import { ACCOUNT } from '../keychain/accounts';
import { findRole } from '../sessions/chain';
import { addRoleInput, nameInput, type AddRoleInput } from './inputs';
import { parseInput } from './parse-input';

/** Adds or replaces a role; the catalog's rules are checked before anything is saved. */
export async function addRole(core: Core, input: AddRoleInput): Promise<Role> {
  const role = parseInput(addRoleInput, input, 'role');
  const previous = await core.catalog.update((catalog) => {
    const index = catalog.roles.findIndex((r) => r.name === role.name);
    const before = index >= 0 ? catalog.roles[index] : undefined;
    if (index >= 0) catalog.roles[index] = role;
    else catalog.roles.push(role);
    assertRoleFits(catalog, role);
    return before;
  });
  // Settings that shape the session changed: the cached one no longer matches them, and a
  // profile the role no longer writes must not keep live credentials behind.
  await core.secrets.delete(ACCOUNT.roleSession(role.name));
  if (previous && profileOf(previous) !== profileOf(role)) await removeManagedProfile(profileOf(previous), { env: core.env });
  return role;
}

/** Removes a role, its managed profile and its cached session. */
export async function removeRole(core: Core, input: { name: string }): Promise<void> {
  const { name } = parseInput(nameInput, input, 'role');
  const removed = await core.catalog.update((catalog) => {
    const role = findRole(catalog, name);
    assertNotASource(catalog, name, 'Role');
    catalog.roles = catalog.roles.filter((r) => r.name !== name);
    return role;
  });
  await removeManagedProfile(profileOf(removed), { env: core.env });
  await core.secrets.delete(ACCOUNT.roleSession(name));
}
