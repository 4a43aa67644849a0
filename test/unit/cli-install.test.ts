// The `rolecall` command inside the app: main/cli/app-mode.ts (when an app start is a CLI run, and
// exiting with the CLI's code) and main/cli/install (the shim that starts the app in that mode).
// The POSIX shim is run for real with /bin/sh against a stand-in app that prints its arguments.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLI_FLAG, cliArgsFrom, runCliMode } from '../../main/cli/app-mode';
import { installCli, type CliInstallFs } from '../../main/cli/install/install';
import { appExecutableFrom, isCliShim, planCliInstall, SHIM_MARKER } from '../../main/cli/install/plan';
import { RolecallError } from '../../main/core/errors';

const POSIX = process.platform !== 'win32';
if (!POSIX) console.log('cli-install: the POSIX shim and file-mode tests are skipped on Windows (no /bin/sh, no modes)');

describe('cliArgsFrom', () => {
  it('turns a packaged start with the flag right after the executable into the CLI argv', () => {
    expect(cliArgsFrom(['/opt/Rolecall/rolecall-app', CLI_FLAG, 'export', 'admin', '--format', 'fish'])).toEqual([
      '/opt/Rolecall/rolecall-app',
      'rolecall',
      'export',
      'admin',
      '--format',
      'fish',
    ]);
    expect(cliArgsFrom(['C:\\Rolecall\\Rolecall.exe', CLI_FLAG])).toEqual(['C:\\Rolecall\\Rolecall.exe', 'rolecall']);
  });

  it('turns `electron . --rolecall-cli …` (defaultApp) into the CLI argv, skipping the app path', () => {
    expect(cliArgsFrom(['/repo/node_modules/electron/dist/electron', '.', CLI_FLAG, 'list', '--json'], true)).toEqual([
      '/repo/node_modules/electron/dist/electron',
      'rolecall',
      'list',
      '--json',
    ]);
  });

  it('looks past the --no-sandbox an AppImage launcher puts in front of the arguments', () => {
    // electron-builder's AppRun: exec "$BIN" --no-sandbox "$@" where user namespaces are unavailable.
    expect(cliArgsFrom(['/tmp/.mount_Roleca/rolecall-app', '--no-sandbox', CLI_FLAG, 'status'])).toEqual(['/tmp/.mount_Roleca/rolecall-app', 'rolecall', 'status']);
    expect(cliArgsFrom(['/tmp/.mount_Roleca/rolecall-app', '--no-sandbox'])).toBeUndefined();
    expect(cliArgsFrom(['/tmp/.mount_Roleca/rolecall-app', '--no-sandbox', '--other', CLI_FLAG])).toBeUndefined();
  });

  it('keeps everything after the flag as it is, including a later copy of the flag and --', () => {
    expect(cliArgsFrom(['/app', CLI_FLAG, 'exec', 'admin', '--', 'echo', CLI_FLAG])).toEqual(['/app', 'rolecall', 'exec', 'admin', '--', 'echo', CLI_FLAG]);
  });

  it('is a GUI start without the flag, or with the flag anywhere but its one place', () => {
    expect(cliArgsFrom(['/app'])).toBeUndefined();
    expect(cliArgsFrom([])).toBeUndefined();
    expect(cliArgsFrom(['/app', 'list', CLI_FLAG])).toBeUndefined();
    // Packaged, the second slot is not an app path: the flag must be right after the executable.
    expect(cliArgsFrom(['/app', '.', CLI_FLAG, 'list'])).toBeUndefined();
    // Under `electron .`, the flag in the app path's slot is not the marker.
    expect(cliArgsFrom(['/electron', CLI_FLAG, 'list'], true)).toBeUndefined();
    expect(cliArgsFrom(['/app', '--rolecall-cli=list'])).toBeUndefined();
  });
});

