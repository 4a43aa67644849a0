import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core/core';
import { addRole } from '../../main/core/operations/roles';
import { assume, roleCredentials, status, stop } from '../../main/core/operations/sessions';
import { addUser } from '../../main/core/operations/users';
import { startStsServer, type StsTestServer } from '../support/sts-server';
import { CI_BOT, DEV_USER, EXTERNAL_ID, roleArn } from '../support/sts-fixture';
import { makeTempHome, type TempHome } from '../support/temp-home';

// The engine in-process, against the STS test server and the real keychain: the session rules
// (docs/architecture.md, "Sessions") that the CLI walk-through does not reach.

describe('the session engine', () => {
  let sts: StsTestServer;
  let home: TempHome;
  let core: Core;
  const calls = (action: string) => sts.calls.filter((c) => c.action === action).length;
  const code = () => sts.nextCode('dev-user');
  /** Each test stands alone: it brings a code in case no MFA session is cached yet. */
  const withCode = { prompt: async () => code() };

  beforeAll(async () => {
    sts = await startStsServer();
    home = makeTempHome(sts.url);
    core = createCore({ env: home.env });
    await addUser(core, { name: 'dev-user', accessKeyId: DEV_USER.accessKeyId, secretAccessKey: DEV_USER.secretAccessKey, mfaSerial: DEV_USER.mfaSerialNumber });
    await addUser(core, { name: 'ci-bot', accessKeyId: CI_BOT.accessKeyId, secretAccessKey: CI_BOT.secretAccessKey });
    await addRole(core, { name: 'admin', roleArn: roleArn('admin'), source: 'dev-user' });
    await addRole(core, { name: 'long-job', roleArn: roleArn('long-job'), source: 'dev-user', direct: true });
    await addRole(core, { name: 'short-max', roleArn: roleArn('short-max'), source: 'dev-user', direct: true, duration: 7200 });
    await addRole(core, { name: 'external', roleArn: roleArn('external'), source: 'dev-user', externalId: EXTERNAL_ID });
    await addRole(core, { name: 'no-mfa', roleArn: roleArn('no-mfa'), source: 'ci-bot', duration: 7200 });
  });
  afterEach(async () => {
    await stop(core, { all: true });
  });
  afterAll(async () => {
    await core.secrets.delete('mfa-session/dev-user');
    for (const account of await core.secrets.accounts()) await core.secrets.delete(account);
    await sts.close();
    home.cleanup();
  });

  it('shares one MFA prompt and one GetSessionToken between roles waiting on the same user', async () => {
    let prompts = 0;
    const prompt = async () => {
      prompts += 1;
      await new Promise((resolve) => setTimeout(resolve, 50)); // a person typing
      return code();
    };
    const before = calls('GetSessionToken');
    // Two roles at once (the tray and a CLI refresh, say), both entered from dev-user's MFA session.
    const [a, b] = await Promise.all([core.engine.obtain('admin', { prompt }), core.engine.obtain('external', { prompt })]);
    expect(prompts).toBe(1);
    expect(calls('GetSessionToken') - before).toBe(1);
    expect(a.session.via).toBe('mfa-session');
    expect(b.session.via).toBe('mfa-session');
  });

  it('reuses a cached role session while 15 minutes or more remain', async () => {
    await assume(core, { name: 'admin' }, withCode);
    const before = calls('AssumeRole');
    const again = await assume(core, { name: 'admin' });
    expect(again.fromCache).toBe(true);
    expect(calls('AssumeRole')).toBe(before);
  });

  it("falls back to 3600 s when the role's maximum is lower than asked, and says so", async () => {
    const result = await assume(core, { name: 'short-max', mfaCode: code() });
    expect(result.cappedBy).toBe('role-maximum');
    expect(result.notices).toContainEqual({ kind: 'capped-role-maximum', role: 'short-max', requestedSeconds: 7200, grantedSeconds: 3600 });
  });

  it('passes the ExternalId the role demands', async () => {
    const result = await assume(core, { name: 'external' }, withCode);
    expect(result.assumedRoleArn).toContain('assumed-role/external/dev-user');
    expect(sts.calls.filter((c) => c.action === 'AssumeRole').at(-1)!.params.ExternalId).toBe(EXTERNAL_ID);
  });

  it('assumes from the long-term key, not capped by chaining, when the user has no MFA device', async () => {
    const mfaSessionsBefore = calls('GetSessionToken');
    const result = await assume(core, { name: 'no-mfa' });
    const asked = sts.calls.filter((c) => c.action === 'AssumeRole' && c.params.RoleArn === roleArn('no-mfa'));
    // Asked for the full 7200 s with the long-term key (the fixture role allows 3600: AWS's answer
    // brings the fallback, not a chaining clamp).
    expect(asked[0]).toMatchObject({ accessKeyId: CI_BOT.accessKeyId, params: { DurationSeconds: '7200' } });
    expect(result.cappedBy).toBe('role-maximum');
    expect(calls('GetSessionToken')).toBe(mfaSessionsBefore); // no MFA session for a user without a device
  });

  it('clamps every AssumeRole made with temporary credentials to 3600 s before calling', async () => {
    const before = sts.calls.length;
    const result = await roleCredentials(core, { name: 'admin', duration: 43200 }, withCode);
    expect(result.session.grantedSeconds).toBe(3600);
    expect(result.notices).toContainEqual({ kind: 'capped-chaining', role: 'admin', requestedSeconds: 43200, grantedSeconds: 3600 });
    expect(sts.calls.slice(before).filter((c) => c.errorCode)).toHaveLength(0);
    expect(sts.calls.slice(before).find((c) => c.action === 'AssumeRole')?.params.DurationSeconds).toBe('3600');
  });

  it('re-assumes exactly when less than 15 minutes remain, and status calls that expiring', async () => {
    const first = await assume(core, { name: 'admin' }, withCode);
    const expiry = Date.parse(first.expiresAt);
    const at = (ms: number) => createCore({ env: home.env, now: () => ms });
    const justEnough = await at(expiry - 15 * 60_000).engine.obtain('admin');
    expect(justEnough.fromCache).toBe(true);
    const tooLittle = await at(expiry - 15 * 60_000 + 1).engine.obtain('admin');
    expect(tooLittle.fromCache).toBe(false);
    const states = await status(at(Date.parse(tooLittle.session.expiration) - 14 * 60_000));
    expect(states.find((s) => s.name === 'admin')?.state).toBe('expiring');
    const later = await status(at(Date.parse(tooLittle.session.expiration) + 1));
    expect(later.find((s) => s.name === 'admin')?.state).toBe('expired');
  });

  it('rewrites a written profile whenever its session is renewed, for any reason', async () => {
    await addRole(core, { name: 'deploy', roleArn: roleArn('deploy'), source: 'admin' });
    await assume(core, { name: 'admin' }, withCode);
    await core.secrets.delete('role-session/admin'); // as if it had run out
    await roleCredentials(core, { name: 'deploy' }); // renews admin on the way
    const renewed = await core.secrets.getRoleSession('admin');
    expect(readFileSync(home.credentialsFile, 'utf8')).toContain(`aws_session_token = ${renewed!.sessionToken}`);
  });

  it('refuses a key AWS does not accept before storing it', async () => {
    await expect(addUser(core, { name: 'typo', accessKeyId: DEV_USER.accessKeyId, secretAccessKey: 'x'.repeat(40) })).rejects.toThrow(
      /AWS rejected the secret access key of user 'typo'/,
    );
    expect(await core.secrets.getUserKey('typo')).toBeNull();
    expect(core.catalog.load().users.map((u) => u.name)).not.toContain('typo');
  });

  it("turns throttling into a sentence once the SDK's retries are spent", async () => {
    sts.throttleNext(3);
    await expect(assume(core, { name: 'external' }, withCode)).rejects.toThrow(/AWS is throttling STS requests \(Rate exceeded\)/);
  });
});
