import type { Catalog } from '../catalog/schema';
import { resolveChain } from './chain';
import type { MfaSessionRecord, RoleSessionRecord } from './records';
import { isMfaSessionReusable, isRoleSessionReusable } from './reuse';

// Predicts, without calling AWS, whether the next assume of a role would have to ask for a fresh
// MFA code, so the window can ask for it up front instead of failing first. It walks the chain
// the way SessionEngine.obtain does (target first, back towards the user, stopping at the first
// cached session the engine would reuse) and uses the engine's own reuse rules.

/** The cached sessions of one keychain read (Secrets.allSessions). */
export interface CachedSessions {
  mfa: MfaSessionRecord[];
  roles: RoleSessionRecord[];
}

/**
 * Whether assuming `roleName` at `now`, as the window does it (no duration of its own, so a
 * cached session may serve), needs a code. Throws as resolveChain does for a broken chain.
 */
export function needsMfaCode(catalog: Catalog, cached: CachedSessions, roleName: string, now: number): boolean {
  const chain = resolveChain(catalog, roleName);
  for (let index = chain.roles.length - 1; index >= 0; index--) {
    const role = chain.roles[index]!;
    if (isRoleSessionReusable(cached.roles.find((r) => r.role === role.name), role, now)) return false;
    // Not cached: the engine assumes this link from the one before it, which decides in turn.
    if (index > 0) continue;
    // The first link is entered from the user: a user without a device never needs a code; a
    // direct role always does (its own SerialNumber + TokenCode); any other rides the MFA session.
    const { user } = chain;
    if (!user.mfaSerial) return false;
    if (role.direct) return true;
    return !isMfaSessionReusable(cached.mfa.find((m) => m.user === user.name), user, now);
  }
  return false; // unreachable: a chain has at least one role
}

/** Every catalog role whose next assume needs a code. A role whose chain is broken is left out:
 * its assume fails for that reason, not for want of a code. */
export function rolesNeedingMfaCode(catalog: Catalog, cached: CachedSessions, now: number): string[] {
  return catalog.roles
    .filter((role) => {
      try {
        return needsMfaCode(catalog, cached, role.name, now);
      } catch {
        return false;
      }
    })
    .map((role) => role.name);
}
