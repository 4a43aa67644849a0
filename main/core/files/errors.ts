// Errors of the file helpers (atomic writes, locks), in the project's style: `message` says what
// is wrong, `hint` what to do (the CLI prints both; see main/cli/output.ts). The shared AWS files
// and the catalog raise them alike.
import type { ErrorCode } from '../../../common/error-codes';
import path from 'node:path';
import { RolecallError } from '../errors';
import { displayPath } from './display-path';

/** What a file operation was doing when the OS refused it; worded into the message. */
export type FileAction = 'read' | 'write' | 'lock';

export interface FileErrorContext {
  /** The environment variable that chose the file (AWS_SHARED_CREDENTIALS_FILE…), for the hint. */
  setting?: string;
  /** Names the thing in the message instead of the file, e.g. "the shared AWS files (~/.aws/….lock)". */
  subject?: string;
}

// errno codes a person can fix (ownership, a directory in the way, a full disk…), worded like the
// C library's strerror so the code in brackets is easy to search for.
const ERRNO_WORDS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'part of its path is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
};

function errnoHint(code: string, file: string, setting: string | undefined): string {
  const shown = displayPath(file);
  const dir = displayPath(path.dirname(file));
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return process.platform === 'win32'
        ? `Check the owner and permissions of ${dir}.`
        : `Check the owner and permissions of ${dir} (a folder created with sudo belongs to root: sudo chown -R $USER ${dir}).`;
    case 'EISDIR':
      return setting ? `${shown} is a directory; ${setting} must name a file.` : `${shown} is a directory; move it aside so Rolecall can write a file there.`;
    case 'ENOTDIR':
      return `${dir} (or a folder above it) is a file, not a folder; move it aside${setting ? ` or point ${setting} elsewhere` : ''}.`;
    case 'EROFS':
      return `${dir} is on a read-only file system${setting ? `; point ${setting} at a writable place` : ''}.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `Free some disk space where ${dir} lives and try again.`;
    case 'ELOOP':
      return `${shown} is a symbolic link that loops or chains too far; fix or remove the link.`;
    default: // ENAMETOOLONG
      return setting ? `Point ${setting} at a shorter path.` : 'Use a shorter path.';
  }
}

/** The OS refused to read, write or lock a file for a reason the person can fix. */
export class FileAccessError extends RolecallError {
  constructor(
    readonly file: string,
    readonly errno: string,
    readonly action: FileAction,
    context: FileErrorContext = {},
  ) {
    super(`Cannot ${action} ${context.subject ?? displayPath(file)}: ${ERRNO_WORDS[errno] ?? errno} (${errno}).`, errnoHint(errno, file, context.setting), 'FileAccess');
    this.name = 'FileAccessError';
  }
}

/**
 * Turns an errno error a person can fix into a FileAccessError naming `file`; anything else
 * (a bug, or an error already worded for people) comes back unchanged, to be rethrown.
 */
export function fileAccessError(err: unknown, action: FileAction, file: string, context: FileErrorContext = {}): unknown {
  if (err instanceof RolecallError) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !Object.hasOwn(ERRNO_WORDS, code)) return err;
  return new FileAccessError(file, code, action, context);
}

/** Who holds a lock, as lock-holder.ts records it (its host as a short hash). */
export interface LockHolderInfo {
  pid: number;
  /** The holder runs on this host (its pid means something here). */
  here: boolean;
}

/** Another process holds a Rolecall lock (after waiting as long as the caller allowed). */
export class FileLockedError extends RolecallError {
  constructor(
    readonly what: string,
    readonly lockPath: string,
    readonly holder?: LockHolderInfo,
    code: ErrorCode = 'FileLocked',
  ) {
    const shown = displayPath(lockPath);
    const who = holder ? ` (pid ${holder.pid}${holder.here ? '' : ' on another computer'})` : '';
    super(
      `Another Rolecall process${who} is holding the lock on ${what} (${shown}).`,
      holder?.here
        ? `Try again when it is done; if it hangs, end it (kill ${holder.pid}): its lock is then taken over at once.`
        : `Try again in a moment; if no Rolecall process is running, delete ${shown}.`,
      code,
    );
    this.name = 'FileLockedError';
  }
}

/** The lock was lost while held (its directory was removed, or the clock jumped past `stale`). */
export class LockCompromisedError extends RolecallError {
  constructor(
    readonly what: string,
    readonly lockPath: string,
    readonly reason: string,
  ) {
    super(
      `Rolecall lost its lock on ${what} (${displayPath(lockPath)}) while using it: ${reason}.`,
      `Another process may have changed ${what} at the same time; check it, then try again.`,
      'LockCompromised',
    );
    this.name = 'LockCompromisedError';
  }
}

/** What a path that is not a regular file is, in words. */
export type SpecialFileKind = 'directory' | 'device' | 'FIFO' | 'socket';

const KIND_WORDS: Readonly<Record<SpecialFileKind, string>> = {
  directory: 'a directory',
  device: 'a device',
  FIFO: 'a named pipe (FIFO)',
  socket: 'a socket',
};

/**
 * Rolecall writes only regular files: renaming a temp file over /dev/null would turn the device
 * into a file of live credentials, and a pipe or socket cannot hold profiles at all.
 */
export class NotARegularFileError extends RolecallError {
  constructor(
    readonly file: string,
    readonly kind: SpecialFileKind,
    context: FileErrorContext = {},
  ) {
    const shown = context.subject ?? displayPath(file);
    const elsewhere = context.setting ? `Point ${context.setting} at a regular file (or unset it)` : `Replace it with a regular file`;
    super(
      kind === 'device'
        ? `${shown} is a device, not a file: Rolecall's profiles need a real file, so nothing was written there.`
        : `${shown} is ${KIND_WORDS[kind]}, not a regular file: Rolecall only writes regular files.`,
      kind === 'device' ? `${elsewhere}, or use rolecall export, rolecall exec or credential_process, which need no file.` : `${elsewhere}.`,
      'NotARegularFile',
    );
    this.name = 'NotARegularFileError';
  }
}

/**
 * A file with other hard links: replacing it by rename would leave the other names holding the
 * old content, silently splitting what the person linked on purpose.
 */
export class HardLinkedFileError extends RolecallError {
  constructor(
    readonly file: string,
    readonly otherLinks: number,
    context: FileErrorContext = {},
  ) {
    const shown = displayPath(file);
    super(
      `${context.subject ?? shown} has ${otherLinks} other hard link${otherLinks === 1 ? '' : 's'}: Rolecall replaces the file when it writes, which would split them, so nothing was written.`,
      `Make the other names symbolic links to it (ln -sf ${shown} <other name>), or give it a copy of its own (cp ${shown} ${shown}.copy && mv ${shown}.copy ${shown}).`,
      'HardLinkedFile',
    );
    this.name = 'HardLinkedFileError';
  }
}
