// English UI strings: the source of truth for keys (ja.ts must have exactly these) and for the
// types of t(): `as const` keeps the literals, so i18next checks keys and {{placeholders}}.
// Interpolation and plurals use i18next's own syntax: {{name}}, key_one / key_other.
export const en = {
  app: {
    name: 'Rolecall',
    tagline: 'Your IAM user, your roles, short-lived credentials.',
    loading: 'Loading your catalog…',
    bridgeMissing: 'Rolecall’s window bridge is not available. Open this page from the Rolecall app.',
    loadFailed: 'Could not load your catalog.',
  },
  empty: {
    title: 'Add your IAM user',
    body: 'Rolecall keeps your IAM user’s access key in the OS keychain and turns it into short-lived credentials for your roles. Start by adding the user.',
    cliLead: 'From a terminal:',
    cliCommand: 'rolecall user add <name> --access-key-id <AKIA…> --mfa-serial <arn>',
    cliSecret: 'Rolecall then asks for the secret access key without echoing it.',
  },
  catalog: {
    usersHeading: 'IAM users',
    rolesHeading: 'Roles',
    noRoles: 'No roles yet. Add one with rolecall role add.',
    accessKeyId: 'Access key ID',
    mfaDevice: 'MFA device',
    noMfa: 'No MFA device',
    region: 'Region',
    keyInKeychain: 'Key in keychain',
    keyMissing: 'Key missing from keychain',
    roleSource: 'from {{source}}',
    roleProfile: 'profile {{profile}}',
    directMode: 'Direct (own MFA code, full duration)',
    mfaSessionMode: 'Via MFA session (up to 1 hour)',
  },
} as const;
