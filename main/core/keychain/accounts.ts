// Account names inside the keychain service. The fast credential_process path reads
// `role-session/<name>` directly, so these prefixes are a contract between both paths.
export const ROLE_SESSION_PREFIX = 'role-session/';
export const MFA_SESSION_PREFIX = 'mfa-session/';
const USER_KEY_PREFIX = 'user-key/';
/** The app's credential endpoint: `endpoint` (where it listens, this run) and `endpoint/<role>` (a role's token). */
export const ENDPOINT_ACCOUNT = 'endpoint';
export const ENDPOINT_TOKEN_PREFIX = 'endpoint/';
export const KEY_ROTATION_PREFIX = 'key-rotation/';

export const ACCOUNT = {
  userKey: (user: string) => `${USER_KEY_PREFIX}${user}`,
  mfaSession: (user: string) => `${MFA_SESSION_PREFIX}${user}`,
  roleSession: (role: string) => `${ROLE_SESSION_PREFIX}${role}`,
  endpoint: ENDPOINT_ACCOUNT,
  endpointToken: (role: string) => `${ENDPOINT_TOKEN_PREFIX}${role}`,
  /** A key rotation under way: its journal, and the new key's secret once IAM made it (key-rotation/journal.ts). */
  keyRotation: (user: string) => `${KEY_ROTATION_PREFIX}${user}`,
} as const;
