// main/app/handlers.ts on a core whose keychain and AWS are not needed (or are faked): what the
// handler table itself decides, beyond what the integration walk covers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../common/contract';
import { CatalogStore } from '../../main/core/catalog/store';
import type { Core } from '../../main/core/core';
import { createHandlers, type HandlerDeps } from '../../main/app/handlers';
import { runQuitCleanup } from '../../main/app/quit-cleanup';

// AWS is not asked here: the key check answers as it does when STS cannot be reached.
vi.mock('../../main/core/sts/verify-key', () => ({ verifyLongTermKey: vi.fn(async () => ({ unverifiedBecause: 'AWS STS was not reachable' })) }));

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rolecall-handlers-'));
  env = {
    ROLECALL_CONFIG_DIR: join(dir, 'Rolecall'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, '.aws', 'credentials'),
    AWS_CONFIG_FILE: join(dir, '.aws', 'config'),
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A core with a real catalog in a temp folder and an empty keychain. */
function fakeCore(overrides: Partial<Core> = {}): Core {
  return {
    env,
    now: Date.now,
    catalog: new CatalogStore(env),
    secrets: { allSessions: async () => ({ mfa: [], roles: [], rotationsInterrupted: [] }), accounts: async () => [] } as unknown as Core['secrets'],
    engine: {} as Core['engine'],
    ...overrides,
  };
}

function handlers(overrides: Partial<HandlerDeps> = {}, core = fakeCore()) {
  return createHandlers({
    core: () => core,
    version: 'test',
    platform: 'linux',
    locale: 'en-US',
    writeClipboard: vi.fn(),
    publish: vi.fn(),
    ...overrides,
  });
}

describe('mutations and their events', () => {
  it('a committed change is answered as done even when its event cannot be published', async () => {
    const publish = vi.fn((_event: AppEvent) => {
      throw new Error('window gone');
    });
    const table = handlers({ publish });
    await expect(table['settings:update']({ language: 'ja' })).resolves.toMatchObject({ language: 'ja' });
    expect(publish).toHaveBeenCalledWith({ type: 'catalog:changed' });
    expect(new CatalogStore(env).load().settings.language).toBe('ja');
  });

  it('a refused change keeps its own error when the event fails too', async () => {
    const table = handlers({
      publish: () => {
        throw new Error('window gone');
      },
    });
    await expect(table['role:remove']({ name: 'ghost' })).rejects.toMatchObject({ code: 'UnknownRole' });
  });
});

describe('sessions:list', () => {
  it('stamps takenAt with the instant the states were computed for, not a later reading of the clock', async () => {
    let tick = Date.parse('2030-01-01T00:00:00.000Z');
    // Every reading of the clock is a second later than the one before.
    const now = vi.fn(() => (tick += 1000));
    const table = handlers({}, fakeCore({ now }));
    const view = await table['sessions:list']({});
    expect(now).toHaveBeenCalledTimes(1);
    expect(view.takenAt).toBe('2030-01-01T00:00:01.000Z');
  });
});

describe('user:save', () => {
  it('says why the new key could not be checked, and never sends the secret back', async () => {
    const kept = new Map<string, string>();
    const secrets = {
      getUserKey: async (user: string) => kept.get(user) ?? null,
      setUserKey: async (user: string, secret: string) => void kept.set(user, secret),
      delete: async () => true,
    } as unknown as Core['secrets'];
    const table = handlers({}, fakeCore({ secrets }));
    const secretAccessKey = 'j7qi6yQHXEXG68BfPM4761ixdwPIwX8uf/G21PRE';
    const saved = await table['user:save']({ name: 'dev-user', accessKeyId: 'AKIAROLECALLDEV00001', secretAccessKey });
    expect(saved).toEqual({ name: 'dev-user', unverifiedBecause: 'AWS STS was not reachable' });
    expect(kept.get('dev-user')).toBe(secretAccessKey);
  });
});

/**
 * A catalog whose writes wait until the test calls open(): a change held "running". `held`
 * resolves once a write is waiting at the gate.
 */
function gatedCatalog(): { catalog: CatalogStore; open: () => void; held: Promise<void> } {
  let open: () => void = () => undefined;
  let reached: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const held = new Promise<void>((resolve) => (reached = resolve));
  const catalog = new CatalogStore(env);
  const update = catalog.update.bind(catalog);
  catalog.update = async (change) => {
    reached();
    await gate;
    return update(change);
  };
  return { catalog, open, held };
}

/** Lets every promise already settled run its callbacks (a wrong early resolve would show). */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('whenIdle', () => {
  it('resolves at once with nothing running, and only once every running change has finished', async () => {
    const { catalog: slowCatalog, open, held } = gatedCatalog();
    const table = handlers({}, fakeCore({ catalog: slowCatalog }));
    await expect(table.whenIdle()).resolves.toBeUndefined();

    const saving = table['settings:update']({ language: 'ja' });
    const refused = table['role:remove']({ name: 'ghost' }).catch(() => 'refused');
    let idle = false;
    void table.whenIdle().then(() => (idle = true));
    await held;
    await settled();
    expect(idle).toBe(false);
    open();
    await saving;
    expect(await refused).toBe('refused');
    await vi.waitFor(() => expect(idle).toBe(true));
    await expect(table.whenIdle()).resolves.toBeUndefined();
  });
});

describe('beginQuit', () => {
  const QUITTING = { code: 'Quitting', message: 'Rolecall is quitting: the change was not made.' };
  /** What a call was refused with, or its answer when it was not. */
  async function refusal(call: () => unknown): Promise<unknown> {
    try {
      return await call();
    } catch (error) {
      return error;
    }
  }

  it('refuses every change from then on, changing and announcing nothing; reads still answer', async () => {
    const publish = vi.fn();
    const writeClipboard = vi.fn();
    const table = handlers({ publish, writeClipboard });
    table.beginQuit();
    const refused = await Promise.all([
      refusal(() => table['user:save']({ name: 'dev-user', accessKeyId: 'AKIAROLECALLDEV00001', secretAccessKey: 'j7qi6yQHXEXG68BfPM4761ixdwPIwX8uf/G21PRE' })),
      refusal(() => table['user:remove']({ name: 'dev-user' })),
      refusal(() => table['role:save']({ name: 'admin', roleArn: 'arn:aws:iam::123456789012:role/admin', source: 'dev-user', direct: false })),
      refusal(() => table['role:remove']({ name: 'admin' })),
      refusal(() => table['import:run']({ removePlaintext: false })),
      refusal(() => table['session:assume']({ name: 'admin' })),
      refusal(() => table['session:stop']({ all: true })),
      refusal(() => table['session:copy-export']({ name: 'admin', format: 'bash' })),
      refusal(() => table['settings:update']({ language: 'ja' })),
    ]);
    for (const error of refused) expect(error).toMatchObject(QUITTING);
    expect(publish).not.toHaveBeenCalled();
    expect(writeClipboard).not.toHaveBeenCalled();
    expect(new CatalogStore(env).load().settings.language).not.toBe('ja');

    await expect(table['app:info']({})).resolves.toMatchObject({ version: 'test' });
    await expect(table['catalog:list']({})).resolves.toMatchObject({ users: [], roles: [] });
    await expect(table['sessions:list']({})).resolves.toMatchObject({ sessions: [] });
    await expect(table['import:preview']({})).resolves.toMatchObject({ users: [] });
    await expect(table.whenIdle()).resolves.toBeUndefined();
  });

  it('lets a change already running finish, and whenIdle still waits for it', async () => {
    const { catalog: slowCatalog, open, held } = gatedCatalog();
    const table = handlers({}, fakeCore({ catalog: slowCatalog }));
    const saving = table['settings:update']({ language: 'ja' });
    table.beginQuit();
    let idle = false;
    void table.whenIdle().then(() => (idle = true));
    await held;
    await settled();
    expect(idle).toBe(false);
    open();
    await expect(saving).resolves.toMatchObject({ language: 'ja' });
    await vi.waitFor(() => expect(idle).toBe(true));
  });

  it('closes the gap quitting used to leave: nothing starts between the wait for idle and clearing the profiles', async () => {
    const table = handlers();
    const during: unknown[] = [];
    await runQuitCleanup({
      beginQuit: () => table.beginQuit(),
      whenIdle: () => table.whenIdle(),
      clearProfiles: async () => {
        // The window asks for a change while the profiles are being read and cleared.
        during.push(await refusal(() => table['settings:update']({ language: 'ja' })));
        return { removed: [], failed: [] };
      },
      clearClipboard: () => undefined,
      log: () => undefined,
    });
    expect(during).toEqual([expect.objectContaining(QUITTING)]);
    expect(new CatalogStore(env).load().settings.language).not.toBe('ja');
  });
});
