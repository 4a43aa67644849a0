import { isRotatingHere } from '../key-rotation/rotation-lock';
import type { Core } from '../core';
import type { KeychainState } from '../keychain/secret-store';
import { readUnlessClosed } from '../keychain/unless-closed';
import { rolesNeedingMfaCode } from '../sessions/needs-code';
import type { SessionStatus } from '../../../common/contract';
import { removeEndedProfiles } from './ended-profiles';
import type { Catalog } from '../../../common/catalog-schema';
import { isKeyOld, keyAgeDays } from '../../../common/key-age';
import { sessionStatuses, statusesFromProfiles } from './sessions';

export interface SessionsOverview {
  sessions: SessionStatus[];
  /** Roles whose next assume would ask for a fresh MFA code. */
  needsMfaCode: string[];
  /** The instant (ms since the epoch, core's clock) both halves were computed for. */
  now: number;
  /**
   * Whether the keychain could be read. When it could not (locked, unreachable), `sessions` are
   * only the roles whose profile Rolecall wrote, as the shared AWS files tell them, and nobody
   * knows yet which roles need a code.
   */
  keychain: KeychainState;
  /** Profiles of ended sessions removed from the shared AWS files before the read. */
  endedProfilesRemoved: string[];
  /** Users whose key is past the key-age setting (from the catalog: known even with the keychain closed). */
  oldKeys: Array<{ user: string; days: number }>;
  /** Users of the catalog with a key rotation stopped half-way: `rolecall user rotate <user>` finishes or undoes it. */
  rotationsInterrupted?: string[];
}

function oldKeys(catalog: Catalog, now: number): Array<{ user: string; days: number }> {
  return catalog.users.flatMap((u) => {
    const days = keyAgeDays(u.keyCreatedAt, now);
    return days !== undefined && isKeyOld(days, catalog.settings.keyAgeWarningDays) ? [{ user: u.name, days }] : [];
  });
}

/**
 * `status` plus which roles need a code, from one catalog read and one keychain read at one
 * instant, so the two halves never disagree. No AWS call: a front end may poll it.
 */
export async function sessionsOverview(core: Core): Promise<SessionsOverview> {
  const now = core.now();
  // First, so the sessions listed do not name profiles this run removes.
  const endedProfilesRemoved = await removeEndedProfiles(core, now);
  const catalog = core.catalog.load();
  const read = await readUnlessClosed(() => core.secrets.allSessions());
  if (read.keychain !== 'ready') {
    return {
      sessions: await statusesFromProfiles(core, catalog, now),
      needsMfaCode: [],
      now,
      keychain: read.keychain,
      endedProfilesRemoved,
      oldKeys: oldKeys(catalog, now),
    };
  }
  return {
    sessions: await sessionStatuses(core, catalog, read.value, now),
    needsMfaCode: rolesNeedingMfaCode(catalog, read.value, now),
    now,
    keychain: 'ready',
    endedProfilesRemoved,
    oldKeys: oldKeys(catalog, now),
    // Not a rotation this process is running now (the window's, its dialog closed): that one is not interrupted.
    rotationsInterrupted: read.value.rotationsInterrupted.filter((user) => catalog.users.some((u) => u.name === user) && !isRotatingHere(user)),
  };
}
