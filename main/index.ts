// Electron glue only: lifecycle, the app:// protocol, the window, IPC registration and events.
// The decisions (CSP, URL allowlist, path resolution, webPreferences, event checks) live in small
// Electron-free modules.
import { app, BrowserWindow, clipboard, ipcMain, powerMonitor, protocol, session, shell, type WebContents } from 'electron';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ENTRY_URL, APP_SCHEME, createAppProtocolHandler } from './app-protocol';
import { resolveAwsFilePaths } from './core/aws-files';
import { configDir } from './core/config-dir';
import { CatalogStore } from './core/catalog/store';
import { createCore, type Core } from './core/core';
import { clearProfilesIfAsked } from './core/operations/quit';
import { createClipboardGuard } from './clipboard-guard';
import { createPublisher } from './events';
import { createHandlers, type WindowHandlers } from './handlers';
import { isTrustedSender, registerHandlers } from './ipc';
import { logError } from './log';
import { createQuitListeners } from './quit-cleanup';
import { watchCatalog, watchFileIn, type Watcher } from './watchers';
import { isAllowedExternalUrl, PARTITION, secureWebPreferences } from './window-security';

const RENDERER_ROOT = fileURLToPath(new URL('../renderer', import.meta.url));
// Sandboxed preloads cannot be ES modules, hence the .cjs build.
const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

// One catalog for the CLI and the app: Electron's userData is the folder core reads.
app.setName('Rolecall');
app.setPath('userData', configDir(process.env));

// SECURITY: every renderer is sandboxed, even one created without our webPreferences.
app.enableSandbox();

// Must run before `ready`. Standard + secure makes app://rolecall a real, secure origin.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | undefined;

function openExternalIfAllowed(url: string): void {
  // SECURITY: only allowlisted https URLs leave the app, and only to the OS browser.
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
}

// SECURITY: applies to every WebContents the app ever creates, not only the main window.
app.on('web-contents-created', (_event, contents: WebContents) => {
  // SECURITY: the window never navigates away from the app (e.g. to a page that could call IPC).
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternalIfAllowed(url);
  });
  // SECURITY: no <webview> can be attached.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // SECURITY: no new Electron windows; allowlisted links go to the OS browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
});

/** `onSessionEnd`: Windows is logging off or shutting down (before-quit will not come). */
function createWindow(onSessionEnd: () => void): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Rolecall',
    width: 960,
    height: 680,
    minWidth: 640,
    minHeight: 480,
    show: false,
    webPreferences: secureWebPreferences(PRELOAD, app.isPackaged),
  });
  window.once('ready-to-show', () => window.show());
  window.on('session-end', onSessionEnd);
  window.on('closed', () => {
    mainWindow = undefined;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

function setUpSession(): void {
  const ses = session.fromPartition(PARTITION);
  // SECURITY: deny-all: no camera, microphone, notifications-from-page, geolocation, clipboard reads…
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // SECURITY: permission checks answer "no" too, so pages cannot even probe for them.
  ses.setPermissionCheckHandler(() => false);
  // SECURITY: no HID/serial/USB device access.
  ses.setDevicePermissionHandler(() => false);
  // The protocol is registered on the window's own partition; the default session never serves it.
  ses.protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_ROOT));
}

let core: Core | undefined;

// SECURITY: events go only to our own window's WebContents, and only as checked AppEvents (no data).
const publish = createPublisher(() => mainWindow?.webContents);

// SECURITY: an export copied from the window (keys and token) leaves the clipboard after a minute
// and when the app quits, unless the user has copied something else over it since.
const clipboardGuard = createClipboardGuard({
  readText: () => clipboard.readText(),
  writeText: (text) => clipboard.writeText(text),
  onError: (error) => logError('clearing the clipboard failed', error),
});

function registerIpc(): WindowHandlers {
  const handlers = createHandlers({
    core: () => (core ??= createCore()),
    version: app.getVersion(),
    platform: process.platform,
    locale: app.getLocale(),
    // SECURITY: exports (keys and tokens) are written to the clipboard here in main, never sent to the page.
    writeClipboard: (text) => clipboardGuard.copy(text),
    publish,
  });
  registerHandlers(ipcMain, handlers, {
    // SECURITY: our own main frame at app://rolecall, in our own window; nothing else may call main.
    isTrustedSender: (event) =>
      isTrustedSender(event) && mainWindow !== undefined && event.sender === mainWindow.webContents,
    // Error names (and codes) only: a message could quote input, and logs must never hold a secret.
    onUnexpectedError: (channel, error) => logError(`${channel} failed`, error),
  });
  return handlers;
}

/**
 * Changes made outside the window (the CLI, another tool) reach it as events: the catalog file,
 * and the credentials file the CLI writes when it assumes or stops a role. Either folder may not
 * exist yet; the watchers follow it once it appears. The app's own writes reach them too, so the
 * page asks twice after a change made in the window (once for the handler's event, once for the
 * file's): harmless, a read is cheap, and simpler than telling our writes from the CLI's.
 */
function watchOutsideChanges(): Watcher[] {
  const credentials = resolveAwsFilePaths(process.env).credentials;
  return [
    watchCatalog(configDir(process.env), () => {
      publish({ type: 'catalog:changed' });
      publish({ type: 'sessions:changed' });
    }),
    watchFileIn(dirname(credentials), basename(credentials), () => publish({ type: 'sessions:changed' })),
  ];
}

// One instance only: a second launch focuses the first window instead of racing it over the catalog.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  let handlers: WindowHandlers | undefined;
  let quitBegun = false;

  // The cleanup as the app ends (main/quit-cleanup.ts), run once however the end is announced.
  const quitting = createQuitListeners({
    // No change starts once quitting has begun: none may write a profile the clearing has passed.
    beginQuit: () => {
      quitBegun = true;
      handlers?.beginQuit();
    },
    whenIdle: () => handlers?.whenIdle() ?? Promise.resolve(),
    // The catalog alone, not createCore(): reading a setting must not load the keychain module.
    clearProfiles: () => clearProfilesIfAsked({ env: process.env, catalog: new CatalogStore(process.env) }),
    // SECURITY: the last export copied from the window does not outlive the app on the clipboard.
    clearClipboard: () => clipboardGuard.clearNow(),
    quit: () => app.quit(),
  });
  const onSessionEnd = () => quitting.endSession();

  void app.whenReady().then(() => {
    setUpSession();
    handlers = registerIpc();
    // A quit begun before ready: the handlers refuse changes from the start.
    if (quitBegun) handlers.beginQuit();
    const watchers = watchOutsideChanges();
    app.on('will-quit', () => watchers.forEach((watcher) => watcher.close()));
    // Linux and macOS: the system is about to shut down. Held (logind's delay lock on Linux) while
    // the cleanup runs, which then quits the app as the event asks.
    powerMonitor.on('shutdown', (...args: unknown[]) => {
      (args[0] as { preventDefault?: () => void } | undefined)?.preventDefault?.();
      quitting.endSession();
    });
    mainWindow = createWindow(onSessionEnd);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(onSessionEnd);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting is held once for the cleanup, then asked for again. On Windows, logging off or
  // shutting down skips before-quit: the window's 'session-end' runs the cleanup instead.
  app.on('before-quit', (event) => quitting.beforeQuit(event));
}
