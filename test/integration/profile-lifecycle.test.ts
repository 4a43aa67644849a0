// The profiles Rolecall writes carry a region (AWS CLI v1 refuses a profile without one), the next
// run removes the profiles of sessions that have ended and says so, and when a code is asked for
// because the MFA session ended, the question says so. The CLI's clock is pinned
// (ROLECALL_TEST_NOW) and its zone too (TZ); the STS test server's clock follows.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, hasAwsCli, rolecall } from '../support/run';
import { TEST_NOW } from '../support/test-clock';
import { makeWorld, roleArn, type World } from '../support/world';

const MINUTE = 60_000;

describe('profiles over a day', () => {
  let world: World;
  const envAt = (minutes: number): NodeJS.ProcessEnv => ({ ...world.home.env, ROLECALL_TEST_NOW: new Date(TEST_NOW + minutes * MINUTE).toISOString(), TZ: 'Asia/Tokyo' });
  /** The CLI at `minutes` after the pinned instant, with the STS server's clock there too. */
  const cliAt = (minutes: number, args: string[] | (() => string[])) => {
    world.sts.setOffset(TEST_NOW + minutes * MINUTE - Date.now());
    return rolecall(typeof args === 'function' ? args() : args, { env: envAt(minutes) });
  };
  const credentials = () => readFileSync(world.home.credentialsFile, 'utf8');
  const config = () => readFileSync(world.home.configFile, 'utf8');

  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    expect((await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'])).code).toBe(0);
    expect((await world.cli(['role', 'add', 'long-job', '--role-arn', roleArn('long-job'), '--source', 'dev-user', '--region', 'eu-west-1'])).code).toBe(0);
  });
  afterAll(async () => world.close());

  it("writes the role's region, else the region STS was called in, beside each profile", async () => {
    const admin = await cliAt(0, () => ['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(admin.code, admin.stderr).toBe(0);
    const longJob = await cliAt(30, ['assume', 'long-job']);
    expect(longJob.code, longJob.stderr).toBe(0);
    expect(config()).toMatch(/\[profile admin\]\r?\nregion = us-east-1\r?\n/);
    expect(config()).toMatch(/\[profile long-job\]\r?\nregion = eu-west-1\r?\n/);
    if (hasAwsCli) {
      const env = { ...world.home.env };
      delete env.AWS_REGION;
      const region = await awsCli(['configure', 'get', 'region', '--profile', 'long-job'], { env });
      expect(region.stdout.trim()).toBe('eu-west-1');
    }
  });

  it('the next run removes the profiles of sessions that have ended, says so, and keeps the live ones', async () => {
    // admin ended at 11:24; long-job lasts until 11:54.
    const status = await cliAt(70, ['status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toContain('Removed the profiles of sessions that had ended from the AWS credentials file: admin.');
    expect(credentials()).not.toMatch(/^\[admin\]/m);
    expect(config()).not.toMatch(/\[profile admin\]/);
    expect(credentials()).toMatch(/^\[long-job\]/m);
    expect(config()).toMatch(/\[profile long-job\]/);
    const again = await cliAt(71, ['status']);
    expect(again.stderr).not.toContain('Removed');
  });

  it('assume removes the other ended profiles too, and names them', async () => {
    const admin = await cliAt(120, ['assume', 'admin']);
    expect(admin.code, admin.stderr).toBe(0);
    expect(admin.stderr).toContain('Removed the profiles of sessions that had ended from the AWS credentials file: long-job.');
    expect(credentials()).not.toMatch(/^\[long-job\]/m);
  });

  it('when the MFA session has ended, the request for a code says so', async () => {
    // The MFA session started at 10:24 for 12 hours: it ended at 22:24.
    const later = await cliAt(13 * 60, ['assume', 'admin']);
    expect(later.code).toBe(1);
    expect(later.stderr).toContain("The MFA session of dev-user ended at 22:24. Starting an MFA session for dev-user needs a fresh MFA code for user 'dev-user'.");
  });
});
