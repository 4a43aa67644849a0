// main/handlers.ts on a core whose keychain and AWS are not needed (or are faked): what the
// handler table itself decides, beyond what the integration walk covers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent } from '../../preload/contract';
import { CatalogStore } from '../../main/core/catalog/store';
import type { Core } from '../../main/core/core';
import { createHandlers, type HandlerDeps } from '../../main/handlers';

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
    secrets: { allSessions: async () => ({ mfa: [], roles: [] }) } as unknown as Core['secrets'],
    engine: {} as Core['engine'],
    ...overrides,
  };
}

function handlers(overrides: Partial<HandlerDeps> = {}) {
  const core = fakeCore();
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

  it("a refused change keeps its own error when the event fails too", async () => {
    const table = handlers({
      publish: () => {
        throw new Error('window gone');
      },
    });
    await expect(table['role:remove']({ name: 'ghost' })).rejects.toMatchObject({ code: 'UnknownRole' });
  });
});
