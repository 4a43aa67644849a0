import type { Catalog } from '../../../common/catalog-schema';
import type { Core } from '../core';
import { MfaCodeRequiredError, reasonOf, SessionStoppedError } from '../errors';
import { renewRole } from '../operations/renew';
import { restoreClearedProfiles, type RestoredProfiles } from '../operations/restore';
import { resolveChain } from '../sessions/chain';
import { renewalNeedsMfaCode, type CachedSessions } from '../sessions/needs-code';
import type { RoleSessionRecord } from '../sessions/records';
import type { RenewalMark, RenewalNotice } from './renewal';
import { retryDelay, timesOf, type SessionTimes } from './timing';

// Keeps every live role session alive while it can: renews it from its parent before it ends
// (no code needed while the parent lasts), marks the ones that cannot renew by themselves, and
// warns once before such a session ends. One timer, armed for the earliest moment anything is due;
// nothing polls. Timers drift while a machine sleeps, so the app calls `evaluate` on resume and
// unlock, and on every change it learns of (the window's, the CLI's through the files).

/** The timer functions: the globals unless a test or an accelerated clock supplies its own. */
export interface SchedulerTimers {
  set(run: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

export interface SchedulerDeps {
  core: Core;
  /** A session needs the person: a notification, the tray, the window. */
  notify: (notice: RenewalNotice) => void;
  /** Sessions or marks changed (a renewal, an expiry, a mark): the window and the tray read again. */
  onChange: () => void;
  /** Something went wrong that nobody asked for (the keychain locked, a catalog being edited). */
  onError?: (error: unknown) => void;
  timers?: SchedulerTimers;
}

/** Longest delay setTimeout takes (2^31 - 1 ms); a later deadline is re-armed when it is reached. */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** After an evaluation failed as a whole (keychain, catalog), look again this much later. */
const RECOVER_MS = 60_000;

const GLOBAL_TIMERS: SchedulerTimers = {
  // Read at call time, so fake timers installed after this module loaded still apply.
  set: (run, delayMs) => {
    const handle = globalThis.setTimeout(run, delayMs);
    // The app keeps running for its window and tray; a timer alone must not keep Node alive.
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clear: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A session's identity: the same role with another expiry is another session. */
const keyOf = (s: { role: string; expiration: string }) => `${s.role}@${s.expiration}`;

interface Failure {
  attempts: number;
  retryAt: number;
  reason: string;
}

export class SessionScheduler {
  private readonly timers: SchedulerTimers;
  private timer: unknown;
  private timerAt: number | undefined;
  private running: Promise<void> | undefined;
  /** The start (restoring profiles), which quitting must wait for as for an evaluation. */
  private starting: Promise<unknown> | undefined;
  private again = false;
  private stopped = false;
  private currentMarks: RenewalMark[] = [];
  /** Renewals that failed for a reason other than a code, by session key. */
  private readonly failures = new Map<string, Failure>();
  /**
   * Renewals refused for want of a code although the prediction said none was needed, with the
   * user and the MFA session they were refused under: a new MFA session since is worth a try.
   */
  private readonly refusedForCode = new Map<string, { user: string; mfaExpiration: string | undefined }>();
  /** Sessions whose warning has gone out (one per session, ever). */
  private readonly warned = new Set<string>();
  /** Live sessions at the last evaluation, to notice one ending. */
  private live = new Set<string>();

  constructor(private readonly deps: SchedulerDeps) {
    this.timers = deps.timers ?? GLOBAL_TIMERS;
  }

  /** At app start: writes back the profiles quitting cleared, then plans every live session. */
  async start(): Promise<RestoredProfiles> {
    const restoring = restoreClearedProfiles(this.deps.core, () => !this.stopped).catch((error: unknown) => {
      this.report(error);
      return { restored: [], failed: [] } satisfies RestoredProfiles;
    });
    this.starting = restoring;
    try {
      const restored = await restoring;
      await this.evaluate();
      return restored;
    } finally {
      this.starting = undefined;
    }
  }

  /** Stops for good (the app quits): no timer stays armed, no renewal starts. */
  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  /** The sessions that will not renew by themselves, as of the last evaluation. */
  marks(): RenewalMark[] {
    const now = this.deps.core.now();
    return this.currentMarks.filter((mark) => Date.parse(mark.expiresAt) > now);
  }

  /** "Try again" on a failed renewal: every waiting retry is due now. */
  renewNow(): Promise<void> {
    for (const failure of this.failures.values()) failure.retryAt = 0;
    return this.evaluate();
  }

  /** Resolves once no evaluation is running (at once when none is). */
  async idle(): Promise<void> {
    await this.starting;
    await this.running;
  }

  /** When the timer fires next (core's clock), if it is armed. */
  nextDeadline(): number | undefined {
    return this.timerAt;
  }

  /**
   * Looks at every session now. Calls made while one runs are folded into one more run after it,
   * so a burst of events costs two evaluations, and no two renew at once.
   */
  evaluate(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.evaluateOnce();
        } while (this.again && !this.stopped);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async evaluateOnce(): Promise<void> {
    const { core } = this.deps;
    this.disarm();
    let changed = false;
    let catalog: Catalog;
    let cached: CachedSessions;
    try {
      catalog = core.catalog.load();
      cached = await core.secrets.allSessions();
      const now = core.now();
      const due = this.liveSessions(catalog, cached, now).filter(({ session, times }) => {
        if (now < times.refreshAt) return false;
        const failure = this.failures.get(keyOf(session));
        if (failure && now < failure.retryAt) return false;
        return !this.refusedUnderSameMfa(cached, session) && !this.predictsCode(catalog, cached, session, times);
      });
      if (due.length > 0) {
        // Parents first: a chain's later links then renew from their parent's new session.
        due.sort((a, b) => a.session.chain.length - b.session.chain.length);
        for (const { session } of due) {
          if (this.stopped) return;
          changed = (await this.renew(catalog, cached, session)) || changed;
        }
        cached = await core.secrets.allSessions();
      }
      // Quitting began meanwhile: no word, no event, no timer.
      if (this.stopped) return;
    } catch (error) {
      this.report(error);
      this.arm(core.now() + RECOVER_MS);
      return;
    }

    const now = core.now();
    const live = this.liveSessions(catalog, cached, now);
    const liveKeys = new Set(live.map(({ session }) => keyOf(session)));
    if ([...this.live].some((key) => !liveKeys.has(key))) changed = true; // one ended or was replaced
    this.live = liveKeys;
    this.forgetAllBut(liveKeys);

    const marks = live.flatMap(({ session, times }) => this.markOf(catalog, cached, session, times) ?? []);
    if (JSON.stringify(marks) !== JSON.stringify(this.currentMarks)) changed = true;
    this.currentMarks = marks;

    this.warnWhereDue(live, marks, now, catalog.settings.notifyLeadMinutes * 60_000);
    this.arm(this.nextDeadlineOf(live, marks, now));
    if (changed) this.deps.onChange();
  }

  /** Renews one session; true when a new session (or a new mark) came of it. */
  private async renew(catalog: Catalog, cached: CachedSessions, session: RoleSessionRecord): Promise<boolean> {
    const key = keyOf(session);
    try {
      await renewRole(this.deps.core, session, catalog);
      this.failures.delete(key);
      return true;
    } catch (error) {
      // Stopped while it waited for its turn: gone, as the person asked; nothing to retry.
      if (error instanceof SessionStoppedError) return true;
      if (error instanceof MfaCodeRequiredError) {
        // Under the MFA session this evaluation read: a newer one since is worth a try.
        const mfa = cached.mfa.find((m) => m.user === error.userName);
        this.refusedForCode.set(key, { user: error.userName, mfaExpiration: mfa?.expiration });
      } else {
        const attempts = (this.failures.get(key)?.attempts ?? 0) + 1;
        const reason = reasonOf(error, 'the renewal failed');
        this.failures.set(key, { attempts, retryAt: this.deps.core.now() + retryDelay(attempts), reason });
      }
      return true;
    }
  }

  private refusedUnderSameMfa(cached: CachedSessions, session: RoleSessionRecord): boolean {
    const refused = this.refusedForCode.get(keyOf(session));
    if (!refused) return false;
    if (cached.mfa.find((m) => m.user === refused.user)?.expiration === refused.mfaExpiration) return true;
    this.refusedForCode.delete(keyOf(session));
    return false;
  }

  /** Every cached role session of a catalog role that has not ended, with its moments. */
  private liveSessions(catalog: Catalog, cached: CachedSessions, now: number): Array<{ session: RoleSessionRecord; times: SessionTimes }> {
    return cached.roles
      .filter((session) => catalog.roles.some((role) => role.name === session.role && role.roleArn === session.roleArn))
      .map((session) => ({ session, times: timesOf(session, catalog.settings) }))
      .filter(({ times }) => times.expiresAt > now);
  }

  /** Whether renewing at its refresh moment would need a code (a broken chain: it cannot renew either). */
  private predictsCode(catalog: Catalog, cached: CachedSessions, session: RoleSessionRecord, times: SessionTimes): boolean {
    try {
      return renewalNeedsMfaCode(catalog, cached, session.role, times.refreshAt);
    } catch {
      return false; // a broken chain: the renewal fails and says why
    }
  }

  private markOf(catalog: Catalog, cached: CachedSessions, session: RoleSessionRecord, times: SessionTimes): RenewalMark | undefined {
    const key = keyOf(session);
    const base = { role: session.role, expiresAt: session.expiration };
    if (this.refusedUnderSameMfa(cached, session)) return { ...base, problem: 'needs-mfa-code', user: this.refusedForCode.get(key)!.user };
    if (this.predictsCode(catalog, cached, session, times)) {
      return { ...base, problem: 'needs-mfa-code', user: resolveChain(catalog, session.role).user.name };
    }
    const failure = this.failures.get(key);
    if (failure) return { ...base, problem: 'failed', reason: failure.reason };
    return undefined;
  }

  /**
   * One notification per session that cannot renew by itself, at its warning moment (or at once
   * when that has passed). Sessions waiting on the same user's code that end close together go
   * out together: one code is what the person is asked for, not one per role.
   */
  private warnWhereDue(live: Array<{ session: RoleSessionRecord; times: SessionTimes }>, marks: RenewalMark[], now: number, leadMs: number): void {
    const warnAt = new Map(live.map(({ session, times }) => [keyOf(session), times.warnAt]));
    const unwarned = marks.filter((mark) => !this.warned.has(keyOf({ role: mark.role, expiration: mark.expiresAt })));
    const due = unwarned.filter((mark) => now >= (warnAt.get(keyOf({ role: mark.role, expiration: mark.expiresAt })) ?? Infinity));
    const users = new Set(due.flatMap((mark) => (mark.problem === 'needs-mfa-code' && mark.user !== undefined ? [mark.user] : [])));
    for (const user of users) {
      // The session that ends first leads: it is the one "Extend" opens. With it go the user's
      // others that end within the warning lead after it (they would be warned about within that
      // time anyway); one ending later gets its own warning when its time comes.
      const waiting = unwarned.filter((mark) => mark.problem === 'needs-mfa-code' && mark.user === user).sort(byEnd);
      const first = due.filter((mark) => mark.user === user && mark.problem === 'needs-mfa-code').sort(byEnd)[0]!;
      const group = waiting.filter((mark) => Date.parse(mark.expiresAt) <= Date.parse(first.expiresAt) + leadMs);
      this.send({ kind: 'needs-mfa-code', user, roles: group.map((m) => m.role), endsAt: earliest(group) }, group);
    }
    const failed = due.filter((mark) => mark.problem === 'failed').sort(byEnd);
    if (failed.length > 0) {
      this.send({ kind: 'renewal-failed', roles: failed.map((m) => m.role), endsAt: earliest(failed), reason: failed[0]!.reason ?? '' }, failed);
    }
  }

  private send(notice: RenewalNotice, about: RenewalMark[]): void {
    for (const mark of about) this.warned.add(keyOf({ role: mark.role, expiration: mark.expiresAt }));
    try {
      this.deps.notify(notice);
    } catch (error) {
      this.report(error);
    }
  }

  /** The next moment anything is due: a renewal, a retry, a warning, an end. */
  private nextDeadlineOf(live: Array<{ session: RoleSessionRecord; times: SessionTimes }>, marks: RenewalMark[], now: number): number | undefined {
    const marked = new Map(marks.map((mark) => [mark.role, mark]));
    const moments: number[] = [];
    for (const { session, times } of live) {
      const key = keyOf(session);
      moments.push(times.expiresAt);
      const mark = marked.get(session.role);
      if (!mark) moments.push(times.refreshAt);
      if (mark?.problem === 'failed') moments.push(this.failures.get(key)?.retryAt ?? times.refreshAt);
      // A session not marked yet may become so before its refresh moment (its parent is about to
      // end): look again at its warning moment too.
      if (!this.warned.has(key)) moments.push(times.warnAt);
    }
    const future = moments.filter((moment) => moment > now);
    return future.length > 0 ? Math.min(...future) : undefined;
  }

  private forgetAllBut(liveKeys: Set<string>): void {
    for (const map of [this.failures, this.refusedForCode]) for (const key of map.keys()) if (!liveKeys.has(key)) map.delete(key);
    for (const key of this.warned) if (!liveKeys.has(key)) this.warned.delete(key);
  }

  private arm(at: number | undefined): void {
    this.disarm();
    if (at === undefined || this.stopped) return;
    const delay = Math.min(Math.max(0, at - this.deps.core.now()), MAX_DELAY_MS);
    this.timerAt = at;
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      this.timerAt = undefined;
      void this.evaluate();
    }, delay);
  }

  private disarm(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.timerAt = undefined;
  }

  private report(error: unknown): void {
    try {
      this.deps.onError?.(error);
    } catch {
      // Nothing more to do: the next deadline or event tries again.
    }
  }
}

function byEnd(a: RenewalMark, b: RenewalMark): number {
  return Date.parse(a.expiresAt) - Date.parse(b.expiresAt);
}

/** The end of the first of `marks` to end (they are sorted byEnd). */
function earliest(marks: RenewalMark[]): string {
  return marks[0]!.expiresAt;
}
