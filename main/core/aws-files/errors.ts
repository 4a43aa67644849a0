// Errors raised by the shared-AWS-files module, in the project's style: `message` says what is
// wrong, `hint` what to do (the CLI prints both; see main/cli/output.ts).
import { RolecallError } from '../errors';
import { displayPath } from './paths';

// Re-exported so files of this module import every error from './errors'.
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
    super(
      `Profile '${profile}' in ${displayPath(file)} is not managed by Rolecall.`,
      'Choose another --profile or remove that section yourself.',
      'UnmanagedProfile',
    );
    this.name = 'UnmanagedProfileError';
  }
}

export class InvalidProfileNameError extends RolecallError {
  constructor(readonly profile: string) {
    // JSON.stringify shows an injected newline or bracket instead of printing it raw.
    super(
      `Invalid profile name ${JSON.stringify(profile)}.`,
      'Use 1 to 64 characters from A-Z a-z 0-9 _ . + @ -',
      'InvalidProfileName',
    );
    this.name = 'InvalidProfileNameError';
  }
}

export class AwsFilesLockedError extends RolecallError {
  constructor(readonly lockPath: string) {
    super(
      `Another Rolecall process holds the lock on ${displayPath(lockPath)}.`,
      'Retry in a moment; a lock left by a crashed process clears itself within 10 seconds.',
      'AwsFilesLocked',
    );
    this.name = 'AwsFilesLockedError';
  }
}
