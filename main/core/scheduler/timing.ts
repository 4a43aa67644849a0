import type { Settings } from '../../../common/catalog-schema';
import { refreshLeadMs } from '../../../common/rules';
import type { RoleSessionRecord } from '../sessions/records';

// When the scheduler acts on a session. Pure arithmetic on one session and the settings.

export interface SessionTimes {
  /** When to renew it from its parent. */
  refreshAt: number;
  /** When to warn, if it cannot renew by itself. */
  warnAt: number;
  expiresAt: number;
}

/** Retrying a failed renewal: 1, 2, 4 minutes…, never more than 5 minutes apart. */
export const RETRY_BASE_MS = 60_000;
export const RETRY_MAX_MS = 5 * 60_000;

export function timesOf(session: Pick<RoleSessionRecord, 'issuedAt' | 'expiration'>, settings: Settings): SessionTimes {
  const expiresAt = Date.parse(session.expiration);
  const issuedAt = Date.parse(session.issuedAt);
  const lead = refreshLeadMs(settings.refreshLeadMinutes);
  // A session shorter than twice the lead (a 15-minute role, a 45-minute lead on a one-hour
  // session) would be renewed at once, and its successor at once again: renew such a session
  // halfway through its life instead.
  const refreshAt = Math.max(expiresAt - lead, issuedAt + (expiresAt - issuedAt) / 2);
  return { refreshAt, warnAt: expiresAt - settings.notifyLeadMinutes * 60_000, expiresAt };
}

export function retryDelay(attempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
}
