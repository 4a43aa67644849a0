// `rolecall user rotate`, through the built CLI against the test server's IAM (CreateAccessKey,
// UpdateAccessKey, DeleteAccessKey, ListAccessKeys and the two-key limit, keys its STS really
// authenticates with): a clean rotation, the two-key refusal, IAM that demands MFA (a live MFA
// session, a code), IAM taking a while to accept the new key, and never a secret in any file or
// output. The kill at each step is key-rotation-crash.test.ts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/core';
import { KEY_ACTIONS } from '../support/iam-actions';
import { DEV_USER, filesContaining, makeWorld, roleArn, type World } from '../support/world';
import { CLI, type RunResult } from '../support/run';

/** The dev-user keys IAM holds now, by id. */
function keysInIam(world: World): Record<string, { secretAccessKey: string; status: string }> {
  return Object.fromEntries(Object.entries(world.sts.iam.accessKeys).filter(([, key]) => key.user === DEV_USER.name));
}

/** What Rolecall holds for dev-user: the catalog's key id and the keychain's secret. */
async function heldKey(world: World): Promise<{ accessKeyId: string | undefined; secretAccessKey: string | null }> {
  const core = createCore({ env: world.home.env });
  return { accessKeyId: core.catalog.load().users.find((u) => u.name === DEV_USER.name)?.accessKeyId, secretAccessKey: await core.secrets.getUserKey(DEV_USER.name) };
}

/** Exactly one key in IAM, active, and it is the one Rolecall holds. */
async function expectOneWorkingKeyHeld(world: World): Promise<string> {
  const keys = keysInIam(world);
  expect(Object.keys(keys)).toHaveLength(1);
  const [id, key] = Object.entries(keys)[0]!;
  expect(key.status).toBe('Active');
  expect(await heldKey(world)).toEqual({ accessKeyId: id, secretAccessKey: key.secretAccessKey });
  return id;
}

/** Neither the old nor any new key's secret in the outputs, the catalog folder or the AWS files. */
function expectNoKeySecret(world: World, outputs: RunResult[]): void {
  const secrets = [DEV_USER.secretAccessKey, ...world.sts.iam.issuedKeySecrets];
  for (const secret of secrets) {
    for (const out of outputs) expect(out.stdout + out.stderr).not.toContain(secret);
    expect(filesContaining(world.home.home, secret)).toEqual([]);
  }
}

