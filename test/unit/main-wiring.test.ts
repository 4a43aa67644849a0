// main/electron/index.ts (and main/electron/app.ts, which it starts) with `electron` mocked: there is no Electron binary here, so this is where the
// wiring is checked: the scheme is privileged before ready, the window gets the secure
// webPreferences and app:// URL, the partition denies permissions and serves app://, navigation
// and new windows are refused app-wide, IPC answers only our window, events reach that window,
// exports go to the clipboard (and leave it on quit), catalog writes by the CLI become events,
// quitting is held for the cleanup once, the session ending (Windows' 'session-end', which skips
// before-quit) or a system shutdown runs that cleanup too, and a second instance hands over to
// the first. The
// keychain is an in-memory stand-in here (keyring-store mocked): this file checks wiring, and the
// integration tests use the real keychain.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENT_CHANNEL } from '../../common/contract';
import { writeManagedProfile } from '../../main/core/aws-files';
import { watchCatalog } from '../../main/app/watchers';
import { configDir } from '../../main/core/config-dir';
import { CONTENT_SECURITY_POLICY } from '../../main/app/window-security';
import { EXPECTED_WEB_PREFERENCES } from '../support/secure-web-preferences';
import { roleSessionRecord } from '../support/role-session-record';

type Fn = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const appListeners = new Map<string, Fn>();
  const powerListeners = new Map<string, Fn>();
  const ipcHandlers = new Map<string, Fn>();
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((done) => (resolveReady = done));
  /** Called, then forgotten, when the next window opens: a test waits for that event. */
  const windowWaiters: Array<() => void> = [];
  const windows: Array<{
    options: { webPreferences: Record<string, unknown> };
    url?: string;
    listeners: Map<string, Fn>;
    webContents: { id: number; isDestroyed: () => boolean; send: ReturnType<typeof vi.fn> };
    isMinimized: ReturnType<typeof vi.fn>;
    restore: ReturnType<typeof vi.fn>;
    focus: ReturnType<typeof vi.fn>;
    show: ReturnType<typeof vi.fn>;
    hide: ReturnType<typeof vi.fn>;
  }> = [];
  // The OS clipboard: what was last written is what is read.
  let clipboardText = '';
  // The keychain: accounts to secrets, in memory.
  const keychain = new Map<string, string>();
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    protocol: { handle: vi.fn() },
  };
  const order: string[] = [];
  type Template = Array<{ label?: string; type?: string; checked?: boolean; click?: () => void; submenu?: Template; role?: string }>;
  const trays: Array<{ menus: Template[]; tooltips: string[]; listeners: Map<string, Fn>; destroyed: boolean }> = [];
  class Tray {
    menus: Template[] = [];
    tooltips: string[] = [];
    listeners = new Map<string, Fn>();
    destroyed = false;
    constructor(readonly image: unknown) {
      trays.push(this);
    }
    setContextMenu(menu: { template: Template }) {
      this.menus.push(menu.template);
    }
    setToolTip(text: string) {
      this.tooltips.push(text);
    }
    setTitle() {}
    on(event: string, listener: Fn) {
      this.listeners.set(event, listener);
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const notifications: Array<{ options: { title: string; body: string }; listeners: Map<string, Fn>; shown: boolean }> = [];
  class Notification {
    static isSupported = () => true;
    listeners = new Map<string, Fn>();
    shown = false;
    constructor(readonly options: { title: string; body: string }) {
      notifications.push(this);
    }
    on(event: string, listener: Fn) {
      this.listeners.set(event, listener);
    }
    show() {
      this.shown = true;
    }
  }
  class BrowserWindow {
    static getAllWindows = () => windows;
    webContents = { id: windows.length + 1, isDestroyed: () => false, send: vi.fn() };
    isMinimized = vi.fn(() => true);
    restore = vi.fn();
    focus = vi.fn();
    show = vi.fn();
    hide = vi.fn();
    url?: string;
    listeners = new Map<string, Fn>();
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      windows.push(this);
      for (const opened of windowWaiters.splice(0)) opened();
    }
    once() {}
    on(event: string, listener: Fn) {
      this.listeners.set(event, listener);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
  }
  return {
    appListeners,
    powerListeners,
    ipcHandlers,
    resolveReady,
    windows,
    windowWaiters,
    session,
    order,
    keychain,
    trays,
    notifications,
    keychainStore: {
      get: async (account: string) => keychain.get(account) ?? null,
      set: async (account: string, secret: string) => void keychain.set(account, secret),
      delete: async (account: string) => keychain.delete(account),
      list: async () => [...keychain].map(([account, secret]) => ({ account, secret })),
    },
    module: {
      app: {
        setName: vi.fn(),
        setPath: vi.fn(),
        enableSandbox: vi.fn(() => order.push('enableSandbox')),
        isPackaged: true,
        getVersion: () => '0.1.0',
        getLocale: () => 'ja-JP',
        requestSingleInstanceLock: vi.fn(() => true),
        quit: vi.fn(),
        exit: vi.fn(),
        getAppPath: () => '/app',
        on: (event: string, listener: Fn) => appListeners.set(event, listener),
        whenReady: () => ready,
      },
      protocol: { registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemesAsPrivileged')) },
      powerMonitor: { on: (event: string, listener: Fn) => powerListeners.set(event, listener) },
      session: { fromPartition: vi.fn(() => session) },
      ipcMain: { handle: (channel: string, listener: Fn) => ipcHandlers.set(channel, listener) },
      shell: { openExternal: vi.fn(async () => undefined) },
      clipboard: {
        readText: vi.fn(() => clipboardText),
        writeText: vi.fn((text: string) => void (clipboardText = text)),
      },
      BrowserWindow,
      Tray,
      Notification,
      Menu: {
        buildFromTemplate: (template: Template) => ({ template }),
        setApplicationMenu: vi.fn(),
      },
      nativeImage: { createFromPath: vi.fn(() => ({ setTemplateImage: vi.fn() })) },
    },
  };
});

vi.mock('electron', () => fake.module);
vi.mock('../../main/core/keychain/keyring-store', () => ({ keyringStore: () => fake.keychainStore }));

// A throwaway catalog folder and AWS files: the app's core and watchers must not touch the real ones.
const home = mkdtempSync(join(tmpdir(), 'rolecall-wiring-'));
const catalogDir = join(home, 'Rolecall');

/**
 * Waits for the events this file depends on (a window opening, app.quit called, a file watcher's
 * change reaching main) however long a loaded machine takes, up to the test's own time limit:
 * vi.waitFor's default second was the limit three tests ran into under load, not an answer.
 */
const UNTIL_TEST_TIMEOUT = { timeout: 50_000 };

/** Resolves when main opens its next window. */
function nextWindow(): Promise<void> {
  return new Promise((resolve) => fake.windowWaiters.push(resolve));
}

/** Resolves once a catalog write has been seen by a watcher of our own, debounced as main's is. */
function catalogWriteSettled(write: () => void): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watchCatalog(catalogDir, () => {
      watcher.close();
      resolve();
    });
    write();
  });
}

