// The one lock every writer of ~/.aws/credentials and ~/.aws/config takes (the file helpers'
// withFileLock, placed beside the credentials file and named for the person).
import { type LockRetries, withFileLock } from '../files/lock';
import { AWS_FILES_LOCK_WHAT, AwsFilesLockedError } from './errors';
import type { AwsFilePaths } from './paths';

export interface AwsFilesLockOptions {
  /** Overrides the wait (tests use 0 to see the locked error at once). */
  retries?: LockRetries;
  /** Total wait for another process, as in FileLockOptions. */
  waitMs?: number;
  /**
   * The file the lock sits next to: the credentials file, unless that is a device (/dev/null):
   * then the config file, so no lock is ever made in /dev.
   */
  besides?: string;
}

export function lockPathFor(paths: AwsFilePaths, besides: string = paths.credentials): string {
  return `${besides}.rolecall.lock`;
}

export function withAwsFilesLock<T>(paths: AwsFilePaths, fn: () => Promise<T>, options: AwsFilesLockOptions = {}): Promise<T> {
  const besides = options.besides ?? paths.credentials;
  const lockOptions = { ...options, lockfilePath: lockPathFor(paths, besides), what: AWS_FILES_LOCK_WHAT };
  return withFileLock(besides, fn, { ...lockOptions, lockedError: (lockPath, holder) => new AwsFilesLockedError(lockPath, holder) });
}
