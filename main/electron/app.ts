// Electron glue only: lifecycle, the app:// protocol, the window, the tray, notifications, IPC
// registration and events. The decisions (CSP, URL allowlist, path resolution, webPreferences,
// event checks, the tray's menu, the scheduler) live in small Electron-free modules. Nothing here
// runs on import: main/electron/index.ts calls startApp() unless the start is a CLI run.
import { app, BrowserWindow, clipboard, ipcMain, Menu, powerMonitor, protocol, session, shell, type WebContents } from 'electron';
import { homedir } from 'node:os';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ENTRY_URL, APP_SCHEME, createAppProtocolHandler } from '../app/app-protocol';
import { resolveAwsFilePaths } from '../core/aws-files';
import { configDir } from '../core/config-dir';
import { CatalogStore } from '../core/catalog/store';
import { createCore, type Core } from '../core/core';
import { clearProfilesIfAsked } from '../core/operations/quit';
import { createClipboardGuard } from '../app/clipboard-guard';
import { createPublisher } from '../app/events';
import { createHandlers, type WindowHandlers } from '../app/handlers';
import { isTrustedSender, registerHandlers } from '../app/ipc';
import { logError } from '../app/log';
import { createQuitListeners } from '../app/quit-cleanup';
import { createAppNotifications, type AppNotifications } from './app-notifications';
import { createAppTray, type AppTray } from './app-tray';
import { createConsoleWindows } from './console-windows';
import { signinTestOrigin } from '../core/console/signin';
import { createAssumeRequests } from '../app/assume-requests';
import { createCredentialEndpointService } from '../app/credential-endpoint-service';
import { installCli } from '../cli/install/install';
import { appExecutableFrom, planCliInstall } from '../cli/install/plan';
import { isRolecallError, MfaCodeRequiredError, reasonOf } from '../core/errors';
import { sessionsOverview } from '../core/operations/sessions-overview';
import { SessionScheduler } from '../core/scheduler/scheduler';
import { createMainTranslator, type MainT } from '../app/i18n';
import { trayStateOf } from '../app/tray-state';
import type { TrayOperations } from '../app/tray/tray-actions';
import { watchCatalog, watchFileIn, type Watcher } from '../app/watchers';
import { isAllowedExternalUrl, PARTITION, secureWebPreferences } from '../app/window-security';
import { chosenLanguage } from '../../common/language';
import type { LanguageSetting } from '../../common/rules';

const RENDERER_ROOT = fileURLToPath(new URL('../renderer', import.meta.url));
// Sandboxed preloads cannot be ES modules, hence the .cjs build.
const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

let mainWindow: BrowserWindow | undefined;

/** The AWS console in the browser or in a role's own window (main/electron/console-windows.ts). */
const consoleWindows = createConsoleWindows({
  isPackaged: () => app.isPackaged,
  translator: () => translator(),
  testOrigin: () => signinTestOrigin(process.env),
});

/** A console window's link off its AWS hosts (https, checked by consoleNavigation): the person's own browser. */
function consoleOpenExternal(url: string): void {
  shell.openExternal(url).catch((error: unknown) => logError('could not open a link in the browser', error));
}

function openExternalIfAllowed(url: string): void {
  // SECURITY: only allowlisted https URLs leave the app, and only to the OS browser.
  // The OS may have no handler for https: said in main's log, never an unhandled rejection.
  if (isAllowedExternalUrl(url)) shell.openExternal(url).catch((error: unknown) => logError('could not open a link in the browser', error));
}

