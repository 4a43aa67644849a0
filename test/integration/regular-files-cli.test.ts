import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveAwsFilePaths, withAwsFilesLock } from '../../main/core/aws-files';
import { createCore } from '../../main/core/core';
import { CLI, type RunResult } from '../support/run';
import { makeWorld, roleArn, type World } from '../support/world';

// What `assume` and `stop` do to the shared files as a person runs them: a device is refused
// before AWS is asked, a credentials file others could read is tightened once and said so, and a
// stop that arrives while an assume waits on AWS wins.

const isPosix = process.platform !== 'win32';
if (!isPosix) console.log('skipping the device and mode tests: they need /dev/null and POSIX modes');

/** A CLI run whose stderr a test can watch while it runs. */
function started(args: string[], env: NodeJS.ProcessEnv): { stderr: () => string; done: Promise<RunResult> } {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  return { stderr: () => stderr, done };
}

/** Resolves once `condition` holds, checking as output arrives (a generous limit, not a timing). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2_000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`gave up waiting for ${what}`);
}

async function untilAsync(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 2_000; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('assume and stop against the files as they are', () => {
  let world: World;
  const stsCalls = () => world.sts.calls.filter((c) => c.action === 'AssumeRole' || c.action === 'GetSessionToken').length;
  const cachedSession = (role: string) => createCore({ env: world.home.env }).secrets.getRoleSession(role);

  beforeEach(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    expect((await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'])).code).toBe(0);
  });
  afterEach(async () => world.close());

  it.runIf(isPosix)('AWS_SHARED_CREDENTIALS_FILE=/dev/null: assume is refused before AWS is asked, and /dev/null stays a device', async () => {
    const env = { ...world.home.env, AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    const before = stsCalls();
    const result = await started(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')], env).done;
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe(
      "rolecall: /dev/null is a device, not a file: Rolecall's profiles need a real file, so nothing was written there.\n" +
        '  Point AWS_SHARED_CREDENTIALS_FILE at a regular file (or unset it), or use rolecall export, rolecall exec or credential_process, which need no file.\n',
    );
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(stsCalls() - before).toBe(0);
    expect(await cachedSession('admin')).toBeUndefined();
    // What the advice says works: credentials without any file.
    const exported = await started(['export', 'admin', '--mfa-code', world.sts.nextCode('dev-user')], env).done;
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('AWS_SESSION_TOKEN');
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it.runIf(isPosix)('a credentials file others can read is made 0600, and the run that did it says so once', async () => {
    const file = world.home.credentialsFile;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '[default]\naws_access_key_id = AKIAEXAMPLEDEFAULT01\n');
    chmodSync(file, 0o644);
    writeFileSync(world.home.configFile, '[default]\nregion = eu-west-1\n');
    chmodSync(world.home.configFile, 0o644);
    const first = await world.cli(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(first.code, first.stderr).toBe(0);
    const notice = /was readable by others \(mode 0644\); it holds live credentials, so Rolecall made it 0600 \(owner only\)\./;
    expect(first.stderr.split('\n').filter((line) => notice.test(line))).toHaveLength(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(world.home.configFile).mode & 0o777).toBe(0o644);
    const again = await world.cli(['assume', 'admin', '--duration', '3600']); // a new session: the file is written again
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(notice);
  });

  it.each([
    ['stop', 'admin'],
    ['stop', '--all'],
  ])("'rolecall %s %s' arriving while assume waits on AWS waits for it, then removes the profile and the cached session", async (...args) => {
    const held = world.sts.holdNext('AssumeRole');
    const assume = started(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')], world.home.env);
    await held.reached; // assume holds admin's lock, waiting on AWS (no session cached yet)
    const stop = started(args, world.home.env);
    await until(() => stop.stderr().includes('Waiting for another Rolecall process to finish with admin'), 'stop to wait for the assume');
    held.release();
    const assumed = await assume.done;
    expect(assumed.code, assumed.stderr).toBe(0);
    const stopped = await stop.done;
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toContain('Stopped admin.');
    expect(readFileSync(world.home.credentialsFile, 'utf8')).not.toContain('[admin]');
    expect(await cachedSession('admin')).toBeUndefined();
    const status = JSON.parse((await world.cli(['status', '--json'])).stdout) as Array<{ kind: string; name: string }>;
    expect(status.filter((s) => s.kind === 'role')).toEqual([]);
  });

  it("assume holds the role's lock until its profile is written: a stop cannot slip in between", async () => {
    // The test holds the shared files' lock, so assume stops right before its profile write.
    let letGo!: () => void;
    const filesHeld = new Promise<void>((resolve) => (letGo = resolve));
    let locked!: () => void;
    const filesLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = withAwsFilesLock(resolveAwsFilePaths(world.home.env), async () => {
      locked();
      await filesHeld;
    });
    await filesLocked;
    const assume = started(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')], world.home.env);
    await untilAsync(async () => (await cachedSession('admin')) !== undefined, 'the assume to cache its session');
    // Session cached, profile not yet written: a stop that may not wait finds the role still
    // taken by that assume, and refuses, naming it.
    const early = await started(['stop', 'admin'], { ...world.home.env, ROLECALL_TEST_LOCK_WAIT_MS: '0' }).done;
    expect(early.code).not.toBe(0);
    expect(early.stderr).toMatch(/^rolecall: Another Rolecall process \(pid \d+\) is holding the lock on the renewal of role 'admin'/);
    letGo();
    await holding;
    expect((await assume.done).code).toBe(0);
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toContain('[admin]');
  });
});
