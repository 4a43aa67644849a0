import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HardLinkedFileError,
  NotARegularFileError,
  assertProfileWritable,
  listManagedProfiles,
  removeManagedProfile,
  writeManagedProfile,
} from '../../main/core/aws-files';

// Rolecall writes regular files only: it follows symbolic links to the file they name, refuses a
// device, pipe or hard-linked file in words (before asking AWS for anything), and an existing file
// keeps its owner.

const isPosix = process.platform !== 'win32';
if (!isPosix) console.log('skipping the regular-file tests: they need POSIX links, devices and owners');
const isRoot = process.getuid?.() === 0;

let home: string;
let awsDir: string;
let credentialsFile: string;
let configFile: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'rolecall-regular-'));
  awsDir = path.join(home, '.aws');
  mkdirSync(awsDir);
  credentialsFile = path.join(awsDir, 'credentials');
  configFile = path.join(awsDir, 'config');
  env = { HOME: home, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile };
});

afterEach(() => rmSync(home, { recursive: true, force: true }));

const creds = () => ({
  accessKeyId: 'ASIAEXAMPLE00000001',
  secretAccessKey: 'secret/1+abc',
  sessionToken: 'FwoGZXIvYXdzE1//token==',
  expiration: new Date('2030-01-01T12:00:00.000Z'),
});
const USER = '[default]\naws_access_key_id = AKIAEXAMPLEDEFAULT01\n';

