// A role row's state, from its session, main's needs-MFA list, the operation in flight or failed,
// and the clock. Pure, so the rules are tested without rendering.
import { sessionStateAt, type SessionState } from '../../../common/rules';

export type RoleState = 'idle' | 'active' | 'refreshing' | 'needs-mfa' | 'expiring' | 'expired' | 'error';

/** Where a session stands against the clock: main's state, or 'none' without a session. */
export type ClockPhase = 'none' | SessionState;

export function clockPhase(expiresAtMs: number | undefined, leadMs: number, now: number): ClockPhase {
  if (expiresAtMs === undefined || Number.isNaN(expiresAtMs)) return 'none';
  return sessionStateAt(expiresAtMs, now, leadMs);
}

/** A session that still works: it has a countdown, and its own assume needs no code. */
export function isLive(phase: ClockPhase): phase is 'active' | 'expiring' {
  return phase === 'active' || phase === 'expiring';
}

export interface RoleStateInput {
  phase: ClockPhase;
  busy: boolean;
  failed: boolean;
  needsMfa: boolean;
}

export function roleState({ phase, busy, failed, needsMfa }: RoleStateInput): RoleState {
  // What is happening now first. A live session is never hidden: a failure since shows as a note
  // beneath it. An expiring one that needs a code to renew stays 'expiring' (the row notes it).
  if (busy) return 'refreshing';
  if (isLive(phase)) return phase;
  if (failed) return 'error';
  // No session, or an expired one: main's list says whether the next assume needs a code.
  if (needsMfa) return 'needs-mfa';
  return phase === 'expired' ? 'expired' : 'idle';
}
