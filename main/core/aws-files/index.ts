// The shared AWS files (~/.aws/credentials, ~/.aws/config): what the engine and the CLI use.
export * from './errors';
export { resolveAwsFilePaths, displayPath, CREDENTIALS_SETTING, CONFIG_SETTING, type AwsFilePaths } from './paths';
export {
  withAwsFilesLock,
  withFileLock,
  lockPathFor,
  retriesForWait,
  type AwsFilesLockOptions,
  type FileLockOptions,
  type LockRetries,
  type RetryPolicy,
} from './lock';
export { writeFileAtomic, readTextIfExists, ensureDirectory } from './atomic-write';
export {
  writeManagedProfile,
  assertProfileWritable,
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
