import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileLockedError, withFileLock, writeFileAtomic } from '../../main/core/aws-files';
import { HOST_TAG } from '../../main/core/files/owned-temp';
import { CatalogStore } from '../../main/core/catalog/store';

// A lock names its holder (pid and host): a dead holder's lock is taken over at once, a live
// one's is waited for, and what a killed process leaves next to a file is removed by the next run.
// `retries: 0` makes any wait a failure, so "taken over at once" needs no clock.

let home: string;
let lockPath: string;
const target = () => path.join(home, 'catalog.json');

beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'rolecall-lock-holder-'));
  lockPath = path.join(home, 'catalog.json.lock');
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** The pid of a process that has already exited (not reused this soon). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** A process that runs until the test ends. */
function liveProcess(): { pid: number; stop: () => void } {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => child.kill('SIGKILL') };
}

function leaveLock(holder?: { pid: number; host: string }): void {
  mkdirSync(lockPath);
  if (holder) writeFileSync(path.join(lockPath, 'holder.json'), JSON.stringify(holder));
}

const options = (onWait?: () => void) => ({ lockfilePath: lockPath, what: 'the catalog', retries: 0, onWait });

describe('locks that name their holder', () => {
  it('a lock whose holder died on this host is taken over at once, without waiting', async () => {
    leaveLock({ pid: deadPid(), host: HOST_TAG });
    let waited = false;
    expect(
      await withFileLock(
        target(),
        async () => 'mine',
        options(() => (waited = true)),
      ),
    ).toBe('mine');
    expect(waited).toBe(false);
    expect(existsSync(lockPath)).toBe(false);
    expect(readdirSync(home)).toEqual([]);
  });

  it('a live holder keeps its lock, and the refusal names it', async () => {
    const holder = liveProcess();
    try {
      leaveLock({ pid: holder.pid, host: HOST_TAG });
      const error = await withFileLock(target(), async () => 1, options()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileLockedError);
      expect((error as Error).message).toBe(`Another Rolecall process (pid ${holder.pid}) is holding the lock on the catalog (${lockPath}).`);
      expect((error as FileLockedError).hint).toBe(`Try again when it is done; if it hangs, end it (kill ${holder.pid}): its lock is then taken over at once.`);
      expect(existsSync(path.join(lockPath, 'holder.json'))).toBe(true);
    } finally {
      holder.stop();
    }
  });

  it("another host's lock is never broken for its pid", async () => {
    leaveLock({ pid: deadPid(), host: 'ffffffff' });
    const error = await withFileLock(target(), async () => 1, options()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^Another Rolecall process \(pid \d+ on another computer\) is holding the lock/);
    expect(existsSync(lockPath)).toBe(true);
  });

  it('a lock without a holder (an older Rolecall) is taken over only once stale', async () => {
    leaveLock();
    await expect(withFileLock(target(), async () => 1, options())).rejects.toBeInstanceOf(FileLockedError);
    const longAgo = new Date('2020-01-01T00:00:00Z');
    utimesSync(lockPath, longAgo, longAgo);
    expect(await withFileLock(target(), async () => 'stale one taken', options())).toBe('stale one taken');
    expect(existsSync(lockPath)).toBe(false);
  });

  it('a held lock records this process as its holder', async () => {
    const seen = await withFileLock(target(), async () => readdirSync(lockPath), options());
    expect(seen).toEqual(['holder.json']);
  });
});

describe('what a killed process left next to a file', () => {
  it("a dead process's temp files go on the next write; a live process's and another host's stay", async () => {
    const live = liveProcess();
    try {
      const dead = deadPid();
      const residue = {
        dead: `.catalog.json.${dead}@${HOST_TAG}.0a1b2c3d4e5f.tmp`,
        deadLock: `.catalog.json.lock.${dead}@${HOST_TAG}.0a1b2c3d4e5f.tmp`,
        live: `.catalog.json.${live.pid}@${HOST_TAG}.0a1b2c3d4e5f.tmp`,
        elsewhere: `.catalog.json.${dead}@ffffffff.0a1b2c3d4e5f.tmp`,
        unrelated: 'notes.txt',
      };
      for (const name of Object.values(residue)) writeFileSync(path.join(home, name), 'aws_secret_access_key = x\n');
      await writeFileAtomic(target(), '{}\n');
      // Its lock's residue too (a lock half made, or renamed aside to be removed).
      expect(readdirSync(home).sort()).toEqual(['catalog.json', residue.elsewhere, residue.live, residue.unrelated].sort());
      // And the lock's own residue goes when the lock is next taken.
      writeFileSync(path.join(home, residue.deadLock), '{}');
      await withFileLock(target(), async () => undefined, options());
      expect(readdirSync(home)).not.toContain(residue.deadLock);
    } finally {
      live.stop();
    }
  });

  it('an unowned temp file of an earlier Rolecall goes once it is a minute old', async () => {
    const old = '.catalog.json.0a1b2c3d4e5f.tmp';
    const fresh = '.catalog.json.f5e4d3c2b1a0.tmp';
    for (const name of [old, fresh]) writeFileSync(path.join(home, name), 'aws_secret_access_key = x\n');
    const longAgo = new Date('2020-01-01T00:00:00Z');
    utimesSync(path.join(home, old), longAgo, longAgo);
    await writeFileAtomic(target(), '{}\n');
    expect(readdirSync(home).sort()).toEqual([fresh, 'catalog.json'].sort());
  });

  it("the catalog's first load removes a dead writer's temp file", () => {
    const env = { HOME: home, ROLECALL_CONFIG_DIR: home };
    const residue = `.catalog.json.${deadPid()}@${HOST_TAG}.0a1b2c3d4e5f.tmp`;
    writeFileSync(path.join(home, residue), '{"version":');
    new CatalogStore(env).load();
    expect(readdirSync(home)).toEqual([]);
  });
});
