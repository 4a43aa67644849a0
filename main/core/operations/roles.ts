import { cutOffServedShells } from '../credential-endpoint/app-revoke';
import { assertProfileFree, removeManagedProfile } from '../aws-files';
import type { Core } from '../core';
import { assertNotASource, assertRoleFits, profileOf } from '../catalog/rules';
import type { Catalog, Role } from '../../../common/catalog-schema';
import { ACCOUNT } from '../keychain/accounts';
import { findRole, resolveChain } from '../sessions/chain';
import { addRoleInput, nameInput, type AddRoleInput } from '../../../common/inputs';
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
  const draft = structuredClone(core.catalog.load());
  const current = put(draft);
  // A profile name the person's own AWS files already use is refused now, naming it, not at the
  // first assume. The region the profile would be written with decides whether the config counts.
  await assertProfileFree(profileOf(role), { env: core.env, region: role.region ?? resolveChain(draft, role.name).user.region });
  await core.secrets.delete(ACCOUNT.roleSession(role.name));
  // A profile the role no longer writes must not keep live credentials behind. Removed before the
  // catalog forgets it: a run killed in between leaves a catalog that still names it, so the next
  // run removes it, rather than live credentials under a name nothing knows.
  if (current && profileOf(current) !== profileOf(role)) await removeManagedProfile(profileOf(current), { env: core.env });
  const previous = await core.catalog.update(put);
  if (previous && profileOf(previous) !== profileOf(role) && (!current || profileOf(previous) !== profileOf(current))) {
    await removeManagedProfile(profileOf(previous), { env: core.env }); // changed by another process meanwhile
  }
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
  const current = take(structuredClone(core.catalog.load()));
  // Shells the running app serves it lose it first, so its endpoint renews nothing of a role that is gone.
  await cutOffServedShells(core, [name]);
  await core.secrets.delete(ACCOUNT.roleSession(name));
  // The profile before the catalog entry, as in addRole: a kill in between leaves a role the next
  // `role remove` still finds, not live credentials under a name nothing knows.
  await removeManagedProfile(profileOf(current), { env: core.env });
  const removed = await core.catalog.update(take);
  if (profileOf(removed) !== profileOf(current)) await removeManagedProfile(profileOf(removed), { env: core.env });
}
