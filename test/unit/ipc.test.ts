// registerHandlers with a fake ipcMain (a plain object recording handle calls): which channels get
// a handler, who may call them, what payloads pass, and what comes back on success and on error.
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Channel, type ChannelRequest } from '../../common/contract';
import { InvalidInputError, MfaCodeRequiredError, RolecallError } from '../../main/core/errors';
import { isTrustedSender, registerHandlers, type Handlers, type SenderEvent } from '../../main/app/ipc';
import { CATALOG } from '../support/catalog-view';

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

const SECRET = 'j7qi6yQHXEXG68BfPM4761ixdwPIwX8uf/G21PRE';

/** A payload each channel accepts. */
const VALID: { [C in Channel]: ChannelRequest<C> } = {
  'app:info': {},
  'catalog:list': {},
  'sessions:list': {},
  'user:save': { name: 'dev-user', accessKeyId: 'AKIAROLECALLDEV00001', secretAccessKey: SECRET, mfaSerial: 'arn:aws:iam::123456789012:mfa/dev-user' },
  'user:remove': { name: 'dev-user' },
  'role:save': { name: 'admin', roleArn: 'arn:aws:iam::123456789012:role/admin', source: 'dev-user', direct: false, duration: 3600 },
  'role:remove': { name: 'admin' },
  'role:discover': { user: 'dev-user', add: ['admin'], direct: true },
  'user:rotate': { name: 'dev-user', mfaCode: '123456' },
  'import:preview': {},
  'import:run': { removePlaintext: true },
  'session:assume': { name: 'admin', mfaCode: '123456' },
  'session:stop': { all: true },
  'session:end-mfa': { name: 'dev-user' },
  'session:copy-export': { name: 'admin', format: 'fish' },
  'console:open': { name: 'admin', target: 'browser', destination: 'ec2', region: 'eu-west-1' },
  'settings:update': { language: 'ja', refreshLeadMinutes: 20 },
  'assume:take-request': {},
};

/** Per channel, payloads the schema refuses and the field it names (undefined: the whole payload). */
const MALFORMED: Array<[Channel, string, unknown, string | undefined]> = [
  ['app:info', 'an extra field', { verbose: true }, 'verbose'],
  ['catalog:list', 'an extra field', { users: ['x'] }, 'users'],
  ['catalog:list', 'a string', 'catalog', undefined],
  ['catalog:list', 'an array', [1, 2], undefined],
  ['catalog:list', 'no payload', undefined, undefined],
  ['catalog:list', 'null', null, undefined],
  ['sessions:list', 'an extra field', { all: true }, 'all'],
  ['user:save', 'an extra field', { ...VALID['user:save'], sessionToken: 'x' }, 'sessionToken'],
  ['user:save', 'a malformed key id', { name: 'dev-user', accessKeyId: 'AKIA123' }, 'accessKeyId'],
  ['user:save', 'a short secret', { name: 'dev-user', accessKeyId: 'AKIAROLECALLDEV00001', secretAccessKey: 'short' }, 'secretAccessKey'],
  ['user:save', 'a name that injects a section', { name: 'dev]\n[x', accessKeyId: 'AKIAROLECALLDEV00001' }, 'name'],
  ['user:remove', 'no name', {}, 'name'],
  ['role:save', "direct: 'yes'", { ...VALID['role:save'], direct: 'yes' }, 'direct'],
  ['role:save', 'a duration out of range', { ...VALID['role:save'], duration: 60 }, 'duration'],
  ['role:save', 'a malformed role ARN', { ...VALID['role:save'], roleArn: 'admin' }, 'roleArn'],
  ['role:remove', 'a number for the name', { name: 42 }, 'name'],
  ['user:rotate', "mfaCode '12345'", { name: 'dev-user', mfaCode: '12345' }, 'mfaCode'],
  ['user:rotate', 'a secret for the new key', { name: 'dev-user', secretAccessKey: SECRET }, 'secretAccessKey'],
  ['import:preview', 'a dry-run flag', { dryRun: false }, 'dryRun'],
  ['import:run', 'no removePlaintext', {}, 'removePlaintext'],
  ['import:run', 'dryRun', { removePlaintext: false, dryRun: true }, 'dryRun'],
  ['session:assume', "mfaCode '12345'", { name: 'admin', mfaCode: '12345' }, 'mfaCode'],
  ['session:assume', 'a duration out of range', { name: 'admin', duration: 60 }, 'duration'],
  ['session:stop', 'all: false', { all: false }, undefined],
  ['session:stop', 'a name and all', { name: 'admin', all: true }, undefined],
  ['session:copy-export', "format 'cmd'", { name: 'admin', format: 'cmd' }, 'format'],
  ['session:copy-export', "format 'json' (the CLI only)", { name: 'admin', format: 'json' }, 'format'],
  ['session:copy-export', 'no format', { name: 'admin' }, 'format'],
  ['console:open', 'no target', { name: 'admin' }, 'target'],
  ['console:open', "target 'terminal'", { name: 'admin', target: 'terminal' }, 'target'],
  ['console:open', 'a malformed region', { name: 'admin', target: 'browser', region: 'moon' }, 'region'],
  ['settings:update', 'an unknown setting', { theme: 'dark' }, 'theme'],
  ['settings:update', 'a refresh lead under 15 minutes', { refreshLeadMinutes: 5 }, 'refreshLeadMinutes'],
  ['settings:update', 'an unknown language', { language: 'fr' }, 'language'],
];

