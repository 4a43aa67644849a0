import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type AppEvent, type Channel, type ChannelRequest, type ChannelResponse, type IpcError } from '../../common/contract';
import { createCore, type Core } from '../../main/core/core';
import { createHandlers, type WindowHandlers } from '../../main/app/handlers';
import { registerHandlers, type SenderEvent } from '../../main/app/ipc';
import { startStsServer, type StsTestServer } from '../support/sts-server';
import { CI_BOT, DEV_USER, roleArn } from '../support/sts-fixture';
import { makeTempHome, type TempHome } from '../support/temp-home';
import { KEY_ACTIONS } from '../support/iam-actions';

// The window's handler table, registered as main registers it (sender check, schemas, error
// codes), on the real core: the STS test server, the real keychain and a temp home. It walks
// what a person does in the window, and proves the rule the window is built on: no response and
// no event ever holds a secret access key or a session token, while the clipboard gets them.

type Listener = (event: SenderEvent, payload: unknown) => Promise<unknown>;
type Result<C extends Channel> = { ok: true; data: ChannelResponse<C> } | { ok: false; error: IpcError };

const WINDOW: SenderEvent = { senderFrame: { url: 'app://rolecall/index.html', parent: null } };

describe('the window handlers on the real core', () => {
  let sts: StsTestServer;
  let home: TempHome;
  let core: Core;
  let table: WindowHandlers;
  const listeners = new Map<string, Listener>();
  const clipboard: string[] = [];
  /** What main was asked to open: the console sign-in URLs stay on main's side. */
  const consoles: Array<{ role: string; url: string; target: string; partition: string }> = [];
  const events: AppEvent[] = [];
  /** Everything that crossed to the renderer, serialised as IPC would carry it. */
  const toRenderer: string[] = [];

  async function invoke<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<Result<C>> {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    const result = (await listener(WINDOW, request)) as Result<C>;
    toRenderer.push(JSON.stringify(result));
    return result;
  }
  async function ok<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<ChannelResponse<C>> {
    const result = await invoke(channel, request);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
    return result.data;
  }
  async function failed<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<IpcError> {
    const result = await invoke(channel, request);
    if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
    return result.error;
  }
  /** The events published since the last call of this. */
  const takeEvents = () => events.splice(0).map((e) => e.type);
  const BOTH = ['catalog:changed', 'sessions:changed'];

  beforeAll(async () => {
    sts = await startStsServer();
    home = makeTempHome(sts.url);
    core = createCore({ env: home.env });
    table = createHandlers({
      core: () => core,
      version: '0.1.0-test',
      platform: 'linux',
      locale: 'ja-JP',
      writeClipboard: (text) => void clipboard.push(text),
      openConsole: async (request) => void consoles.push(request),
      publish: (event) => {
        events.push(event);
        toRenderer.push(JSON.stringify(event));
      },
    });
    registerHandlers({ handle: (channel, listener) => void listeners.set(channel, listener as Listener) }, table);
  });

  afterAll(async () => {
    // The keyring is shared by the whole run: forget everything this home's namespace holds.
    for (const account of await core.secrets.accounts()) await core.secrets.delete(account);
    await sts.close();
    home.cleanup();
  });

  it('registers every contract channel', () => {
    expect([...listeners.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('answers app:info with the OS locale', async () => {
    expect(await ok('app:info', {})).toEqual({ version: '0.1.0-test', platform: 'linux', locale: 'ja-JP' });
  });

  it('adds dev-user with its secret, checked with AWS, and lists it without the secret', async () => {
    const saved = await ok('user:save', {
      name: 'dev-user',
      accessKeyId: DEV_USER.accessKeyId,
      secretAccessKey: DEV_USER.secretAccessKey,
      mfaSerial: DEV_USER.mfaSerialNumber,
    });
    // IAM told when the key was created (the test server: ten days before its now).
    expect(saved).toEqual({
      name: 'dev-user',
      mfaSerial: DEV_USER.mfaSerialNumber,
      identity: 'arn:aws:iam::123456789012:user/dev-user',
      keyCreatedAt: expect.any(String),
    });
    expect(takeEvents()).toEqual(BOTH);
    const catalog = await ok('catalog:list', {});
    expect(catalog.users).toEqual([
      { name: 'dev-user', accessKeyId: DEV_USER.accessKeyId, mfaSerial: DEV_USER.mfaSerialNumber, hasSecret: true, keyCreatedAt: saved.keyCreatedAt },
    ]);
    expect(catalog.settings).toMatchObject({ refreshLeadMinutes: 15, language: 'system' });
  });

  it('adds admin from the MFA session and deploy chained from admin', async () => {
    expect(await ok('role:save', { name: 'admin', roleArn: roleArn('admin'), source: 'dev-user', direct: false })).toEqual({
      name: 'admin',
      roleArn: roleArn('admin'),
      source: 'dev-user',
      direct: false,
    });
    expect(await ok('role:save', { name: 'deploy', roleArn: roleArn('deploy'), source: 'admin', direct: false, duration: 7200 })).toMatchObject({
      name: 'deploy',
      duration: 7200,
    });
    expect(takeEvents()).toEqual([...BOTH, ...BOTH]);
  });

  it("refuses a direct role entered from another role, in core's words", async () => {
    const error = await failed('role:save', { name: 'deploy-direct', roleArn: roleArn('deploy'), source: 'admin', direct: true });
    expect(error).toMatchObject({ code: 'DirectFromRole', hint: expect.any(String) });
    // A refused mutation still says what may have changed: the page only asks again.
    expect(takeEvents()).toEqual(BOTH);
  });

  it("refuses, when saved, a role whose profile is a section of the user's own, naming it", async () => {
    mkdirSync(dirname(home.credentialsFile), { recursive: true });
    appendFileSync(home.credentialsFile, '[legacy]\naws_access_key_id = AKIAEXAMPLELEGACY001\n');
    const error = await failed('role:save', { name: 'squatter', roleArn: roleArn('admin'), source: 'dev-user', direct: false, profile: 'legacy' });
    expect(error).toMatchObject({ code: 'UnmanagedProfile', message: expect.stringMatching(/^Profile 'legacy' in .*credentials is not managed by Rolecall\.$/) });
    expect((await ok('catalog:list', {})).roles.map((r) => r.name)).not.toContain('squatter');
    takeEvents();
  });

  it('says that admin and deploy need a code before anything is cached', async () => {
    // takenAt is core's clock (the real one here) read while answering: between before and after.
    const before = core.now();
    const view = await ok('sessions:list', {});
    const after = core.now();
    expect(view.sessions).toEqual([]);
    expect(view.needsMfaCode).toEqual(['admin', 'deploy']);
    expect(Date.parse(view.takenAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(view.takenAt)).toBeLessThanOrEqual(after);
    expect(takeEvents()).toEqual([]);
  });

  it('asks for a code: MfaCodeRequired names the user, a wrong code is MfaCodeRejected', async () => {
    expect(await failed('session:assume', { name: 'admin' })).toMatchObject({ code: 'MfaCodeRequired', user: 'dev-user' });
    expect(takeEvents()).toEqual(['sessions:changed']);
    const valid = new Set([sts.totp('dev-user', -1), sts.totp('dev-user'), sts.totp('dev-user', 1)]);
    const wrong = ['000000', '111111', '222222', '333333'].find((code) => !valid.has(code))!;
    expect(await failed('session:assume', { name: 'admin', mfaCode: wrong })).toMatchObject({ code: 'MfaCodeRejected' });
    expect(await failed('session:assume', { name: 'admin', mfaCode: '12345' as string })).toMatchObject({ code: 'InvalidRequest', field: 'mfaCode' });
    // The malformed request never reached the handler: one event, for the rejected code.
    expect(takeEvents()).toEqual(['sessions:changed']);
    expect((await ok('sessions:list', {})).needsMfaCode).toEqual(['admin', 'deploy']);
  });

  it('assumes admin with the right code, and then no role needs one', async () => {
    const assumed = await ok('session:assume', { name: 'admin', mfaCode: sts.nextCode('dev-user') });
    expect(assumed).toMatchObject({
      role: 'admin',
      profile: 'admin',
      assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/admin/dev-user',
      chain: ['dev-user', 'admin'],
      fromCache: false,
    });
    expect(assumed.notices).toContainEqual({ kind: 'mfa-session-started', user: 'dev-user', expiresAt: expect.any(String) });
    expect(takeEvents()).toEqual(['sessions:changed']);
    const view = await ok('sessions:list', {});
    expect(view.needsMfaCode).toEqual([]);
    expect(view.sessions.map((s) => [s.kind, s.name, s.state, s.profile])).toEqual([
      ['mfa-session', 'dev-user', 'active', undefined],
      ['role', 'admin', 'active', 'admin'],
    ]);
  });

  it('assumes deploy from admin without a code, capped at one hour by chaining', async () => {
    const assumed = await ok('session:assume', { name: 'deploy' });
    expect(assumed).toMatchObject({ role: 'deploy', chain: ['dev-user', 'admin', 'deploy'], cappedBy: 'chaining' });
    expect(assumed.notices).toContainEqual({ kind: 'capped-chaining', role: 'deploy', requestedSeconds: 7200, grantedSeconds: 3600 });
    expect(takeEvents()).toEqual(['sessions:changed']);
  });

  it('copies a bash export of deploy to the clipboard; the response says only until when', async () => {
    const copied = await ok('session:copy-export', { name: 'deploy', format: 'bash' });
    const deploy = await core.secrets.getRoleSession('deploy');
    expect(copied).toEqual({ role: 'deploy', format: 'bash', expiresAt: deploy!.expiration, notices: [] });
    expect(clipboard).toHaveLength(1);
    const text = clipboard[0]!;
    expect(text).toContain(`export AWS_ACCESS_KEY_ID='${deploy!.accessKeyId}'`);
    expect(text).toContain(`export AWS_SECRET_ACCESS_KEY='${deploy!.secretAccessKey}'`);
    expect(text).toContain('export AWS_SESSION_TOKEN=');
    expect(text).toContain('unset AWS_PROFILE AWS_DEFAULT_PROFILE');
    expect(takeEvents()).toEqual(['sessions:changed']);
    expect(await failed('session:copy-export', { name: 'deploy', format: 'cmd' as 'bash' })).toMatchObject({ code: 'InvalidRequest', field: 'format' });
    expect(clipboard).toHaveLength(1);
  });

  it('opens the AWS console as deploy from main: main gets the sign-in URL, the page only when it ends', async () => {
    const opened = await ok('console:open', { name: 'deploy', target: 'rolecall' });
    const deploy = await core.secrets.getRoleSession('deploy');
    expect(opened).toEqual({
      role: 'deploy',
      assumedRoleArn: deploy!.assumedRoleArn,
      consoleEndsAt: deploy!.expiration,
      lastsFor: 'role-session',
      destination: 'https://console.aws.amazon.com/console/home?region=us-east-1',
      notices: [],
    });
    expect(consoles).toEqual([
      { role: 'deploy', url: expect.stringContaining('SigninToken=') as string, target: 'rolecall', partition: 'aws', endsAt: deploy!.expiration },
    ]);
    expect(takeEvents()).toEqual(['sessions:changed']);
  });

  it('stops deploy: its profile and cached session go', async () => {
    expect(await ok('session:stop', { name: 'deploy' })).toEqual({ stopped: ['deploy'], notices: [] });
    expect(takeEvents()).toEqual(['sessions:changed']);
    const view = await ok('sessions:list', {});
    expect(view.sessions.map((s) => s.name)).toEqual(['dev-user', 'admin']);
    expect(view.needsMfaCode).toEqual([]);
    expect(readFileSync(home.credentialsFile, 'utf8')).not.toContain('[deploy]');
  });

  it('edits dev-user without its secret while the key id stays: the region changes, the MFA session stays', async () => {
    expect(await ok('user:save', { name: 'dev-user', accessKeyId: DEV_USER.accessKeyId, mfaSerial: DEV_USER.mfaSerialNumber, region: 'eu-west-1' })).toEqual({
      name: 'dev-user',
      mfaSerial: DEV_USER.mfaSerialNumber,
      region: 'eu-west-1',
    });
    expect(takeEvents()).toEqual(BOTH);
    expect((await ok('catalog:list', {})).users[0]).toEqual({
      name: 'dev-user',
      accessKeyId: DEV_USER.accessKeyId,
      mfaSerial: DEV_USER.mfaSerialNumber,
      region: 'eu-west-1',
      hasSecret: true,
      // The same key: its creation date stays.
      keyCreatedAt: expect.any(String),
    });
    expect((await ok('sessions:list', {})).sessions.map((s) => s.name)).toContain('dev-user');
  });

  it("ends dev-user's MFA session: admin's own session lives on and is named", async () => {
    takeEvents();
    expect(await ok('session:end-mfa', { name: 'dev-user' })).toEqual({ user: 'dev-user', ended: true, rolesStillLive: ['admin'] });
    expect(takeEvents()).toEqual(['sessions:changed']);
    const view = await ok('sessions:list', {});
    expect(view.sessions.map((s) => s.name)).toEqual(['admin']);
    // deploy's session was stopped above; a new one would chain through admin, whose own session still serves.
    expect(view.needsMfaCode).toEqual([]);
    expect(await ok('session:end-mfa', { name: 'dev-user' })).toEqual({ user: 'dev-user', ended: false, rolesStillLive: ['admin'] });
    expect(await failed('session:end-mfa', { name: 'nobody' })).toMatchObject({ code: 'UnknownUser' });
    takeEvents();
  });

  it('refuses a changed key id, or a new user, without the secret: SecretRequired on secretAccessKey', async () => {
    const changed = await failed('user:save', { name: 'dev-user', accessKeyId: 'AKIAROLECALLDEV00002', mfaSerial: DEV_USER.mfaSerialNumber });
    expect(changed).toMatchObject({ code: 'SecretRequired', field: 'secretAccessKey' });
    expect(await failed('user:save', { name: 'new-user', accessKeyId: 'AKIAROLECALLDEV00003' })).toMatchObject({ code: 'SecretRequired' });
    expect((await ok('catalog:list', {})).users.map((u) => [u.name, u.accessKeyId])).toEqual([['dev-user', DEV_USER.accessKeyId]]);
  });

  it('drops the cached MFA session when the MFA device changes', async () => {
    await ok('session:assume', { name: 'admin', refresh: true, mfaCode: sts.nextCode('dev-user') });
    expect((await ok('sessions:list', {})).sessions.map((s) => s.name)).toContain('dev-user');
    await ok('user:save', { name: 'dev-user', accessKeyId: DEV_USER.accessKeyId, region: 'eu-west-1' });
    const view = await ok('sessions:list', {});
    expect(view.sessions.map((s) => s.name)).toEqual(['admin']);
    // admin's own session still serves; deploy chains through it.
    expect(view.needsMfaCode).toEqual([]);
    await ok('user:save', { name: 'dev-user', accessKeyId: DEV_USER.accessKeyId, mfaSerial: DEV_USER.mfaSerialNumber });
    takeEvents();
  });

  it('updates only the settings it names, and the sessions view follows the refresh lead', async () => {
    const settings = await ok('settings:update', { refreshLeadMinutes: 45, language: 'ja' });
    expect(settings).toMatchObject({ refreshLeadMinutes: 45, language: 'ja', notifyLeadMinutes: 10, mfaSessionDuration: 43200 });
    expect(takeEvents()).toEqual(BOTH);
    expect((await ok('catalog:list', {})).settings).toEqual(settings);
    expect(await failed('settings:update', { refreshLeadMinutes: 5 })).toMatchObject({ code: 'InvalidRequest', field: 'refreshLeadMinutes' });
    await ok('settings:update', { language: 'en' });
    expect(takeEvents()).toEqual(['catalog:changed']);
    expect((await ok('catalog:list', {})).settings).toMatchObject({ refreshLeadMinutes: 45, language: 'en' });
  });

  it('previews and runs an import of a plaintext key: the plan never carries the secret', async () => {
    appendFileSync(home.credentialsFile, `\n[ci-bot]\naws_access_key_id = ${CI_BOT.accessKeyId}\naws_secret_access_key = ${CI_BOT.secretAccessKey}\n`);
    sts.iam.keyCreatedAt[CI_BOT.accessKeyId] = '2026-05-04T03:02:01Z';
    const preview = await ok('import:preview', {});
    expect(preview.users).toEqual([{ name: 'ci-bot', accessKeyId: CI_BOT.accessKeyId }]);
    expect(takeEvents()).toEqual([]);
    const run = await ok('import:run', { removePlaintext: true });
    expect(run.users).toEqual([{ name: 'ci-bot', accessKeyId: CI_BOT.accessKeyId }]);
    expect(run.plaintextRemoved).toEqual(['ci-bot']);
    expect(takeEvents()).toEqual(BOTH);
    expect(readFileSync(home.credentialsFile, 'utf8')).not.toContain(CI_BOT.secretAccessKey);
    expect((await ok('catalog:list', {})).users.find((u) => u.name === 'ci-bot')).toEqual({
      name: 'ci-bot',
      accessKeyId: CI_BOT.accessKeyId,
      hasSecret: true,
      keyCreatedAt: '2026-05-04T03:02:01.000Z', // read from IAM, as user add reads it
    });
  });

  it("rotates dev-user's key where IAM asks for MFA: a code first, then the new key listed, no secret in the answer", async () => {
    await ok('session:end-mfa', { name: 'dev-user' });
    for (const action of KEY_ACTIONS) sts.iam.permissions['dev-user']![action] = 'mfa';
    takeEvents();
    // The window has no terminal to prompt on: main answers that a code is needed, and changed nothing.
    expect(await failed('user:rotate', { name: 'dev-user' })).toMatchObject({ code: 'MfaCodeRequired', user: 'dev-user' });
    const oldKey = (await ok('catalog:list', {})).users.find((u) => u.name === 'dev-user')!.accessKeyId;
    expect(Object.values(sts.iam.accessKeys).filter((k) => k.user === 'dev-user')).toHaveLength(1);
    takeEvents();
    const rotated = await ok('user:rotate', { name: 'dev-user', mfaCode: sts.nextCode('dev-user') });
    expect(rotated).toMatchObject({ user: 'dev-user', rotated: true, viaMfaSession: true, oldAccessKeyId: oldKey });
    expect(rotated.newAccessKeyId).not.toBe(oldKey);
    expect(takeEvents()).toEqual(expect.arrayContaining(BOTH));
    const listed = (await ok('catalog:list', {})).users.find((u) => u.name === 'dev-user')!;
    expect(listed).toMatchObject({ accessKeyId: rotated.newAccessKeyId, hasSecret: true, keyCreatedAt: rotated.keyCreatedAt });
    expect(sts.iam.accessKeys[oldKey]).toBeUndefined();
    // IAM's refusal (ci-bot may only list its keys) comes back as IamAccessDenied, ci-bot's key untouched.
    expect(await failed('user:rotate', { name: 'ci-bot' })).toMatchObject({ code: 'IamAccessDenied' });
    expect((await ok('catalog:list', {})).users.find((u) => u.name === 'ci-bot')!.accessKeyId).toBe(CI_BOT.accessKeyId);
    takeEvents();
  });

  it('removes deploy, then refuses to remove a user others are entered from', async () => {
    expect(await ok('role:remove', { name: 'deploy' })).toEqual({});
    expect(await failed('user:remove', { name: 'dev-user' })).toMatchObject({ code: 'InUse' });
    expect(await ok('user:remove', { name: 'ci-bot' })).toEqual({});
    expect(takeEvents()).toEqual([...BOTH, ...BOTH, ...BOTH]);
  });

  it('stops everything', async () => {
    expect(await ok('session:stop', { all: true })).toEqual({ stopped: ['admin'], notices: [] });
    expect((await ok('sessions:list', {})).sessions.filter((s) => s.kind === 'role')).toEqual([]);
  });

  it("once quitting has begun, refuses changes with Quitting in the window's terms, and still answers reads", async () => {
    takeEvents();
    table.beginQuit();
    expect(await failed('session:assume', { name: 'admin' })).toEqual({ code: 'Quitting', message: 'Rolecall is quitting: the change was not made.' });
    expect(await failed('settings:update', { language: 'ja' })).toMatchObject({ code: 'Quitting' });
    // A malformed request is still refused for what it is.
    expect(await failed('session:assume', { name: 'admin', mfaCode: '12345' as string })).toMatchObject({ code: 'InvalidRequest' });
    expect(takeEvents()).toEqual([]);
    expect(core.catalog.load().settings.language).toBe('en');
    expect((await ok('sessions:list', {})).sessions.filter((s) => s.kind === 'role')).toEqual([]);
    expect((await ok('catalog:list', {})).users.map((u) => u.name)).toEqual(['dev-user']);
    await expect(table.whenIdle()).resolves.toBeUndefined();
  });

  it('never sent the renderer a secret access key or a session token', () => {
    // The users' long-term secrets, and every secret part of every session STS issued.
    const secrets = [DEV_USER.secretAccessKey, CI_BOT.secretAccessKey, ...sts.issuedSecrets()];
    // Sanity: the walk really issued sessions (MFA, admin, deploy), and the clipboard (main's side) held one.
    expect(secrets.length).toBeGreaterThanOrEqual(2 + 2 * 3);
    expect(secrets.some((secret) => clipboard.join('\n').includes(secret))).toBe(true);
    // And a console sign-in token (in issuedSecrets too) reached main's opener, not the page.
    expect(secrets.some((secret) => consoles.some((c) => c.url.includes(secret)))).toBe(true);
    expect(toRenderer.length).toBeGreaterThan(30);
    for (const message of toRenderer) {
      for (const secret of secrets) expect(message.includes(secret), `a secret reached the renderer in ${message.slice(0, 120)}…`).toBe(false);
    }
  });
});
