// The shared AWS files (~/.aws/credentials, ~/.aws/config): what the engine and the CLI use.
export * from './errors';
export { resolveAwsFilePaths, displayPath, CREDENTIALS_SETTING, CONFIG_SETTING, type AwsFilePaths } from './paths';
export { withAwsFilesLock, lockPathFor, type AwsFilesLockOptions } from './lock';
// The file helpers the shared AWS files are written with (main/core/files).
export { withFileLock, retriesForWait, writeFileAtomic, readTextIfExists, ensureDirectory, type FileLockOptions, type LockRetries, type RetryPolicy } from '../files';
export {
  writeManagedProfile,
  assertProfileWritable,
  assertProfileFree,
  removeManagedProfile,
  listManagedProfiles,
  validateProfileName,
  configSectionName,
  configSectionProfile,
  type AwsFilesOptions,
  type OwnOptions,
  type SessionCredentials,
  type RemoveResult,
  type ManagedProfile,
  type WriteProfileOptions,
} from './managed-profiles';
export { MANAGED_MARKER_KEY, CATALOG_KEY, EXPIRES_KEY } from './markers';
export {
  readAwsProfiles,
  removeUserKeys,
  type ImportedUserKey,
  type AwsProfiles,
  type ConfigProfile,
  type CredentialsProfile,
  type InvalidProfile,
} from './read-profiles';