function stubHandlers(): Handlers {
  return {
    'app:info': vi.fn(() => ({ version: '0.1.0', platform: 'linux', locale: 'ja-JP' })),
    'catalog:list': vi.fn(async () => CATALOG),
    'sessions:list': vi.fn(async () => ({ sessions: [], needsMfaCode: [], takenAt: '2030-01-01T00:00:00.000Z', keychain: 'ready' as const })),
    'user:save': vi.fn(async (r) => ({ name: r.name })),
    'user:remove': vi.fn(async () => ({})),
    'role:save': vi.fn(async (r) => ({ ...r })),
    'role:remove': vi.fn(async () => ({})),
    'role:discover': vi.fn(async (r) => ({
      user: r.user ?? 'dev-user',
      userArn: 'arn:aws:iam::123456789012:user/dev-user',
      roles: [],
      notTrusting: 0,
      viaMfaSession: false,
      added: [],
      alreadyInCatalog: [],
      notices: [],
    })),
    'user:rotate': vi.fn(async (r) => ({ user: r.name, rotated: true, waitedForIam: false, viaMfaSession: false, notices: [] })),
    'import:preview': vi.fn(async () => ({ users: [], roles: [], skipped: [], plaintextRemoved: [], orphanedProfiles: [] })),
    'import:run': vi.fn(async () => ({ users: [], roles: [], skipped: [], plaintextRemoved: [], orphanedProfiles: [] })),
    'session:assume': vi.fn(async (r) => ({
      role: r.name,
      profile: r.name,
      assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/admin/dev-user',
      expiresAt: '2030-01-01T00:00:00.000Z',
      chain: ['dev-user', r.name],
      fromCache: false,
      notices: [],
    })),
    'session:stop': vi.fn(async () => ({ stopped: [], notices: [] })),
    'session:end-mfa': vi.fn(async (r) => ({ user: r.name, ended: true, rolesStillLive: [] })),
    'session:copy-export': vi.fn(async (r) => ({ role: r.name, format: r.format, expiresAt: '2030-01-01T00:00:00.000Z', notices: [] })),
    'console:open': vi.fn(async (r) => ({
      role: r.name,
      assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/admin/dev-user',
      consoleEndsAt: '2030-01-01T00:00:00.000Z',
      lastsFor: 'role-session' as const,
      destination: 'https://console.aws.amazon.com/console/home?region=us-east-1',
      notices: [],
    })),
    'assume:take-request': vi.fn(() => ({ role: 'admin', extend: false })),
    'settings:update': vi.fn(async () => CATALOG.settings),
  };
}

