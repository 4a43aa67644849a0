// Loads the real preload with `electron` mocked and checks what it exposes: one frozen
// `rolecall` object whose invoke refuses unknown channels before IPC and whose onEvent strips the
// IpcRendererEvent.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENT_CHANNEL, type RolecallApi } from '../../common/contract';
import { requireInCi } from '../support/run';

const BUILT_PRELOAD = resolve('out/preload/index.cjs');
const built = existsSync(BUILT_PRELOAD);
if (!built) requireInCi(`${BUILT_PRELOAD} (npm run build)`);

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string) => ({ ok: true, data: { channel } })),
      on: vi.fn(),
      removeListener: vi.fn(),
      send: vi.fn(),
      sendSync: vi.fn(),
    },
  };
});

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

let api: RolecallApi;

beforeAll(async () => {
  await import('../../preload/index');
  api = electron.exposed.get('rolecall') as RolecallApi;
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
  electron.ipcRenderer.on.mockClear();
  electron.ipcRenderer.removeListener.mockClear();
});

describe('preload', () => {
  it('exposes only `rolecall`, once', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...electron.exposed.keys()]).toEqual(['rolecall']);
  });

  it('exposes a frozen object with just invoke and onEvent (no ipcRenderer, process or require)', () => {
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent']);
    expect(() => {
      (api as unknown as Record<string, unknown>).send = () => undefined;
    }).toThrow(TypeError);
  });

  it('forwards every contract channel to ipcRenderer.invoke', async () => {
    for (const channel of CHANNELS) {
      await expect(api.invoke(channel, {})).resolves.toEqual({ ok: true, data: { channel } });
      expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(channel, {});
    }
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(CHANNELS.length);
  });

  it.each(['secrets:get', 'ELECTRON_BROWSER_REQUIRE', '', 'app:info ', 'catalog:list\0'])('refuses the channel %j before it reaches ipcRenderer', async (channel) => {
    const result = await (api.invoke as (c: unknown, r: unknown) => Promise<unknown>)(channel, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UnknownChannel', message: expect.stringMatching(/Unknown channel/) } });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('refuses a channel that is not a string', async () => {
    const invoke = api.invoke as (c: unknown, r: unknown) => Promise<unknown>;
    for (const channel of [undefined, null, 42, { toString: () => 'app:info' }]) {
      await expect(invoke(channel, {})).resolves.toMatchObject({ ok: false, error: { code: 'UnknownChannel' } });
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('onEvent passes the payload only, and its unsubscribe removes the same listener', () => {
    const listener = vi.fn();
    const unsubscribe = api.onEvent(listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls[0] as unknown as [string, (...args: unknown[]) => void];
    expect(channel).toBe(EVENT_CHANNEL);

    const ipcEvent = { sender: { send: vi.fn() }, senderId: 0, ports: [] };
    forward(ipcEvent, { type: 'catalog:changed' });
    expect(listener).toHaveBeenCalledWith({ type: 'catalog:changed' });
    expect(listener.mock.calls[0]).toHaveLength(1);

    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(EVENT_CHANNEL, forward);
  });

  it('imports only electron and the contract', () => {
    const source = readFileSync(resolve('preload/index.ts'), 'utf8');
    const imports = [...source.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)].map((m) => `${m[1] ? 'type ' : ''}${m[2]}`);
    expect(imports.sort()).toEqual(['../common/contract', 'electron']);
    expect(source).not.toMatch(/\brequire\(|\bprocess\./);
  });

  // A sandboxed preload can require only 'electron' (and a few polyfills): the contract must be
  // bundled into it, never required at run time.
  it.skipIf(!built)('is built as one CommonJS file that requires only electron', () => {
    const source = readFileSync(BUILT_PRELOAD, 'utf8');
    expect([...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(source).toContain('session:copy-export');
  });
});
