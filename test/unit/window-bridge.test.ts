// test/support/window-bridge.ts with a stand-in Playwright page: the bridge the e2e walk relies on
// behaves as Electron's transport does. Events reach the page through main's checked publisher,
// and a channel main has no handler for rejects the page's invoke instead of resolving.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type * as Events from '../../main/app/events';
import { createPublisher } from '../../main/app/events';
import { createWindowBridge } from '../support/window-bridge';

vi.mock('../../main/app/events', async (importOriginal) => {
  const actual = await importOriginal<typeof Events>();
  return { ...actual, createPublisher: vi.fn(actual.createPublisher) };
});

type Binding = (source: { frame: unknown }, channel: unknown, payload: unknown) => Promise<unknown>;

function fakePage() {
  let binding: Binding | undefined;
  const evaluate = vi.fn(async () => undefined);
  const page = {
    once: vi.fn(),
    exposeBinding: vi.fn(async (_name: string, callback: Binding) => void (binding = callback)),
    addInitScript: vi.fn(async () => undefined),
    evaluate,
  };
  const frame = { url: () => 'http://127.0.0.1:5555/index.html', parentFrame: () => null };
  return {
    page: page as unknown as Page,
    evaluate,
    invoke: (channel: string, payload: unknown) => binding!({ frame }, channel, payload),
  };
}

const home = mkdtempSync(join(tmpdir(), 'rolecall-bridge-'));
const env = {
  ROLECALL_CONFIG_DIR: join(home, 'Rolecall'),
  AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
  AWS_CONFIG_FILE: join(home, '.aws', 'config'),
};
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('the test window bridge', () => {
  it("pushes a mutation's events into the page, as main's publisher sends them", async () => {
    const bridge = createWindowBridge(env);
    expect(createPublisher).toHaveBeenCalledTimes(1);
    const { page, evaluate, invoke } = fakePage();
    await bridge.attach(page);
    const result = await invoke('settings:update', { language: 'ja' });
    expect(result).toMatchObject({ ok: true, data: { language: 'ja' } });
    expect(evaluate.mock.calls.map((call) => (call as unknown[])[1])).toEqual([{ type: 'catalog:changed' }]);
    expect(bridge.toPage).toContain(JSON.stringify({ type: 'catalog:changed' }));
  });

  it('rejects the page’s invoke for a channel main has no handler for', async () => {
    const bridge = createWindowBridge(env);
    const { page, invoke } = fakePage();
    await bridge.attach(page);
    await expect(invoke('secrets:dump', {})).rejects.toThrow("No handler registered for 'secrets:dump'");
    expect(bridge.fromPage).toEqual([['secrets:dump', {}]]);
  });
});
