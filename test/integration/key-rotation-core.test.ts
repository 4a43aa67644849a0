// Key rotation in-process (core's rotateKey against the test server and the real keychain), for
// what the CLI cannot be handed: the MFA prompt where IAM demands MFA and no session is live, and
// the waits while IAM accepts the new key, through an injected sleeper that records them (no test
// waits real seconds).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NEW_KEY_PAUSES_MS, rotateKey } from '../../main/core/key-rotation/rotate';
import { sessionsOverview } from '../../main/core/operations/sessions-overview';
import type { MfaRequest } from '../../main/core/sessions/mfa-codes';
import { KEY_ACTIONS } from '../support/iam-actions';
import { makeCoreWorld, type CoreWorld } from '../support/core-world';
import { DEV_USER } from '../support/sts-fixture';

describe('key rotation in core', () => {
  let world: CoreWorld;
  beforeEach(async () => {
    world = await makeCoreWorld();
  });
  afterEach(async () => world.close());

  const held = async () => ({
    accessKeyId: world.core.catalog.load().users.find((u) => u.name === DEV_USER.name)?.accessKeyId,
    secretAccessKey: await world.core.secrets.getUserKey(DEV_USER.name),
  });

  it('asks for an MFA code through the prompt where IAM demands MFA and no MFA session is live', async () => {
    for (const action of KEY_ACTIONS) world.sts.iam.permissions[DEV_USER.name]![action] = 'mfa';
    const asked: MfaRequest[] = [];
    const rotation = await rotateKey(
      world.core,
      { name: DEV_USER.name },
      {
        prompt: async (request) => {
          asked.push(request);
          return world.sts.nextCode(DEV_USER.name);
        },
      },
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ user: DEV_USER.name });
    expect(rotation).toMatchObject({ rotated: true, viaMfaSession: true, oldAccessKeyId: DEV_USER.accessKeyId });
    const key = world.sts.iam.accessKeys[rotation.newAccessKeyId!]!;
    expect(await held()).toEqual({ accessKeyId: rotation.newAccessKeyId, secretAccessKey: key.secretAccessKey });
    expect(world.sts.iam.accessKeys[DEV_USER.accessKeyId]).toBeUndefined();
    // What crosses to a front end carries no secret.
    expect(JSON.stringify(rotation)).not.toContain(key.secretAccessKey);
  });

  it('tries the new key until IAM accepts it, one progress line, waiting through the injected sleeper', async () => {
    world.sts.iam.newKeyRefusals = 4;
    const lines: string[] = [];
    const pauses: number[] = [];
    const rotation = await rotateKey(world.core, { name: DEV_USER.name }, { onProgress: (line) => lines.push(line), sleep: async (ms) => void pauses.push(ms) });
    expect(lines).toEqual(['IAM is accepting the new key…']);
    expect(pauses).toEqual(NEW_KEY_PAUSES_MS.slice(0, 4));
    expect(rotation).toMatchObject({ rotated: true, waitedForIam: true });
    expect(NEW_KEY_PAUSES_MS.reduce((a, b) => a + b, 0)).toBe(15_000);
  });

  it('refuses a second rotation of the same key while one runs, which the sessions view does not call interrupted', async () => {
    world.sts.iam.newKeyRefusals = 1;
    let resume!: () => void;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    let pausedAt!: () => void;
    const reached = new Promise<void>((resolve) => (pausedAt = resolve));
    // The first rotation waits for IAM to accept its new key: its journal is in the keychain meanwhile.
    const first = rotateKey(world.core, { name: DEV_USER.name }, { sleep: () => (pausedAt(), paused) });
    await reached;
    await expect(rotateKey(world.core, { name: DEV_USER.name })).rejects.toMatchObject({ code: 'RotationInProgress' });
    expect((await sessionsOverview(world.core)).rotationsInterrupted).toEqual([]);
    resume();
    const rotation = await first;
    expect(rotation).toMatchObject({ rotated: true, oldAccessKeyId: DEV_USER.accessKeyId });
    // One new key, the one the keychain holds: the refused run touched nothing.
    const keys = Object.entries(world.sts.iam.accessKeys).filter(([, key]) => key.user === DEV_USER.name);
    expect(keys.map(([id]) => id)).toEqual([rotation.newAccessKeyId]);
    expect(await held()).toEqual({ accessKeyId: rotation.newAccessKeyId, secretAccessKey: keys[0]![1].secretAccessKey });
    // Once it is done, the next rotation may run.
    expect(await rotateKey(world.core, { name: DEV_USER.name })).toMatchObject({ rotated: true, oldAccessKeyId: rotation.newAccessKeyId });
  });
});
