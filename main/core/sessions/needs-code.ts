import type { Catalog } from '../../../common/catalog-schema';
import { resolveChain, type Chain } from './chain';
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
  return needsCodeFrom(chain, cached, chain.roles.length - 1, now);
}

/**
 * Whether renewing `roleName` at `at` (a new session of the role itself, as the scheduler asks
 * for one before the old ends) needs a code: the same walk, starting at the role's source.
 */
export function renewalNeedsMfaCode(catalog: Catalog, cached: CachedSessions, roleName: string, at: number): boolean {
  const chain = resolveChain(catalog, roleName);
  const target = chain.roles.length - 1;
  return target === 0 ? firstLinkNeedsCode(chain, cached, at) : needsCodeFrom(chain, cached, target - 1, at);
}

/** Walks from link `start` back towards the user, stopping at the first session the engine reuses. */
function needsCodeFrom(chain: Chain, cached: CachedSessions, start: number, now: number): boolean {
  for (let index = start; index >= 0; index--) {
    const role = chain.roles[index]!;
    if (
      isRoleSessionReusable(
        cached.roles.find((r) => r.role === role.name),
        role,
        now,
      )
    )
      return false;
    // Not cached: the engine assumes this link from the one before it, which decides in turn.
  }
  return firstLinkNeedsCode(chain, cached, now);
}

/**
 * The first link is entered from the user: a user without a device never needs a code; a direct
 * role always does (its own SerialNumber + TokenCode); any other rides the MFA session.
 */
function firstLinkNeedsCode(chain: Chain, cached: CachedSessions, now: number): boolean {
  const { user } = chain;
  if (!user.mfaSerial) return false;
  if (chain.roles[0]!.direct) return true;
  return !isMfaSessionReusable(
    cached.mfa.find((m) => m.user === user.name),
    user,
    now,
  );
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
