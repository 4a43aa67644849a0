// Account names inside the keychain service. The fast credential_process path reads
// `role-session/<name>` directly, so these prefixes are a contract between both paths.
export const ACCOUNT = {
  userKey: (user: string) => `user-key/${user}`,
  mfaSession: (user: string) => `mfa-session/${user}`,
  roleSession: (role: string) => `role-session/${role}`,
} as const;

export const ROLE_SESSION_PREFIX = 'role-session/';
export const MFA_SESSION_PREFIX = 'mfa-session/';
