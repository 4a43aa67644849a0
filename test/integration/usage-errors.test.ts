import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../support/run';
import { DEV_USER, makeWorld, roleArn, type World } from '../support/world';

// Usage errors exit 2 whichever layer refuses the input (commander, the input schemas, a rule),
// and never repeat a refused value that could be a secret typed in the wrong place.

const SECRETS = {
  'a secret access key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'a secret access key without / or =': 'Zx9Kq2Lm8Np4Rs7Tv1Wy3Ab5Cd6Ef0Gh+Ij2Kl9M',
  'an access key id': 'AKIAIOSFODNN7EXAMPLE',
  'an MFA code': '918273',
} as const;
type Shape = keyof typeof SECRETS;
const ALL = Object.keys(SECRETS) as Shape[];

function expectQuiet(result: RunResult, value: string, what: string): void {
  expect(result.code, `${what} should fail`).not.toBe(0);
  expect(result.stdout + result.stderr, `${what} repeated the value`).not.toContain(value);
  expect(result.stderr, what).not.toMatch(/\n\s+at |unexpected error/);
  expect(result.stderr.trim().split('\n').length, `${what}: ${result.stderr}`).toBeLessThanOrEqual(3);
}

describe('usage errors', () => {
  let world: World;
  const arn = roleArn('admin');
  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    expect((await world.cli(['role', 'add', 'admin', '--role-arn', arn, '--source', 'dev-user'])).code).toBe(0);
  });
  afterAll(async () => world.close());

  it('exit 2 whichever layer refuses the input; a refusal that is not about usage exits 1', async () => {
    for (const args of [
      ['assume', 'admin', '--duration', '50000'], // in range for commander, out of range for the role
      ['assume', 'admin', '--duration', '2h'],
      ['assume', 'admin', '--mfa-code', '12345'],
      ['role', 'add', 'r', '--role-arn', 'arn:aws:iam::1:role/x', '--source', 'dev-user'],
      ['role', 'add', 'r', '--role-arn', arn, '--source', 'dev-user', '--region', 'moon-1'],
      ['user', 'add', 'u2', '--access-key-id', 'AKIA123'],
      ['stop', 'admin', '--all'],
      ['stop'],
      ['export', 'admin', '--format', 'tcsh'],
      ['nonsense'],
    ]) {
      const result = await world.cli(args, `${DEV_USER.secretAccessKey}\n`);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
    }
    expect((await world.cli(['assume', 'nobody'])).code).toBe(1);
  });

  it('names . and .. and a leading - are refused for users, roles and profiles', async () => {
    const role = (name: string, ...extra: string[]) => ['role', 'add', '--role-arn', arn, '--source', 'dev-user', ...extra, '--', name];
    for (const args of [
      role('.'),
      role('..'),
      role('-rf'),
      role('ok', '--profile=-rf'),
      role('ok', '--profile=..'),
      ['user', 'add', '--access-key-id', DEV_USER.accessKeyId, '--', '..'],
      ['user', 'add', '--access-key-id', DEV_USER.accessKeyId, '--', '-x'],
    ]) {
      const result = await world.cli(args, `${DEV_USER.secretAccessKey}\n`);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(/no leading -, not \. or \.\./);
    }
    const listed = JSON.parse((await world.cli(['list', '--json'])).stdout) as { users: unknown[]; roles: unknown[] };
    expect([listed.users.length, listed.roles.length]).toEqual([1, 1]);
  });

  it('regions must look like regions, in options and in AWS_REGION', async () => {
    const long = `us-${'east'.repeat(20)}-1`;
    const refused = await world.cli(['role', 'add', 'r', '--role-arn', arn, '--source', 'dev-user', '--region', long]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/expected an AWS region such as us-east-1/);
    const added = await world.cli(['role', 'add', 'gov', '--role-arn', arn, '--source', 'dev-user', '--region', 'us-gov-west-1']);
    expect(added.code, added.stderr).toBe(0);
    expect((await world.cli(['role', 'remove', 'gov'])).code).toBe(0);
    // dev-user and admin name no region: the environment's is used, and checked.
    const { rolecall } = await import('../support/run');
    const env = { ...world.home.env, AWS_REGION: long };
    const assumed = await rolecall(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')], { env });
    expect(assumed.code).toBe(1);
    expect(assumed.stderr).toBe('rolecall: AWS_REGION is not an AWS region name.\n  Set it to a region such as us-east-1, or unset it.\n');
  });

  describe('never repeat a refused value that could be a secret', () => {
    const cases: Array<[string, (v: string) => string[], Shape[]]> = [
      ['assume <role>', (v) => ['assume', v], ALL],
      ['export <role>', (v) => ['export', v], ALL],
      ['stop <role>', (v) => ['stop', v], ALL],
      ['credential-process <role>', (v) => ['credential-process', v], ALL],
      ['exec <role>', (v) => ['exec', v, '--', 'true'], ALL],
      ['role remove <name>', (v) => ['role', 'remove', v], ALL],
      ['user remove <name>', (v) => ['user', 'remove', v], ALL],
      ['user add <name>', (v) => ['user', 'add', v, '--access-key-id', DEV_USER.accessKeyId], ['a secret access key']],
      ['user add --access-key-id', (v) => ['user', 'add', 'u2', '--access-key-id', v], ['a secret access key', 'a secret access key without / or =', 'an MFA code']],
      ['user add --region', (v) => ['user', 'add', 'u2', '--access-key-id', DEV_USER.accessKeyId, '--region', v], ALL],
      ['role add <name>', (v) => ['role', 'add', v, '--role-arn', arn, '--source', 'dev-user'], ['a secret access key']],
      ['role add --role-arn', (v) => ['role', 'add', 'r', '--role-arn', v, '--source', 'dev-user'], ALL],
      ['role add --source', (v) => ['role', 'add', 'r', '--role-arn', arn, '--source', v], ALL],
      ['role add --profile', (v) => ['role', 'add', 'r', '--role-arn', arn, '--source', 'dev-user', '--profile', v], ['a secret access key']],
      [
        'role add --duration',
        (v) => ['role', 'add', 'r', '--role-arn', arn, '--source', 'dev-user', '--duration', v],
        ['a secret access key', 'a secret access key without / or =', 'an access key id'],
      ],
      ['role add --session-name', (v) => ['role', 'add', 'r', '--role-arn', arn, '--source', 'dev-user', '--session-name', v], ['a secret access key']],
      ['role add --source-identity', (v) => ['role', 'add', 'r', '--role-arn', arn, '--source', 'dev-user', '--source-identity', v], ['a secret access key']],
      ['role add --region', (v) => ['role', 'add', 'r', '--role-arn', arn, '--source', 'dev-user', '--region', v], ALL],
      ['assume --mfa-code', (v) => ['assume', 'admin', '--mfa-code', v], ['a secret access key', 'a secret access key without / or =', 'an access key id']],
      ['assume --duration', (v) => ['assume', 'admin', '--duration', v], ['a secret access key', 'a secret access key without / or =', 'an access key id']],
      ['export --format', (v) => ['export', 'admin', '--format', v], ALL],
      ['export --mfa-code', (v) => ['export', 'admin', '--mfa-code', v], ['a secret access key', 'a secret access key without / or =', 'an access key id']],
      ['an unknown command', (v) => [v], ALL],
      ['an unknown option', (v) => ['assume', 'admin', `--${v}`], ALL],
      ['an unknown --option=value', (v) => ['user', 'add', 'u2', '--access-key-id', DEV_USER.accessKeyId, `--secret-access-key=${v}`], ALL],
      ['an unknown -o value', (v) => ['list', `-${v}`], ALL],
    ];
    for (const [where, args, shapes] of cases) {
      it(where, async () => {
        for (const shape of shapes) {
          const value = SECRETS[shape];
          expectQuiet(await world.cli(args(value), `${DEV_USER.secretAccessKey}\n`), value, `${where} with ${shape}`);
        }
      });
    }
  });
});

