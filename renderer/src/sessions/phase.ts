// A session's phase by the shared clock: the caller re-renders when the phase changes (active →
// expiring → expired), not on every tick. Without a session there is no phase to change, and the
// row does not listen to the clock at all.
import { useCallback } from 'react';
import { useClockValue } from '../state/clock';
import { clockPhase, type ClockPhase } from '../state/role-state';

export function expiryMs(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

export function useSessionPhase(expiresAtMs: number | undefined, leadMs: number): ClockPhase {
  const derive = useCallback((now: number) => clockPhase(expiresAtMs, leadMs, now), [expiresAtMs, leadMs]);
  return useClockValue(derive, expiresAtMs === undefined);
}
