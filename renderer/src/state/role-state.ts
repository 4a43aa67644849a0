// A role row's state, from its session, main's needs-MFA list, the operation in flight or failed,
// and the clock. Pure, so the rules are tested without rendering.

export type RoleState = 'idle' | 'active' | 'refreshing' | 'needs-mfa' | 'expiring' | 'expired' | 'error';

/** Where a session stands against the clock. */
export type ClockPhase = 'none' | 'active' | 'expiring' | 'expired';

export function clockPhase(expiresAtMs: number | undefined, leadMs: number, now: number): ClockPhase {
  if (expiresAtMs === undefined || Number.isNaN(expiresAtMs)) return 'none';
  if (now >= expiresAtMs) return 'expired';
  if (expiresAtMs - now < leadMs) return 'expiring';
  return 'active';
}

export interface RoleStateInput {
  phase: ClockPhase;
  busy: boolean;
  failed: boolean;
  needsMfa: boolean;
}

export function roleState({ phase, busy, failed, needsMfa }: RoleStateInput): RoleState {
  // What is happening now beats what happened before; a live session beats the needs-MFA list
  // (main lists roles whose *next* assume needs a code, which may already be active).
  if (busy) return 'refreshing';
  if (failed) return 'error';
  if (phase === 'active' || phase === 'expiring' || phase === 'expired') return phase;
  return needsMfa ? 'needs-mfa' : 'idle';
}

/** A role with a live (not expired) session can be stopped; so can one whose profile is still written. */
export function isLive(state: RoleState): boolean {
  return state === 'active' || state === 'expiring';
}
