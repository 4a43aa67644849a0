// Where the `rolecall` command goes and what it says, decided without touching the disk (install.ts
// writes it). The command is a tiny shim that runs the app binary in CLI mode
// (`<app> --rolecall-cli …`, main/cli/app-mode.ts): the packaged app has no Node of its own to run the
// CLI bundle, and its RunAsNode fuse is off.
//
// Where, per platform, always somewhere the user owns (no admin prompt, nothing for an uninstaller
// to miss):
// - Linux and macOS: ~/.local/bin/rolecall (XDG's user bin; on PATH by default on most Linux
//   distributions, not on macOS, which `onPath` reports so the app can say how to add it).
//   /usr/local/bin would be on macOS's PATH but needs an admin password, and a root-owned file
//   pointing into a per-user app would outlive or confuse that app.
// - Windows: %LOCALAPPDATA%\Microsoft\WindowsApps\rolecall.cmd, a per-user folder Windows puts on
//   PATH by default (winget and the Store link their commands there too).
import { posix, win32 } from 'node:path';
import { RolecallError } from '../../core/errors';

/** Marks a file as our own shim: a later install may replace it, and nothing else. */
export const SHIM_MARKER = 'rolecall-cli-shim';

/** The flag the shim passes; main/cli/app-mode.ts looks for it. */
const CLI_FLAG = '--rolecall-cli';

export interface CliInstallInput {
  platform: NodeJS.Platform;
  home: string;
  env: NodeJS.ProcessEnv;
  /** The file the shim runs: appExecutableFrom(process.env, process.execPath). */
  appExecutable: string;
}

export interface CliInstallPlan {
  /** The shim's full path. */
  path: string;
  /** The folder it goes in (created when missing). */
  dir: string;
  content: string;
  /** POSIX file mode; Windows ignores it (a .cmd runs by its extension). */
  mode: number;
  /** Whether `dir` is on the PATH in `env`, i.e. whether `rolecall` works in a new shell as is. */
  onPath: boolean;
}

/**
 * The file to run for this app. Inside an AppImage, process.execPath is a path in a temporary
 * mount (/tmp/.mount_…) that is gone once the app quits; the AppImage runtime names the image file
 * itself in APPIMAGE and the mount in APPDIR. APPIMAGE counts only when this process really runs
 * from that mount: an APPIMAGE inherited from some other AppImage's terminal must not win.
 */
export function appExecutableFrom(env: NodeJS.ProcessEnv, execPath: string): string {
  const image = env.APPIMAGE;
  const mount = env.APPDIR;
  if (image && mount && execPath.startsWith(mount.endsWith('/') ? mount : `${mount}/`)) return image;
  return execPath;
}

/** Whether a file's text is one of our shims (the marker sits in its first lines). */
export function isCliShim(content: string): boolean {
  return content.split(/\r?\n/, 3).some((line) => line.includes(SHIM_MARKER));
}

/** A POSIX shell word: single quotes keep everything literal; a quote itself becomes '\''. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function posixShim(appExecutable: string): string {
  return [
    '#!/bin/sh',
    `# ${SHIM_MARKER}: runs the Rolecall app's command line. Written by Rolecall; installing the`,
    '# command line again from the app replaces this file.',
    `exec ${shellQuote(appExecutable)} ${CLI_FLAG} "$@"`,
    '',
  ].join('\n');
}

function windowsShim(appExecutable: string): string {
  // A Windows path cannot hold a double quote or a line break; either would escape the quoting.
  if (/["\r\n]/.test(appExecutable)) {
    throw new RolecallError(
      `The app's path cannot be written into a command script: ${appExecutable}`,
      'Install Rolecall into a folder whose path has no double quotes.',
      'InvalidInput',
    );
  }
  // In a batch file % expands even inside quotes; %% is a literal one. %* passes every argument.
  return [
    '@echo off',
    `rem ${SHIM_MARKER}: runs the Rolecall app's command line. Written by Rolecall; installing the`,
    'rem command line again from the app replaces this file.',
    `"${appExecutable.replaceAll('%', '%%')}" ${CLI_FLAG} %*`,
    '',
  ].join('\r\n');
}

/** The PATH value, found case-insensitively on Windows (a copied env may spell it `Path`). */
function pathValue(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform !== 'win32') return env.PATH ?? '';
  const key = Object.keys(env).find((name) => name.toUpperCase() === 'PATH');
  return key === undefined ? '' : (env[key] ?? '');
}

function isOnPath(dir: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  const windows = platform === 'win32';
  const path = windows ? win32 : posix;
  // Folders compare without trailing separators, and case-insensitively on Windows.
  const canonical = (folder: string): string => {
    const normal = path.normalize(folder).replace(windows ? /[\\/]+$/ : /\/+$/, '');
    return windows ? normal.toLowerCase() : normal;
  };
  const wanted = canonical(dir);
  return (
    pathValue(env, platform)
      .split(path.delimiter)
      // Windows PATH entries may be quoted; an empty entry means the current folder, never ours.
      .map((entry) => (windows ? entry.replaceAll('"', '') : entry))
      .some((entry) => entry !== '' && canonical(entry) === wanted)
  );
}

export function planCliInstall({ platform, home, env, appExecutable }: CliInstallInput): CliInstallPlan {
  const windows = platform === 'win32';
  const path = windows ? win32 : posix;
  if (!path.isAbsolute(appExecutable)) {
    throw new RolecallError(
      `The app's own path is not absolute: ${appExecutable}`,
      'Start Rolecall from its installed location and install the command line again.',
      'InvalidInput',
    );
  }
  const dir = windows ? win32.join(env.LOCALAPPDATA || win32.join(home, 'AppData', 'Local'), 'Microsoft', 'WindowsApps') : posix.join(home, '.local', 'bin');
  return {
    path: path.join(dir, windows ? 'rolecall.cmd' : 'rolecall'),
    dir,
    content: windows ? windowsShim(appExecutable) : posixShim(appExecutable),
    mode: 0o755,
    onPath: isOnPath(dir, env, platform),
  };
}
