import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keychainService } from '../../main/core/config-dir';
import { run, rolecall, type RunResult } from '../support/run';
import { startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring';
import { DEV_USER, makeWorld, roleArn, type World } from '../support/world';

// The four keychain states through the CLI, on a real gnome-keyring of this file's own (a private
// D-Bus session, so locking it closes nobody else's): ready, locked (the collection locked through
// the Secret Service's D-Bus method, as a screen locker leaves it; the unlock prompt cannot show
// here, so it counts as dismissed), unreachable (no D-Bus), and an item that is missing or holds
// garbage. keytar died with SIGSEGV on a locked collection and read "locked" as "missing".

const SEGFAULT = 139;

function expectNoCrash(result: RunResult): void {
  expect(result.code).not.toBe(SEGFAULT);
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack frames
  expect(result.stderr).not.toMatch(/unexpected error|CRITICAL/);
}

/** Refused because the keychain is locked: said so, with what to do, never "store it again". */
function expectLockedRefusal(result: RunResult): void {
  expectNoCrash(result);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/keychain .*is locked/);
  expect(result.stderr).toMatch(/Unlock your keychain/);
  expect(result.stderr).not.toMatch(/store it again|enter it again|holds no secret/i);
  expect(result.stdout).toBe('');
}

describe('a locked keychain, through the CLI', () => {
  let world: World;
  let keyring: PrivateKeyring;
  const cli = (args: string[], input?: string) => rolecall(args, { env: { ...world.home.env, ...keyring.env }, input });
  const credentials = () => readFileSync(world.home.credentialsFile, 'utf8');

  beforeAll(async () => {
    keyring = startPrivateKeyring();
    world = await makeWorld();
    const added = await cli(
      ['user', 'add', 'dev-user', '--access-key-id', DEV_USER.accessKeyId, '--mfa-serial', DEV_USER.mfaSerialNumber],
      `${DEV_USER.secretAccessKey}\n`,
    );
    expect(added.code, added.stderr).toBe(0);
    for (const args of [
      ['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'],
      ['role', 'add', 'deploy', '--role-arn', roleArn('deploy'), '--source', 'admin'],
    ]) {
      const result = await cli(args);
      expect(result.code, result.stderr).toBe(0);
    }
    expect((await cli(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')])).code).toBe(0);
    expect((await cli(['assume', 'deploy'])).code).toBe(0);
    keyring.lock();
  });
  afterAll(async () => {
    await world.sts.close();
    world.home.cleanup();
    keyring.close();
  });

  it('list works from the catalog alone and says the keychain is locked', async () => {
    const text = await cli(['list']);
    expectNoCrash(text);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/dev-user\s+user/);
    expect(text.stdout).toMatch(/deploy\s+role/);
    expect(text.stderr).toMatch(/keychain is locked.*whether each user's key is stored/);

    const json = await cli(['list', '--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { keychain: string; users: Array<{ name: string; hasSecret?: boolean }> };
    expect(parsed.keychain).toBe('locked');
    // Unknown, not missing: a locked keychain must not read as "no key stored".
    expect(parsed.users).toEqual([expect.not.objectContaining({ hasSecret: expect.anything() })]);
  });

  it('status shows the profiles Rolecall wrote, from the files, and says the keychain is locked', async () => {
    const text = await cli(['status']);
    expectNoCrash(text);
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/keychain is locked.*only the profiles it wrote/);
    expect(text.stdout).toMatch(/admin\s+role\s+admin\s+active/);
    expect(text.stdout).toMatch(/deploy\s+role\s+deploy\s+active/);

    const json = await cli(['status', '--json']);
    expect(json.code).toBe(0);
    const sessions = JSON.parse(json.stdout) as Array<{ name: string; chain: string[] }>;
    expect(sessions.map((s) => [s.name, s.chain])).toEqual([
      ['admin', ['dev-user', 'admin']],
      ['deploy', ['dev-user', 'admin', 'deploy']],
    ]);
  });

  it('everything that needs a secret refuses with "unlock your keychain", and nothing crashes', async () => {
    expectLockedRefusal(await cli(['assume', 'admin']));
    expectLockedRefusal(await cli(['assume', 'deploy', '--duration', '900']));
    expectLockedRefusal(await cli(['credential-process', 'admin']));
    expectLockedRefusal(await cli(['export', 'deploy', '--format', 'fish']));
    expectLockedRefusal(await cli(['exec', 'admin', '--', 'true']));
    expectLockedRefusal(await cli(['user', 'add', 'dev-user', '--access-key-id', DEV_USER.accessKeyId], `${DEV_USER.secretAccessKey}\n`));
  });

  it('changing or removing a role with a cached session is refused whole: the catalog stays as it was', async () => {
    const before = (await cli(['list', '--json'])).stdout;
    expectLockedRefusal(await cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user', '--duration', '1800']));
    expectLockedRefusal(await cli(['role', 'remove', 'deploy']));
    expect((await cli(['list', '--json'])).stdout).toBe(before);
    expect(credentials()).toMatch(/^\[deploy\]$/m);
  });

  it('stop removes the profile, says the cached session stays, and never claims "Stopped"', async () => {
    const one = await cli(['stop', 'admin']);
    expectNoCrash(one);
    expect(one.code).toBe(1);
    expect(one.stderr).toMatch(/Removed the profile admin, but the cached session of admin is still in the keychain: the keychain is locked/);
    expect(one.stderr).toMatch(/Unlock your keychain and run rolecall stop admin again/);
    expect(one.stderr).not.toMatch(/Stopped/);
    expect(credentials()).not.toMatch(/^\[admin\]$/m);

    const all = await cli(['stop', '--all']);
    expectNoCrash(all);
    expect(all.code).toBe(1);
    expect(all.stderr).toMatch(/Removed the profile deploy, but the cached role sessions are still in the keychain/);
    expect(all.stderr).not.toMatch(/Stopped|Nothing was running/);
    expect(credentials()).not.toMatch(/^\[deploy\]$/m);
  });

  it('unlocked again, nothing was lost: the sessions are there and stop finishes the job', async () => {
    keyring.unlock();
    const json = await cli(['status', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).toBe('');
    const sessions = JSON.parse(json.stdout) as Array<{ kind: string; name: string; state: string }>;
    expect(sessions.map((s) => `${s.kind}:${s.name}:${s.state}`)).toEqual(['mfa-session:dev-user:active', 'role:admin:active', 'role:deploy:active']);
    // The user's key survived too: a new session of admin needs no code while the MFA session lasts.
    const assumed = await cli(['assume', 'admin', '--duration', '900']);
    expect(assumed.code, assumed.stderr).toBe(0);

    const stopped = await cli(['stop', '--all']);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toMatch(/Stopped admin, deploy\./);
    const after = JSON.parse((await cli(['status', '--json'])).stdout) as Array<{ kind: string }>;
    expect(after.filter((s) => s.kind === 'role')).toEqual([]);
  });
});

describe('an unreachable keychain and unreadable items, through the CLI', () => {
  let world: World;
  let keyring: PrivateKeyring;
  const cli = (args: string[], extra: NodeJS.ProcessEnv = {}, input?: string) => rolecall(args, { env: { ...world.home.env, ...keyring.env, ...extra }, input });

  beforeAll(async () => {
    keyring = startPrivateKeyring();
    world = await makeWorld();
    const added = await cli(
      ['user', 'add', 'dev-user', '--access-key-id', DEV_USER.accessKeyId, '--mfa-serial', DEV_USER.mfaSerialNumber],
      {},
      `${DEV_USER.secretAccessKey}\n`,
    );
    expect(added.code, added.stderr).toBe(0);
    expect((await cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'])).code).toBe(0);
  });
  afterAll(async () => {
    await world.sts.close();
    world.home.cleanup();
    keyring.close();
  });

  /** Writes an item straight into this home's keychain namespace, as another program could. */
  async function plant(account: string, value: string): Promise<void> {
    const script = `new (require('@napi-rs/keyring').Entry)(process.argv[1], process.argv[2]).setPassword(process.argv[3])`;
    const planted = await run(process.execPath, ['-e', script, keychainService(world.home.env), account, value], {
      env: { ...world.home.env, ...keyring.env },
      cwd: process.cwd(),
    });
    expect(planted.code, planted.stderr).toBe(0);
  }

  it('no D-Bus session: list and status still answer; anything that needs a secret says the keychain is not reachable', async () => {
    const gone = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/rolecall-test-bus' };
    const listed = await cli(['list'], gone);
    expectNoCrash(listed);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toMatch(/keychain is not reachable/);
    const status = await cli(['status'], gone);
    expect(status.code).toBe(0);
    expect(status.stdout).toBe('');
    expect(status.stderr).toMatch(/No profile written/);
    const assumed = await cli(['assume', 'admin', '--mfa-code', '123456'], gone);
    expectNoCrash(assumed);
    expect(assumed.code).toBe(1);
    expect(assumed.stderr).toMatch(/keychain .*is not reachable: .*nonexistent/);
    expect(assumed.stderr).toMatch(/Start your keychain/);
    expect(assumed.stderr).not.toMatch(/locked|store it again/i);
  });

  it('a role session item holding `null` is treated as missing, with a one-line note', async () => {
    expect((await cli(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')])).code).toBe(0);
    await plant('role-session/admin', 'null');
    const served = await cli(['credential-process', 'admin']);
    expectNoCrash(served);
    expect(served.code, served.stderr).toBe(0);
    // Assumed again from the cached MFA session: no code needed, the credentials are new.
    expect(JSON.parse(served.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
    expect(served.stderr).toBe('rolecall: note: the keychain item role-session/admin holds nothing Rolecall can read; it is treated as missing.\n');
  });

  it('a user key item holding garbage is missing (asked for again), and only then', async () => {
    await plant('user-key/dev-user', 'garbage');
    await plant('mfa-session/dev-user', '{"kind":');
    const assumed = await cli(['assume', 'admin', '--duration', '900', '--mfa-code', world.sts.nextCode('dev-user')]);
    expectNoCrash(assumed);
    expect(assumed.code).toBe(1);
    expect(assumed.stderr).toMatch(/note: the keychain item mfa-session\/dev-user holds nothing Rolecall can read/);
    expect(assumed.stderr).toMatch(/note: the keychain item user-key\/dev-user holds nothing Rolecall can read/);
    expect(assumed.stderr).toMatch(/The keychain holds no secret access key for user 'dev-user'/);
  });
});