beforeAll(async () => {
  mkdirSync(catalogDir);
  vi.stubEnv('ROLECALL_CONFIG_DIR', catalogDir);
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, 'credentials'));
  vi.stubEnv('AWS_CONFIG_FILE', join(home, 'config'));
  await import('../../main/electron/index');
  fake.order.push('ready');
  const opened = nextWindow();
  fake.resolveReady();
  await opened;
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(home, { recursive: true, force: true });
});

/** A cached admin session, as the keychain holds it. */
const EXPIRES = new Date(Date.now() + 3 * 3600_000).toISOString();
const adminSession = roleSessionRecord({
  accessKeyId: 'ASIAROLECALLWIRING01',
  secretAccessKey: 'wiringSecretAccessKey0000000000000000000',
  sessionToken: 'wiringSessionToken',
  expiration: EXPIRES,
});

/** The catalog the copy and quit tests start from: dev-user, admin, and clearing on quit. */
function writeAdminCatalog(): void {
  writeFileSync(
    join(catalogDir, 'catalog.json'),
    JSON.stringify({
      version: 1,
      users: [{ name: 'dev-user', accessKeyId: 'AKIAROLECALLDEV00001' }],
      roles: [{ name: 'admin', roleArn: adminSession.roleArn, source: 'dev-user', direct: false }],
      settings: { clearProfilesOnQuit: true },
    }),
  );
}

