// `rolecall console` as a user runs it: --print prints the URL and nothing else; without it the OS
// opener gets a private redirect page's path, never the URL; the sign-in URL and its token appear
// in no message, no argv and no file left behind; bad input is refused in words, exit 2.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolecall } from '../support/run';
import { filesContaining, makeWorld, roleArn, type World } from '../support/world';

describe('rolecall console', () => {
  let world: World;
  let bin: string;
  let openerLog: string;

  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    for (const args of [
      ['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'],
      ['role', 'add', 'deploy', '--role-arn', roleArn('deploy'), '--source', 'admin'],
    ]) {
      const added = await world.cli(args);
      expect(added.code, added.stderr).toBe(0);
    }
    // A stand-in for xdg-open: records what it was given, the file's mode and what the file says.
    bin = join(world.home.home, 'bin');
    openerLog = join(world.home.home, 'opener.log');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'xdg-open'),
      `#!/bin/sh\n{ printf 'argv:%s\\n' "$*"; printf 'mode:%s\\n' "$(stat -c %a "$1")"; printf 'dir:%s\\n' "$(stat -c %a "$(dirname "$1")")"; cat "$1"; } > '${openerLog}'\n`,
    );
    chmodSync(join(bin, 'xdg-open'), 0o755);
  });
  afterAll(async () => world.close());

  const secretsIn = (text: string) => world.sts.issuedSecrets().filter((secret) => text.includes(secret));

  it('--print prints the sign-in URL and nothing else on stdout, and says how long the console lasts', async () => {
    const result = await world.cli(['console', 'admin', '--print', '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const url = new URL(lines[0]!);
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('SigninToken')).toBeTruthy();
    expect(result.stderr).toMatch(/admin: the console session lasts as long as the role session, until \d\d:\d\d \(\d+ min left\); AWS allows no longer/);
    expect(secretsIn(result.stderr)).toEqual([]);
    expect(result.stderr).not.toContain(url.searchParams.get('SigninToken')!);
  });

  it('a chained role: signed in from the cached sessions, no code asked', async () => {
    const result = await world.cli(['console', 'deploy', '--print', '--destination', 'ec2', '--region', 'eu-central-1']);
    expect(result.code, result.stderr).toBe(0);
    expect(new URL(result.stdout.trim()).searchParams.get('Destination')).toBe('https://console.aws.amazon.com/ec2/home?region=eu-central-1');
  });

  it('opens the browser with a private page, never the URL on a command line, and leaves no file behind', async () => {
    const env = { ...world.home.env, PATH: `${bin}:${world.home.env.PATH}`, ROLECALL_TEST_CONSOLE_GRACE_MS: '5000' };
    const result = await rolecall(['console', 'admin'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Opened the AWS console as admin in your browser.');
    const log = readFileSync(openerLog, 'utf8');
    const argv = /^argv:(.*)$/m.exec(log)![1]!;
    expect(argv).toMatch(/open-console\.html$/);
    expect(argv).not.toContain('SigninToken');
    expect(log).toMatch(/^mode:600$/m);
    expect(log).toMatch(/^dir:700$/m);
    // The page sends the browser on to the sign-in URL.
    expect(log).toMatch(/http-equiv="refresh" content="0;url=http:\/\/127\.0\.0\.1:\d+\/federation\?Action=login&#38;Issuer=/);
    expect(existsSync(argv)).toBe(false);
    expect(secretsIn(result.stderr)).toEqual([]);
  });

  it('no sign-in token or session secret in any file of the home', () => {
    const tokens = world.sts.issuedSecrets();
    expect(tokens.length).toBeGreaterThan(0);
    for (const secret of tokens) {
      // Role sessions are in the credentials file only for roles that were assumed; console writes no profile.
      expect(filesContaining(world.home.configDir, secret)).toEqual([]);
      expect(existsSync(world.home.credentialsFile) ? readFileSync(world.home.credentialsFile, 'utf8') : '').not.toContain(secret);
    }
  });

  it('refuses bad input in words, exit 2, before asking AWS', async () => {
    const before = world.sts.calls.length;
    const offConsole = await world.cli(['console', 'admin', '--destination', 'https://evil.example/x']);
    expect(offConsole.code).toBe(2);
    expect(offConsole.stderr).toMatch(/^rolecall: Invalid console request: the destination must be an https address on console\.aws\.amazon\.com\.\n/);
    const badRegion = await world.cli(['console', 'admin', '--region', 'moon']);
    expect(badRegion.code).toBe(2);
    expect(badRegion.stderr).toMatch(/region/);
    expect(world.sts.calls.length).toBe(before);
    const unknown = await world.cli(['console', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/nobody/);
  });

  it('--help says what it does, how long the console lasts and how the URL is kept', async () => {
    const help = await world.cli(['console', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: rolecall console [options] <role>');
    expect(help.stdout).toContain('--print');
    expect(help.stdout).toContain('--destination <service-or-url>');
    expect(help.stdout).toMatch(/up to 12 h/);
    expect(help.stdout).toMatch(/never the URL on a command line/);
  });
});
