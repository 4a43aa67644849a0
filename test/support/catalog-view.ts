import type { CatalogListView } from '../../common/contract';

/** The seeds' user and two roles as the window's catalog view shows them (no secrets). */
export const CATALOG: CatalogListView = {
  users: [
    {
      name: 'dev-user',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      mfaSerial: 'arn:aws:iam::123456789012:mfa/dev-user',
      region: 'ap-northeast-1',
      hasSecret: true,
    },
  ],
  roles: [
    { name: 'admin', roleArn: 'arn:aws:iam::123456789012:role/admin', source: 'dev-user', direct: false },
    { name: 'exec-lambda', roleArn: 'arn:aws:iam::123456789012:role/exec-lambda', source: 'dev-user', profile: 'lambda', direct: true },
  ],
  keychain: 'ready',
  settings: {
    mfaSessionDuration: 43_200,
    defaultRoleDuration: 3600,
    refreshLeadMinutes: 15,
    notifyLeadMinutes: 10,
    language: 'system',
    clearProfilesOnQuit: false,
    serveCredentialEndpoint: false,
    keyAgeWarningDays: 90,
  },
};
