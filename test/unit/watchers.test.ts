// main/app/watchers.ts: turns writes by other processes (the CLI) to the catalog or the credentials
// file into events, including when their folder does not exist yet or is removed and comes back.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchCatalog, watchFileIn, type Watcher } from '../../main/app/watchers';

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
  const writeCatalog = (text: string, into = dir) => {
    const temp = join(into, `.catalog.json.${Math.random().toString(16).slice(2)}.tmp`);
    writeFileSync(temp, text);
    renameSync(temp, join(into, 'catalog.json'));
  };
  /**
   * The event that stands for "the watcher under test has caught up": a second watcher, made now
   * on `folder` and debounced as long, reports a file written there after everything the test
   * did. Events reach watchers in the order they happened (one inotify queue), the one under
   * test first, and its debounce started first: by then it has heard of all of it, re-attached
   * where it follows a folder, and reported what it reports. No fixed sleep.
   */
  const heardAllIn = (folder: string, debounceMs: number) =>
    new Promise<void>((resolve) => {
      const name = `.heard-${Math.random().toString(16).slice(2)}`;
      const sentinel = watchFileIn(
        folder,
        name,
        () => {
          sentinel.close();
          resolve();
        },
        { debounceMs },
      );
      writeFileSync(join(folder, name), '');
    });

  it('reports a burst of catalog writes once, after it settles', async () => {
    const onChange = vi.fn();
    watcher = watchCatalog(dir, onChange, { debounceMs: 100 });
    writeCatalog('{"version":1}');
    writeCatalog('{"version":1,"users":[]}');
    writeCatalog('{"version":1,"users":[],"roles":[]}');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1), { timeout: 2000 });
    await heardAllIn(dir, 100);
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
    await heardAllIn(dir, 50);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('stops reporting once closed, including a change still being debounced', async () => {
    const onChange = vi.fn();
    watcher = watchCatalog(dir, onChange, { debounceMs: 100 });
    writeCatalog('{"version":1}');
    await heardAllIn(dir, 0); // the write is heard, its report still debounced
    watcher.close();
    writeCatalog('{"version":1}');
    await heardAllIn(dir, 100);
    expect(onChange).not.toHaveBeenCalled();
    expect(() => watcher?.close()).not.toThrow();
  });

  it('waits for a missing folder (two levels deep) and reports the first write the CLI makes in it', async () => {
    const inner = join(dir, '.config', 'Rolecall');
    const onChange = vi.fn();
    watcher = watchCatalog(inner, onChange, { debounceMs: 50 });
    await heardAllIn(dir, 50);
    expect(onChange).not.toHaveBeenCalled();
    // As the CLI's first write does it: mkdir -p, then the atomic write.
    mkdirSync(inner, { recursive: true });
    writeCatalog('{"version":1}', inner);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1), { timeout: 2000 });
    writeCatalog('{"version":1,"users":[]}', inner);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(2), { timeout: 2000 });
  });

  it('reports a write into a folder created empty first, one step at a time', async () => {
    const inner = join(dir, '.config', 'Rolecall');
    const onChange = vi.fn();
    watcher = watchCatalog(inner, onChange, { debounceMs: 50 });
    mkdirSync(join(dir, '.config'));
    await heardAllIn(join(dir, '.config'), 50);
    mkdirSync(inner);
    await heardAllIn(inner, 50);
    expect(onChange).not.toHaveBeenCalled();
    writeCatalog('{"version":1}', inner);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1), { timeout: 2000 });
  });

  it('ignores other folders appearing beside the missing one', async () => {
    const onChange = vi.fn();
    watcher = watchCatalog(join(dir, 'Rolecall'), onChange, { debounceMs: 50 });
    mkdirSync(join(dir, 'Other'));
    writeFileSync(join(dir, 'Other', 'catalog.json'), '{}');
    writeFileSync(join(dir, 'catalog.json'), '{}');
    await heardAllIn(dir, 50);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('follows the folder when it is removed and created again', async () => {
    const inner = join(dir, 'Rolecall');
    mkdirSync(inner);
    const onChange = vi.fn();
    watcher = watchFileIn(inner, 'catalog.json', onChange, { debounceMs: 50 });
    rmSync(inner, { recursive: true });
    await heardAllIn(dir, 50);
    onChange.mockClear();
    mkdirSync(inner);
    await heardAllIn(inner, 50);
    writeCatalog('{"version":1}', inner);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1), { timeout: 2000 });
  });

  it('follows the folder when it is removed and created again at once (ext4 gives the new one the same inode)', async () => {
    const inner = join(dir, 'Rolecall');
    mkdirSync(inner);
    const onChange = vi.fn();
    watcher = watchFileIn(inner, 'catalog.json', onChange, { debounceMs: 50 });
    // Before the watcher hears of the removal: the new folder is there by the time it looks.
    rmSync(inner, { recursive: true });
    mkdirSync(inner);
    await heardAllIn(inner, 50);
    onChange.mockClear();
    writeCatalog('{"version":1}', inner);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1), { timeout: 2000 });
    writeCatalog('{"version":1,"users":[]}', inner);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(2), { timeout: 2000 });
  });

  it('keeps following a folder replaced at once while it waited for it', async () => {
    const inner = join(dir, 'Rolecall');
    const onChange = vi.fn();
    watcher = watchFileIn(inner, 'catalog.json', onChange, { debounceMs: 50 });
    mkdirSync(inner);
    await heardAllIn(inner, 50);
    rmSync(inner, { recursive: true });
    mkdirSync(inner);
    await heardAllIn(inner, 50);
    onChange.mockClear();
    writeCatalog('{"version":1}', inner);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1), { timeout: 2000 });
  });

  it('says nothing once closed while it waits for a missing folder', async () => {
    const inner = join(dir, 'Rolecall');
    const onChange = vi.fn();
    watcher = watchCatalog(inner, onChange, { debounceMs: 50 });
    watcher.close();
    mkdirSync(inner);
    writeCatalog('{"version":1}', inner);
    await heardAllIn(inner, 50);
    expect(onChange).not.toHaveBeenCalled();
  });
});
