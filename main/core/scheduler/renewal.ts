// What the scheduler tells the front ends about sessions it could not keep alive on its own.
// Names and times only: a notification, the tray and the window show these, never a secret.
import type { RenewalProblem } from '../../../common/rules';

export interface RenewalMark {
  role: string;
  problem: RenewalProblem;
  /** The user whose MFA device gives the code, for `needs-mfa-code`. */
  user?: string;
  /** Core's English reason, for `failed`. */
  reason?: string;
  /** When the session ends (ISO 8601). */
  expiresAt: string;
}

/**
 * One notification: sent once per session that cannot renew itself, `notifyLeadMinutes` before
 * it ends (or at once, when that moment has passed), with the sessions of one user that are due
 * at the same time grouped into one.
 */
export type RenewalNotice =
  { kind: 'needs-mfa-code'; user: string; roles: string[]; endsAt: string } | { kind: 'renewal-failed'; roles: string[]; endsAt: string; reason: string };

/**
 * The problem of each role whose current session a mark was made for. A mark belongs to one
 * session: a session renewed or extended since (another expiry) starts clean, even before the
 * scheduler has looked again.
 */
export function currentRenewalProblems(
  marks: readonly RenewalMark[],
  sessions: ReadonlyArray<{ kind: string; name: string; expiresAt: string }>,
): Map<string, RenewalProblem> {
  const current = marks.filter((m) => sessions.some((s) => s.kind === 'role' && s.name === m.role && s.expiresAt === m.expiresAt));
  return new Map(current.map((m) => [m.role, m.problem]));
}
