import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_USER, filesContaining, makeWorld, roleArn, type World } from '../support/world';
import { makeTempHome } from '../support/temp-home';
import { rolecall } from '../support/run';

// Every way a run can go wrong for a user ends in one or two lines that say what to do, a
// non-zero exit, and no stack trace.

function expectCleanFailure(result: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(result.code).not.toBe(0);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no stack frames
  expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  expect(result.stdout).toBe('');
}

describe('failures a user meets, through the CLI', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    for (const args of [
      ['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'],
      ['role', 'add', 'deploy', '--role-arn', roleArn('deploy'), '--source', 'admin'],
      ['role', 'add', 'forbidden', '--role-arn', roleArn('forbidden'), '--source', 'dev-user'],
    ]) {
      const added = await world.cli(args);
      expect(added.code, added.stderr).toBe(0);
    }
  });
  afterAll(async () => world.close());

  it("a wrong MFA code: AWS's refusal in words", async () => {
    const wrong = world.sts.totp('dev-user') === '000000' ? '111111' : '000000';
    expectCleanFailure(await world.cli(['assume', 'admin', '--mfa-code', wrong]), /AWS refused the MFA code .*MultiFactorAuthentication failed/);
    expect(existsSync(world.home.credentialsFile) ? readFileSync(world.home.credentialsFile, 'utf8') : '').not.toContain('[admin]');
  });

  it('an MFA-protected role with no code and no terminal', async () => {
    expectCleanFailure(await world.cli(['assume', 'admin']), /needs a fresh MFA code for user 'dev-user'[\s\S]*--mfa-code/);
  });

  it('credential-process, which has no --mfa-code, points at assume for the code', async () => {
    const result = await world.cli(['credential-process', 'admin']);
    expectCleanFailure(result, /needs a fresh MFA code for user 'dev-user'\.\n {2}Start the session from a terminal first: rolecall assume admin /);
    expect(result.stderr).not.toMatch(/Pass --mfa-code/);
  });

  it('a code that is not 6 digits is refused before AWS is asked', async () => {
    const before = world.sts.calls.length;
    expectCleanFailure(await world.cli(['assume', 'admin', '--mfa-code', '12345']), /6 digits/);
    expectCleanFailure(await world.cli(['assume', 'admin', '--mfa-code', '12345a']), /6 digits/);
    expect(world.sts.calls.length).toBe(before);
  });

  it('a role the user may not assume', async () => {
    expectCleanFailure(
      await world.cli(['assume', 'forbidden', '--mfa-code', world.sts.nextCode('dev-user')]),
      /AWS refused assuming forbidden .*not authorized to perform: sts:AssumeRole/,
    );
  });

  it('a cached session AWS says has expired is renewed from its source without a code', async () => {
    const ok = await world.cli(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(ok.code, ok.stderr).toBe(0);
    // Two hours later at AWS: the cached admin session is dead there, the MFA session is not.
    world.sts.advance(2 * 3600_000);
    const chained = await world.cli(['assume', 'deploy']);
    expect(chained.code, chained.stderr).toBe(0);
  });

  it('an expired cached MFA session: a clear message, not a retry loop', async () => {
    world.sts.advance(13 * 3600_000); // past the 12-hour MFA session at AWS
    const result = await world.cli(['stop', 'admin']);
    expect(result.code).toBe(0);
    expectCleanFailure(await world.cli(['assume', 'admin']), /MFA session of 'dev-user' has expired at AWS[\s\S]*--mfa-code/);
  });

  it('an STS endpoint that never answers fails in seconds, in words', async () => {
    const silent = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const env = { ...world.home.env, AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${port}`, ROLECALL_STS_TIMEOUT_MS: '300' };
      // An explicit duration asks AWS for a new session whatever is cached.
      const result = await rolecall(['assume', 'admin', '--mfa-code', '123456', '--duration', '3600'], { env });
      expectCleanFailure(result, /AWS STS did not answer in time \(0\.3 s, retries included\) while /);
    } finally {
      silent.close();
    }
  });

  it('an unknown role names the known ones', async () => {
    expectCleanFailure(await world.cli(['assume', 'nobody']), /no role named 'nobody'[\s\S]*Known roles: admin, deploy, forbidden/);
  });
});

describe('with no keychain reachable', () => {
  it('user add fails naming the keychain and writes the secret nowhere', async () => {
    const home = makeTempHome();
    try {
      const env = { ...home.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${home.home}/no-bus` };
      const result = await rolecall(['user', 'add', 'dev-user', '--access-key-id', DEV_USER.accessKeyId], { env, input: DEV_USER.secretAccessKey });
      expectCleanFailure(result, /keychain .*not reachable/i);
      expect(filesContaining(home.home, DEV_USER.secretAccessKey)).toEqual([]);
      expect(filesContaining(home.home, DEV_USER.accessKeyId)).toEqual([]); // the catalog was not written either
    } finally {
      home.cleanup();
    }
  });
});
