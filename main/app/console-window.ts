// The Rolecall console window of a role (the AWS console signed in as that role, beside other
// roles' windows) as plain data and pure functions, unit-tested in plain Node like the main
// window's (window-security.ts); main/electron/console-windows.ts only wires them into Electron.
//
// It loads remote content, so it is locked down harder than the main window: no preload (so no
// Rolecall IPC at all), sandbox, context isolation, no Node anywhere, no <webview>; its session
// partition is the role's own and in memory only (no `persist:` prefix), so `admin` and `deploy`
// are signed in side by side and closing the window forgets its cookies; navigation and new
// windows stay on the partition's AWS console and sign-in hosts (anything else https goes to the
// OS browser); every permission is denied but the clipboard write the console's copy buttons use.
import type { WebPreferences } from 'electron';
import { isConsoleHost, isSigninHost, type Partition } from '../../common/console';
import { LOCKED_DOWN, PARTITION } from './window-security';

const CONSOLE_PARTITION_PREFIX = 'role-console:';

/** The role's own in-memory session partition. Never the main window's, never persisted. */
export function consolePartition(role: string): string {
  const partition = `${CONSOLE_PARTITION_PREFIX}${role}`;
  // A role name cannot make it persistent or the main window's (names never contain ':'), but the
  // rule is the point of the window: say it where it is decided.
  if (partition === PARTITION || partition.startsWith('persist:')) throw new Error('a console partition must be in memory and not the main window’s');
  return partition;
}

/** The console window's webPreferences: no preload, everything off that remote content could use. */
export function consoleWebPreferences(role: string, isPackaged: boolean): WebPreferences {
  return {
    // SECURITY: no preload: the console page has no bridge to Rolecall and no IPC.
    ...LOCKED_DOWN,
    // SECURITY: no dragging a file onto the window to navigate it away.
    navigateOnDragDrop: false,
    // SECURITY: a page cannot flood the person with alert() loops.
    safeDialogs: true,
    devTools: !isPackaged,
    partition: consolePartition(role),
  };
}

/**
 * The options of a role's console window: a BaseWindow holding two views, the coloured bar
 * (console-bar.ts) and the console page below it, whose webPreferences are consoleWebPreferences.
 */
export function consoleWindowOptions(title: string) {
  return {
    title,
    width: 1280,
    height: 860,
    minWidth: 640,
    minHeight: 480,
    show: false,
  };
}

/** What to do with a navigation or a new window: stay in the console window, hand to the OS browser, or drop. */
export type ConsoleNavigation = 'allow' | 'external' | 'deny';

/**
 * Where the console window may go. `alsoAllowedOrigin`: a test federation endpoint
 * (ROLECALL_SIGNIN_ENDPOINT), whose pages stand for the console's.
 */
export function consoleNavigation(partition: Partition, raw: string, alsoAllowedOrigin?: string): ConsoleNavigation {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'deny';
  }
  if (url.username !== '' || url.password !== '') return 'deny';
  if (alsoAllowedOrigin !== undefined && url.origin === alsoAllowedOrigin) return 'allow';
  if (url.protocol !== 'https:') return 'deny';
  if (url.port === '' && (isConsoleHost(partition, url.hostname) || isSigninHost(partition, url.hostname))) return 'allow';
  // Documentation, support, another partition's console: the person's own browser.
  return 'external';
}

/** The one permission the console gets: writing the clipboard (its "copy" buttons). */
export const CONSOLE_ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** The permission request and check handlers' answer. */
export function consolePermission(permission: string): boolean {
  return CONSOLE_ALLOWED_PERMISSIONS.has(permission);
}

export interface ConsoleTitleTexts {
  live(values: { role: string; time: string }): string;
  ended(values: { role: string }): string;
}

/** The window's title: the role and its time left, or that its session has ended. */
export function consoleWindowTitle(role: string, endsAt: number, now: number, texts: ConsoleTitleTexts, formatMinutes: (minutes: number) => string): string {
  const minutes = Math.floor((endsAt - now) / 60_000);
  return endsAt <= now ? texts.ended({ role }) : texts.live({ role, time: formatMinutes(Math.max(0, minutes)) });
}

/** When the title must change next: the next whole minute left, or the end itself. */
export function nextTitleChangeMs(endsAt: number, now: number): number | undefined {
  const left = endsAt - now;
  if (left <= 0) return undefined;
  return left % 60_000 || 60_000;
}
