// Errors of the shared AWS files themselves, in the project's style: `message` says what is
// wrong, `hint` what to do (the CLI prints both; see main/cli/output.ts).
import { RolecallError } from '../errors';
import { FileLockedError, type LockHolderInfo } from '../files/errors';
import { displayPath } from '../files/display-path';

// The file helpers' errors (access, locks, special files) are the shared AWS files' errors too.
export * from '../files/errors';
export { RolecallError };

/** A line of ~/.aws/credentials or ~/.aws/config that neither we nor the AWS CLI can read. */
export class AwsFileFormatError extends RolecallError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${displayPath(file)} line ${line}: ${reason}.`, 'Fix the line and try again.', 'AwsFileFormat');
    this.name = 'AwsFileFormatError';
  }
}

/** A section we would write already exists and was not written by Rolecall. */
export class UnmanagedProfileError extends RolecallError {
  constructor(
    readonly profile: string,
    readonly file: string,
  ) {
    super(`Profile '${profile}' in ${displayPath(file)} is not managed by Rolecall.`, 'Choose another --profile or remove that section yourself.', 'UnmanagedProfile');
    this.name = 'UnmanagedProfileError';
  }
}

export class InvalidProfileNameError extends RolecallError {
  constructor(readonly profile: string) {
    // JSON.stringify shows an injected newline or bracket instead of printing it raw.
    super(`Invalid profile name ${JSON.stringify(profile)}.`, 'Use 1 to 64 characters from A-Z a-z 0-9 _ . + @ -', 'InvalidProfileName');
    this.name = 'InvalidProfileNameError';
  }
}

/** How lock messages name the shared AWS files. */
export const AWS_FILES_LOCK_WHAT = 'the shared AWS files';

/** The lock on the shared AWS files is held by another process. */
export class AwsFilesLockedError extends FileLockedError {
  constructor(lockPath: string, holder?: LockHolderInfo) {
    super(AWS_FILES_LOCK_WHAT, lockPath, holder, 'AwsFilesLocked');
    this.name = 'AwsFilesLockedError';
  }
}
