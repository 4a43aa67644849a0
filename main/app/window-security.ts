// The window's security decisions as plain data and pure functions, so they are unit-tested in
// plain Node; main/electron/app.ts only wires them into Electron. No runtime `electron` import here.
import type { WebPreferences } from 'electron';

/** The session partition of the window: its own storage, with its own deny-all permission handlers. */
export const PARTITION = 'persist:rolecall';

const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
] as const;

/** Sent as a header on every app:// response. No unsafe-inline, no unsafe-eval. */
export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ');

/**
 * The same policy for renderer/index.html's <meta> tag, a second line of defence should the page
 * ever be served without the header. Browsers ignore frame-ancestors in a meta tag (and log an
 * error for it), so it is left out there.
 */
export const META_CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

/** Hosts the app may open in the OS browser (documentation links). Exact names, never suffixes. */
export const EXTERNAL_HOST_ALLOWLIST: ReadonlySet<string> = new Set(['docs.aws.amazon.com']);

/**
 * Whether a URL may be handed to the OS browser: https only, an allowlisted host matched exactly
 * after URL parsing (so `docs.aws.amazon.com.evil.com` and `https://docs.aws.amazon.com@evil.com`
 * fail), no credentials and no explicit port.
 */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === '' && EXTERNAL_HOST_ALLOWLIST.has(url.hostname);
}

/**
 * What every web contents Rolecall makes shares (the main window, a console window's page and its
 * bar): one rule, so no window can be made with less.
 */
export const LOCKED_DOWN = {
  // SECURITY: the renderer runs in Chromium's sandbox, without Node, even inside a preload.
  sandbox: true,
  // SECURITY: a preload's world is separate from the page's, so the page cannot reach electron APIs.
  contextIsolation: true,
  // SECURITY: no require/process in the page, its workers or its frames.
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  // SECURITY: keeps the same-origin policy on, and no http content in an https page.
  webSecurity: true,
  allowRunningInsecureContent: false,
  // SECURITY: no <webview> to host another page with other preferences.
  webviewTag: false,
  spellcheck: false,
} as const satisfies WebPreferences;

/** The BrowserWindow's webPreferences. */
export function secureWebPreferences(preload: string, isPackaged: boolean): WebPreferences {
  return {
    ...LOCKED_DOWN,
    preload,
    // SECURITY: no devtools in a packaged build, where they would let anyone at the keyboard script the app.
    devTools: !isPackaged,
    // SECURITY: own storage and own permission handlers, apart from the default session.
    partition: PARTITION,
  };
}