function setUp(overrides: Partial<Handlers> = {}) {
  const ipcMain = fakeIpcMain();
  const handlers: Handlers = { ...stubHandlers(), ...overrides };
  const onUnexpectedError = vi.fn();
  registerHandlers(ipcMain, handlers, { onUnexpectedError });
  const call = (channel: string, event: SenderEvent, payload?: unknown) => {
    const listener = ipcMain.handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, payload) as Promise<{ ok: boolean; data?: unknown; error?: Record<string, unknown> }>;
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
    for (const unknown of ['shell:exec', 'secrets:get', 'session:export', 'app:info ', 'APP:INFO']) {
      expect(ipcMain.handlers.has(unknown)).toBe(false);
    }
  });

  it.each(CHANNELS)('passes a valid %s payload to its handler and returns plain data', async (channel) => {
    const { call, handlers } = setUp();
    const result = await call(channel, OURS, VALID[channel]);
    expect(result).toMatchObject({ ok: true });
    expect(handlers[channel]).toHaveBeenCalledTimes(1);
    expect(structuredClone(result)).toEqual(result);
  });

  it('passes the parsed request (defaults applied) rather than the raw payload', async () => {
    const { call, handlers } = setUp();
    await call('role:save', OURS, { name: 'admin', roleArn: 'arn:aws:iam::123456789012:role/admin', source: 'dev-user' });
    expect(handlers['role:save']).toHaveBeenCalledWith({ name: 'admin', roleArn: 'arn:aws:iam::123456789012:role/admin', source: 'dev-user', direct: false });
  });

  const foreign: Array<[string, SenderEvent]> = [
    ['another origin', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a subframe', { senderFrame: { url: 'app://rolecall/index.html', parent: {} } }],
    ['a destroyed frame', { senderFrame: null }],
  ];
  it.each(CHANNELS)('refuses %s from a foreign sender without running the handler', async (channel) => {
    const { call, handlers } = setUp();
    for (const [, event] of foreign) {
      const result = await call(channel, event, VALID[channel]);
      expect(result).toEqual({ ok: false, error: { code: 'Refused', message: expect.stringMatching(/Refused/) } });
    }
    expect(handlers[channel]).not.toHaveBeenCalled();
  });

  it('uses the sender check it is given (main adds "our window")', async () => {
    const ipcMain = fakeIpcMain();
    const handlers = stubHandlers();
    registerHandlers(ipcMain, handlers, { isTrustedSender: () => false });
    const result = await ipcMain.handlers.get('catalog:list')?.(OURS, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'Refused' } });
    expect(handlers['catalog:list']).not.toHaveBeenCalled();
  });

  it.each(MALFORMED)('refuses %s with %s: code InvalidRequest, the field named', async (channel, _label, payload, field) => {
    const { call, handlers } = setUp();
    const result = await call(channel, OURS, payload);
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ code: 'InvalidRequest', message: expect.stringMatching(new RegExp(`^Invalid request for ${channel}: .+`)) });
    expect(result.error?.field).toBe(field);
    expect(handlers[channel]).not.toHaveBeenCalled();
  });

  it('never echoes a refused secret in the error', async () => {
    const { call } = setUp();
    const result = await call('user:save', OURS, { name: 'dev-user', accessKeyId: 'AKIAROLECALLDEV00001', secretAccessKey: `${SECRET}!` });
    expect(result.error?.field).toBe('secretAccessKey');
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('returns a RolecallError as its code, message and hint', async () => {
    const { call } = setUp({
      'catalog:list': async () => {
        throw new RolecallError('The OS keychain is not reachable.', 'Unlock your keychain.', 'KeychainUnavailable');
      },
    });
    await expect(call('catalog:list', OURS, {})).resolves.toEqual({
      ok: false,
      error: { code: 'KeychainUnavailable', message: 'The OS keychain is not reachable.', hint: 'Unlock your keychain.' },
    });
  });

  it('names the user whose device must give the code for MfaCodeRequired', async () => {
    const { call } = setUp({
      'session:assume': async () => {
        throw new MfaCodeRequiredError('dev-user', 'Starting an MFA session for dev-user');
      },
    });
    const result = await call('session:assume', OURS, { name: 'admin' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'MfaCodeRequired', user: 'dev-user', message: expect.stringContaining("'dev-user'"), hint: expect.any(String) },
    });
  });

  it("names the refused field of core's InvalidInput and SecretRequired", async () => {
    const { call } = setUp({
      'user:save': async () => {
        throw new InvalidInputError('The access key id changed.', 'secretAccessKey', 'Enter its secret.', 'SecretRequired');
      },
      'role:save': async () => {
        throw new InvalidInputError('Invalid role: duration: must be at least 900 seconds.', 'duration');
      },
    });
    await expect(call('user:save', OURS, { name: 'dev-user', accessKeyId: 'AKIAROLECALLDEV00002' })).resolves.toEqual({
      ok: false,
      error: { code: 'SecretRequired', message: 'The access key id changed.', hint: 'Enter its secret.', field: 'secretAccessKey' },
    });
    await expect(call('role:save', OURS, VALID['role:save'])).resolves.toMatchObject({ ok: false, error: { code: 'InvalidInput', field: 'duration' } });
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
    expect(result).toEqual({ ok: false, error: { code: 'Unexpected', message: expect.any(String), hint: expect.any(String) } });
    expect(onUnexpectedError).toHaveBeenCalledWith('catalog:list', boom);
  });
});