describe.runIf(isPosix)('only regular files are written', () => {
  it('a dangling symlink gets its target created; the link stays a link', async () => {
    const target = path.join(home, 'dotfiles', 'aws', 'credentials');
    symlinkSync(target, credentialsFile);
    await writeManagedProfile('work', creds(), { env });
    expect(lstatSync(credentialsFile).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toMatch(/^\[work\]\naws_access_key_id = ASIAEXAMPLE00000001\n/);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    // The crash-safety temp files live next to the target, and none is left.
    expect(readdirSync(path.dirname(target))).toEqual(['credentials']);
  });

  it('a chain of relative symlinks is written through to the last one', async () => {
    mkdirSync(path.join(home, 'dotfiles'));
    writeFileSync(path.join(home, 'dotfiles', 'real'), USER);
    symlinkSync('real', path.join(home, 'dotfiles', 'middle'));
    symlinkSync('../dotfiles/middle', credentialsFile);
    await writeManagedProfile('work', creds(), { env });
    expect(lstatSync(path.join(home, 'dotfiles', 'middle')).isSymbolicLink()).toBe(true);
    const written = readFileSync(path.join(home, 'dotfiles', 'real'), 'utf8');
    expect(written.startsWith(USER)).toBe(true);
    expect(written).toContain('[work]\naws_access_key_id = ASIAEXAMPLE00000001\n');
  });

  it('a hard-linked credentials file is refused in words, before AWS is asked; both names keep their content', async () => {
    writeFileSync(credentialsFile, USER);
    const other = path.join(home, 'backup-credentials');
    linkSync(credentialsFile, other);
    for (const attempt of [() => assertProfileWritable('work', { env }), () => writeManagedProfile('work', creds(), { env })]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HardLinkedFileError);
      expect((error as Error).message).toBe(
        `${credentialsFile} has 1 other hard link: Rolecall replaces the file when it writes, which would split them, so nothing was written.`,
      );
      expect((error as HardLinkedFileError).hint).toMatch(/^Make the other names symbolic links to it \(ln -sf .*\), or give it a copy of its own/);
    }
    expect(statSync(credentialsFile).nlink).toBe(2);
    expect(readFileSync(other, 'utf8')).toBe(USER);
    expect(readdirSync(awsDir)).toEqual(['credentials']);
  });

  it('/dev/null as the credentials file is refused (also through a symlink) and stays a device', async () => {
    for (const file of ['/dev/null', credentialsFile]) {
      if (file === credentialsFile) symlinkSync('/dev/null', credentialsFile);
      const fileEnv = { ...env, AWS_SHARED_CREDENTIALS_FILE: file };
      for (const attempt of [() => assertProfileWritable('work', { env: fileEnv }), () => writeManagedProfile('work', creds(), { env: fileEnv })]) {
        const error = await attempt().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NotARegularFileError);
        const shown = file === '/dev/null' ? '/dev/null' : `${credentialsFile} (/dev/null)`;
        expect((error as Error).message).toBe(`${shown} is a device, not a file: Rolecall's profiles need a real file, so nothing was written there.`);
        expect((error as NotARegularFileError).hint).toBe(
          'Point AWS_SHARED_CREDENTIALS_FILE at a regular file (or unset it), or use rolecall export, rolecall exec or credential_process, which need no file.',
        );
      }
      // Reading it is fine: it reads as empty, as the AWS tools read it. A refresh of a profile
      // written there, or a stop, has nothing to do, and makes no lock in /dev.
      expect(await listManagedProfiles({ env: fileEnv })).toEqual([]);
      expect(await removeManagedProfile('work', { env: fileEnv })).toEqual({ removed: false, unmanaged: false });
      expect(await writeManagedProfile('work', creds(), { env: fileEnv, onlyIfWritten: true })).toBe(false);
      expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
      expect(readdirSync('/dev').filter((name) => name.includes('rolecall'))).toEqual([]);
    }
  });

  it('with /dev/null for credentials, stop still removes the region Rolecall wrote into the config file', async () => {
    writeFileSync(configFile, '[profile work]\nregion = eu-west-1\nx_rolecall_managed = true\n');
    const fileEnv = { ...env, AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    expect(await removeManagedProfile('work', { env: fileEnv })).toEqual({ removed: true, unmanaged: false });
    expect(readFileSync(configFile, 'utf8')).toBe('');
    expect(existsSync(`${configFile}.rolecall.lock`)).toBe(false);
  });

  it('a named pipe is refused for writing and for reading (a read would block)', async () => {
    execFileSync('mkfifo', [credentialsFile]);
    const write = await writeManagedProfile('work', creds(), { env }).catch((e: unknown) => e);
    expect(write).toBeInstanceOf(NotARegularFileError);
    expect((write as Error).message).toBe(`${credentialsFile} is a named pipe (FIFO), not a regular file: Rolecall only writes regular files.`);
    const list = await listManagedProfiles({ env }).catch((e: unknown) => e);
    expect(list).toBeInstanceOf(NotARegularFileError);
    expect(lstatSync(credentialsFile).isFIFO()).toBe(true);
  });

  it('an existing file keeps its owner and group (root writing a file another user owns)', async (ctx) => {
    if (!isRoot) {
      const reason = 'not running as root: only root can give a file to another user';
      console.info(`skipped "${ctx.task.name}": ${reason}`);
      ctx.skip(reason);
    }
    writeFileSync(credentialsFile, USER, { mode: 0o600 });
    writeFileSync(configFile, '[default]\nregion = eu-west-1\n', { mode: 0o644 });
    chownSync(credentialsFile, 1234, 1235);
    chownSync(configFile, 1234, 1235);
    await writeManagedProfile('work', creds(), { env, region: 'us-east-1' });
    for (const file of [credentialsFile, configFile]) {
      expect(statSync(file)).toMatchObject({ uid: 1234, gid: 1235 });
      expect(readFileSync(file, 'utf8')).toContain('work');
    }
    expect(statSync(configFile).mode & 0o777).toBe(0o644);
    await removeManagedProfile('work', { env });
    expect(statSync(credentialsFile)).toMatchObject({ uid: 1234, gid: 1235 });
    expect(readFileSync(credentialsFile, 'utf8')).toBe(USER);
  });

  it('a new file is made 0600 by the user running Rolecall', async () => {
    await writeManagedProfile('work', creds(), { env, region: 'us-east-1' });
    for (const file of [credentialsFile, configFile]) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(file).uid).toBe(process.getuid?.());
    }
    expect(existsSync(`${credentialsFile}.rolecall.lock`)).toBe(false);
  });
});
