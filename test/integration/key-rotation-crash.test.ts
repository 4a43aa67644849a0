// kill -9 at every step of `rolecall user rotate` (ROLECALL_TEST_KILL_AT_STEP: the journal written,
// the key IAM made, the new secret stored, STS's answer, the switch of keychain and catalog with
// every file-system step of the catalog's write, the old key deactivated, deleted, the journal
// cleared), then the next run. After each kill the keychain's key is one IAM still has, and it signs
// (an MFA session starts with it) before anything is settled; the next
// run says it finished or undid the interrupted rotation (naming a key it deleted), and leaves
// exactly one key in IAM, active, the one Rolecall holds. No key's secret reaches a file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/core';
import { readJournal } from '../../main/core/key-rotation/journal';
import { endMfaSession } from '../../main/core/operations/end-mfa-session';
import { DEV_USER, filesContaining, makeWorld, type World } from '../support/world';

/** The dev-user keys IAM holds now, by id. */
function keysInIam(world: World): Record<string, { secretAccessKey: string; status: string }> {
  return Object.fromEntries(Object.entries(world.sts.iam.accessKeys).filter(([, key]) => key.user === DEV_USER.name));
}

// About 20 steps, each a killed run and a next run (a CLI start each).
const EVERY_STEP_TIMEOUT_MS = 240_000;

describe('kill -9 at every step of a key rotation', { timeout: EVERY_STEP_TIMEOUT_MS }, () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
  });
  afterAll(async () => world.close());

  it('is finished or undone by the next run, which says which; the keychain never holds only a deleted key', async () => {
    const core = createCore({ env: world.home.env });
    const held = async () => ({
      accessKeyId: core.catalog.load().users.find((u) => u.name === DEV_USER.name)?.accessKeyId,
      secretAccessKey: await core.secrets.getUserKey(DEV_USER.name),
    });
    const outcomes = new Set<string>();
    let statusTold = false;
    let step = 1;
    for (; ; step++) {
      const before = await held();
      const killed = await world.cli(['user', 'rotate', DEV_USER.name], undefined, { ROLECALL_TEST_KILL_AT_STEP: String(step) });
      if (killed.code === 0) break;
      const what = `killed at step ${step}`;
      expect(killed.code, `${what}: ${killed.stderr}`).toBe(-1); // SIGKILL, not an error

      // The keychain's secret is a key IAM still has, active: whatever the catalog says, it works.
      const after = await held();
      const inIam = Object.entries(keysInIam(world));
      expect(
        inIam.some(([, key]) => key.secretAccessKey === after.secretAccessKey && key.status === 'Active'),
        `${what}: the keychain holds a key IAM has deleted or deactivated`,
      ).toBe(true);
      const journal = await readJournal(core.secrets, DEV_USER.name);
      // And Rolecall signs with it before anything is settled: an MFA session starts (killed between
      // the keychain's switch and the catalog's, the journal tells the new key's id), then ends.
      const user = core.catalog.load().users.find((u) => u.name === DEV_USER.name)!;
      const signed = await core.engine.userMfaSession(user, { mfaCode: world.sts.nextCode(DEV_USER.name) }).then(
        () => 'signed',
        (error: Error) => error.message,
      );
      expect(signed, `${what}: the keychain's key does not sign`).toBe('signed');
      await endMfaSession(core, { name: DEV_USER.name });
      // A key IAM holds that neither Rolecall's journal nor its keychain knows the secret of: the next run must name it.
      const unkept = inIam.filter(([id, key]) => key.secretAccessKey !== after.secretAccessKey && id !== journal?.pending?.accessKeyId).map(([id]) => id);

      if (journal && !statusTold) {
        // Any status in between says so, and what to run.
        const status = await world.cli(['status']);
        expect(status.stderr).toContain("A rotation of dev-user's access key was interrupted; the keychain still holds a key that works.");
        expect(status.stderr).toContain('Run rolecall user rotate dev-user: it finishes the rotation or undoes it, and says which.');
        statusTold = true;
      }
      const next = await world.cli(['user', 'rotate', DEV_USER.name]);
      expect(next.code, `the run after ${what}: ${next.stderr}`).toBe(0);
      if (journal) {
        const said = /An interrupted rotation of dev-user's key \(started [^)]+\) was (finished|undone)/.exec(next.stderr);
        expect(said, `the run after ${what} says what became of the rotation: ${next.stderr}`).not.toBeNull();
        outcomes.add(said![1]!);
        for (const id of unkept.filter((id) => id !== before.accessKeyId)) expect(next.stderr, `${what}: names the key it deleted`).toContain(id);
      } else {
        expect(next.stderr, `the run after ${what}`).not.toMatch(/interrupted/);
      }
      // Exactly one key in IAM, active, and it is the one the catalog and the keychain hold.
      const keys = Object.entries(keysInIam(world));
      expect(
        keys.map(([id]) => id),
        `after the run after ${what}`,
      ).toHaveLength(1);
      const [id, key] = keys[0]!;
      expect(key.status).toBe('Active');
      expect(await held(), `after the run after ${what}`).toEqual({ accessKeyId: id, secretAccessKey: key.secretAccessKey });
      expect(await readJournal(core.secrets, DEV_USER.name)).toBeUndefined();
    }
    console.info(`user rotate: killed at each of ${step - 1} steps`);
    expect(step - 1).toBeGreaterThan(10);
    // Kills before the switch are undone, kills after it finished.
    expect([...outcomes].sort()).toEqual(['finished', 'undone']);
    expect(statusTold).toBe(true);
    expect((await world.cli(['status'])).stderr).not.toMatch(/interrupted/);
    for (const secret of [DEV_USER.secretAccessKey, ...world.sts.iam.issuedKeySecrets]) expect(filesContaining(world.home.home, secret)).toEqual([]);
  });
});