/** A stream whose writes land a tick later, like a pipe on macOS: text() is what has landed. */
function recorder() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      setImmediate(() => {
        chunks.push(chunk.toString());
        done();
      });
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('runCliMode', () => {
  it('exits with the CLI code once what it printed has been flushed', async () => {
    const out = recorder();
    const err = recorder();
    const exit = vi.fn((code: number) => {
      // Everything printed is out before the process ends.
      expect(out.text()).toBe('{"Version":1}\n');
      expect(code).toBe(3);
    });
    const runCli = vi.fn(async (argv: string[]) => {
      out.stream.write('{"Version":1}\n');
      expect(argv).toEqual(['/app', 'rolecall', 'status']);
      return 3;
    });
    await runCliMode(['/app', 'rolecall', 'status'], { runCli, exit, stdout: out.stream, stderr: err.stream });
    expect(exit).toHaveBeenCalledTimes(1);
    expect(err.text()).toBe('');
  });

  it('reports an unexpected failure in one line, without a stack, and exits 1', async () => {
    const out = recorder();
    const err = recorder();
    const exit = vi.fn();
    await runCliMode(['/app', 'rolecall'], {
      runCli: () => Promise.reject(new Error('the program chunk is missing')),
      exit,
      stdout: out.stream,
      stderr: err.stream,
    });
    expect(err.text()).toBe('rolecall: unexpected error: the program chunk is missing\n');
    expect(exit).toHaveBeenCalledWith(1);
  });
});

describe('appExecutableFrom', () => {
  it('is the AppImage file when the app runs from that image’s mount', () => {
    const env = { APPIMAGE: '/home/ana/Apps/Rolecall-0.1.0.AppImage', APPDIR: '/tmp/.mount_RolecaXyZ' };
    expect(appExecutableFrom(env, '/tmp/.mount_RolecaXyZ/rolecall-app')).toBe('/home/ana/Apps/Rolecall-0.1.0.AppImage');
  });

  it('is the running binary otherwise, even with an APPIMAGE inherited from another image', () => {
    expect(appExecutableFrom({}, '/opt/Rolecall/rolecall-app')).toBe('/opt/Rolecall/rolecall-app');
    const inherited = { APPIMAGE: '/home/ana/Apps/Other.AppImage', APPDIR: '/tmp/.mount_OtherAb' };
    expect(appExecutableFrom(inherited, '/opt/Rolecall/rolecall-app')).toBe('/opt/Rolecall/rolecall-app');
    // A mount path that is only a prefix of another folder's name does not count.
    expect(appExecutableFrom(inherited, '/tmp/.mount_OtherAbc/rolecall-app')).toBe('/tmp/.mount_OtherAbc/rolecall-app');
    expect(appExecutableFrom({ APPIMAGE: '/x.AppImage' }, '/opt/Rolecall/rolecall-app')).toBe('/opt/Rolecall/rolecall-app');
  });
});

