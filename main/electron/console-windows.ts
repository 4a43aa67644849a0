// Electron glue for the AWS console: a sign-in URL opened in the OS browser (through a private
// redirect page, main/core/console/redirect-file.ts), or in the role's own Rolecall console window
// (decisions in main/app/console-window.ts). SECURITY: the URL is a bearer credential; it goes to
// the redirect page or to the window's loadURL and nowhere else: never to a log, never to a page.
import { BaseWindow, session, shell, WebContentsView, type WebContents } from 'electron';
import type { Partition } from '../../common/console';
import { consoleBarUrl, consoleBarWebPreferences, consoleLayout, ENDED_COLOURS, roleColours } from '../app/console-bar';
import {
  consoleNavigation,
  consolePartition,
  consolePermission,
  consoleWebPreferences,
  consoleWindowOptions,
  consoleWindowTitle,
  nextTitleChangeMs,
  type ConsoleNavigation,
} from '../app/console-window';
import { formatMinutes, type MainT } from '../app/i18n';
import { logError } from '../app/log';
import { REDIRECT_FILE_GRACE_MS, writeRedirectFile } from '../core/console/redirect-file';

export interface ConsoleWindowsDeps {
  isPackaged(): boolean;
  translator(): MainT;
  /** A test federation endpoint's origin (ROLECALL_SIGNIN_ENDPOINT), whose pages stand for the console's. */
  testOrigin(): string | undefined;
}

export interface ConsoleOpenRequest {
  role: string;
  url: string;
  partition: Partition;
  endsAt: string;
}

/** A role's console window: the coloured bar naming the role above the console page. */
interface Open {
  window: BaseWindow;
  bar: WebContentsView;
  page: WebContentsView;
  partition: Partition;
  endsAt: number;
  timer?: ReturnType<typeof setTimeout>;
}

export interface ConsoleWindows {
  inBrowser(url: string): Promise<void>;
  inWindow(request: ConsoleOpenRequest): void;
  /** For every WebContents' guard: the console policy of this one, or undefined when it is not a console window's. */
  navigation(contents: WebContents, url: string): ConsoleNavigation | undefined;
  /**
   * A console link meant for a new tab (allowed by `navigation`): another window of the same role,
   * with its bar, on the same in-memory partition (so already signed in). False when `contents`
   * is not a console window's page.
   */
  openBeside(contents: WebContents, url: string): boolean;
}

export function createConsoleWindows(deps: ConsoleWindowsDeps): ConsoleWindows {
  // A role's windows: the first is the one `inWindow` signs in again; the others were opened by
  // the console itself (a link meant for a new tab) and share its partition.
  const windows = new Map<string, Open[]>();
  const prepared = new Set<string>();

  const live = (role: string): Open[] => (windows.get(role) ?? []).filter((open) => !open.window.isDestroyed());

  function ownerOf(contents: WebContents): { role: string; open: Open } | undefined {
    for (const role of windows.keys()) for (const open of live(role)) if (open.page.webContents === contents) return { role, open };
    return undefined;
  }

  function retitle(role: string, open: Open): void {
    if (open.window.isDestroyed()) return;
    const t = deps.translator();
    const now = Date.now();
    const title = consoleWindowTitle(role, open.endsAt, now, { live: (v) => t('consoleWindow.live', v), ended: (v) => t('consoleWindow.ended', v) }, (minutes) =>
      formatMinutes(minutes, t),
    );
    open.window.setTitle(title);
    // The bar says the same, in the role's colour (grey once the session has ended).
    const colours = open.endsAt <= now ? ENDED_COLOURS : roleColours(role);
    open.bar.webContents.loadURL(consoleBarUrl(title, colours, t.language)).catch((error: unknown) => logError('the console bar could not be drawn', error));
    if (open.timer) clearTimeout(open.timer);
    const next = nextTitleChangeMs(open.endsAt, now);
    open.timer = next === undefined ? undefined : setTimeout(() => retitle(role, open), next + 50);
  }

  /** The role's partition: its permission handlers set once (deny all but the clipboard write). */
  function prepareSession(role: string) {
    const name = consolePartition(role);
    const ses = session.fromPartition(name);
    if (!prepared.has(name)) {
      prepared.add(name);
      ses.setPermissionRequestHandler((_contents, permission, callback) => callback(consolePermission(permission)));
      ses.setPermissionCheckHandler((_contents, permission) => consolePermission(permission));
      ses.setDevicePermissionHandler(() => false);
    }
    return ses;
  }

  /** A new window of the role (its bar above the console page), loading `url`. */
  function openWindow(role: string, url: string, partition: Partition, endsAt: number): void {
    const ses = prepareSession(role);
    const window = new BaseWindow(consoleWindowOptions(role));
    const bar = new WebContentsView({ webPreferences: consoleBarWebPreferences() });
    const page = new WebContentsView({ webPreferences: consoleWebPreferences(role, deps.isPackaged()) });
    window.contentView.addChildView(bar);
    window.contentView.addChildView(page);
    const layout = () => {
      const { width, height } = window.getContentBounds();
      const bounds = consoleLayout(width, height);
      bar.setBounds(bounds.bar);
      page.setBounds(bounds.page);
    };
    layout();
    window.on('resize', layout);
    const open: Open = { window, bar, page, partition, endsAt };
    windows.set(role, [...live(role), open]);
    window.on('closed', () => {
      if (open.timer) clearTimeout(open.timer);
      // A BaseWindow does not close its views' pages: they go with it.
      for (const view of [bar, page]) if (!view.webContents.isDestroyed()) view.webContents.close();
      const left = live(role).filter((other) => other !== open);
      if (left.length) {
        windows.set(role, left);
        return;
      }
      windows.delete(role);
      // SECURITY: closing the role's last window signs the role out: the in-memory partition forgets its cookies.
      ses.clearStorageData().catch((error: unknown) => logError('the console window’s storage could not be cleared', error));
    });
    retitle(role, open);
    window.show();
    page.webContents.loadURL(url).catch((error: unknown) => logError('the console window could not load', error));
  }

  return {
    async inBrowser(url) {
      const file = writeRedirectFile(url);
      const problem = await shell.openPath(file.path);
      if (problem) {
        file.remove();
        throw new Error(`the OS could not open the browser: ${problem}`);
      }
      // The browser reads the page in its own time; it goes once it has had that time.
      setTimeout(() => file.remove(), REDIRECT_FILE_GRACE_MS);
    },

    inWindow({ role, url, partition, endsAt }) {
      const opened = live(role);
      const first = opened[0];
      if (!first) return openWindow(role, url, partition, Date.parse(endsAt));
      // Signed in again (a new role session): every window of the role shows its new end.
      for (const open of opened) {
        open.endsAt = Date.parse(endsAt);
        open.partition = partition;
        retitle(role, open);
      }
      first.page.webContents.loadURL(url).catch((error: unknown) => logError('the console window could not load', error));
      first.window.show();
      first.window.focus();
    },

    navigation(contents, url) {
      const owner = ownerOf(contents);
      return owner && consoleNavigation(owner.open.partition, url, deps.testOrigin());
    },

    openBeside(contents, url) {
      const owner = ownerOf(contents);
      if (!owner) return false;
      openWindow(owner.role, url, owner.open.partition, owner.open.endsAt);
      return true;
    },
  };
}
