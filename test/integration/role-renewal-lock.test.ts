import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { ACCOUNT } from '../../main/core/keychain/accounts';
import { roleLockPath, withRoleRenewalLock } from '../../main/core/sessions/renewal-locks';
import { createRequire } from 'node:module';
import { HOST_TAG } from '../../main/core/files/owned-temp';
import { CLI, requireInCi, rolecall, type RunResult } from '../support/run';
import { makeWorld, roleArn, type World } from '../support/world';

// One renewal per role, however many callers find its session stale at once: callers of one
// process, parallel credential_process runs of one tool, the window and a CLI. Each of them must
// still get valid credentials; AWS sees one AssumeRole per role.

const SCRIPT = '/usr/bin/script';
const require = createRequire(import.meta.url);

interface Credentials {
  Version: number;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
}

/** A CLI run whose stderr a test can watch while it runs. */
function started(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; stderr: () => string; done: Promise<RunResult> } {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  return { child, stderr: () => stderr, done };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('one renewal per role across callers and processes', () => {
  let world: World;
  let core: Core;
  /** Successful AssumeRole calls for a role so far. */
  const assumeCalls = (role: string) => world.sts.calls.filter((c) => c.action === 'AssumeRole' && !c.errorCode && c.params.RoleArn === roleArn(role)).length;
  const mfaSessions = () => world.sts.calls.filter((c) => c.action === 'GetSessionToken' && !c.errorCode).length;

  /** Cached sessions of these roles that Rolecall no longer reuses: 10 minutes left (< 15). */
  const makeStale = async (...roles: string[]) => {
    await core.engine.obtain(roles[0]!); // cached (or assumed) first, the whole chain with it
    for (const role of roles) {
      const record = await core.secrets.getRoleSession(role);
      if (!record) throw new Error(`no cached session of ${role}`);
      await core.secrets.setRoleSession({ ...record, expiration: new Date(Date.now() + 10 * 60_000).toISOString() });
    }
  };

  beforeAll(async () => {
    world = await makeWorld();
    core = createCore({ env: world.home.env });
    expect((await world.addDevUser()).code).toBe(0);
    for (const args of [
      ['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'],
      ['role', 'add', 'deploy', '--role-arn', roleArn('deploy'), '--source', 'admin'],
      ['role', 'add', 'long-job', '--role-arn', roleArn('long-job'), '--source', 'dev-user', '--direct'],
    ]) {
      const added = await world.cli(args);
      expect(added.code, added.stderr).toBe(0);
    }
    // One code: the MFA session every test below renews its roles from.
    const first = await world.cli(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(first.code, first.stderr).toBe(0);
  });
  afterAll(async () => {
    await core.secrets.delete(ACCOUNT.mfaSession('dev-user'));
    await world.close();
  });

  it('in one process: concurrent callers of a stale role share one AssumeRole and one session', async () => {
    await makeStale('admin');
    const engine = createCore({ env: world.home.env }).engine; // nothing in flight yet
    const before = assumeCalls('admin');
    const results = await Promise.all(Array.from({ length: 5 }, () => engine.obtain('admin')));
    expect(assumeCalls('admin') - before).toBe(1);
    expect(new Set(results.map((r) => r.session.accessKeyId)).size).toBe(1);
    // The caller that asked AWS reports the renewal (and refreshes written profiles); the others
    // asked AWS nothing, as with any cached session.
    expect(results.filter((r) => !r.fromCache)).toHaveLength(1);
    expect(results.flatMap((r) => r.renewed)).toHaveLength(1);
  });

  it('in one process: a chain and its source at once take their locks in one order and renew each link once', async () => {
    await makeStale('deploy', 'admin');
    const engine = createCore({ env: world.home.env }).engine;
    const before = { admin: assumeCalls('admin'), deploy: assumeCalls('deploy') };
    const results = await Promise.all(['deploy', 'admin', 'deploy', 'admin', 'deploy'].map((role) => engine.obtain(role)));
    expect({ admin: assumeCalls('admin') - before.admin, deploy: assumeCalls('deploy') - before.deploy }).toEqual({ admin: 1, deploy: 1 });
    expect(new Set(results.filter((r) => r.session.role === 'deploy').map((r) => r.session.accessKeyId)).size).toBe(1);
  });

  it('across processes: four credential_process runs of a stale chained role make one AssumeRole per link', async () => {
    await makeStale('deploy', 'admin');
    const before = { admin: assumeCalls('admin'), deploy: assumeCalls('deploy'), mfa: mfaSessions() };
    const runs = await Promise.all(Array.from({ length: 4 }, () => world.cli(['credential-process', 'deploy'])));
    const measured = { admin: assumeCalls('admin') - before.admin, deploy: assumeCalls('deploy') - before.deploy, mfa: mfaSessions() - before.mfa };
    const outputs = runs.map((run) => {
      expect(run.code, run.stderr).toBe(0);
      // A short wait says nothing (the one line allowed is for a wait of seconds, on a busy machine).
      expect(run.stderr.replace(/^Waiting for the MFA code being entered for dev-user in another Rolecall process…\n/, '')).toBe('');
      return JSON.parse(run.stdout) as Credentials;
    });
    for (const output of outputs) {
      expect(output.Version).toBe(1);
      expect(output.AccessKeyId).toMatch(/^ASIA/);
      expect(Date.parse(output.Expiration) - Date.now()).toBeGreaterThan(50 * 60_000);
    }
    expect(new Set(outputs.map((o) => o.AccessKeyId)).size).toBe(1);
    expect(measured).toEqual({ admin: 1, deploy: 1, mfa: 0 });
  });

  it('refresh: two concurrent assumes with an explicit duration share the one new session; a later one still gets its own', async () => {
    await core.engine.obtain('admin');
    const before = assumeCalls('admin');
    // Hold admin's lock as a process at an MFA prompt would, until both runs wait behind it, so
    // both began before the renewal they share (without the hold the second could start after the
    // first finished, and then rightly get its own session).
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holding = withRoleRenewalLock(world.home.env, 'admin', () => released);
    await until(() => existsSync(roleLockPath(world.home.env, 'admin')), 'the held lock');
    const runs = [0, 1].map(() => started(['assume', 'admin', '--duration', '3600'], world.home.env));
    try {
      // A wait of more than a moment is worded: in a chain that can need a code, it is one being typed.
      await until(() => runs.every((r) => r.stderr().includes('Waiting for the MFA code being entered for dev-user in another Rolecall process')), 'both runs to wait');
    } finally {
      release();
      await holding;
    }
    const results = await Promise.all(runs.map((r) => r.done));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    // One AssumeRole: the second run finds a session of the asked duration issued after it began.
    expect(assumeCalls('admin') - before).toBe(1);
    const said = results.map((r) => r.stderr).join('\n');
    expect(said).toMatch(/admin: profile admin written, valid until/);
    expect(said).toMatch(/admin: profile admin refreshed from the cached session, valid until/);
    // Each run says the wait once, though it waited on a lock and then, maybe, on nothing else.
    for (const result of results) expect(result.stderr.match(/Waiting for the MFA code/g)).toHaveLength(1);

    const later = await world.cli(['assume', 'admin', '--duration', '3600']);
    expect(later.code, later.stderr).toBe(0);
    expect(assumeCalls('admin') - before).toBe(2); // an explicit duration still forces a new session
    expect(later.stderr).toMatch(/admin: profile admin written/);
  });

  it('refresh: a session renewed after the refresh began serves it only when it has the asked duration', async () => {
    await makeStale('admin');
    // A refresh that began a moment before another caller renewed the role (its clock says so).
    const began = Date.now() - 1_000;
    const refresher = createCore({ env: world.home.env, now: () => began }).engine;
    const before = assumeCalls('admin');
    const renewal = await createCore({ env: world.home.env }).engine.obtain('admin');
    expect(renewal.fromCache).toBe(false);
    const same = await refresher.obtain('admin', { refresh: true, duration: 3600 });
    expect(same.fromCache).toBe(true);
    expect(same.session.accessKeyId).toBe(renewal.session.accessKeyId);
    const other = await refresher.obtain('admin', { refresh: true, duration: 2700 });
    expect(other.fromCache).toBe(false);
    expect(other.session.requestedSeconds).toBe(2700);
    expect(assumeCalls('admin') - before).toBe(2);
  });

  it('a lock left by a killed process is taken over at once, and the run succeeds', async () => {
    await makeStale('deploy', 'admin');
    const lockPath = roleLockPath(world.home.env, 'deploy');
    // A process takes deploy's lock as Rolecall does (the folder, naming its holder) and is
    // killed holding it.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'); fs.mkdirSync(process.argv[1]); fs.writeFileSync(process.argv[1] + '/holder.json', JSON.stringify({ pid: process.pid, host: process.argv[2] })); console.log('locked'); setInterval(() => {}, 1000);`,
        lockPath,
        HOST_TAG,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    holder.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    await until(() => out.includes('locked'), 'the holder to lock');
    const exited = new Promise((resolve) => holder.on('close', resolve));
    holder.kill('SIGKILL');
    await exited;
    expect(existsSync(lockPath)).toBe(true);

    const before = assumeCalls('deploy');
    // No lock may be waited for at all: the run must see the holder is dead and break its lock.
    const result = await rolecall(['credential-process', 'deploy'], { env: { ...world.home.env, ROLECALL_TEST_LOCK_WAIT_MS: '0' } });
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as Credentials).Version).toBe(1);
    expect(assumeCalls('deploy') - before).toBe(1);
    expect(existsSync(lockPath)).toBe(false); // taken over, then released
  });

  it('a role lock lost while held (the holder was suspended at a prompt) keeps the session it got', async () => {
    const engine = createCore({ env: world.home.env }).engine;
    const lockPath = roleLockPath(world.home.env, 'long-job');
    const result = await engine.obtain('long-job', {
      refresh: true,
      prompt: async () => {
        // Another process took the lock over as stale; the holder notices at its next update.
        rmSync(lockPath, { recursive: true });
        // proper-lockfile forgets a lock once it finds it lost (its getLocks is internal, untyped).
        const locks = () => (require('proper-lockfile/lib/lockfile.js') as { getLocks(): Record<string, { lockfilePath: string }> }).getLocks();
        const held = () => Object.values(locks()).some((l) => l.lockfilePath === lockPath);
        await until(() => !held(), 'the holder to notice it lost the lock');
        return world.sts.nextCode('dev-user');
      },
    });
    expect(result.fromCache).toBe(false);
    expect(result.session.via).toBe('long-term-key');
    expect(await core.secrets.getRoleSession('long-job')).toMatchObject({ accessKeyId: result.session.accessKeyId });
  });

  const hasScript = existsSync(SCRIPT);
  if (!hasScript) requireInCi(`${SCRIPT} (apt-get install bsdutils)`);
  describe.runIf(hasScript)('behind a real MFA prompt', () => {
    it('a run waiting on a role whose renewal waits for a code waits for that code, says so once, and renews nothing itself', async () => {
      await makeStale('deploy', 'admin');
      await core.secrets.delete(ACCOUNT.mfaSession('dev-user'));
      const before = { admin: assumeCalls('admin'), deploy: assumeCalls('deploy'), mfa: mfaSessions() };
      const terminalEnv = { ...world.home.env };
      delete terminalEnv.ROLECALL_NO_TTY;
      const code = world.sts.nextCode('dev-user');
      // The first run holds deploy's and admin's locks while it asks on its terminal.
      const first = spawn(SCRIPT, ['-qec', `'${process.execPath}' '${CLI}' assume deploy`, '/dev/null'], { env: terminalEnv, stdio: ['pipe', 'pipe', 'pipe'] });
      let screen = '';
      first.stdout!.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
      const firstExit = new Promise<number>((resolve) => first.on('close', (exit) => resolve(exit ?? -1)));
      await until(() => screen.includes('MFA code for'), 'the prompt');
      const second = started(['credential-process', 'deploy'], world.home.env);
      await until(() => second.stderr().includes('Waiting for the MFA code being entered for dev-user in another Rolecall process'), 'the second run to wait');
      first.stdin!.write(`${code}\n`);
      expect(await firstExit, screen).toBe(0);
      const result = await second.done;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr.match(/Waiting for the MFA code/g)).toHaveLength(1);
      expect((JSON.parse(result.stdout) as Credentials).AccessKeyId).toBe((await core.secrets.getRoleSession('deploy'))?.accessKeyId);
      expect({ admin: assumeCalls('admin') - before.admin, deploy: assumeCalls('deploy') - before.deploy, mfa: mfaSessions() - before.mfa }).toEqual({
        admin: 1,
        deploy: 1,
        mfa: 1,
      });
    });
  });
});
