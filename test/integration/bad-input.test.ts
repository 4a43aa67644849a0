import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_USER, makeWorld, roleArn, type World } from '../support/world';

// Bad input is refused with a message and changes nothing: not the catalog, not the AWS files,
// not the keychain.

describe('bad input is refused and changes nothing', () => {
  let world: World;
  const snapshot = async () => {
    const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '<absent>');
    const listed = await world.cli(['list', '--json']);
    return {
      catalog: read(join(world.home.configDir, 'catalog.json')),
      credentials: read(world.home.credentialsFile),
      config: read(world.home.configFile),
      list: listed.stdout,
    };
  };
  const refused = async (args: string[], message: RegExp, input?: string) => {
    const before = await snapshot();
    const result = await world.cli(args, input);
    expect(result.code, `${args.join(' ')} should fail`).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await snapshot()).toEqual(before);
  };

  beforeAll(async () => {
    world = await makeWorld();
    mkdirSync(dirname(world.home.credentialsFile), { recursive: true });
    writeFileSync(world.home.credentialsFile, '# my keys\n[default]\naws_access_key_id = AKIAOTHERKEY00000000\n');
    expect((await world.addDevUser()).code).toBe(0);
    expect((await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'])).code).toBe(0);
    expect((await world.cli(['role', 'add', 'deploy', '--role-arn', roleArn('deploy'), '--source', 'admin'])).code).toBe(0);
  });
  afterAll(async () => world.close());

  const add = (name: string, id: string = DEV_USER.accessKeyId, extra: string[] = []) => ['user', 'add', name, '--access-key-id', id, ...extra];

  it('malformed access key ids, secrets and MFA serials', async () => {
    await refused(add('u2', 'AKIA123'), /AKIA followed by 16/, DEV_USER.secretAccessKey);
    await refused(add('u2', 'ASIAROLECALLDEV00001'), /AKIA followed by 16/, DEV_USER.secretAccessKey);
    await refused(add('u2'), /secret access key is empty/, '');
    await refused(add('u2'), /40 characters/, 'short-secret');
    await refused(add('u2', DEV_USER.accessKeyId, ['--mfa-serial', 'arn:aws:iam::12:mfa/x']), /mfa-serial|arn:aws:iam::<12 digits>:mfa/, DEV_USER.secretAccessKey);
  });

  it('names that could inject an INI section', async () => {
    await refused(add('evil]\n[default'), /letters, digits/, DEV_USER.secretAccessKey);
    await refused(['role', 'add', 'x]', '--role-arn', roleArn('admin'), '--source', 'dev-user'], /letters, digits/);
    await refused(['role', 'add', 'ok', '--role-arn', roleArn('admin'), '--source', 'dev-user', '--profile', 'a\n[default]'], /letters, digits/);
    await refused(['role', 'add', 'ok', '--role-arn', roleArn('admin'), '--source', 'dev-user', '--profile', 'with space'], /letters, digits/);
  });

  it('malformed role ARNs and durations out of range', async () => {
    await refused(['role', 'add', 'r', '--role-arn', 'arn:aws:iam::123:role/admin', '--source', 'dev-user'], /arn:aws:iam::<12 digits>:role/);
    await refused(['role', 'add', 'r', '--role-arn', 'admin', '--source', 'dev-user'], /arn:aws:iam::<12 digits>:role/);
    await refused(['role', 'add', 'r', '--role-arn', roleArn('admin'), '--source', 'dev-user', '--duration', '899'], /at least 900/);
    await refused(['role', 'add', 'r', '--role-arn', roleArn('admin'), '--source', 'dev-user', '--duration', '43201'], /at most 43200/);
    await refused(['role', 'add', 'r', '--role-arn', roleArn('admin'), '--source', 'dev-user', '--duration', '1h'], /whole number of seconds/);
    await refused(['assume', 'admin', '--duration', '100'], /at least 900/);
    await refused(['role', 'add', 'r', '--role-arn', roleArn('admin'), '--source', 'dev-user', '--session-name', 'a'], /2–64/);
  });

  it('unknown names and loops', async () => {
    await refused(['role', 'add', 'r', '--role-arn', roleArn('admin'), '--source', 'nobody'], /neither a user nor a role/);
    await refused(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'deploy'], /loops: admin → deploy → admin|loops/);
    await refused(['role', 'add', 'dev-user', '--role-arn', roleArn('admin'), '--source', 'dev-user'], /already the name of a user/);
    await refused(['stop', 'nobody'], /no role or user named 'nobody'/);
    await refused(['export', 'nobody'], /no role named 'nobody'/);
    await refused(['user', 'remove', 'dev-user'], /source of admin/);
    await refused(['role', 'add', 'deep', '--role-arn', roleArn('deploy'), '--source', 'admin', '--direct'], /cannot be --direct: it is entered from role 'admin'/);
  });

  it('unknown options, formats and commands', async () => {
    await refused(['export', 'admin', '--format', 'tcsh'], /Allowed choices are bash, zsh, fish, powershell, dotenv, json/);
    await refused(['assume'], /missing required argument 'role'/);
    await refused(
      ['user', 'add', 'u3', '--access-key-id', DEV_USER.accessKeyId, '--secret-access-key', 'x'],
      /^rolecall: unknown option '--secret-access-key'\n {2}The secret access key is read from stdin/,
    );
    // The `=` form must not echo the value: it may be the very secret someone tried to pass.
    const leaked = await world.cli(['user', 'add', 'u3', '--access-key-id', DEV_USER.accessKeyId, `--secret-access-key=${DEV_USER.secretAccessKey}`]);
    expect(leaked.code).not.toBe(0);
    expect(leaked.stderr).toContain("unknown option '--secret-access-key=…'");
    expect(leaked.stderr + leaked.stdout).not.toContain(DEV_USER.secretAccessKey);
    await refused(['stop', 'admin', '--all'], /Name one role \(or user\) to stop, or pass --all \(not both\)/);
  });

  it('a malformed AWS config file is named with its line, and nothing is imported', async () => {
    writeFileSync(world.home.configFile, '[profile ok]\nregion = us-east-1\n[profile broken\nrole_arn = x\n');
    await refused(['import'], /config.*line 3/);
    writeFileSync(world.home.configFile, '');
  });
});
