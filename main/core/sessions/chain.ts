import { MAX_CHAIN_LINKS, mayEcho, quoted } from '../../../common/rules';
import { RolecallError } from '../errors';
import type { Catalog, Role, User } from '../../../common/catalog-schema';

/** A role's way back to the IAM user whose long-term key starts it: user first, the role last. */
export interface Chain {
  user: User;
  roles: Role[];
}

export function findRole(catalog: Catalog, name: string): Role {
  const role = catalog.roles.find((r) => r.name === name);
  if (!role) {
    const known = catalog.roles.map((r) => r.name);
    throw new RolecallError(
      `There is no role named ${quoted(name)}.`,
      known.length ? `Known roles: ${known.join(', ')}.` : 'Add one with: rolecall role add <name> --role-arn <arn> --source <user>',
      'UnknownRole',
    );
  }
  return role;
}

export function resolveChain(catalog: Catalog, roleName: string): Chain {
  const roles: Role[] = [];
  const seen = new Set<string>();
  let current = findRole(catalog, roleName);
  for (;;) {
    if (seen.has(current.name)) {
      const loop = [...roles.map((r) => r.name), current.name].join(' → ');
      throw new RolecallError(`The role chain of '${roleName}' loops: ${loop}.`, 'Change a --source so the chain ends at a user.', 'ChainLoop');
    }
    seen.add(current.name);
    roles.unshift(current);
    if (roles.length > MAX_CHAIN_LINKS) {
      throw new RolecallError(
        `The role chain of '${roleName}' has more than ${MAX_CHAIN_LINKS} links.`,
        'Shorten the chain: assume a role nearer the user as the source.',
        'ChainTooLong',
      );
    }
    const sourceName = current.source;
    const user = catalog.users.find((u) => u.name === sourceName);
    if (user) return { user, roles };
    const next = catalog.roles.find((r) => r.name === sourceName);
    if (!next) {
      throw new RolecallError(
        `The source ${quoted(sourceName)} of role ${quoted(current.name)} is neither a user nor a role.`,
        `Add it (rolecall user add ${mayEcho(sourceName) ? sourceName : '<name>'} …) or change the role's --source.`,
        'MissingSource',
      );
    }
    current = next;
  }
}

/** Chains as names, for display: ['dev-user', 'admin', 'deploy']. */
export function chainNames(chain: Chain): string[] {
  return [chain.user.name, ...chain.roles.map((r) => r.name)];
}
