import type { Core } from '../core';
import type { Role } from '../catalog/schema';
import { RolecallError } from '../errors';
import { ACCOUNT } from '../keychain/secrets';
import { resolveChain } from '../sessions/chain';
import { addRoleInput, nameInput, type AddRoleInput } from './inputs';
import { parseInput } from './parse-input';
import { profileOf, stop } from './sessions';
import { removeManagedProfile } from '../aws-files';

/** Adds or replaces a role; the chain it creates is checked (source exists, no loop, ≤ 10 links). */
export async function addRole(core: Core, input: AddRoleInput): Promise<Role> {
  const role = parseInput(addRoleInput, input, 'role');
  const previous = await core.catalog.update((catalog) => {
    if (catalog.users.some((u) => u.name === role.name)) {
      throw new RolecallError(`'${role.name}' is already the name of a user.`, 'Choose another name for the role.', 'NameTaken');
    }
    const profile = role.profile ?? role.name;
    const clash = catalog.roles.find((r) => r.name !== role.name && (r.profile ?? r.name) === profile);
    if (clash) throw new RolecallError(`Role '${clash.name}' already writes the profile '${profile}'.`, 'Choose another --profile.', 'ProfileTaken');
    const index = catalog.roles.findIndex((r) => r.name === role.name);
    const before = index >= 0 ? catalog.roles[index] : undefined;
    if (index >= 0) catalog.roles[index] = role;
    else catalog.roles.push(role);
    const chain = resolveChain(catalog, role.name); // throws on a missing source, a loop or a chain too long
    if (role.direct && chain.roles.length > 1) {
      throw new RolecallError(
        `Role '${role.name}' cannot be --direct: it is entered from role '${role.source}', and AWS caps every role assumed from another role at one hour.`,
        'Drop --direct, or make the source a user (--source <user>) for sessions longer than an hour.',
        'DirectFromRole',
      );
    }
    return before;
  });
  // Settings that shape the session changed: the cached one no longer matches them, and a
  // profile the role no longer writes must not keep live credentials behind.
  await core.secrets.delete(ACCOUNT.roleSession(role.name));
  if (previous && profileOf(previous) !== profileOf(role)) await removeManagedProfile(profileOf(previous), { env: core.env });
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
