// The file helpers every writer of a shared file uses: the shared AWS files and the catalog alike.
// Atomic replacement of regular files only, cross-process locks a dead holder cannot keep, and
// temp files named for their process so the next run sweeps what a crash left.
export * from './errors';
export { displayPath } from './display-path';
export { writeFileAtomic, readTextIfExists, ensureDirectory } from './atomic-write';
export { withFileLock, retriesForWait, type FileLockOptions, type LockRetries, type RetryPolicy } from './lock';
export { sweepOnce } from './owned-temp';
