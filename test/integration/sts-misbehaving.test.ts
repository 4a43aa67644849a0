import { existsSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Misbehaviour } from '../support/sts-server';
import { rolecall, type RunResult } from '../support/run';
import { makeWorld, roleArn, type World } from '../support/world';

// An STS endpoint that misbehaves (never answers, fails on its side, throttles, answers garbage)
// ends the run within one deadline for the whole call, retries included, in two lines of words.
// The deadline is made smaller here (5 s instead of 10 s) so the test does not wait long; the
// assertions are on what the run did, not on how long it took. It must stay well above what a CLI
// start costs on a loaded machine: at 1.5 s a busy CI machine let the deadline pass before the
// first request reached the server. Attempt counts are bounds for the same reason: how many
// attempts fit depends on the machine, that a third never starts past the deadline does not.

const DEADLINE_MS = '5000';

function expectWorded(result: RunResult, message: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(message);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(2);
  expect(result.stderr).not.toMatch(/\n\s+at |\$response|hidden field|please report|unexpected error|Unknown/);
}

describe('a misbehaving STS endpoint', () => {
  let world: World;
  const env = () => ({ ...world.home.env, ROLECALL_STS_TIMEOUT_MS: DEADLINE_MS });
  /** A new AssumeRole for admin from the cached MFA session (an explicit duration skips the cache). */
  const assume = () => rolecall(['assume', 'admin', '--duration', '3600'], { env: env() });
  /** Runs `run` with STS misbehaving `how`, and counts the requests STS saw meanwhile. */
  const against = async (how: Misbehaviour, run: () => Promise<RunResult>) => {
    const before = world.sts.calls.length;
    world.sts.misbehave(how);
    const result = await run();
    world.sts.misbehave(undefined);
    return { result, attempts: world.sts.calls.slice(before).filter((c) => c.action === 'AssumeRole').length };
  };

  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    expect((await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'])).code).toBe(0);
    // Starts dev-user's MFA session; stopping admin leaves it cached, so every run below goes
    // straight to AssumeRole without asking for a code.
    const first = await world.cli(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(first.code, first.stderr).toBe(0);
    expect((await world.cli(['stop', 'admin'])).code).toBe(0);
  });
  afterEach(() => world.sts.misbehave(undefined));
  afterAll(async () => world.close());

  it('never answering: assume ends at the deadline across its retries, and says so', async () => {
    const { result, attempts } = await against('silent', assume);
    // Each attempt has half the deadline: the first timed out and was retried, and the deadline,
    // not the third attempt (the SDK would make three), ended the call.
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(2);
    expectWorded(result, /AWS STS did not answer in time \(5 s, retries included\) while assuming admin[\s\S]*ROLECALL_STS_TIMEOUT_MS/);
    expect(existsSync(world.home.credentialsFile) ? readFileSync(world.home.credentialsFile, 'utf8') : '').not.toContain('[admin]');
  });

  it('never answering: credential-process ends at the same deadline, with nothing on stdout', async () => {
    const { result, attempts } = await against('silent', () => rolecall(['credential-process', 'admin'], { env: env() }));
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(2);
    expectWorded(result, /AWS STS did not answer in time \(5 s, retries included\)/);
  });

  it("HTTP 500 and 503: retried, then said to be AWS's side, not a refusal", async () => {
    for (const [how, status] of [
      ['internal-error', 500],
      ['unavailable', 503],
    ] as const) {
      const { result, attempts } = await against(how, assume);
      // Retried (the SDK makes up to three attempts) before the refusal is passed on.
      expect(attempts).toBeGreaterThanOrEqual(2);
      expect(attempts).toBeLessThanOrEqual(3);
      expectWorded(result, new RegExp(`AWS STS failed on its side while assuming admin .*\\(HTTP ${status} \\w+\\), even after retrying\\.\\n.*try again in a minute`));
    }
  });

  it('throttled until the deadline: AWS\'s last answer, not "no answer"', async () => {
    const { result, attempts } = await against('throttling', assume);
    expect(attempts).toBeGreaterThanOrEqual(2);
    expectWorded(result, /AWS is throttling STS requests \(Rate exceeded\) while assuming admin[\s\S]*Wait a few seconds/);
  });

  it('a 200 that is not XML, and an empty 200: an answer Rolecall cannot read, without SDK internals', async () => {
    for (const how of ['malformed', 'empty'] as const) {
      const { result } = await against(how, assume);
      expectWorded(result, /AWS STS sent an answer Rolecall cannot read while assuming admin[\s\S]*proxy or AWS_ENDPOINT_URL_STS/);
    }
  });

  it('once STS behaves again, the same command works', async () => {
    const result = await assume();
    expect(result.code, result.stderr).toBe(0);
  });
});
