// TEST-ONLY hooks. Every variable is read once, at load; without them (every real run) `fsStep` is
// an empty function, `lockWaitCapMs`, `consoleGraceMs` and `testClock` are undefined, and nothing
// else can arm them.
//
// - ROLECALL_TEST_KILL_AT_STEP=<n>: the n-th file-system step of the write and lock paths (each
//   call of fsStep: mkdir of a lock, write of its holder, open/write/fsync/rename of a temp file,
//   removal of a lock…) kills this process with SIGKILL, as `kill -9` or a power cut would there.
//   A key rotation (key-rotation/rotate.ts) counts its own steps with it too: the journal written,
//   the key IAM made, the new secret stored, the switch, the old key deactivated and deleted.
// - ROLECALL_TEST_INSTANT_PAUSES=1: the pauses between tries of a new access key (IAM takes seconds
//   to accept one) take no time, so a test of the wait does not wait; the tries are the same.
// - ROLECALL_TEST_LOCK_WAIT_MS=<ms>: no lock is waited for longer than that, so a run that would
//   wait out a dead process's lock (rather than break it at once) fails instead.
// The clock, one of two ways (the CLI's core and what it prints go by it):
// - ROLECALL_TEST_NOW=<ISO 8601 instant>: it stands still at that instant, so a test of "until
//   11:24 (59 min left)" passes at any hour. The zone is the process's own, which a test pins with TZ.
// - ROLECALL_TEST_CLOCK_FILE=<file>: real time plus the milliseconds the file holds, read on every
//   reading, so a test moves a running `rolecall exec --server` through hours of session time
//   together with the STS test server's clock (credential-endpoint test).
import { readFileSync } from 'node:fs';

const readNumber = (name: string): number | undefined => {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
};

const killAt = readNumber('ROLECALL_TEST_KILL_AT_STEP');
let steps = 0;

/** Marks one file-system step as about to happen (see above). */
export const fsStep: () => void =
  killAt !== undefined && killAt > 0
    ? () => {
        if (++steps === killAt) process.kill(process.pid, 'SIGKILL');
      }
    : () => undefined;

/** Waits `ms`, or not at all in tests that ask so (see above). */
export const pause: (ms: number) => Promise<void> =
  process.env.ROLECALL_TEST_INSTANT_PAUSES === '1' ? () => Promise.resolve() : (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The longest any lock may be waited for, in tests only (see above). */
export const lockWaitCapMs: number | undefined = readNumber('ROLECALL_TEST_LOCK_WAIT_MS');

/**
 * ROLECALL_TEST_CONSOLE_GRACE_MS=<ms>: how long `rolecall console` keeps its redirect page for the
 * browser (REDIRECT_FILE_GRACE_MS otherwise), so a test's fake opener does not wait 15 s.
 */
export const consoleGraceMs: number | undefined = readNumber('ROLECALL_TEST_CONSOLE_GRACE_MS');

const pinned = Date.parse(process.env.ROLECALL_TEST_NOW ?? '');
const clockFile = process.env.ROLECALL_TEST_CLOCK_FILE;

/** The clock a test set (see above), or undefined: the real one. */
export const testClock: (() => number) | undefined = !Number.isNaN(pinned)
  ? () => pinned
  : clockFile
    ? () => {
        const offset = Number(readFileSync(clockFile, 'utf8').trim());
        return Date.now() + (Number.isFinite(offset) ? offset : 0);
      }
    : undefined;
