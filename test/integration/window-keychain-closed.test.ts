import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent, Channel, ChannelRequest, ChannelResponse, IpcError } from '../../common/contract';
import { createCore, type Core } from '../../main/core/core';
import { createHandlers } from '../../main/app/handlers';
import { registerHandlers, type SenderEvent } from '../../main/app/ipc';
import { startPrivateKeyring, type PrivateKeyring } from '../support/private-keyring';
import { startStsServer, type StsTestServer } from '../support/sts-server';
import { DEV_USER, roleArn } from '../support/sts-fixture';
import { makeTempHome, type TempHome } from '../support/temp-home';

// The window's handlers on the real core while the keychain is locked: the lists still load (from
// the catalog and the files) and say so, everything that needs a secret answers KeychainLocked,
// stop answers StopIncomplete after removing the profile, and nothing is lost once it is unlocked.
// This file's process talks to a keyring of its own (a private D-Bus session), so locking it
// closes no other test's keychain.

type Listener = (event: SenderEvent, payload: unknown) => Promise<unknown>;
type Result<C extends Channel> = { ok: true; data: ChannelResponse<C> } | { ok: false; error: IpcError };
const WINDOW: SenderEvent = { senderFrame: { url: 'app://rolecall/index.html', parent: null } };

describe('the window handlers on a locked keychain', () => {
  let keyring: PrivateKeyring;
  const savedEnv: NodeJS.ProcessEnv = {};
  let sts: StsTestServer;
  let home: TempHome;
  let core: Core;
  const listeners = new Map<string, Listener>();
  const clipboard: string[] = [];
  const events: AppEvent[] = [];

  async function invoke<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<Result<C>> {
    return (await listeners.get(channel)!(WINDOW, request)) as Result<C>;
  }
  async function ok<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<ChannelResponse<C>> {
    const result = await invoke(channel, request);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
    return result.data;
  }
  async function code<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<string> {
    const result = await invoke(channel, request);
    return result.ok ? 'ok' : result.error.code;
  }

  beforeAll(async () => {
    keyring = startPrivateKeyring();
    // The keychain module reads the session bus from this process's environment; what it replaces
    // is put back after, so nothing else this worker runs talks to a closed private keyring.
    for (const key of Object.keys(keyring.env)) savedEnv[key] = process.env[key];
    Object.assign(process.env, keyring.env);
    sts = await startStsServer();
    home = makeTempHome(sts.url);
    core = createCore({ env: { ...home.env, ...keyring.env } });
    const table = createHandlers({
      core: () => core,
      version: '0.1.0-test',
      platform: 'linux',
      locale: 'en-US',
      writeClipboard: (text) => void clipboard.push(text),
      publish: (event) => void events.push(event),
    });
    registerHandlers({ handle: (channel, listener) => void listeners.set(channel, listener as Listener) }, table);
    await ok('user:save', { name: 'dev-user', accessKeyId: DEV_USER.accessKeyId, secretAccessKey: DEV_USER.secretAccessKey, mfaSerial: DEV_USER.mfaSerialNumber });
    await ok('role:save', { name: 'admin', roleArn: roleArn('admin'), source: 'dev-user', direct: false });
    await ok('role:save', { name: 'deploy', roleArn: roleArn('deploy'), source: 'admin', direct: false });
    await ok('session:assume', { name: 'admin', mfaCode: sts.nextCode('dev-user') });
    keyring.lock();
  });
  afterAll(async () => {
    await sts.close();
    home.cleanup();
    keyring.close();
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('the lists load from the catalog and the files, and say the keychain is locked', async () => {
    const catalog = await ok('catalog:list', {});
    expect(catalog.keychain).toBe('locked');
    expect(catalog.users.map((u) => [u.name, u.hasSecret])).toEqual([['dev-user', undefined]]);
    const sessions = await ok('sessions:list', {});
    expect(sessions.keychain).toBe('locked');
    expect(sessions.sessions.map((s) => [s.name, s.profile, s.state])).toEqual([['admin', 'admin', 'active']]);
    expect(sessions.needsMfaCode).toEqual([]);
  });

  it('what needs a secret answers KeychainLocked, and the clipboard gets nothing', async () => {
    expect(await code('session:assume', { name: 'admin' })).toBe('KeychainLocked');
    expect(await code('session:assume', { name: 'deploy' })).toBe('KeychainLocked');
    expect(await code('session:copy-export', { name: 'admin', format: 'bash' })).toBe('KeychainLocked');
    expect(
      await code('user:save', { name: 'dev-user', accessKeyId: DEV_USER.accessKeyId, secretAccessKey: DEV_USER.secretAccessKey, mfaSerial: DEV_USER.mfaSerialNumber }),
    ).toBe('KeychainLocked');
    expect(clipboard).toEqual([]);
  });

  it('stop removes the profile and answers StopIncomplete, not success', async () => {
    const result = await invoke('session:stop', { name: 'admin' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('StopIncomplete');
    expect(result.error.message).toMatch(/Removed the profile admin, but the cached session of admin is still in the keychain/);
    expect((await ok('sessions:list', {})).sessions).toEqual([]);
  });

  it('unlocked, the sessions are all there, and stop succeeds', async () => {
    keyring.unlock();
    const sessions = await ok('sessions:list', {});
    expect(sessions.keychain).toBe('ready');
    expect(sessions.sessions.map((s) => `${s.kind}:${s.name}`)).toEqual(['mfa-session:dev-user', 'role:admin']);
    expect((await ok('catalog:list', {})).users[0]!.hasSecret).toBe(true);
    expect(await ok('session:stop', { name: 'admin' })).toEqual({ stopped: ['admin'], notices: [] });
  });
});