describe('planCliInstall', () => {
  it('on Linux, writes a POSIX shim to ~/.local/bin that execs the app in CLI mode', () => {
    const plan = planCliInstall({
      platform: 'linux',
      home: '/home/ana',
      env: { PATH: '/home/ana/.local/bin:/usr/local/bin:/usr/bin:/bin' },
      appExecutable: '/opt/Rolecall/rolecall-app',
    });
    expect(plan).toEqual({
      path: '/home/ana/.local/bin/rolecall',
      dir: '/home/ana/.local/bin',
      content: expect.any(String),
      mode: 0o755,
      onPath: true,
    });
    const lines = plan.content.split('\n');
    expect(lines[0]).toBe('#!/bin/sh');
    expect(lines[1]).toContain(SHIM_MARKER);
    expect(plan.content).toContain(`\nexec '/opt/Rolecall/rolecall-app' --rolecall-cli "$@"\n`);
    expect(isCliShim(plan.content)).toBe(true);
  });

  it('on macOS, uses the same folder and reports it missing from the default PATH', () => {
    const plan = planCliInstall({
      platform: 'darwin',
      home: '/Users/ana',
      env: { PATH: '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin' },
      appExecutable: '/Applications/Rolecall.app/Contents/MacOS/Rolecall',
    });
    expect(plan.path).toBe('/Users/ana/.local/bin/rolecall');
    expect(plan.onPath).toBe(false);
    expect(plan.content).toContain(`exec '/Applications/Rolecall.app/Contents/MacOS/Rolecall' --rolecall-cli "$@"`);
  });

  it('quotes a path with spaces, a single quote and shell characters as one literal word', () => {
    const plan = planCliInstall({ platform: 'linux', home: '/home/ana', env: {}, appExecutable: "/home/ana/My Apps/it's $HOME `x`/Rolecall.AppImage" });
    expect(plan.content).toContain(`exec '/home/ana/My Apps/it'\\''s $HOME \`x\`/Rolecall.AppImage' --rolecall-cli "$@"`);
    expect(plan.onPath).toBe(false);
  });

  it('sees the folder on PATH with a trailing slash, but not an empty entry or a longer folder', () => {
    const plan = (PATH: string) => planCliInstall({ platform: 'linux', home: '/home/ana', env: { PATH }, appExecutable: '/opt/r' });
    expect(plan('/usr/bin:/home/ana/.local/bin/').onPath).toBe(true);
    expect(plan('/usr/bin::/home/ana/.local/bin2').onPath).toBe(false);
    expect(plan('').onPath).toBe(false);
  });

  it('on Windows, writes rolecall.cmd to %LOCALAPPDATA%\\Microsoft\\WindowsApps, on PATH by default', () => {
    const plan = planCliInstall({
      platform: 'win32',
      home: 'C:\\Users\\Ana',
      // A copied environment keeps Windows' own spelling, `Path`; entries differ in case.
      env: { LOCALAPPDATA: 'C:\\Users\\Ana\\AppData\\Local', Path: 'C:\\Windows\\system32;"c:\\users\\ana\\appdata\\local\\microsoft\\windowsapps\\"' },
      appExecutable: 'C:\\Users\\Ana\\AppData\\Local\\Programs\\Rolecall\\Rolecall.exe',
    });
    expect(plan.path).toBe('C:\\Users\\Ana\\AppData\\Local\\Microsoft\\WindowsApps\\rolecall.cmd');
    expect(plan.dir).toBe('C:\\Users\\Ana\\AppData\\Local\\Microsoft\\WindowsApps');
    expect(plan.onPath).toBe(true);
    const lines = plan.content.split('\r\n');
    expect(lines[0]).toBe('@echo off');
    expect(lines[1]).toBe(`rem ${SHIM_MARKER}: runs the Rolecall app's command line. Written by Rolecall; installing the`);
    expect(lines).toContain('"C:\\Users\\Ana\\AppData\\Local\\Programs\\Rolecall\\Rolecall.exe" --rolecall-cli %*');
    // CRLF throughout: cmd.exe misreads lone LFs in some lines.
    expect(plan.content.replaceAll('\r\n', '')).not.toContain('\n');
    expect(isCliShim(plan.content)).toBe(true);
  });

  it('on Windows, falls back to the profile for LOCALAPPDATA, doubles % and refuses a quote', () => {
    const plan = planCliInstall({ platform: 'win32', home: 'C:\\Users\\Ana', env: { PATH: 'C:\\Windows' }, appExecutable: 'D:\\100% Apps\\Rolecall.exe' });
    expect(plan.dir).toBe('C:\\Users\\Ana\\AppData\\Local\\Microsoft\\WindowsApps');
    expect(plan.onPath).toBe(false);
    expect(plan.content).toContain('"D:\\100%% Apps\\Rolecall.exe" --rolecall-cli %*');
    expect(() => planCliInstall({ platform: 'win32', home: 'C:\\Users\\Ana', env: {}, appExecutable: 'C:\\a"b\\Rolecall.exe' })).toThrow(RolecallError);
  });

  it('refuses an app path that is not absolute (the shim would depend on the working folder)', () => {
    expect(() => planCliInstall({ platform: 'linux', home: '/home/ana', env: {}, appExecutable: 'rolecall-app' })).toThrow(/not absolute/);
    expect(() => planCliInstall({ platform: 'win32', home: 'C:\\Users\\Ana', env: {}, appExecutable: 'Rolecall.exe' })).toThrow(RolecallError);
  });

  it('recognises its own shims only', () => {
    expect(isCliShim('#!/bin/sh\necho mine\n')).toBe(false);
    expect(isCliShim(`#!/bin/sh\n\n\n# ${SHIM_MARKER} far below the top\n`)).toBe(false);
    expect(isCliShim('')).toBe(false);
  });
});