describe('import never gives a role a profile name that exists', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
  });
  afterAll(async () => world.close());

  it('a 64-character profile: <name>-rolecall is shortened from the front of the name, and numbered past a taken one', async () => {
    const long = 'p'.repeat(64);
    const shortened = `${'p'.repeat(55)}-rolecall`;
    mkdirSync(dirname(world.home.configFile), { recursive: true });
    const config = [`[profile ${long}]`, `role_arn = ${roleArn('admin')}`, 'source_profile = dev-user', '', `[profile ${shortened}]`, 'region = eu-west-1', ''].join(
      '\n',
    );
    writeFileSync(world.home.configFile, config);
    const imported = await world.cli(['import']);
    expect(imported.code, imported.stderr).toBe(0);
    const catalog = JSON.parse((await world.cli(['list', '--json'])).stdout) as { roles: Array<{ name: string; profile?: string }> };
    const profile = catalog.roles.find((r) => r.name === long)?.profile;
    expect(profile).toBe(`${'p'.repeat(54)}-rolecall2`);
    expect(profile).toHaveLength(64);
    // Assuming it writes that profile, and its region beside it; both original profiles are left as they were.
    const assumed = await world.cli(['assume', long, '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(assumed.code, assumed.stderr).toBe(0);
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toContain(`[${profile}]`);
    const after = readFileSync(world.home.configFile, 'utf8');
    expect(after.startsWith(config)).toBe(true);
    expect(after.slice(config.length)).toMatch(new RegExp(`^\\[profile ${profile}\\]\nregion = us-east-1\nx_rolecall_managed = true\n`));
  });
});