/** main/electron/index.ts loaded again into a clean fake Electron: its window open, nothing else done. */
async function loadAppAfresh(): Promise<void> {
  vi.resetModules();
  fake.appListeners.clear();
  fake.powerListeners.clear();
  fake.ipcHandlers.clear();
  fake.windows.length = 0;
  fake.trays.length = 0;
  fake.notifications.length = 0;
  const opened = nextWindow();
  await import('../../main/electron/index');
  await opened;
}

describe('main/electron/index.ts wiring', () => {
  it('sandboxes every renderer and privileges app:// before ready', () => {
    expect(fake.order).toEqual(['enableSandbox', 'registerSchemesAsPrivileged', 'ready']);
    expect(fake.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.module.app.setName).toHaveBeenCalledWith('Rolecall');
    // userData is the catalog folder core uses, so the CLI and the app share one catalog.
    expect(fake.module.app.setPath).toHaveBeenCalledWith('userData', configDir(process.env));
  });

  it('opens one window with the secure webPreferences at app://rolecall', () => {
    const [window] = fake.windows;
    const prefs = window?.options.webPreferences ?? {};
    expect(String(prefs.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    // The values the security rules name (docs/architecture.md, "The window's security"), as the window gets them (the app is packaged here).
    expect(prefs).toMatchObject(EXPECTED_WEB_PREFERENCES);
    expect(window?.url).toBe('app://rolecall/index.html');
  });

  it('denies every permission on the partition and serves app:// there with the CSP', async () => {
    expect(fake.module.session.fromPartition).toHaveBeenCalledWith('persist:rolecall');
    const request = fake.session.setPermissionRequestHandler.mock.calls[0]?.[0] as Fn;
    const callback = vi.fn();
    request({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect((fake.session.setPermissionCheckHandler.mock.calls[0]?.[0] as Fn)({}, 'clipboard-read')).toBe(false);
    expect((fake.session.setDevicePermissionHandler.mock.calls[0]?.[0] as Fn)({})).toBe(false);

    const [scheme, handler] = fake.session.protocol.handle.mock.calls[0] as [string, Fn];
    expect(scheme).toBe('app');
    const refused = (await handler({ url: 'app://rolecall/..%2f..%2fpackage.json', method: 'GET' })) as Response;
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses every navigation and new window, opening only allowlisted https links externally', () => {
    const listeners = new Map<string, Fn>();
    let openHandler: Fn = () => undefined;
    const contents = {
      on: (event: string, listener: Fn) => listeners.set(event, listener),
      setWindowOpenHandler: (handler: Fn) => (openHandler = handler),
    };
    fake.appListeners.get('web-contents-created')?.({}, contents);

    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      listeners.get('will-navigate')?.(event, url);
      return event.preventDefault;
    };
    expect(navigate('https://evil.example/')).toHaveBeenCalled();
    expect(navigate('app://rolecall/other.html')).toHaveBeenCalled();
    expect(navigate('https://docs.aws.amazon.com/IAM/')).toHaveBeenCalled();
    expect(fake.module.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(fake.module.shell.openExternal).toHaveBeenCalledWith('https://docs.aws.amazon.com/IAM/');

    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    expect(openHandler({ url: 'https://docs.aws.amazon.com.evil.com/' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'https://docs.aws.amazon.com/STS/' })).toEqual({ action: 'deny' });
    expect(fake.module.shell.openExternal).toHaveBeenLastCalledWith('https://docs.aws.amazon.com/STS/');
    expect(fake.module.shell.openExternal).toHaveBeenCalledTimes(2);
  });

  it('registers the contract channels and answers only our window', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const info = fake.ipcHandlers.get('app:info') as Fn;
    const frame = { url: 'app://rolecall/index.html', parent: null };
    const ours = { sender: fake.windows[0]?.webContents, senderFrame: frame };
    await expect(info(ours, {})).resolves.toEqual({ ok: true, data: { version: '0.1.0', platform: process.platform, locale: 'ja-JP' } });
    const otherContents = { sender: { id: 99 }, senderFrame: frame };
    await expect(info(otherContents, {})).resolves.toMatchObject({ ok: false });
  });

  const ours = () => ({ sender: fake.windows[0]?.webContents, senderFrame: { url: 'app://rolecall/index.html', parent: null } });
  const sent = () => fake.windows[0]!.webContents.send;

  it('publishes what a call changed to our window, even when the call fails', async () => {
    sent().mockClear();
    const copy = fake.ipcHandlers.get('session:copy-export') as Fn;
    const result = await copy(ours(), { name: 'ghost', format: 'bash' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UnknownRole' } });
    // (A watcher may still report the catalog written before this test: only this call's event counts.)
    expect(sent().mock.calls.filter(([, event]) => (event as { type: string }).type === 'sessions:changed')).toEqual([[EVENT_CHANNEL, { type: 'sessions:changed' }]]);
    expect(fake.module.clipboard.writeText).not.toHaveBeenCalled();
  });

  it('turns a catalog write by another process into catalog and sessions events, until quit', async () => {
    sent().mockClear();
    writeFileSync(join(catalogDir, 'catalog.json'), '{"version":1}\n');
    await vi.waitFor(
      () =>
        expect(sent().mock.calls).toEqual([
          [EVENT_CHANNEL, { type: 'catalog:changed' }],
          [EVENT_CHANNEL, { type: 'sessions:changed' }],
        ]),
      UNTIL_TEST_TIMEOUT,
    );
    (fake.appListeners.get('will-quit') as Fn)();
    sent().mockClear();
    // Once a watcher of our own has seen the write, main's (closed on quit) would have too.
    await catalogWriteSettled(() => writeFileSync(join(catalogDir, 'catalog.json'), '{"version":1,"users":[]}\n'));
    expect(sent()).not.toHaveBeenCalled();
  });

  it('brings the first window back when a second instance starts', () => {
    const [window] = fake.windows;
    fake.appListeners.get('second-instance')?.({}, [], '');
    expect(window?.restore).toHaveBeenCalledTimes(1);
    expect(window?.focus).toHaveBeenCalledTimes(1);
    window?.isMinimized.mockReturnValueOnce(false);
    fake.appListeners.get('second-instance')?.({}, [], '');
    expect(window?.restore).toHaveBeenCalledTimes(1);
    expect(window?.focus).toHaveBeenCalledTimes(2);
  });

  it('copies an export to the clipboard through the guard, never to the page', async () => {
    writeAdminCatalog();
    fake.keychain.set('role-session/admin', JSON.stringify(adminSession));
    const copy = fake.ipcHandlers.get('session:copy-export') as Fn;
    const result = await copy(ours(), { name: 'admin', format: 'bash' });
    expect(result).toEqual({ ok: true, data: { role: 'admin', format: 'bash', expiresAt: EXPIRES, notices: [] } });
    expect(fake.module.clipboard.writeText).toHaveBeenCalledTimes(1);
    expect(fake.module.clipboard.readText()).toContain(`AWS_SECRET_ACCESS_KEY='${adminSession.secretAccessKey}'`);
  });

  it('holds the first quit for the cleanup (profiles, clipboard), then quits again and lets that through', async () => {
    const credentials = join(home, 'credentials');
    await writeManagedProfile(
      'admin',
      { accessKeyId: adminSession.accessKeyId, secretAccessKey: adminSession.secretAccessKey, sessionToken: adminSession.sessionToken, expiration: new Date(EXPIRES) },
      { env: process.env },
    );
    expect(readFileSync(credentials, 'utf8')).toContain('[admin]');
    const beforeQuit = fake.appListeners.get('before-quit') as Fn;
    const first = { preventDefault: vi.fn() };
    beforeQuit(first);
    expect(first.preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalledTimes(1), UNTIL_TEST_TIMEOUT);
    // clearProfilesOnQuit is on: the profile is gone; the export left the clipboard.
    expect(readFileSync(credentials, 'utf8')).not.toContain('[admin]');
    expect(fake.module.clipboard.readText()).toBe('');
    // app.quit() asked again: this time nothing holds it.
    const again = { preventDefault: vi.fn() };
    beforeQuit(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    expect(fake.module.app.quit).toHaveBeenCalledTimes(1);
  });
});

describe('main/electron/index.ts as a second instance', () => {
  it('quits at once when another instance holds the lock: no window, no handlers, no quit cleanup', async () => {
    vi.resetModules();
    fake.appListeners.clear();
    fake.ipcHandlers.clear();
    fake.windows.length = 0;
    fake.module.app.quit.mockClear();
    fake.module.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    await import('../../main/electron/index');
    // Quitting is its answer: once it has quit, nothing else may have been set up.
    await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalledTimes(1), UNTIL_TEST_TIMEOUT);
    expect(fake.module.app.requestSingleInstanceLock).toHaveBeenCalledTimes(2);
    expect(fake.module.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
    expect([...fake.appListeners.keys()]).toEqual(['web-contents-created']);
  });
});

describe('main/electron/index.ts when the session ends', () => {
  const credentials = join(home, 'credentials');
  const frame = { url: 'app://rolecall/index.html', parent: null };
  const call = (channel: string, payload: unknown) => (fake.ipcHandlers.get(channel) as Fn)({ sender: fake.windows[0]?.webContents, senderFrame: frame }, payload);

  /** main/electron/index.ts loaded afresh (its quit cleanup not run yet), with a profile to clear and an export copied. */
  async function startApp(): Promise<void> {
    fake.module.app.quit.mockClear();
    await loadAppAfresh();
    writeAdminCatalog();
    fake.keychain.set('role-session/admin', JSON.stringify(adminSession));
    await writeManagedProfile(
      'admin',
      { accessKeyId: adminSession.accessKeyId, secretAccessKey: adminSession.secretAccessKey, sessionToken: adminSession.sessionToken, expiration: new Date(EXPIRES) },
      { env: process.env },
    );
    expect(await call('session:copy-export', { name: 'admin', format: 'bash' })).toMatchObject({ ok: true });
    expect(fake.module.clipboard.readText()).toContain(adminSession.secretAccessKey);
    expect(readFileSync(credentials, 'utf8')).toContain('[admin]');
  }

  afterEach(() => (fake.appListeners.get('will-quit') as Fn | undefined)?.());

  it("Windows' session-end on the window (no before-quit comes): clipboard and changes at once, then the profiles, once", async () => {
    await startApp();
    const sessionEnd = fake.windows[0]!.listeners.get('session-end');
    expect(sessionEnd).toBeTypeOf('function');
    sessionEnd!({ reasons: ['shutdown'], preventDefault: vi.fn() });
    // Before the listener returned: once it has, Windows may end the process.
    expect(fake.module.clipboard.readText()).toBe('');
    expect(await call('session:assume', { name: 'admin' })).toMatchObject({ ok: false, error: { code: 'Quitting' } });
    expect(await call('catalog:list', {})).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalledTimes(1), UNTIL_TEST_TIMEOUT);
    expect(readFileSync(credentials, 'utf8')).not.toContain('[admin]');
    // The quit it asked for goes through; a later announcement of the end runs nothing again.
    const beforeQuit = { preventDefault: vi.fn() };
    (fake.appListeners.get('before-quit') as Fn)(beforeQuit);
    expect(beforeQuit.preventDefault).not.toHaveBeenCalled();
    // Decided synchronously (the cleanup starts only from "waiting"): no second cleanup, no second quit.
    sessionEnd!({ reasons: ['logoff'], preventDefault: vi.fn() });
    await Promise.resolve();
    expect(fake.module.app.quit).toHaveBeenCalledTimes(1);
  });

  it("Linux and macOS: powerMonitor's shutdown is held for the same cleanup, which then quits", async () => {
    await startApp();
    const shutdown = fake.powerListeners.get('shutdown');
    expect(shutdown).toBeTypeOf('function');
    const event = { preventDefault: vi.fn() };
    shutdown!(event);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    expect(fake.module.clipboard.readText()).toBe('');
    await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalledTimes(1), UNTIL_TEST_TIMEOUT);
    expect(readFileSync(credentials, 'utf8')).not.toContain('[admin]');
    // app.quit() then emits before-quit (as it does on macOS at shutdown too): let through, no second cleanup.
    const beforeQuit = { preventDefault: vi.fn() };
    (fake.appListeners.get('before-quit') as Fn)(beforeQuit);
    expect(beforeQuit.preventDefault).not.toHaveBeenCalled();
  });
});

describe('main/electron/index.ts: the tray, notifications and the scheduler', () => {
  const frame = { url: 'app://rolecall/index.html', parent: null };
  const call = (channel: string, payload: unknown) => (fake.ipcHandlers.get(channel) as Fn)({ sender: fake.windows[0]?.webContents, senderFrame: frame }, payload);

  async function startFresh(): Promise<void> {
    fake.keychain.clear();
    await loadAppAfresh();
  }
  afterEach(() => (fake.appListeners.get('will-quit') as Fn | undefined)?.());

  const lastMenu = () => fake.trays[0]?.menus.at(-1) ?? [];
  const find = (template: ReturnType<typeof lastMenu>, match: (label: string) => boolean) => template.find((item) => match(item.label ?? ''));

  it('shows a live session checked in the tray, with its time in the tooltip, and stops it on click', async () => {
    await startFresh();
    expect(fake.trays).toHaveLength(1);
    writeAdminCatalog();
    fake.keychain.set('role-session/admin', JSON.stringify(adminSession));
    // The catalog write reaches the tray through the watcher, as a CLI change would.
    await vi.waitFor(() => expect(find(lastMenu(), (label) => label.startsWith('admin'))?.checked).toBe(true), UNTIL_TEST_TIMEOUT);
    expect(fake.trays[0]!.tooltips.at(-1)).toContain('admin');
    find(lastMenu(), (label) => label.startsWith('admin'))!.click!();
    await vi.waitFor(() => expect(fake.keychain.has('role-session/admin')).toBe(false), UNTIL_TEST_TIMEOUT);
    await vi.waitFor(() => expect(find(lastMenu(), (label) => label.startsWith('admin'))?.checked).toBe(false), UNTIL_TEST_TIMEOUT);
  });

  it('hides the window on close while the tray lives on, and closes it for real once quitting', async () => {
    await startFresh();
    const [window] = fake.windows;
    const close = () => {
      const event = { preventDefault: vi.fn() };
      window!.listeners.get('close')!(event);
      return event.preventDefault;
    };
    expect(close()).toHaveBeenCalled();
    expect(window!.hide).toHaveBeenCalledTimes(1);
    // The tray's Quit (or the OS ending the session) begins quitting: the window may close.
    (fake.appListeners.get('before-quit') as Fn)({ preventDefault: vi.fn() });
    expect(close()).not.toHaveBeenCalled();
    expect(window!.hide).toHaveBeenCalledTimes(1);
  });

  it('sets a menu bar in the language of the OS (Japanese here), with the command-line installer', async () => {
    await startFresh();
    const menu = fake.module.Menu.setApplicationMenu.mock.lastCall?.[0] as { template: Array<{ label?: string; submenu?: Array<{ label?: string }> }> };
    const file = menu.template.find((item) => item.label === 'ファイル');
    expect(file?.submenu?.map((item) => item.label)).toContain('コマンドラインツールをインストール…');
  });

  it('warns before a direct role ends, on resume, and its click opens the window to extend it', async () => {
    await startFresh();
    const longJob = roleSessionRecord({
      role: 'long-job',
      roleArn: 'arn:aws:iam::123456789012:role/long-job',
      via: 'long-term-key',
      chain: ['dev-user', 'long-job'],
      expiration: new Date(Date.now() + 5 * 60_000).toISOString(),
    });
    const send = fake.windows[0]!.webContents.send;
    send.mockClear();
    writeFileSync(
      join(catalogDir, 'catalog.json'),
      JSON.stringify({
        version: 1,
        users: [{ name: 'dev-user', accessKeyId: 'AKIAROLECALLDEV00001', mfaSerial: 'arn:aws:iam::123456789012:mfa/dev-user' }],
        roles: [{ name: 'long-job', roleArn: longJob.roleArn, source: 'dev-user', direct: true }],
      }),
    );
    // The catalog write reaches main through the watcher (the window hears of it), which starts
    // the scheduler's look and the tray's redraw together: wait for both, so the scheduler has
    // looked before the keychain changes.
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith(EVENT_CHANNEL, { type: 'catalog:changed' }), UNTIL_TEST_TIMEOUT);
    await vi.waitFor(() => expect(find(lastMenu(), (label) => label.startsWith('long-job'))).toBeDefined(), UNTIL_TEST_TIMEOUT);
    // A session the keychain gained (nothing watches the keychain): nobody looks until something
    // happens, which here is waking from sleep (timers drift while asleep).
    fake.keychain.set('role-session/long-job', JSON.stringify(longJob));
    expect(fake.notifications).toHaveLength(0);
    (fake.powerListeners.get('resume') as Fn)();
    expect(fake.powerListeners.get('unlock-screen')).toBeTypeOf('function');
    await vi.waitFor(() => expect(fake.notifications).toHaveLength(1), UNTIL_TEST_TIMEOUT);
    const [notification] = fake.notifications;
    expect(notification!.shown).toBe(true);
    expect(notification!.options.title).toContain('long-job');
    expect((await call('sessions:list', {})) as unknown).toMatchObject({ ok: true, data: { sessions: [{ name: 'long-job', renewal: 'needs-mfa-code' }] } });

    fake.windows[0]!.webContents.send.mockClear();
    notification!.listeners.get('click')!();
    expect(fake.windows[0]!.show).toHaveBeenCalled();
    expect(fake.windows[0]!.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, { type: 'assume:requested' });
    expect(await call('assume:take-request', {})).toEqual({ ok: true, data: { role: 'long-job', extend: true } });
    expect(await call('assume:take-request', {})).toEqual({ ok: true, data: { extend: false } });
  });

  it('serves the credential endpoint while the setting is on, follows the setting, and removes its records on quit', async () => {
    writeFileSync(
      join(catalogDir, 'catalog.json'),
      JSON.stringify({
        version: 1,
        users: [{ name: 'dev-user', accessKeyId: 'AKIAROLECALLDEV00001' }],
        roles: [{ name: 'admin', roleArn: adminSession.roleArn, source: 'dev-user', direct: false }],
        settings: { serveCredentialEndpoint: true },
      }),
    );
    const endpointRecords = () => [...fake.keychain.keys()].filter((account) => account.startsWith('endpoint'));
    await startFresh();
    await vi.waitFor(() => expect(endpointRecords()).toEqual(['endpoint']), UNTIL_TEST_TIMEOUT);
    const { port } = JSON.parse(fake.keychain.get('endpoint') ?? '{}') as { port: number };
    // What `rolecall export admin --server` asks: the token lands in the keychain, not in the answer.
    const granted = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers = { 'X-Rolecall-Challenge': 'c'.repeat(43) };
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/grant/admin', headers }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(granted.status).toBe(200);
    const token = (JSON.parse(fake.keychain.get('endpoint/admin') ?? '{}') as { token?: string }).token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(granted.body).not.toContain(token);

    // The window turns it off: the records go (the catalog watcher tells the service).
    expect(await call('settings:update', { serveCredentialEndpoint: false })).toMatchObject({ ok: true, data: { serveCredentialEndpoint: false } });
    await vi.waitFor(() => expect(endpointRecords()).toEqual([]), UNTIL_TEST_TIMEOUT);
    await call('settings:update', { serveCredentialEndpoint: true });
    await vi.waitFor(() => expect(endpointRecords()).toEqual(['endpoint']), UNTIL_TEST_TIMEOUT);

    // Quitting stops it for good, before the app quits.
    const quits = fake.module.app.quit.mock.calls.length;
    (fake.appListeners.get('before-quit') as Fn)({ preventDefault: vi.fn() });
    await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalledTimes(quits + 1), UNTIL_TEST_TIMEOUT);
    expect(endpointRecords()).toEqual([]);
  });
});

describe('main/electron/index.ts as the CLI', () => {
  it('runs the CLI for `Rolecall --rolecall-cli …` and exits with its code, without starting the app', async () => {
    vi.resetModules();
    fake.appListeners.clear();
    fake.windows.length = 0;
    fake.module.app.requestSingleInstanceLock.mockClear();
    const argv = process.argv;
    // Captured, and flushed at once (the CLI mode waits for the flush before it exits).
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((_chunk: unknown, encodingOrDone?: unknown, done?: unknown) => {
      const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
      if (typeof callback === 'function') (callback as () => void)();
      return true;
    });
    process.argv = ['/opt/Rolecall/rolecall-app', '--rolecall-cli', 'list', '--json'];
    try {
      await import('../../main/electron/index');
      await vi.waitFor(() => expect(fake.module.app.exit).toHaveBeenCalledWith(0), UNTIL_TEST_TIMEOUT);
      expect(write.mock.calls.map(([chunk]) => String(chunk)).join('')).toContain('"roles"');
    } finally {
      process.argv = argv;
      write.mockRestore();
    }
    expect(fake.module.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
    expect(fake.appListeners.size).toBe(0);
  });
});