describe('installCli', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'rolecall-cli-install-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const planFor = (appExecutable: string, platform: NodeJS.Platform = 'linux') =>
    planCliInstall({ platform, home: join(root, 'home'), env: { PATH: join(root, 'home', '.local', 'bin') }, appExecutable });

  it('creates the folder and writes the shim, leaving no temp file behind', async () => {
    const plan = planFor('/opt/Rolecall/rolecall-app');
    await expect(installCli(plan)).resolves.toEqual({ path: plan.path, onPath: true });
    expect(readFileSync(plan.path, 'utf8')).toBe(plan.content);
    expect(readdirSync(plan.dir)).toEqual(['rolecall']);
  });

  it.skipIf(!POSIX)('makes the shim mode 0755 whatever the umask', async () => {
    const before = process.umask(0o077);
    try {
      const plan = planFor('/opt/Rolecall/rolecall-app');
      await installCli(plan);
      expect(statSync(plan.path).mode & 0o777).toBe(0o755);
    } finally {
      process.umask(before);
    }
  });

  it('replaces its own earlier shim (the app moved or was updated)', async () => {
    await installCli(planFor('/old/place/rolecall-app'));
    const plan = planFor('/new/place/rolecall-app');
    await installCli(plan);
    expect(readFileSync(plan.path, 'utf8')).toBe(plan.content);
    expect(readFileSync(plan.path, 'utf8')).not.toContain('/old/place');
  });

  it('refuses to overwrite a file it did not write, and says so', async () => {
    const plan = planFor('/opt/Rolecall/rolecall-app');
    mkdirSync(plan.dir, { recursive: true });
    writeFileSync(plan.path, '#!/bin/sh\nexec node ~/src/rolecall/dist/cli/rolecall.cjs "$@"\n');
    const failure = installCli(plan);
    await expect(failure).rejects.toBeInstanceOf(RolecallError);
    await expect(failure).rejects.toMatchObject({
      code: 'CliPathTaken',
      message: `${plan.path} already exists and was not written by Rolecall, so it was left as it is.`,
      hint: expect.stringContaining('Remove or rename'),
    });
    expect(readFileSync(plan.path, 'utf8')).toContain('dist/cli/rolecall.cjs');
    expect(readdirSync(plan.dir)).toEqual(['rolecall']);
  });

  it('refuses a folder in the shim’s place', async () => {
    const plan = planFor('/opt/Rolecall/rolecall-app');
    mkdirSync(plan.path, { recursive: true });
    await expect(installCli(plan)).rejects.toMatchObject({ code: 'CliPathTaken' });
  });

  it('turns a failed write into a one-line FileAccess error and removes its temp file', async () => {
    const plan = planFor('/opt/Rolecall/rolecall-app');
    const failingRename: CliInstallFs = {
      ...fsPromises,
      rename: () => Promise.reject(Object.assign(new Error('EACCES: permission denied, rename'), { code: 'EACCES' })),
    };
    const failure = installCli(plan, failingRename);
    await expect(failure).rejects.toMatchObject({ code: 'FileAccess', message: `Could not install the rolecall command at ${plan.path} (EACCES).` });
    expect(readdirSync(plan.dir)).toEqual([]);
  });

  it('writes a Windows plan as is (the .cmd text, CRLF and all)', async () => {
    const plan = { ...planFor('C:\\Rolecall\\Rolecall.exe', 'win32'), dir: join(root, 'WindowsApps'), path: join(root, 'WindowsApps', 'rolecall.cmd') };
    await installCli(plan);
    expect(readFileSync(plan.path, 'utf8')).toBe(plan.content);
  });

  it.skipIf(!POSIX)('runs the app with --rolecall-cli and every argument intact, from a path with spaces and a quote', async () => {
    // A stand-in for the app binary: prints each argument on its own line.
    const appDir = join(root, 'My Apps', "it's here");
    mkdirSync(appDir, { recursive: true });
    const app = join(appDir, 'Rolecall app');
    writeFileSync(app, '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n');
    chmodSync(app, 0o755);
    const plan = planFor(app);
    await installCli(plan);
    const args = ['export', 'admin', 'two words', "it's", '$HOME', '*', '--format=fish'];
    const received = execFileSync(plan.path, args, { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } })
      .split('\n')
      .slice(0, -1);
    expect(received).toEqual([CLI_FLAG, ...args]);
    // What the app then hands to runCli.
    expect(cliArgsFrom([app, ...received])).toEqual([app, 'rolecall', ...args]);
  });
});