describe('rolecall user rotate', () => {
  let world: World;
  const rotate = (...extra: string[]) => world.cli(['user', 'rotate', DEV_USER.name, ...extra]);

  beforeAll(async () => {
    world = await makeWorld();
  });
  afterAll(async () => world.close());

  beforeEach(async () => {
    // Every test starts from dev-user's own key, alone in IAM, all key actions allowed, no wait.
    for (const [id, key] of Object.entries(world.sts.iam.accessKeys)) if (key.user === DEV_USER.name && id !== DEV_USER.accessKeyId) delete world.sts.iam.accessKeys[id];
    world.sts.iam.accessKeys[DEV_USER.accessKeyId] = { user: DEV_USER.name, secretAccessKey: DEV_USER.secretAccessKey, status: 'Active', refusalsLeft: 0 };
    for (const action of KEY_ACTIONS) world.sts.iam.permissions[DEV_USER.name]![action] = 'allow';
    world.sts.iam.newKeyRefusals = 0;
    await world.cli(['stop', '--all']);
    await world.cli(['stop', DEV_USER.name]);
    const added = await world.addDevUser();
    expect(added.code, added.stderr).toBe(0);
  });

  it('replaces the key: a new one made, checked and stored, the old one deleted; role and MFA sessions live on', async () => {
    expect((await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', DEV_USER.name])).code).toBe(0);
    const assumed = await world.cli(['assume', 'admin', '--mfa-code', world.sts.nextCode(DEV_USER.name)]);
    expect(assumed.code, assumed.stderr).toBe(0);

    const rotated = await rotate();
    expect(rotated.code, rotated.stderr).toBe(0);
    const newId = await expectOneWorkingKeyHeld(world);
    expect(newId).not.toBe(DEV_USER.accessKeyId);
    expect(newId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(rotated.stderr).toContain(`Rotated dev-user's access key: ${newId} replaces ${DEV_USER.accessKeyId}, which was deactivated and deleted.`);
    expect(rotated.stderr).toContain('AWS knows the new key as arn:aws:iam::123456789012:user/dev-user; the OS keychain holds its secret');
    expect(rotated.stderr).toContain("Role sessions and dev-user's MFA session stay valid: they do not depend on the key.");
    expect(rotated.stderr).not.toContain('IAM is accepting the new key');
    // The old key is gone from IAM and refused by STS; the calls that retired it were signed with the new one.
    const retired = world.sts.calls.filter((c) => c.action === 'UpdateAccessKey' || c.action === 'DeleteAccessKey');
    expect(retired.map((c) => [c.action, c.accessKeyId, c.params['AccessKeyId']])).toEqual([
      ['UpdateAccessKey', newId, DEV_USER.accessKeyId],
      ['DeleteAccessKey', newId, DEV_USER.accessKeyId],
    ]);

    // The catalog knows the new key and its age; the role session and the MFA session still serve.
    const listed = await world.cli(['list']);
    expect(listed.stdout).toMatch(new RegExp(`^dev-user\\s+user\\s+${newId} \\(key created today\\)`, 'm'));
    const status = JSON.parse((await world.cli(['status', '--json'])).stdout) as Array<{ name: string; state: string }>;
    expect(status).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'admin', state: 'active' })]));
    // A new role session from the cached MFA session: no code asked (stdin is no terminal).
    const again = await world.cli(['assume', 'admin', '--duration', '3600']);
    expect(again.code, again.stderr).toBe(0);
    // And the new key itself works for what needs the long-term key.
    const found = await world.cli(['role', 'discover', DEV_USER.name, '--json']);
    expect(found.code, found.stderr).toBe(0);
    expectNoKeySecret(world, [rotated, listed, again, found]);
  });

  it('with two keys already, refuses and names both, and which one to delete', async () => {
    world.sts.iam.accessKeys['AKIAOTHERKEY00000001'] = {
      user: DEV_USER.name,
      secretAccessKey: 'OtherOtherOtherOtherOtherOtherOtherOther',
      status: 'Inactive',
      createdAt: '2025-01-02T03:04:05Z',
      refusalsLeft: 0,
    };
    const callsBefore = world.sts.calls.length;
    const refused = await rotate();
    expect(refused.code).toBe(1);
    const [message, hint, ...rest] = refused.stderr.trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(message).toMatch(
      /^rolecall: dev-user already has two access keys, IAM's limit, so no new one can be made: AKIAROLECALLDEV00001 \(Active, created \d{4}-\d\d-\d\d, last used \d{4}-\d\d-\d\d \(sts\); the key Rolecall holds\) and AKIAOTHERKEY00000001 \(Inactive, created 2025-01-02, never used\)\.$/,
    );
    expect(hint).toBe(
      '  Delete the one Rolecall does not hold, then run rolecall user rotate dev-user again: aws iam delete-access-key --user-name dev-user --access-key-id AKIAOTHERKEY00000001',
    );
    // Nothing was made, nothing journaled.
    expect(Object.keys(keysInIam(world)).sort()).toEqual(['AKIAOTHERKEY00000001', DEV_USER.accessKeyId]);
    expect(world.sts.calls.slice(callsBefore).map((c) => c.action)).not.toContain('CreateAccessKey');
    expect(await heldKey(world)).toEqual({ accessKeyId: DEV_USER.accessKeyId, secretAccessKey: DEV_USER.secretAccessKey });
    const next = await rotate();
    expect(next.stderr).not.toMatch(/interrupted/);
  });

  it('uses the live MFA session where IAM allows key management only with MFA', async () => {
    for (const action of KEY_ACTIONS) world.sts.iam.permissions[DEV_USER.name]![action] = 'mfa';
    // A live MFA session, from an assume.
    expect((await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', DEV_USER.name])).code).toBe(0);
    expect((await world.cli(['assume', 'admin', '--mfa-code', world.sts.nextCode(DEV_USER.name)])).code).toBe(0);
    const rotated = await rotate();
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stderr).toContain('IAM allows dev-user to manage its keys only with MFA: its MFA session signed the calls.');
    await expectOneWorkingKeyHeld(world);
    expectNoKeySecret(world, [rotated]);
  });

  it('asks for a code where IAM demands MFA and no MFA session is live: refused in words without one, done with --mfa-code', async () => {
    for (const action of KEY_ACTIONS) world.sts.iam.permissions[DEV_USER.name]![action] = 'mfa';
    const withoutCode = await rotate();
    expect(withoutCode.code).not.toBe(0);
    expect(withoutCode.stderr).toMatch(/needs a fresh MFA code for user 'dev-user'/);
    expect(withoutCode.stderr).not.toMatch(/\n\s+at |Error:/);
    // Nothing half-done: the journal was never written (ListAccessKeys needed the code first).
    expect(await heldKey(world)).toEqual({ accessKeyId: DEV_USER.accessKeyId, secretAccessKey: DEV_USER.secretAccessKey });

    const rotated = await rotate('--mfa-code', world.sts.nextCode(DEV_USER.name));
    expect(rotated.code, rotated.stderr).toBe(0);
    await expectOneWorkingKeyHeld(world);
  });

  it('says in words which permission is missing, and changes nothing', async () => {
    delete world.sts.iam.permissions[DEV_USER.name]!.CreateAccessKey;
    // Refused with the long-term key, dev-user's MFA session is tried too (IAM might demand MFA).
    const refused = await rotate('--mfa-code', world.sts.nextCode(DEV_USER.name));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^rolecall: AWS refused creating a new access key for dev-user \(with its MFA session too\): IAM user 'dev-user' is not allowed iam:CreateAccessKey/,
    );
    expect(refused.stderr).toContain('Ask an administrator to allow iam:CreateAccessKey for this user');
    expect(Object.keys(keysInIam(world))).toEqual([DEV_USER.accessKeyId]);
    expect(await heldKey(world)).toEqual({ accessKeyId: DEV_USER.accessKeyId, secretAccessKey: DEV_USER.secretAccessKey });
    // The journal was cleared: the next run is a plain rotation.
    world.sts.iam.permissions[DEV_USER.name]!.CreateAccessKey = 'allow';
    const next = await rotate();
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).not.toMatch(/interrupted/);
  });

  it('stopped by a network failure after IAM made the key: says so, and the next run finishes it', async () => {
    // AWS goes away the moment the new key is first tried: neither the check nor an undo can reach it.
    const held = world.sts.holdNext('GetCallerIdentity');
    const running = rotate();
    await held.reached;
    world.sts.misbehave('unavailable');
    held.release();
    const stopped = await running;
    world.sts.misbehave(undefined);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(/^rolecall: AWS STS failed on its side while checking the new key of dev-user/);
    expect(stopped.stderr).toContain(
      'The rotation stopped half-way; the keychain still holds a key that works. Run rolecall user rotate dev-user again to finish or undo it.',
    );
    expect(await heldKey(world)).toEqual({ accessKeyId: DEV_USER.accessKeyId, secretAccessKey: DEV_USER.secretAccessKey });
    expect(Object.keys(keysInIam(world))).toHaveLength(2);
    const made = Object.keys(keysInIam(world)).find((id) => id !== DEV_USER.accessKeyId)!;
    // The user is not removed while its rotation waits: the key made would be left in IAM unnamed.
    const removal = await world.cli(['user', 'remove', DEV_USER.name]);
    expect(removal.code).toBe(1);
    expect(removal.stderr).toContain("rolecall: A rotation of dev-user's access key was interrupted; removing the user now could leave the key it made in IAM unnamed.");

    const next = await rotate();
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(
      new RegExp(
        `^An interrupted rotation of dev-user's key \\(started [^)]+\\) was finished: ${made} is now its key, and ${DEV_USER.accessKeyId} was deactivated and deleted\\.$`,
        'm',
      ),
    );
    expect(next.stderr).not.toMatch(/^Rotated /m);
    expect(await expectOneWorkingKeyHeld(world)).toBe(made);
    expectNoKeySecret(world, [stopped, next]);
  });

  it('waits for IAM to accept the new key, saying so on a progress line', async () => {
    world.sts.iam.newKeyRefusals = 3;
    const rotated = await world.cli(['user', 'rotate', DEV_USER.name], undefined, { ROLECALL_TEST_INSTANT_PAUSES: '1' });
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stderr.split('\n')[0]).toBe('IAM is accepting the new key…');
    expect(rotated.stderr.match(/IAM is accepting/g)).toHaveLength(1);
    const id = await expectOneWorkingKeyHeld(world);
    expect(world.sts.calls.filter((c) => c.action === 'GetCallerIdentity' && c.accessKeyId === id).map((c) => c.errorCode)).toEqual([
      'InvalidClientTokenId',
      'InvalidClientTokenId',
      'InvalidClientTokenId',
      undefined,
    ]);
  });

  it('deletes the new key again when IAM has not accepted it after 15 s, keeping the old one', async () => {
    world.sts.iam.newKeyRefusals = 1000;
    const callsBefore = world.sts.calls.length;
    const failed = await world.cli(['user', 'rotate', DEV_USER.name], undefined, { ROLECALL_TEST_INSTANT_PAUSES: '1' });
    expect(failed.code).toBe(1);
    const made = world.sts.calls.slice(callsBefore).find((c) => c.action === 'DeleteAccessKey')?.params['AccessKeyId'];
    expect(made).toMatch(/^AKIA/);
    expect(failed.stderr).toContain(
      `rolecall: AWS STS did not accept dev-user's new key ${made} within 15 s, so it was deleted again; the old key AKIAROLECALLDEV00001 stays in use.`,
    );
    expect(Object.keys(keysInIam(world))).toEqual([DEV_USER.accessKeyId]);
    expect(await heldKey(world)).toEqual({ accessKeyId: DEV_USER.accessKeyId, secretAccessKey: DEV_USER.secretAccessKey });
    expectNoKeySecret(world, [failed]);
  });
});

describe('key rotation and the credential_process fast path', () => {
  it('is not in it: the fast path holds no rotation and no IAM call', () => {
    const fast = readFileSync(CLI, 'utf8');
    expect(fast).not.toMatch(/CreateAccessKey|DeleteAccessKey|UpdateAccessKey|IAM is accepting the new key|rotateKey/);
    expect(readFileSync(CLI.replace(/rolecall\.cjs$/, 'program.js'), 'utf8')).toContain('IAM is accepting the new key');
  });
});
