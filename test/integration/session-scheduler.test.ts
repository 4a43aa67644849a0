import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { clearProfilesIfAsked } from '../../main/core/operations/quit';
import { addRole } from '../../main/core/operations/roles';
import { assume, status, stop } from '../../main/core/operations/sessions';
import { sessionsOverview } from '../../main/core/operations/sessions-overview';
import { updateSettings } from '../../main/core/operations/settings';
import type { RenewalNotice } from '../../main/core/scheduler/renewal';
import { SessionScheduler } from '../../main/core/scheduler/scheduler';
import { makeCoreWorld, type CoreWorld } from '../support/core-world';
import type { StsTestServer } from '../support/sts-server';
import { EXTERNAL_ID, roleArn } from '../support/sts-fixture';
import type { TempHome } from '../support/temp-home';

// The scheduler with fake timers (setTimeout and Date), the real core, the real keychain and the
// STS test server: time moves only when a test moves it, one deadline at a time, and every step
// waits for the scheduler's evaluation (real I/O) before time moves on.

const MINUTE = 60_000;

describe('the session scheduler', () => {
  let world: CoreWorld;
  let sts: StsTestServer;
  let home: TempHome;
  let core: Core;
  let calls: CoreWorld['calls'];
  let scheduler: SessionScheduler | undefined;
  let notices: RenewalNotice[];
  let changes: number;
  /** What the scheduler reported as failing on its own (it carries on, so a test must look). */
  let errors: unknown[];
  const code = () => sts.nextCode('dev-user');

  beforeAll(async () => {
    // Core's clock is the STS server's (fake Date plus the server's own offset, which nextCode moves).
    world = await makeCoreWorld();
    ({ sts, home, core, calls } = world);
    await addRole(core, { name: 'long-job', roleArn: roleArn('long-job'), source: 'dev-user', direct: true, duration: 7200 });
    await addRole(core, { name: 'external', roleArn: roleArn('external'), source: 'dev-user', externalId: EXTERNAL_ID });
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // One clock for the SDK (which signs with Date) and the server: the moves nextCode made to the
    // server's clock in earlier tests go into the fake Date, or the SDK would see them as clock
    // skew and retry an error after a (fake, never firing) delay.
    vi.setSystemTime(sts.now());
    sts.setOffset(0);
    notices = [];
    changes = 0;
    errors = [];
  });
  afterEach(async () => {
    expect(errors).toEqual([]);
    scheduler?.stop();
    scheduler = undefined;
    // Time never goes back: the server's clock carries on from where this test left it (its TOTP
    // codes are spent once per step).
    const reached = sts.now();
    vi.useRealTimers();
    sts.setOffset(reached - Date.now());
    await stop(core, { all: true });
    await core.secrets.delete('mfa-session/dev-user');
    await updateSettings(core, { mfaSessionDuration: 43_200, clearProfilesOnQuit: false });
  });
  afterAll(async () => world.close());

  function startScheduler(onCore: Core = core): SessionScheduler {
    scheduler = new SessionScheduler({
      core: onCore,
      notify: (notice) => notices.push(notice),
      onChange: () => (changes += 1),
      onError: (error) => errors.push(error),
    });
    return scheduler;
  }

  /** Moves time to the scheduler's next deadline, fires it, and waits for what it does. */
  async function toNextDeadline(): Promise<number> {
    const at = scheduler!.nextDeadline();
    if (at === undefined) throw new Error('no deadline armed');
    await vi.advanceTimersToNextTimerAsync();
    await scheduler!.idle();
    expect(vi.getTimerCount()).toBe(scheduler!.nextDeadline() === undefined ? 0 : 1);
    return at;
  }

  /** Fires deadlines until `ms` from now, then moves the clock to exactly that moment. */
  async function runFor(ms: number): Promise<void> {
    const until = sts.now() + ms;
    while ((scheduler!.nextDeadline() ?? Infinity) <= until) await toNextDeadline();
    vi.advanceTimersByTime(until - sts.now());
  }

  const roleSession = async (name: string) => (await status(core)).find((s) => s.kind === 'role' && s.name === name);
  const credentialsFile = () => readFileSync(home.credentialsFile, 'utf8');

  it('renews a chain from its parents 15 minutes before it ends, with one timer armed at a time', async () => {
    await assume(core, { name: 'admin', mfaCode: code() });
    await assume(core, { name: 'deploy' });
    const before = (await roleSession('deploy'))!.expiresAt;
    const oldToken = (await core.secrets.getRoleSession('deploy'))!.sessionToken;
    await startScheduler().start();
    expect(vi.getTimerCount()).toBe(1);
    expect(scheduler!.nextDeadline()).toBe(Date.parse(before) - 15 * MINUTE);

    const assumesBefore = calls('AssumeRole');
    const renewedAt = await toNextDeadline();
    expect(Date.parse(before) - renewedAt).toBeGreaterThanOrEqual(15 * MINUTE);
    expect(calls('AssumeRole') - assumesBefore).toBe(2); // admin, then deploy from the new admin
    const after = (await roleSession('deploy'))!;
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.parse(before));
    expect(after.state).toBe('active');
    // Every AWS tool reading the profile gets the new session, not the old one.
    const token = (await core.secrets.getRoleSession('deploy'))!.sessionToken;
    expect(credentialsFile()).toContain(token);
    expect(credentialsFile()).not.toContain(oldToken);
    expect(changes).toBeGreaterThan(0);
    expect(notices).toEqual([]);
    expect(scheduler!.marks()).toEqual([]);
  });

  it('restores active sessions on start: the profiles cleared on quit come back and renewals are planned', async () => {
    await updateSettings(core, { clearProfilesOnQuit: true });
    await assume(core, { name: 'admin', mfaCode: code() });
    const session = await core.secrets.getRoleSession('admin');
    const cleared = await clearProfilesIfAsked({ env: home.env, catalog: core.catalog });
    expect(cleared.removed).toEqual(['admin']);
    expect(credentialsFile()).not.toContain(session!.sessionToken);

    // A new process: a new core, a new scheduler.
    const restarted = createCore({ env: home.env, now: () => sts.now() });
    const restored = await startScheduler(restarted).start();
    expect(restored.restored).toEqual(['admin']);
    expect(credentialsFile()).toContain(session!.sessionToken);
    expect(scheduler!.nextDeadline()).toBe(Date.parse(session!.expiration) - 15 * MINUTE);
    // Said once: a second start has nothing left to restore.
    expect((await new SessionScheduler({ core: restarted, notify: () => {}, onChange: () => {} }).start()).restored).toEqual([]);
  });

  it('writes nothing back when quitting begins during the start', async () => {
    await updateSettings(core, { clearProfilesOnQuit: true });
    await assume(core, { name: 'admin', mfaCode: code() });
    const session = await core.secrets.getRoleSession('admin');
    await clearProfilesIfAsked({ env: home.env, catalog: core.catalog });
    const starting = startScheduler().start();
    scheduler!.stop(); // quitting, before the restore got to write
    await scheduler!.idle(); // what quitting waits for
    expect((await starting).restored).toEqual([]);
    expect(credentialsFile()).not.toContain(session!.sessionToken);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not bring back a role stopped while its renewal waited for its turn', async () => {
    await assume(core, { name: 'admin', mfaCode: code() });
    await startScheduler().start();
    const engine = core.engine;
    const obtain = engine.obtain.bind(engine);
    // The person presses Stop just as the renewal starts: stop takes the role's lock first.
    const spy = vi.spyOn(engine, 'obtain').mockImplementation(async (role, options) => {
      await stop(core, { name: role });
      return obtain(role, options);
    });
    const assumes = calls('AssumeRole');
    try {
      await toNextDeadline();
    } finally {
      spy.mockRestore();
    }
    expect(calls('AssumeRole')).toBe(assumes);
    expect(await core.secrets.getRoleSession('admin')).toBeUndefined();
    expect(await roleSession('admin')).toBeUndefined();
    expect(scheduler!.nextDeadline()).toBeUndefined();
  });

  it('marks a session that needs a new MFA code, says so once, and never reports it active past its end', async () => {
    // A one-hour MFA session: admin renews from it once, then its parent is gone.
    await updateSettings(core, { mfaSessionDuration: 3600 });
    await assume(core, { name: 'admin', mfaCode: code() });
    await startScheduler().start();
    expect(scheduler!.marks()).toEqual([]);

    await toNextDeadline(); // 45 min: renewed from the MFA session, which has 15 min left
    const renewed = (await roleSession('admin'))!;
    expect(Date.parse(renewed.expiresAt) - sts.now()).toBeGreaterThan(55 * MINUTE);
    // Its next renewal falls after the MFA session's end: marked now, not when it is too late.
    expect(scheduler!.marks()).toEqual([{ role: 'admin', problem: 'needs-mfa-code', user: 'dev-user', expiresAt: renewed.expiresAt }]);
    expect(notices).toEqual([]);

    const codesAsked = calls('GetSessionToken');
    await runFor(Date.parse(renewed.expiresAt) - sts.now() - 10 * MINUTE);
    expect(notices).toEqual([{ kind: 'needs-mfa-code', user: 'dev-user', roles: ['admin'], endsAt: renewed.expiresAt }]);

    const changesBefore = changes;
    await runFor(10 * MINUTE);
    expect(changes).toBeGreaterThan(changesBefore); // the window and tray hear of the end at the end
    expect((await roleSession('admin'))!.state).toBe('expired');
    expect((await sessionsOverview(core)).sessions.find((s) => s.name === 'admin')!.state).toBe('expired');
    expect(scheduler!.marks()).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(calls('GetSessionToken')).toBe(codesAsked); // nobody was asked for a code
    expect(scheduler!.nextDeadline()).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('warns before a direct role ends, since it cannot renew without a code', async () => {
    await assume(core, { name: 'long-job', mfaCode: code() });
    const session = (await roleSession('long-job'))!;
    await startScheduler().start();
    expect(scheduler!.marks()).toMatchObject([{ role: 'long-job', problem: 'needs-mfa-code', user: 'dev-user' }]);
    const assumes = calls('AssumeRole');
    const warnedAt = await toNextDeadline();
    expect(warnedAt).toBe(Date.parse(session.expiresAt) - 10 * MINUTE);
    expect(notices).toEqual([{ kind: 'needs-mfa-code', user: 'dev-user', roles: ['long-job'], endsAt: session.expiresAt }]);
    expect(calls('AssumeRole')).toBe(assumes);
  });

  it('groups the sessions waiting on one code that end together into one notification', async () => {
    // Two roles from the same one-hour MFA session: renewed together, ending together.
    await updateSettings(core, { mfaSessionDuration: 3600 });
    await assume(core, { name: 'admin', mfaCode: code() });
    await assume(core, { name: 'external' });
    await startScheduler().start();
    await runFor(3 * 60 * MINUTE);
    expect(notices, JSON.stringify(notices)).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'needs-mfa-code', user: 'dev-user' });
    expect((notices[0] as { roles: string[] }).roles.sort()).toEqual(['admin', 'external']);
  });

  it('warns about a session of the same user that ends much later on its own, when its time comes', async () => {
    await assume(core, { name: 'long-job', mfaCode: code() }); // direct, two hours
    await addRole(core, { name: 'short-max', roleArn: roleArn('short-max'), source: 'dev-user', direct: true }).catch(() => undefined);
    await assume(core, { name: 'short-max', mfaCode: code() }); // direct, one hour
    await startScheduler().start();
    await runFor(55 * MINUTE);
    expect(notices).toEqual([expect.objectContaining({ roles: ['short-max'] })]);
    await runFor(60 * MINUTE);
    expect(notices).toEqual([expect.objectContaining({ roles: ['short-max'] }), expect.objectContaining({ roles: ['long-job'] })]);
  });

  it('re-evaluates at once on resume: a deadline slept through is acted on without waiting for the timer', async () => {
    await assume(core, { name: 'admin', mfaCode: code() });
    const before = (await roleSession('admin'))!.expiresAt;
    await startScheduler().start();
    // Asleep: the clock moves on, the timer does not fire (timers drift while suspended).
    vi.setSystemTime(Date.parse(before) - 5 * MINUTE - (sts.now() - Date.now()));
    expect((await roleSession('admin'))!.expiresAt).toBe(before);
    await scheduler!.evaluate(); // what the app does on powerMonitor 'resume'
    expect(Date.parse((await roleSession('admin'))!.expiresAt)).toBeGreaterThan(Date.parse(before));
    expect(vi.getTimerCount()).toBe(1);
  });

  it('retries a failed renewal, marks it meanwhile, and warns once if it keeps failing', async () => {
    await assume(core, { name: 'external' }, { prompt: async () => code() });
    const session = (await roleSession('external'))!;
    await startScheduler().start();
    // The role's external id is now wrong: AWS refuses the renewal.
    await core.catalog.update((catalog) => {
      catalog.roles.find((r) => r.name === 'external')!.externalId = 'wrong-external-id';
    });
    await toNextDeadline();
    expect(scheduler!.marks()).toMatchObject([{ role: 'external', problem: 'failed' }]);
    expect(scheduler!.nextDeadline()).toBe(sts.now() + MINUTE); // tried again in a minute
    await toNextDeadline();
    expect(scheduler!.nextDeadline()).toBe(sts.now() + 2 * MINUTE); // then 2, 4, at most 5 minutes apart
    expect(notices).toEqual([]);
    // Still failing when it is 10 minutes from its end: one warning, whatever the retries since.
    await runFor(Date.parse(session.expiresAt) - sts.now() - 10 * MINUTE);
    expect(notices).toEqual([
      { kind: 'renewal-failed', roles: ['external'], endsAt: session.expiresAt, reason: expect.stringContaining('AWS refused assuming external') },
    ]);
    await runFor(4 * MINUTE);
    expect(notices).toHaveLength(1);
    // Put right: the next try renews it and the mark goes.
    await core.catalog.update((catalog) => {
      catalog.roles.find((r) => r.name === 'external')!.externalId = EXTERNAL_ID;
    });
    await toNextDeadline();
    expect(scheduler!.marks()).toEqual([]);
    expect(Date.parse((await roleSession('external'))!.expiresAt)).toBeGreaterThan(Date.parse(session.expiresAt));
    expect(notices).toHaveLength(1);
  });
});
