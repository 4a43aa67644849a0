import { RolecallError } from '../errors';
import { resolveChain } from '../sessions/chain';
import type { Catalog, Role } from '../../../common/catalog-schema';

// The rules a catalog keeps beyond its schema, in one place for every writer (role add, import).

/** The profile a role writes: its own --profile, or its name. */
export function profileOf(role: Role): string {
  return role.profile ?? role.name;
}

/** Refuses a user name a role already has: users and roles share one namespace (a chain's sources). */
export function assertUserNameFree(catalog: Catalog, name: string): void {
  if (catalog.roles.some((r) => r.name === name)) {
    throw new RolecallError(`'${name}' is already the name of a role.`, 'Choose another name for the user.', 'NameTaken');
  }
}

/**
 * Checks that `role`, already placed in `catalog`, fits: its name is not a user's, no other role
 * writes its profile, its chain reaches a user (no loop, ≤ 10 links), and `--direct` only where
 * the role is entered from a user's long-term key.
 */
export function assertRoleFits(catalog: Catalog, role: Role): void {
  if (catalog.users.some((u) => u.name === role.name)) {
    throw new RolecallError(`'${role.name}' is already the name of a user.`, 'Choose another name for the role.', 'NameTaken');
  }
  const profile = profileOf(role);
  const clash = catalog.roles.find((r) => r.name !== role.name && profileOf(r) === profile);
  if (clash) throw new RolecallError(`Role '${clash.name}' already writes the profile '${profile}'.`, 'Choose another --profile.', 'ProfileTaken');
  const chain = resolveChain(catalog, role.name);
  if (role.direct && chain.roles.length > 1) {
    throw new RolecallError(
      `Role '${role.name}' cannot be --direct: it is entered from role '${role.source}', and AWS caps every role assumed from another role at one hour.`,
      'Drop --direct, or make the source a user (--source <user>) for sessions longer than an hour.',
      'DirectFromRole',
    );
  }
}

/** Refuses to remove a user or role that other roles are entered from. */
export function assertNotASource(catalog: Catalog, name: string, kind: 'User' | 'Role'): void {
  const dependants = catalog.roles.filter((r) => r.source === name).map((r) => r.name);
  if (dependants.length) {
    throw new RolecallError(`${kind} '${name}' is the source of ${dependants.join(', ')}.`, 'Remove those roles first, or change their --source.', 'InUse');
  }
}
