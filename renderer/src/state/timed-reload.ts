// main computes which roles need a fresh MFA code (needsMfaCode) for the moment it answers, and no
// event says when time alone changes that answer: a role session falls under the reuse margin, an
// MFA session runs too short for main to use. So the window asks again when the next such moment
// comes: one timer, set for the next deadline of the sessions on screen and set again after each
// answer (no polling), plus a reload when the window is shown again (timers drift while it is
// hidden or the machine sleeps).
import { useEffect, useRef } from 'react';
import { MFA_SESSION_MIN_LEFT_MS, REUSE_MARGIN_MS } from '../../../common/rules';
import type { SessionsView } from '../../../common/contract';
import { expiryMs } from '../sessions/phase';
import type { Clock } from './clock';

/**
 * How long after a deadline to ask: main's clock may run up to the skew the page ignores (2 s,
 * see data.ts) behind ours, and must have passed the deadline when it answers.
 */
export const DEADLINE_SLACK_MS = 2500;

/**
 * The moments (main's time, ms) at which main's answer changes by time alone: for each role
 * session its expiry, its expiry minus the refresh lead in effect (common/rules.ts: main's
 * `expiring`), and its expiry minus the reuse margin (from then on main no longer reuses it, so
 * its next assume may need a code); for each MFA session, its expiry minus the minute main needs
 * left to use it.
 */
export function deadlines(view: SessionsView | undefined, leadMs: number): number[] {
  const found: number[] = [];
  for (const session of view?.sessions ?? []) {
    const expiresAt = expiryMs(session.expiresAt);
    if (expiresAt === undefined) continue;
    if (session.kind === 'role') found.push(expiresAt, expiresAt - leadMs, expiresAt - REUSE_MARGIN_MS);
    else found.push(expiresAt - MFA_SESSION_MIN_LEFT_MS);
  }
  return found;
}

/** The first deadline after `now`, if any. */
export function nextDeadline(view: SessionsView | undefined, leadMs: number, now: number): number | undefined {
  let next: number | undefined;
  for (const deadline of deadlines(view, leadMs)) if (deadline > now && (next === undefined || deadline < next)) next = deadline;
  return next;
}

/**
 * Reloads the sessions at the next deadline of `view` (by `clock`, main's time), and at once when
 * the window is shown again. One timer at a time; none once unmounted.
 */
export function useTimedReload(view: SessionsView | undefined, leadMs: number, clock: Clock, reloadSessions: () => Promise<void>): void {
  const reload = useRef(reloadSessions);
  reload.current = reloadSessions;

  useEffect(() => {
    let cancel: (() => void) | undefined;
    let live = true;
    const arm = (after: number) => {
      const deadline = nextDeadline(view, leadMs, after);
      if (deadline === undefined) return;
      cancel = clock.at(deadline + DEADLINE_SLACK_MS, () => {
        cancel = undefined;
        // A new view re-runs this effect; if the reload failed (the same view stays), the next
        // deadline is the one after this.
        void reload.current().then(() => {
          if (live && cancel === undefined) arm(Math.max(deadline, clock.now() - DEADLINE_SLACK_MS));
        });
      });
    };
    // A deadline just passed may not have been asked about yet (this view was asked for a moment
    // before it, or main's clock is behind): it is still due, a slack after it.
    arm(clock.now() - DEADLINE_SLACK_MS);
    return () => {
      live = false;
      cancel?.();
    };
  }, [view, leadMs, clock]);

  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'visible') void reload.current();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, []);
}
