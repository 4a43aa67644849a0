import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core/core';
import { assume } from '../../main/core/operations/sessions';
import type { RenewalNotice } from '../../main/core/scheduler/renewal';
import { SessionScheduler, type SchedulerTimers } from '../../main/core/scheduler/scheduler';
import { AWS_CLI, awsCli, hasAwsCli, requireInCi } from '../support/run';
import { makeCoreWorld, type CoreWorld } from '../support/core-world';
import type { StsTestServer } from '../support/sts-server';
import type { TempHome } from '../support/temp-home';

// A working day in accelerated time: the STS test server's clock and core's clock move together
// (sts.advance); the scheduler's one timer is a virtual one that fires when that clock reaches it.
// Debian's AWS CLI, in real time, reads the profiles Rolecall keeps written, and the server judges
// every call by its own (virtual) clock, so an expired session would be refused.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

if (!hasAwsCli) requireInCi(`${AWS_CLI} (apt-get install awscli)`);

describe.runIf(hasAwsCli)('a two-hour day in accelerated time', () => {
  let world: CoreWorld;
  let sts: StsTestServer;
  let home: TempHome;
  let core: Core;
  let calls: CoreWorld['calls'];
  let scheduler: SessionScheduler;
  let due: { at: number; run: () => void } | undefined;
  const notices: Array<RenewalNotice & { at: number }> = [];
  /** What the scheduler reported failing (it carries on by itself, so the test must look). */
  const errors: unknown[] = [];

  const virtualTimers: SchedulerTimers = {
    set: (run, delayMs) => (due = { at: sts.now() + delayMs, run }),
    clear: (handle) => {
      if (due === handle) due = undefined;
    },
  };

  /** Moves the clock to `until`, firing the scheduler's timer (and waiting for it) each time it is due. */
  async function advanceTo(until: number): Promise<void> {
    while (due && due.at <= until) {
      const timer = due;
      sts.advance(Math.max(0, timer.at - sts.now()));
      due = undefined;
      timer.run();
      await scheduler.idle();
    }
    sts.advance(Math.max(0, until - sts.now()));
  }

  const whoAmI = (profile: string) => awsCli(['sts', 'get-caller-identity', '--output', 'json', '--profile', profile, '--endpoint-url', sts.url], { env: home.env });

  beforeAll(async () => {
    world = await makeCoreWorld();
    ({ sts, home, core, calls } = world);
    scheduler = new SessionScheduler({
      core,
      notify: (notice) => notices.push({ ...notice, at: sts.now() }),
      onChange: () => {},
      onError: (error) => errors.push(error),
      timers: virtualTimers,
    });
  });
  afterAll(async () => {
    scheduler?.stop();
    await world.close();
  });

  it('keeps admin (12-hour MFA session) and chained deploy usable all along, asking for no code until the MFA session ends', async () => {
    // Morning: one code starts the 12-hour MFA session; deploy chains on from admin without one.
    const prompts: string[] = [];
    const prompt = async ({ user }: { user: string }) => {
      prompts.push(user);
      return sts.nextCode(user);
    };
    await assume(core, { name: 'admin' }, { prompt });
    await assume(core, { name: 'deploy' }, { prompt });
    expect(prompts).toEqual(['dev-user']);
    const mfaSessionEnds = Date.parse((await core.secrets.getMfaSession('dev-user'))!.expiration);
    expect(mfaSessionEnds - sts.now()).toBeGreaterThan(11.9 * HOUR);
    await scheduler.start();

    const start = sts.now();
    const assumesBefore = calls('AssumeRole');
    const identities = new Set<string>();
    // Every quarter hour of the day, both profiles work: the server refuses an expired session, and
    // a one-hour session that was not renewed at its 45th minute would be refused at the next look.
    // (Each look starts the AWS CLI, a second or two on a busy machine: both profiles at once.)
    for (let at = start; at <= start + 2 * HOUR; at += 15 * MINUTE) {
      await advanceTo(at);
      const profiles = ['admin', 'deploy'];
      const results = await Promise.all(profiles.map((profile) => whoAmI(profile)));
      for (const [i, result] of results.entries()) {
        const profile = profiles[i]!;
        expect(result.stderr, `${profile} at +${(at - start) / MINUTE} min`).toBe('');
        const { Arn } = JSON.parse(result.stdout) as { Arn: string };
        expect(Arn).toMatch(new RegExp(`assumed-role/${profile}/`));
      }
      identities.add((await core.secrets.getRoleSession('deploy'))!.accessKeyId);
    }
    // One-hour sessions through two hours: each was renewed (twice), from its parent, silently.
    expect(calls('AssumeRole') - assumesBefore).toBeGreaterThanOrEqual(4);
    expect(identities.size).toBeGreaterThanOrEqual(3);
    expect(calls('GetSessionToken')).toBe(1);
    expect(prompts).toEqual(['dev-user']);
    expect(notices).toEqual([]);
    expect(scheduler.marks()).toEqual([]);

    // Fast-forward the rest of the day: the first word about a code comes only once the MFA
    // session has ended, and before admin's last session does.
    await advanceTo(mfaSessionEnds + 2 * HOUR);
    expect(notices.length).toBeGreaterThanOrEqual(1);
    const first = notices[0]!;
    expect(first).toMatchObject({ kind: 'needs-mfa-code', user: 'dev-user' });
    expect(first.at).toBeGreaterThanOrEqual(mfaSessionEnds);
    expect(first.at).toBeLessThan(Date.parse(first.endsAt));
    expect(calls('GetSessionToken')).toBe(1);
    expect(errors).toEqual([]);
  }, 240_000);
});
