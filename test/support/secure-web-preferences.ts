/**
 * The window's webPreferences as the security rules name them (docs/architecture.md), written out here (not
 * taken from main/app/window-security.ts) so a test compares the code against the rules, not with
 * itself. devTools is for a packaged app.
 */
export const EXPECTED_WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  devTools: false,
  partition: 'persist:rolecall',
} as const;
