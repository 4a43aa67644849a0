import type { Catalog } from '../../../common/catalog-schema';
import type { Core } from '../core';
import type { ObtainedSession } from '../sessions/engine';
import type { RoleSessionRecord } from '../sessions/records';
import { refreshWrittenProfiles } from './sessions';

/**
 * A new session for a role that has one, from its parent, without asking anyone for anything:
 * the scheduler's renewal. It rewrites every profile Rolecall has written for the renewed links
 * (a profile not written is left unwritten: a role used through credential_process gets no
 * file). Throws MfaCodeRequiredError, before any STS call, when the way to the role needs a new
 * code, and SessionStoppedError when the session was stopped meanwhile.
 */
export async function renewRole(core: Core, session: RoleSessionRecord, catalog: Catalog): Promise<ObtainedSession> {
  const obtained = await core.engine.obtain(session.role, {
    refresh: true,
    // The length the session was asked for (an explicit --duration included), not the default.
    duration: session.requestedSeconds,
    // Renewed only while it is still there: a role stopped meanwhile stays stopped.
    onlyWhileCached: session.expiration,
    catalog,
  });
  obtained.notices.push(...(await refreshWrittenProfiles(core, catalog, obtained.renewed)));
  return obtained;
}
