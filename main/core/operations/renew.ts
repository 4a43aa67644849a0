import type { Catalog } from '../catalog/schema';
import type { Core } from '../core';
import type { ObtainedSession } from '../sessions/engine';
import { refreshWrittenProfiles } from './sessions';

/**
 * A new session for a role that has one, from its parent, without asking anyone for anything:
 * the scheduler's renewal. It asks for the length the session was asked for, and rewrites every
 * profile Rolecall has written for the renewed links (a profile not written is left unwritten:
 * a role used through credential_process gets no file). Throws MfaCodeRequiredError, before any
 * STS call, when the way to the role needs a new code.
 */
export async function renewRole(core: Core, role: string, options: { catalog: Catalog; duration: number }): Promise<ObtainedSession> {
  const obtained = await core.engine.obtain(role, { refresh: true, duration: options.duration, catalog: options.catalog });
  obtained.notices.push(...(await refreshWrittenProfiles(core, options.catalog, obtained.renewed)));
  return obtained;
}
