import type { Core } from '../core';
import type { Role } from '../catalog/schema';
import { RolecallError } from '../errors';
import { ACCOUNT } from '../keychain/secrets';
import { resolveChain } from '../sessions/chain';
import { addRoleInput, nameInput, type AddRoleInput } from './inputs';
import { parseInput } from './parse-input';
import { stop } from './sessions';

/** Adds or replaces a role; the chain it creates is checked (source exists, no loop, ≤ 10 links). */
export async function addRole(core: Core, input: AddRoleInput): Promise<Role> {
  const role = parseInput(addRoleInput, input, 'role');
  await core.catalog.update((catalog) => {
    if (catalog.users.some((u) => u.name === role.name)) {
      throw new RolecallError(`'${role.name}' is already the name of a user.`, 'Choose another name for the role.', 'NameTaken');
    }
    const profile = role.profile ?? role.name;
    const clash = catalog.roles.find((r) => r.name !== role.name && (r.profile ?? r.name) === profile);
    if (clash) throw new RolecallError(`Role '${clash.name}' already writes the profile '${profile}'.`, 'Choose another --profile.', 'ProfileTaken');
    const index = catalog.roles.findIndex((r) => r.name === role.name);
    if (index >= 0) catalog.roles[index] = role;
    else catalog.roles.push(role);
    resolveChain(catalog, role.name); // throws on a missing source, a loop or a chain too long
  });
  // Settings that shape the session changed: the cached one no longer matches them.
  await core.secrets.delete(ACCOUNT.roleSession(role.name));
  return role;
}

export async function removeRole(core: Core, input: { name: string }): Promise<void> {
  const { name } = parseInput(nameInput, input, 'role');
  const catalog = core.catalog.load();
  if (!catalog.roles.some((r) => r.name === name)) throw new RolecallError(`There is no role named '${name}'.`, undefined, 'UnknownRole');
  const dependants = catalog.roles.filter((r) => r.source === name).map((r) => r.name);
  if (dependants.length) {
    throw new RolecallError(`Role '${name}' is the source of ${dependants.join(', ')}.`, 'Remove those roles first, or change their --source.', 'InUse');
  }
  await stop(core, { name });
  await core.catalog.update((current) => {
    current.roles = current.roles.filter((r) => r.name !== name);
  });
}
