// TEST-ONLY hooks. Every variable is read once, at load; without them (every real run) `fsStep` is
// an empty function and `lockWaitCapMs` and `pinnedNow` are undefined, and nothing else can arm them.
//
// - ROLECALL_TEST_KILL_AT_STEP=<n>: the n-th file-system step of the write and lock paths (each
//   call of fsStep: mkdir of a lock, write of its holder, open/write/fsync/rename of a temp file,
//   removal of a lock…) kills this process with SIGKILL, as `kill -9` or a power cut would there.
// - ROLECALL_TEST_LOCK_WAIT_MS=<ms>: no lock is waited for longer than that, so a run that would
//   wait out a dead process's lock (rather than break it at once) fails instead.
// - ROLECALL_TEST_NOW=<ISO 8601 instant>: the CLI's clock stands still at that instant (what it
//   judges expiry by and prints times against), so a test of "until 11:24 (59 min left)" passes at
//   any hour. The zone is the process's own, which a test pins with TZ.
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

/** The longest any lock may be waited for, in tests only (see above). */
export const lockWaitCapMs: number | undefined = readNumber('ROLECALL_TEST_LOCK_WAIT_MS');

const pinned = Date.parse(process.env.ROLECALL_TEST_NOW ?? '');
/** The instant the CLI's clock is pinned to, in tests only (see above). */
export const pinnedNow: number | undefined = Number.isNaN(pinned) ? undefined : pinned;
