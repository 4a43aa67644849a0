import { existsSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI, awsCli, CLI, hasAwsCli, requireInCi, run } from '../support/run';
import { DEV_USER, filesContaining, makeWorld, roleArn, secondsUntil, type World } from '../support/world';

// The seeds' user, end to end: dev-user's key goes into the keychain, one MFA code makes them
// admin, deploy chains on from admin with no new code (capped at one hour), a direct role gets
// its full four hours, and every way out (profile, credential_process, shell exports, exec) is
// read by Debian's AWS CLI or a real shell.

if (!hasAwsCli) requireInCi(`${AWS_CLI} (apt-get install awscli)`);

describe.runIf(hasAwsCli)('the seeds scenario through the CLI and the AWS CLI', () => {
  let world: World;
  const whoAmI = async (args: string[], env = world.home.env) => {
    const result = await awsCli(['sts', 'get-caller-identity', '--output', 'json', '--endpoint-url', world.sts.url, ...args], { env });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as { Arn: string; Account: string };
  };

  beforeAll(async () => {
    world = await makeWorld();
  });
  afterAll(async () => world.close());

  it('adds dev-user with the secret on stdin and keeps it out of every file under HOME', async () => {
    const added = await world.addDevUser();
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain('keychain');
    expect(filesContaining(world.home.home, DEV_USER.secretAccessKey)).toEqual([]);
  });

  it('adds the roles: admin from the MFA session, deploy chained from admin, long-job direct', async () => {
    for (const args of [
      ['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'],
      ['role', 'add', 'deploy', '--role-arn', roleArn('deploy'), '--source', 'admin', '--duration', '7200'],
      ['role', 'add', 'long-job', '--role-arn', roleArn('long-job'), '--source', 'dev-user', '--direct', '--duration', '14400'],
    ]) {
      const result = await world.cli(args);
      expect(result.code, result.stderr).toBe(0);
    }
  });

  it('assumes admin with one MFA code, and the AWS CLI is admin through the written profile', async () => {
    const result = await world.cli(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect((await whoAmI(['--profile', 'admin'])).Arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/admin\/dev-user$/);
  });

  it('assumes deploy from admin with no new code, capped at one hour, and says so', async () => {
    const before = world.sts.calls.filter((c) => c.action === 'GetSessionToken').length;
    const result = await world.cli(['assume', 'deploy']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/deploy: asked for 2 h, capped at 1 h/);
    expect(world.sts.calls.filter((c) => c.action === 'GetSessionToken').length).toBe(before);
    expect((await whoAmI(['--profile', 'deploy'])).Arn).toContain('assumed-role/deploy/');
    const status = JSON.parse((await world.cli(['status', '--json'])).stdout) as Array<{ name: string; expiresAt: string }>;
    const left = secondsUntil(status.find((s) => s.name === 'deploy')!.expiresAt);
    expect(left).toBeGreaterThan(3500);
    expect(left).toBeLessThanOrEqual(3600);
  });

  it('gives a direct role its full four hours with its own code', async () => {
    const result = await world.cli(['assume', 'long-job', '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/capped/);
    const assumeCall = world.sts.calls.filter((c) => c.action === 'AssumeRole').at(-1)!;
    expect(assumeCall.accessKeyId).toBe(DEV_USER.accessKeyId);
    expect(assumeCall.params.DurationSeconds).toBe('14400');
    const status = JSON.parse((await world.cli(['status', '--json'])).stdout) as Array<{ name: string; expiresAt: string }>;
    expect(secondsUntil(status.find((s) => s.name === 'long-job')!.expiresAt)).toBeGreaterThan(4 * 3600 - 120);
  });

  it('serves the AWS CLI through credential_process', async () => {
    writeFileSync(world.home.configFile, `[profile admin-via-process]\ncredential_process = ${process.execPath} ${CLI} credential-process admin\n`);
    expect((await whoAmI(['--profile', 'admin-via-process'])).Arn).toContain('assumed-role/admin/');
    const direct = await world.cli(['credential-process', 'admin']);
    expect(direct.code).toBe(0);
    const json = JSON.parse(direct.stdout) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['AccessKeyId', 'Expiration', 'SecretAccessKey', 'SessionToken', 'Version']);
    expect(json.Version).toBe(1);
  });

  const shells = [
    ['bash', `eval "$(${process.execPath} ${CLI} export admin --format bash)" && ${AWS_CLI} sts get-caller-identity --output json --endpoint-url "$STS"`],
    ['zsh', `eval "$(${process.execPath} ${CLI} export admin --format zsh)" && ${AWS_CLI} sts get-caller-identity --output json --endpoint-url "$STS"`],
    ['fish', `${process.execPath} ${CLI} export admin --format fish | source; and ${AWS_CLI} sts get-caller-identity --output json --endpoint-url "$STS"`],
  ] as const;
  // With no profile variable set, and with both pointing at a profile that does not exist: the
  // exported keys must work either way (and the statements must not break `&&` / `; and`).
  const profileVariables = [
    ['no profile variables', {}],
    ['AWS_PROFILE and AWS_DEFAULT_PROFILE set', { AWS_PROFILE: 'nonexistent', AWS_DEFAULT_PROFILE: 'nonexistent' }],
  ] as const;
  for (const [shell, script] of shells) {
    for (const [label, variables] of profileVariables) {
      const shellPath = `/usr/bin/${shell}`;
      const present = existsSync(shellPath);
      if (!present) requireInCi(`${shellPath} (apt-get install ${shell})`);
      it.runIf(present)(`exports credentials that a real ${shell} picks up (${label})`, async () => {
        const env = { ...world.home.env, STS: world.sts.url, ...variables };
        const result = await run(shellPath, ['-c', script], { env });
        expect(result.code, result.stderr).toBe(0);
        expect((JSON.parse(result.stdout) as { Arn: string }).Arn).toContain('assumed-role/admin/');
      });
    }
  }

  it('runs a command with the role through exec, passing its exit code back', async () => {
    const result = await world.cli(['exec', 'admin', '--', AWS_CLI, 'sts', 'get-caller-identity', '--output', 'json', '--endpoint-url', world.sts.url]);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { Arn: string }).Arn).toContain('assumed-role/admin/');
    const failing = await world.cli(['exec', 'admin', '--', 'sh', '-c', 'exit 7']);
    expect(failing.code).toBe(7);
  });

  it('shows each session with its ISO 8601 expiry and chain in status --json', async () => {
    const result = await world.cli(['status', '--json']);
    expect(result.code).toBe(0);
    const sessions = JSON.parse(result.stdout) as Array<{ kind: string; name: string; profile?: string; state: string; expiresAt: string; chain: string[] }>;
    const byName = Object.fromEntries(sessions.map((s) => [s.name, s]));
    expect(byName['dev-user']).toMatchObject({ kind: 'mfa-session', state: 'active' });
    expect(byName.admin).toMatchObject({ kind: 'role', profile: 'admin', state: 'active', chain: ['dev-user', 'admin'] });
    expect(byName.deploy).toMatchObject({ profile: 'deploy', chain: ['dev-user', 'admin', 'deploy'], cappedBy: 'chaining' });
    for (const s of sessions) expect(new Date(s.expiresAt).toISOString()).toBe(s.expiresAt);
    expect(result.stdout).not.toContain(DEV_USER.secretAccessKey);
  });

  it('stop removes the profile, and the AWS CLI no longer finds it', async () => {
    const result = await world.cli(['stop', 'admin']);
    expect(result.code, result.stderr).toBe(0);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(world.home.credentialsFile, 'utf8')).not.toMatch(/^\[admin\]/m);
    const gone = await awsCli(['sts', 'get-caller-identity', '--profile', 'admin', '--endpoint-url', world.sts.url], { env: world.home.env });
    expect(gone.code).not.toBe(0);
    const status = JSON.parse((await world.cli(['status', '--json'])).stdout) as Array<{ name: string }>;
    expect(status.map((s) => s.name)).not.toContain('admin');
  });
});
