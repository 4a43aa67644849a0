import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogId } from '../../main/core/config-dir';
import { makeWorld, roleArn, type World } from '../support/world';

// The user's own ~/.aws files: what Rolecall does not manage stays byte for byte, a section it
// did not write is never overwritten, and concurrent Rolecall processes lose nothing.

const CREDENTIALS = [
  '# Personal keys — keep this comment exactly as it is',
  '[default]',
  'aws_access_key_id = AKIAEXAMPLEDEFAULT01',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  '',
  '; a semicolon comment between sections',
  '[legacy]   ',
  'aws_access_key_id=AKIAEXAMPLELEGACY001',
  'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ',
  '',
].join('\r\n');

describe('the shared credentials file under assume and stop', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    expect((await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user', '--profile', 'work-admin'])).code).toBe(0);
    expect((await world.cli(['role', 'add', 'squatted', '--role-arn', roleArn('admin'), '--source', 'dev-user', '--profile', 'legacy'])).code).toBe(0);
    mkdirSync(dirname(world.home.credentialsFile), { recursive: true });
    writeFileSync(world.home.credentialsFile, CREDENTIALS, { mode: 0o644 });
  });
  afterAll(async () => world.close());

  it('keeps unmanaged sections and comments byte-identical after assume and stop', async () => {
    const assumed = await world.cli(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(assumed.code, assumed.stderr).toBe(0);
    const during = readFileSync(world.home.credentialsFile, 'utf8');
    expect(during.startsWith(CREDENTIALS)).toBe(true);
    expect(during).toMatch(/\[work-admin\][\s\S]*x_security_token_expires = \d{4}-\d\d-\d\dT/);
    expect(statSync(world.home.credentialsFile).mode & 0o777).toBe(0o600);

    const stopped = await world.cli(['stop', 'admin']);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toBe(CREDENTIALS);
  });

  it('refuses to overwrite a section it does not manage, and changes nothing', async () => {
    const result = await world.cli(['assume', 'squatted']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/profile 'legacy' .*not managed by Rolecall/i);
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toBe(CREDENTIALS);
    // Refused before AWS was asked: no session was started for nothing.
    expect(world.sts.calls.filter((c) => c.params.RoleSessionName && c.action === 'AssumeRole')).toHaveLength(1);
    // and stop leaves that unmanaged section alone too
    expect((await world.cli(['stop', 'squatted'])).code).toBe(0);
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toBe(CREDENTIALS);
  });

  it('a role moved to another profile takes its live credentials along; stop --all leaves none behind', async () => {
    expect((await world.cli(['assume', 'admin'])).code).toBe(0);
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toContain('[work-admin]');
    const moved = await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user', '--profile', 'admin-2']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toBe(CREDENTIALS);
    expect((await world.cli(['assume', 'admin'])).code).toBe(0);
    // A section this catalog wrote for a role since gone from it (a catalog.json edited by hand).
    const orphan = `[orphan]\naws_access_key_id = ASIAX\nx_rolecall_managed = true\nx_rolecall_catalog = ${catalogId(world.home.env)}\n`;
    writeFileSync(world.home.credentialsFile, `${readFileSync(world.home.credentialsFile, 'utf8')}${orphan}`);
    const stopped = await world.cli(['stop', '--all']);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toBe(CREDENTIALS);
  });

  it('20 concurrent rolecall assume processes writing different profiles lose none of them', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `admin-${String(i + 1).padStart(2, '0')}`);
    for (const name of names) {
      const added = await world.cli(['role', 'add', name, '--role-arn', roleArn('admin'), '--source', 'dev-user']);
      expect(added.code, added.stderr).toBe(0);
    }
    // The MFA session is cached from the first test: no process needs a code.
    const results = await Promise.all(names.map((name) => world.cli(['assume', name])));
    for (const [i, result] of results.entries()) expect(result.code, `${names[i]}: ${result.stderr}`).toBe(0);
    const text = readFileSync(world.home.credentialsFile, 'utf8');
    for (const name of names) expect(text).toContain(`[${name}]`);
    expect(text.startsWith(CREDENTIALS)).toBe(true);
    const status = JSON.parse((await world.cli(['status', '--json'])).stdout) as Array<{ name: string; profile?: string }>;
    expect(status.filter((s) => names.includes(s.name) && s.profile === s.name)).toHaveLength(20);

    expect((await world.cli(['stop', '--all'])).code).toBe(0);
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toBe(CREDENTIALS);
  });

  it('stop says so when it makes a credentials file others could read owner-only, as assume does', async () => {
    expect((await world.cli(['assume', 'admin'])).code).toBe(0); // the MFA session is cached from the first test
    chmodSync(world.home.credentialsFile, 0o644); // loosened by hand (or a restore) while the session lived
    const stopped = await world.cli(['stop', 'admin']);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toContain('~/.aws/credentials was readable by others (mode 0644); it holds live credentials, so Rolecall made it 0600 (owner only).');
    expect(stopped.stderr).toContain('Stopped admin.');
    expect(statSync(world.home.credentialsFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toBe(CREDENTIALS);
  });
});
