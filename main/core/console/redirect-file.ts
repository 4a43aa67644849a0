// How a sign-in URL reaches the OS browser without being on a command line. Every OS opener takes
// what it opens as an argument (xdg-open and the browser it starts on Linux, `open` on macOS,
// Explorer on Windows), and a process's arguments are readable by every local user (/proc/<pid>/
// cmdline, ps). So the URL goes into a file only its owner can read, in a fresh private folder,
// and the opener gets the file's path: a page that sends the browser on to the URL at once. The
// file is removed once the browser has had the time to read it (REDIRECT_FILE_GRACE_MS), and a
// file left by a run that died is removed by the next run (after the URL's 15 minutes are over it
// is worthless anyway).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIGNIN_TOKEN_LIFETIME_MS } from '../../../common/console';

/** How long the redirect page stays for the browser to read it. */
export const REDIRECT_FILE_GRACE_MS = 15_000;

/** The folder the redirect pages live in: the user's own temp folder, one subfolder per page. */
export function redirectRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_RUNTIME_DIR || tmpdir(), 'rolecall-console');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page: no script needed, a refresh at once to the URL (and a link, should refresh be off). */
export function redirectPage(url: string): string {
  const href = escapeHtml(url);
  return (
    `<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">` +
    `<meta http-equiv="refresh" content="0;url=${href}"><title>Rolecall</title></head>` +
    `<body><a href="${href}">Continue to the AWS console</a></body></html>\n`
  );
}

export interface RedirectFile {
  path: string;
  remove(): void;
}

/** Writes the page (0600, in a fresh 0700 folder) and removes the leftovers of earlier runs. */
export function writeRedirectFile(url: string, options: { env?: NodeJS.ProcessEnv; now?: number } = {}): RedirectFile {
  const root = redirectRoot(options.env);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  removeStale(root, options.now ?? Date.now());
  const folder = mkdtempSync(join(root, 'signin-'));
  const path = join(folder, 'open-console.html');
  writeFileSync(path, redirectPage(url), { mode: 0o600, flag: 'wx' });
  return { path, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

function removeStale(root: string, now: number): void {
  for (const entry of readdirSync(root)) {
    if (!entry.startsWith('signin-')) continue;
    const folder = join(root, entry);
    try {
      if (now - statSync(folder).mtimeMs > SIGNIN_TOKEN_LIFETIME_MS) rmSync(folder, { recursive: true, force: true });
    } catch {
      // Gone already, or another user's: not ours to remove.
    }
  }
}

/** The OS's opener for a file, as [command, ...arguments]. */
export function openerFor(platform: NodeJS.Platform, path: string): string[] {
  if (platform === 'darwin') return ['open', path];
  // Explorer opens a file with its default program, without cmd's parsing of the path.
  if (platform === 'win32') return ['explorer.exe', path];
  return ['xdg-open', path];
}

/**
 * Opens a file with the OS's opener, detached (a browser started by xdg-open may live on in it).
 * Resolves once the opener has started; rejects in words when there is none.
 */
export function openWithOs(path: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const [command, ...args] = openerFor(platform, path);
  return new Promise((resolve, reject) => {
    const child = spawn(command!, args, { detached: true, stdio: 'ignore', env });
    child.once('error', (error: NodeJS.ErrnoException) => reject(new Error(error.code === 'ENOENT' ? `${command} is not installed` : `${command} failed to start`)));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
