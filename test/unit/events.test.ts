// main/events.ts: the one publisher that pushes events to the window, and the watcher that turns
// catalog writes by other processes (the CLI) into events.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, type AppEvent } from '../../preload/contract';
import { createPublisher, watchCatalog, watchFileIn, type Watcher } from '../../main/events';

function fakeContents(destroyed = false) {
  return { isDestroyed: vi.fn(() => destroyed), send: vi.fn() };
}

describe('createPublisher', () => {
  it('sends each event to the live window on the event channel, as the bare AppEvent', () => {
    const contents = fakeContents();
    const publish = createPublisher(() => contents);
    publish({ type: 'catalog:changed' });
    publish({ type: 'sessions:changed' });
    expect(contents.send.mock.calls).toEqual([
      [EVENT_CHANNEL, { type: 'catalog:changed' }],
      [EVENT_CHANNEL, { type: 'sessions:changed' }],
    ]);
  });

  it('sends nothing when there is no window, or it is destroyed', () => {
    const destroyed = fakeContents(true);
    createPublisher(() => destroyed)({ type: 'catalog:changed' });
    expect(destroyed.send).not.toHaveBeenCalled();
    expect(() => createPublisher(() => undefined)({ type: 'catalog:changed' })).not.toThrow();
  });

  it('asks for the window on every event, so a window opened again gets them', () => {
    const window: { contents?: ReturnType<typeof fakeContents> } = {};
    const publish = createPublisher(() => window.contents);
    publish({ type: 'sessions:changed' });
    window.contents = fakeContents();
    publish({ type: 'sessions:changed' });
    expect(window.contents.send).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['an unknown type', { type: 'secrets:changed' }],
    ['extra data', { type: 'sessions:changed', sessionToken: 'x' }],
    ['not an object', 'catalog:changed'],
  ])('refuses to send %s', (_label, event) => {
    const contents = fakeContents();
    expect(() => createPublisher(() => contents)(event as unknown as AppEvent)).toThrow();
    expect(contents.send).not.toHaveBeenCalled();
  });
});

describe('watchCatalog', () => {
  let dir: string;
  let watcher: Watcher | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rolecall-watch-'));
  });
  afterEach(() => {
    watcher?.close();
    watcher = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** An atomic write as the catalog store makes it: a temp file renamed onto catalog.json. */
  const writeCatalog = (text: string) => {
    const temp = join(dir, `.catalog.json.${Math.random().toString(16).slice(2)}.tmp`);
    writeFileSync(temp, text);
    renameSync(temp, join(dir, 'catalog.json'));
  };
  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('reports a burst of catalog writes once, after it settles', async () => {
    const onChange = vi.fn();
    watcher = watchCatalog(dir, onChange, { debounceMs: 100 });
    writeCatalog('{"version":1}');
    writeCatalog('{"version":1,"users":[]}');
    writeCatalog('{"version":1,"users":[],"roles":[]}');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1), { timeout: 2000 });
    await settle(300);
    expect(onChange).toHaveBeenCalledTimes(1);
    writeCatalog('{"version":1}');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(2), { timeout: 2000 });
  });

  it('ignores other files in the folder (lock folders, MFA locks, temp files)', async () => {
    const onChange = vi.fn();
    watcher = watchCatalog(dir, onChange, { debounceMs: 50 });
    mkdirSync(join(dir, 'catalog.json.lock'));
    writeFileSync(join(dir, 'mfa-dev-user.lock'), '');
    writeFileSync(join(dir, '.catalog.json.abc.tmp'), '{}');
    await settle(400);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('stops reporting once closed, including a change still being debounced', async () => {
    const onChange = vi.fn();
    watcher = watchCatalog(dir, onChange, { debounceMs: 100 });
    writeCatalog('{"version":1}');
    await settle(20);
    watcher.close();
    writeCatalog('{"version":1}');
    await settle(400);
    expect(onChange).not.toHaveBeenCalled();
    expect(() => watcher?.close()).not.toThrow();
  });

  it('does nothing, and does not throw, for a folder that is missing', async () => {
    const onChange = vi.fn();
    watcher = watchCatalog(join(dir, 'missing'), onChange);
    expect(() => watcher?.close()).not.toThrow();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('stops quietly when the folder is removed under it', async () => {
    const inner = join(dir, 'Rolecall');
    mkdirSync(inner);
    const onChange = vi.fn();
    watcher = watchFileIn(inner, 'catalog.json', onChange, { debounceMs: 50 });
    rmSync(inner, { recursive: true });
    await settle(200);
    expect(() => watcher?.close()).not.toThrow();
  });
});
