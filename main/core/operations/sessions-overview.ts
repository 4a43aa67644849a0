import type { Core } from '../core';
import { rolesNeedingMfaCode } from '../sessions/needs-code';
import { sessionStatuses, type SessionStatus } from './sessions';

export interface SessionsOverview {
  sessions: SessionStatus[];
  /** Roles whose next assume would ask for a fresh MFA code. */
  needsMfaCode: string[];
  /** The instant (ms since the epoch, core's clock) both halves were computed for. */
  now: number;
}

/**
 * `status` plus which roles need a code, from one catalog read and one keychain read at one
 * instant, so the two halves never disagree. No AWS call: a front end may poll it.
 */
export async function sessionsOverview(core: Core): Promise<SessionsOverview> {
  const now = core.now();
  const catalog = core.catalog.load();
  const cached = await core.secrets.allSessions();
  return {
    sessions: await sessionStatuses(core, catalog, cached, now),
    needsMfaCode: rolesNeedingMfaCode(catalog, cached, now),
    now,
  };
}
