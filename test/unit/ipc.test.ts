// registerHandlers with a fake ipcMain (a plain object recording handle calls): which channels get
// a handler, who may call them, what payloads pass, and what comes back on success and on error.
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, type CatalogListView } from '../../preload/contract';
import { RolecallError } from '../../main/core/errors';
import type { CatalogView } from '../../main/core/operations/list';
import { toCatalogListView } from '../../main/handlers';
import { isTrustedSender, registerHandlers, type Handlers, type SenderEvent } from '../../main/ipc';

type Listener = (event: SenderEvent, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle(channel: string, listener: Listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
}

const CATALOG: CatalogListView = {
  users: [{ name: 'dev-user', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', hasSecret: true }],
  roles: [{ name: 'admin', roleArn: 'arn:aws:iam::123456789012:role/admin', source: 'dev-user', direct: false }],
};

function setUp(overrides: Partial<Handlers> = {}) {
  const ipcMain = fakeIpcMain();
  const handlers: Handlers = {
    'app:info': vi.fn(() => ({ version: '0.1.0', platform: 'linux' })),
    'catalog:list': vi.fn(async () => CATALOG),
    ...overrides,
  };
  const onUnexpectedError = vi.fn();
  registerHandlers(ipcMain, handlers, { onUnexpectedError });
  const call = (channel: string, event: SenderEvent, payload?: unknown) => {
    const listener = ipcMain.handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, payload);
  };
  return { ipcMain, handlers, call, onUnexpectedError };
}

const OURS: SenderEvent = { senderFrame: { url: 'app://rolecall/index.html', parent: null } };

describe('isTrustedSender', () => {
  it('trusts our top-level frame at app://rolecall', () => {
    expect(isTrustedSender(OURS)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'app://rolecall/', parent: null } })).toBe(true);
  });

  it.each([
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['a lookalike app host', { url: 'app://rolecall.evil/index.html', parent: null }],
    ['file://', { url: 'file:///work/main/out/renderer/index.html', parent: null }],
    ['a subframe at our origin', { url: 'app://rolecall/index.html', parent: { url: 'app://rolecall/index.html' } }],
    ['an unparsable URL', { url: 'not a url', parent: null }],
  ])('refuses %s', (_label, frame) => {
    expect(isTrustedSender({ senderFrame: frame })).toBe(false);
  });

  it('refuses a frame that is already gone', () => {
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
  });
});

describe('registerHandlers', () => {
  it('registers exactly the contract channels, so an unknown channel has no handler', () => {
    const { ipcMain } = setUp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(ipcMain.handlers.has('shell:exec')).toBe(false);
    expect(ipcMain.handlers.has('secrets:get')).toBe(false);
  });

  it('returns plain data for a good call', async () => {
    const { call, handlers } = setUp();
    await expect(call('catalog:list', OURS, {})).resolves.toEqual({ ok: true, data: CATALOG });
    await expect(call('app:info', OURS, {})).resolves.toEqual({ ok: true, data: { version: '0.1.0', platform: 'linux' } });
    expect(handlers['catalog:list']).toHaveBeenCalledWith({});
  });

  it.each([
    ['another origin', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a subframe', { senderFrame: { url: 'app://rolecall/index.html', parent: {} } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses a call from %s without running the handler', async (_label, event) => {
    const { call, handlers } = setUp();
    const result = await call('catalog:list', event, {});
    expect(result).toEqual({ ok: false, error: { message: expect.stringMatching(/Refused/) } });
    expect(handlers['catalog:list']).not.toHaveBeenCalled();
  });

  it('uses the sender check it is given (main adds "our window")', async () => {
    const ipcMain = fakeIpcMain();
    const handler = vi.fn(async () => CATALOG);
    registerHandlers(ipcMain, { 'app:info': () => ({ version: '', platform: '' }), 'catalog:list': handler }, {
      isTrustedSender: () => false,
    });
    const result = await ipcMain.handlers.get('catalog:list')?.(OURS, {});
    expect(result).toMatchObject({ ok: false });
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['an unexpected field', { users: ['x'] }],
    ['a string', 'catalog'],
    ['an array', [1, 2]],
    ['a missing payload', undefined],
    ['null', null],
  ])('refuses a malformed payload (%s) with a message', async (_label, payload) => {
    const { call, handlers } = setUp();
    const result = (await call('catalog:list', OURS, payload)) as { ok: boolean; error?: { message: string } };
    expect(result.ok).toBe(false);
    expect(result.error?.message).toMatch(/^Invalid request for catalog:list: .+/);
    expect(handlers['catalog:list']).not.toHaveBeenCalled();
  });

  it('returns a RolecallError as message and hint', async () => {
    const { call } = setUp({
      'catalog:list': async () => {
        throw new RolecallError('The OS keychain is not reachable.', 'Unlock your keychain.');
      },
    });
    await expect(call('catalog:list', OURS, {})).resolves.toEqual({
      ok: false,
      error: { message: 'The OS keychain is not reachable.', hint: 'Unlock your keychain.' },
    });
  });

  it('never returns the message or stack of an unexpected error', async () => {
    const boom = new TypeError('internal detail at /home/someone/secret-path');
    const { call, onUnexpectedError } = setUp({
      'catalog:list': async () => {
        throw boom;
      },
    });
    const result = await call('catalog:list', OURS, {});
    expect(JSON.stringify(result)).not.toMatch(/internal detail|secret-path|TypeError|at /);
    expect(result).toMatchObject({ ok: false, error: { message: expect.any(String) } });
    expect(onUnexpectedError).toHaveBeenCalledWith('catalog:list', boom);
  });
});

describe('toCatalogListView', () => {
  it('keeps only the contract fields (no settings, no session or duration details)', () => {
    const view: CatalogView = {
      users: [{ name: 'dev-user', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', mfaSerial: 'arn:aws:iam::123456789012:mfa/dev', hasSecret: false }],
      roles: [
        {
          name: 'admin',
          roleArn: 'arn:aws:iam::123456789012:role/admin',
          source: 'dev-user',
          direct: true,
          duration: 3600,
          externalId: 'shared-external-id',
        },
      ],
      settings: {
        mfaSessionDuration: 43200,
        defaultRoleDuration: 3600,
      },
    };
    expect(toCatalogListView(view)).toEqual({
      users: [{ name: 'dev-user', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', mfaSerial: 'arn:aws:iam::123456789012:mfa/dev', hasSecret: false }],
      roles: [{ name: 'admin', roleArn: 'arn:aws:iam::123456789012:role/admin', source: 'dev-user', direct: true }],
    });
  });
});
