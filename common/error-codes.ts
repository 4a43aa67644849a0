// Every code a failure carries from core (or the IPC layer, or the page itself), so a code renamed
// on one side fails to compile on the other instead of silently falling back to a generic sentence.

/** Codes the window words in its own language: its dictionaries have exactly these (and a fallback). */
export const WORDED_ERROR_CODES = [
  'MfaCodeRequired',
  'MfaCodeRejected',
  'AccessDenied',
  'ExpiredToken',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'Throttling',
  'NetworkError',
  'ValidationError',
  'KeychainUnavailable',
  'KeychainLocked',
  'StopIncomplete',
  'SecretRequired',
  'InvalidInput',
  'InvalidRequest',
  'NameTaken',
  'ProfileTaken',
  'UnknownUser',
  'ChainLoop',
  'ChainTooLong',
  'MissingSource',
  'UnknownRole',
  'DirectFromRole',
  'MissingSecret',
  'InUse',
  'AwsFilesLocked',
  'AwsFileFormat',
  'FileAccess',
  'FileLocked',
  'LockCompromised',
  'UnmanagedProfile',
  'ProfileOverridden',
  'InvalidProfileName',
  'BadEndpoint',
  'BadMfaCode',
  'Cancelled',
  'Refused',
  'UnknownChannel',
  'Unexpected',
  // main refuses changes while the app quits.
  'Quitting',
  // The page's own: the forms chunk could not be loaded (renderer/src/dialogs/form-chunk.ts).
  'DialogUnavailable',
  'StsTimeout',
  'StsUnavailable',
  'StsBadAnswer',
  'BadRegion',
  /** The federation endpoint refused a console sign-in (its status worded by core). */
  'SigninRefused',
  /** `user rotate`: the user already has IAM's two access keys; core's words and hint name both and which to delete. */
  'KeyLimitReached',
  /** `user rotate`: IAM did not accept the new key in time, or a step failed; core's words say what stays and what was undone. */
  'RotationFailed',
  /** `user rotate`: a step failed after the journal was written and could not be settled; the keychain's key works, the next run finishes or undoes it. */
  'RotationHalfWay',
  /** `user rotate`: another rotation of the same user's key is under way (this process or another). */
  'RotationInProgress',
] as const;

/**
 * Worded codes whose hint still carries facts the window must show (which key to delete, what was
 * undone), not only what to type in a terminal: the window shows it beneath core's message.
 */
export const CODES_WITH_FACTS_IN_HINT: readonly WordedErrorCode[] = ['KeyLimitReached', 'RotationFailed', 'RotationHalfWay'];

/**
 * Codes the window shows with its generic sentence, core's own words and hint beneath it: rare
 * failures that core's message says fully (or that cannot reach the window at all).
 */
export const GENERIC_ERROR_CODES = [
  /** A RolecallError that names no code of its own. */
  'RolecallError',
  /** A renewal found its session stopped meanwhile (never reaches a person). */
  'SessionStopped',
  'NotARegularFile',
  'HardLinkedFile',
  /** The CLI installer found someone else's file where the command goes. */
  'CliPathTaken',
  'RegionDisabledException',
  /** AWS refused with a code Rolecall has no words of its own for (AWS's message is shown). */
  'AwsRefused',
  /** IAM refused a call the user lacks the permission for (role discovery, key age): core's words say which and what to do. */
  'IamAccessDenied',
  /** `export --server` found no running app serving the credential endpoint (a terminal's error only). */
  'EndpointNotServing',
] as const;

export type WordedErrorCode = (typeof WORDED_ERROR_CODES)[number];
export type ErrorCode = WordedErrorCode | (typeof GENERIC_ERROR_CODES)[number];
