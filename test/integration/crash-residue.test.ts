import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAwsProfiles } from '../../main/core/aws-files';
import { CatalogStore } from '../../main/core/catalog/store';
import { createCore } from '../../main/core/core';
import { assume } from '../../main/core/operations/sessions';
import { rolecall, type RunResult } from '../support/run';
import { makeWorld, roleArn, type World } from '../support/world';

// kill -9 at every file-system step of `assume`, `stop` and `role add` (each lock made, holder
// written, temp file opened, written, synced, renamed, lock removed…), through the test-only hook
// ROLECALL_TEST_KILL_AT_STEP (main/core/test-hooks.ts). After each kill: no file is corrupt, the
// user's own sections are intact byte for byte, and the next run succeeds although it may wait
// for no lock at all (ROLECALL_TEST_LOCK_WAIT_MS=0: a dead process's lock must be broken at once,
// not waited out), and leaves no temp file and no lock behind.

const CREDENTIALS = '# mine\r\n[default]\r\naws_access_key_id = AKIAEXAMPLEDEFAULT01\r\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG\r\n';
const CONFIG = '[default]\nregion = eu-west-1\noutput = json\n';

/** One world per command, so the three run side by side. */
async function seededWorld(): Promise<World> {
  const world = await makeWorld();
  expect((await world.addDevUser()).code).toBe(0);
  mkdirSync(dirname(world.home.credentialsFile), { recursive: true });
  writeFileSync(world.home.credentialsFile, CREDENTIALS, { mode: 0o600 });
  writeFileSync(world.home.configFile, CONFIG, { mode: 0o644 });
  for (const role of ['admin', 'ops']) {
    const added = await world.cli(['role', 'add', role, '--role-arn', roleArn('admin'), '--source', 'dev-user', '--region', 'us-west-2']);
    expect(added.code, added.stderr).toBe(0);
  }
  // The MFA session is cached from here on: no run needs a code.
  const first = await world.cli(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')]);
  expect(first.code, first.stderr).toBe(0);
  return world;
}

/**
 * Runs `args` killed at step 1, 2, … until a run finishes unkilled; after each kill checks the
 * files, then runs `args` again without the hook. `before` sets up what the command acts on.
 * Returns how many steps there were.
 */
async function killAtEveryStep(world: World, args: (step: number) => string[], before?: () => Promise<void>): Promise<number> {
  const killedAt = (step: number) => rolecall(args(step), { env: { ...world.home.env, ROLECALL_TEST_KILL_AT_STEP: String(step) } });
  const nextRun = (step: number) => rolecall(args(step), { env: { ...world.home.env, ROLECALL_TEST_LOCK_WAIT_MS: '0' } });
  for (let step = 1; ; step++) {
    await before?.();
    const killed: RunResult = await killedAt(step);
    if (killed.code === 0) {
      console.info(`${args(step).slice(0, 2).join(' ')}: killed at each of ${step - 1} steps`);
      return step - 1;
    }
    const what = `${args(step).join(' ')}, killed at step ${step}`;
    expect(killed.code, `${what}: ${killed.stderr}`).toBe(-1); // SIGKILL, not an error
    await assertIntact(world, what);
    const next = await nextRun(step);
    expect(next.code, `the run after ${what}: ${next.stderr}`).toBe(0);
    await assertIntact(world, `the run after ${what}`);
    expect(leftovers(world), `the run after ${what}`).toEqual([]);
  }
}

/** What must hold after any kill: whole files, the user's sections untouched. */
async function assertIntact(world: World, what: string): Promise<void> {
  const credentials = readFileSync(world.home.credentialsFile, 'utf8');
  const config = readFileSync(world.home.configFile, 'utf8');
  expect(credentials.startsWith(CREDENTIALS), what).toBe(true);
  expect(config.startsWith(CONFIG), what).toBe(true);
  await expect(readAwsProfiles({ env: world.home.env }), what).resolves.toBeDefined();
  expect(() => new CatalogStore(world.home.env).load(), what).not.toThrow();
}

/** Temp files and locks in the folders Rolecall writes. */
function leftovers(world: World): string[] {
  return [dirname(world.home.credentialsFile), world.home.configDir].flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.tmp') || name.endsWith('.lock'))
      .map((name) => `${dir}/${name}`),
  );
}

// Set-up runs in this process: only the command under test pays for a CLI start.
const assumed = (world: World, role: string) => async () => {
  await assume(createCore({ env: world.home.env }), { name: role });
};

// About 20 steps a command, each a killed run and a next run (a CLI start each): about a minute
// side by side on two free cores; the limit leaves room for a machine busy with other test files.
const EVERY_STEP_TIMEOUT_MS = 240_000;

describe.concurrent('kill -9 at every file-system step', { timeout: EVERY_STEP_TIMEOUT_MS }, () => {
  const worlds: World[] = [];
  const world = async () => {
    const made = await seededWorld();
    worlds.push(made);
    return made;
  };
  afterAll(async () => {
    await Promise.all(worlds.map((w) => w.close()));
  });

  it('assume', async () => {
    const w = await world();
    // --duration asks AWS for a new session every time, so every run writes the files.
    expect(await killAtEveryStep(w, () => ['assume', 'admin', '--duration', '3600'])).toBeGreaterThan(10);
  });

  it('stop', async () => {
    const w = await world();
    expect(await killAtEveryStep(w, () => ['stop', 'admin'], assumed(w, 'admin'))).toBeGreaterThan(10);
    expect(readFileSync(w.home.credentialsFile, 'utf8')).toBe(CREDENTIALS);
  });

  it('role add (the catalog, and the profile the role no longer writes)', async () => {
    const w = await world();
    const args = (step: number) => ['role', 'add', 'ops', '--role-arn', roleArn('admin'), '--source', 'dev-user', '--region', 'us-west-2', '--profile', `ops-${step}`];
    expect(await killAtEveryStep(w, args, assumed(w, 'ops'))).toBeGreaterThan(10);
  });
});
