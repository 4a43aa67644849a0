// Core's error codes the page words in its own language; any other code gets a generic sentence
// (AWS's or core's own message is always shown beneath it, verbatim).
import type { IpcError } from '../../../common/contract';
import type { en } from '../i18n/en';

type KnownCode = Exclude<keyof (typeof en)['errors'], 'fallback'>;

const KNOWN = new Set<string>([
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
  // The page's own: the forms chunk could not be loaded (dialogs/form-chunk.ts).
  'DialogUnavailable',
  // STS answers and settings in words (issue 9).
  'StsTimeout',
  'StsUnavailable',
  'StsBadAnswer',
  'BadRegion',
] satisfies KnownCode[]);

export type ErrorKey = `errors.${KnownCode}` | 'errors.fallback';

export function errorKey(error: Pick<IpcError, 'code'>): ErrorKey {
  return KNOWN.has(error.code) ? (`errors.${error.code as KnownCode}` as const) : 'errors.fallback';
}