// SECURITY: applies to every WebContents the app ever creates, not only the main window.
function guardEveryWebContents(_event: unknown, contents: WebContents): void {
  // SECURITY: the window never navigates away from the app (e.g. to a page that could call IPC).
  // A role's console window stays on its partition's AWS console and sign-in hosts.
  contents.on('will-navigate', (event, url) => {
    const policy = consoleWindows.navigation(contents, url);
    if (policy === 'allow') return;
    event.preventDefault();
    if (policy === undefined) openExternalIfAllowed(url);
    else if (policy === 'external') consoleOpenExternal(url);
  });
  // SECURITY: a server redirect (the sign-in's own redirect to the console) obeys the same rule.
  contents.on('will-redirect', (event, url) => {
    const policy = consoleWindows.navigation(contents, url);
    if (policy === undefined || policy === 'allow') return;
    event.preventDefault();
    if (policy === 'external') consoleOpenExternal(url);
  });
  // SECURITY: no <webview> can be attached.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // SECURITY: no new Electron windows; allowlisted links go to the OS browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    const policy = consoleWindows.navigation(contents, url);
    // A console link meant for a new tab opens in another window of the role, made by Rolecall
    // (locked down, with its bar): a window Electron made for it would be neither.
    if (policy === 'allow') consoleWindows.openBeside(contents, url);
    else if (policy === 'external') consoleOpenExternal(url);
    else if (policy === undefined) openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

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
  // With a tray, closing the window hides it: the app lives on in the tray, and on Windows a
  // window must exist for 'session-end' (the cleanup at logoff) to reach the app at all.
  window.on('close', (event) => {
    if (!living.tray || living.quitting) return;
    event.preventDefault();
    window.hide();
  });
  window.on('closed', () => {
    mainWindow = undefined;
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => logError('the window could not load', error));
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
/** Built on first use: creating the core loads the keychain module. */
const getCore = () =>
  (core ??= createCore({
    // An account name is a user's or role's name, never a secret: safe for main's log.
    onUnreadableSecret: (account) => console.error(`rolecall: the keychain item ${account} holds nothing Rolecall can read; it is treated as missing`),
  }));

// SECURITY: events go only to our own window's WebContents, and only as checked AppEvents (no data).
const publish = createPublisher(() => mainWindow?.webContents);

// SECURITY: an export copied from the window or the tray (keys and token) leaves the clipboard
// after a minute and when the app quits, unless the user has copied something else over it since.
const clipboardGuard = createClipboardGuard({
  readText: () => clipboard.readText(),
  writeText: (text) => clipboard.writeText(text),
  onError: (error) => logError('clearing the clipboard failed', error),
});

/** What the handlers need of the parts built at ready (the scheduler, the tray). */
interface Living {
  scheduler?: SessionScheduler;
  tray?: AppTray;
  /** Builds the menu bar again (its words follow the language setting). */
  refreshMenu?: () => void;
  /** Quitting has begun: the window closes for real. */
  quitting?: boolean;
}
const living: Living = {};
const assumeRequests = createAssumeRequests(publish);

/** Told once ready: a shell's role needs a code (the notification; the window's dialog asks). */
let tellEndpointNeedsCode: ((role: string) => void) | undefined;

// The credential endpoint shells use (settings' "Serve credentials to shells"): decided in
// main/app/credential-endpoint-service.ts; here it is only started, told of changes and stopped.
const credentialEndpoint = createCredentialEndpointService({
  core: getCore,
  onCodeNeeded: (role) => {
    assumeRequests.request(role, false);
    tellEndpointNeedsCode?.(role);
  },
  // Path (a role's name, or whatever a client sent, quoted and cut short) and status: never a token.
  log: (path, status) => {
    if (status !== 200) console.error(`rolecall: credential endpoint: ${JSON.stringify(path).slice(0, 120)} → ${status}`);
  },
  onError: (what, error) => logError(`${what} failed`, error),
});

/** Something about the sessions changed: the scheduler plans again, the tray redraws. */
function sessionsChanged(): void {
  void living.scheduler?.evaluate();
  void living.tray?.refresh();
}

function registerIpc(): WindowHandlers {
  const handlers = createHandlers({
    core: getCore,
    version: app.getVersion(),
    platform: process.platform,
    locale: app.getLocale(),
    // SECURITY: exports (keys and tokens) are written to the clipboard here in main, never sent to the page.
    writeClipboard: (text) => clipboardGuard.copy(text),
    publish,
    renewalMarks: () => living.scheduler?.marks() ?? [],
    takeAssumeRequest: () => assumeRequests.take(),
    onSessionsChanged: sessionsChanged,
    // SECURITY: the sign-in URL is opened here in main; the page gets only the view without it.
    openConsole: async ({ role, url, target, endsAt, partition }) => {
      if (target === 'browser') await consoleWindows.inBrowser(url);
      else consoleWindows.inWindow({ role, url, partition, endsAt });
    },
  });
  registerHandlers(ipcMain, handlers, {
    // SECURITY: our own main frame at app://rolecall, in our own window; nothing else may call main.
    isTrustedSender: (event) => isTrustedSender(event) && mainWindow !== undefined && event.sender === mainWindow.webContents,
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
 * file's): harmless, a read is cheap, and simpler than telling our writes from the CLI's. The
 * scheduler and the tray hear of them too (the CLI may have assumed or stopped a role).
 */
function watchOutsideChanges(): Watcher[] {
  const credentials = resolveAwsFilePaths(process.env).credentials;
  return [
    watchCatalog(configDir(process.env), () => {
      // The setting may have changed: start or stop serving.
      void credentialEndpoint.sync();
      publish({ type: 'catalog:changed' });
      publish({ type: 'sessions:changed' });
      sessionsChanged();
      living.refreshMenu?.();
    }),
    watchFileIn(dirname(credentials), basename(credentials), () => {
      publish({ type: 'sessions:changed' });
      sessionsChanged();
    }),
  ];
}

/** Main's texts in the language the settings ask for (the OS's when they say "system"). */
function translator(): MainT {
  let setting: LanguageSetting = 'system';
  try {
    setting = new CatalogStore(process.env).load().settings.language;
  } catch {
    // A catalog being edited by hand: the OS's language until it reads again.
  }
  return createMainTranslator(chosenLanguage(setting, app.getLocale()));
}

function showWindow(onSessionEnd: () => void): void {
  if (!mainWindow) {
    mainWindow = createWindow(onSessionEnd);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** The tray's actions: the same handlers the window calls (so quitting refuses them too). */
function trayOperations(handlers: WindowHandlers, open: () => void, notifications: AppNotifications): TrayOperations {
  const requestInWindow = (role: string, extend: boolean) => {
    open();
    assumeRequests.request(role, extend);
  };
  /** A code is needed: the window's MFA dialog asks for it instead of the tray failing. */
  const orAskInWindow = (role: string) => (error: unknown) => {
    if (error instanceof MfaCodeRequiredError) return requestInWindow(role, false);
    throw error;
  };
  return {
    assume: (role) => Promise.resolve(handlers['session:assume']({ name: role })).then(() => undefined, orAskInWindow(role)),
    stop: async (role) => void (await handlers['session:stop']({ name: role })),
    stopAll: async () => void (await handlers['session:stop']({ all: true })),
    copyExport: (role, format) => Promise.resolve(handlers['session:copy-export']({ name: role, format })).then(() => undefined, orAskInWindow(role)),
    // Offered for live roles only; should the session have ended meanwhile, the window asks for the code.
    openConsole: (role, target) => Promise.resolve(handlers['console:open']({ name: role, target })).then(() => undefined, orAskInWindow(role)),
    openWindow: open,
    requestInWindow,
    installCli: async () => {
      const t = translator();
      try {
        const plan = planCliInstall({ platform: process.platform, home: homedir(), env: process.env, appExecutable: appExecutableFrom(process.env, process.execPath) });
        const installed = await installCli(plan);
        const body = installed.onPath ? t('cli.installed', { path: installed.path }) : t('cli.installedNotOnPath', { path: installed.path, dir: plan.dir });
        notifications.message(t('cli.title'), body);
      } catch (error) {
        notifications.message(t('cli.title'), t('cli.installFailed', { reason: reasonOf(error, 'the file could not be written') }));
      }
    },
    quit: () => app.quit(),
  };
}

/** The window's menu bar (the macOS app menu): the CLI installer lives here as well as in the tray. */
function setApplicationMenu(operations: TrayOperations): void {
  const t = translator();
  const mac = process.platform === 'darwin';
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      ...(mac ? [{ role: 'appMenu' as const }] : []),
      {
        label: t('menu.file'),
        submenu: [
          { label: t('menu.installCli'), click: () => void operations.installCli() },
          ...(mac ? [] : [{ type: 'separator' as const }, { label: t('tray.quit'), click: () => operations.quit() }]),
        ],
      },
      { role: 'editMenu' as const, label: t('menu.edit') },
      ...(mac ? [{ role: 'windowMenu' as const }] : []),
    ]),
  );
}

/** The app's start (not a CLI run): everything that used to run on import, now on call. */
export function startApp(): void {
  // One catalog for the CLI and the app: Electron's userData is the folder core reads.
  app.setName('Rolecall');
  app.setPath('userData', configDir(process.env));

  // SECURITY: every renderer is sandboxed, even one created without our webPreferences.
  app.enableSandbox();

  // Must run before `ready`. Standard + secure makes app://rolecall a real, secure origin.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

  app.on('web-contents-created', guardEveryWebContents);

  // One instance only: a second launch shows the first window instead of racing it over the catalog.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let handlers: WindowHandlers | undefined;
  /** The endpoint's stop, begun as quitting begins (it refuses every token at once). */
  let endpointStopped: Promise<void> = Promise.resolve();

  // The cleanup as the app ends (main/app/quit-cleanup.ts), run once however the end is announced.
  const quitting = createQuitListeners({
    // No change starts once quitting has begun: none may write a profile the clearing has passed.
    // Nor may a renewal: the scheduler stops first.
    beginQuit: () => {
      living.quitting = true;
      living.scheduler?.stop();
      handlers?.beginQuit();
      endpointStopped = credentialEndpoint.stop();
    },
    whenIdle: async () => {
      await endpointStopped;
      await living.scheduler?.idle();
      await (handlers?.whenIdle() ?? Promise.resolve());
    },
    // The catalog alone, not createCore(): reading a setting must not load the keychain module.
    clearProfiles: () => clearProfilesIfAsked({ env: process.env, catalog: new CatalogStore(process.env) }),
    // SECURITY: the last export copied from the window does not outlive the app on the clipboard.
    clearClipboard: () => clipboardGuard.clearNow(),
    quit: () => app.quit(),
  });
  const onSessionEnd = () => quitting.endSession();
  const open = () => showWindow(onSessionEnd);

  app.on('second-instance', open);

  // A failure while setting up is logged (an unhandled rejection would be a bare stack in the terminal).
  app
    .whenReady()
    .then(() => {
      setUpSession();
      handlers = registerIpc();
      // A quit begun before ready: the handlers refuse changes from the start.
      if (living.quitting) handlers.beginQuit();
      const watchers = watchOutsideChanges();
      app.on('will-quit', () => {
        watchers.forEach((watcher) => watcher.close());
        living.scheduler?.stop();
        living.tray?.destroy();
      });
      // Linux and macOS: the system is about to shut down. Held (logind's delay lock on Linux) while
      // the cleanup runs, which then quits the app as the event asks.
      powerMonitor.on('shutdown', (...args: unknown[]) => {
        (args[0] as { preventDefault?: () => void } | undefined)?.preventDefault?.();
        quitting.endSession();
      });

      const notifications = createAppNotifications({
        platform: process.platform,
        translator,
        now: Date.now,
        extendInWindow: (role) => {
          open();
          assumeRequests.request(role, true);
        },
        renewNow: () => void living.scheduler?.renewNow(),
      });
      const operations = trayOperations(handlers, open, notifications);
      living.refreshMenu = () => setApplicationMenu(operations);
      living.refreshMenu();
      if (!living.quitting) startLiving(operations, notifications);
      tellEndpointNeedsCode = (role) => {
        const t = translator();
        notifications.message(t('notification.endpointNeedsCode.title', { role }), t('notification.endpointNeedsCode.body', { role }));
      };
      void credentialEndpoint.sync();

      mainWindow = createWindow(onSessionEnd);
      app.on('activate', open);
    })
    .catch((error: unknown) => logError('Rolecall could not start', error));

  // The tray keeps the sessions alive with the window hidden: quitting is the tray's (or the
  // menu's) Quit. Without a tray (it failed to start) closing the last window quits, as before.
  app.on('window-all-closed', () => {
    if (!living.tray && process.platform !== 'darwin') app.quit();
  });

  // Quitting is held once for the cleanup, then asked for again. On Windows, logging off or
  // shutting down skips before-quit: the window's 'session-end' runs the cleanup instead.
  app.on('before-quit', (event) => quitting.beforeQuit(event));
}

/** The scheduler and the tray: what keeps sessions alive and in view while the app runs. */
function startLiving(operations: TrayOperations, notifications: AppNotifications): void {
  const scheduler = new SessionScheduler({
    core: getCore(),
    notify: (notice) => notifications.renewal(notice),
    onChange: () => {
      publish({ type: 'sessions:changed' });
      void living.tray?.refresh();
    },
    onError: (error) => logError('the session scheduler failed', error),
  });
  living.scheduler = scheduler;
  try {
    living.tray = createAppTray({
      appPath: app.getAppPath(),
      platform: process.platform,
      state: async () => {
        const current = getCore();
        return trayStateOf(current.catalog.load(), await sessionsOverview(current), scheduler.marks(), process.platform);
      },
      translator,
      operations,
      onActionFailed: (action, error) => {
        const t = translator();
        const role = 'role' in action ? action.role : '';
        // Core's own words (one line, no secret); anything else stays in the log only.
        if (isRolecallError(error)) notifications.message(t('notification.assumeFailed.title', { role }), t('notification.assumeFailed.body', { reason: error.message }));
        logError(`tray action ${action.kind} failed`, error);
      },
      onError: (error) => logError('the tray could not be updated', error),
    });
  } catch (error) {
    // No tray on this desktop (no StatusNotifier host): the window still works.
    logError('the tray could not be created', error);
  }
  // Timers drift while the machine sleeps: look at every session again on waking and unlocking.
  powerMonitor.on('resume', () => void scheduler.evaluate());
  powerMonitor.on('unlock-screen', () => void scheduler.evaluate());
  void scheduler.start().then((restored) => {
    if (restored.restored.length > 0) publish({ type: 'sessions:changed' });
    for (const failed of restored.failed) logError(`the profile of ${failed.role} could not be restored`, new Error(failed.reason));
    void living.tray?.refresh();
  });
}
