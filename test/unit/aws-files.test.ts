import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lockfile from 'proper-lockfile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AwsFileFormatError,
  AwsFilesLockedError,
  FileAccessError,
  FileLockedError,
  InvalidProfileNameError,
  RolecallError,
  UnmanagedProfileError,
  listManagedProfiles,
  lockPathFor,
  readAwsProfiles,
  removeManagedProfile,
  readTextIfExists,
  removeUserKeys,
  resolveAwsFilePaths,
  retriesForWait,
  validateProfileName,
  withAwsFilesLock,
  withFileLock,
  writeFileAtomic,
  writeManagedProfile,
  assertProfileWritable,
} from '../../main/core/aws-files';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const isPosix = process.platform !== 'win32';
if (!isPosix) console.log('skipping the file-mode tests (0600, 0700, read-only ~/.aws): Windows has no POSIX modes');
// chmod cannot keep root out of a directory: permission tests need another technique there.
const isRoot = process.getuid?.() === 0;

let home: string;
let env: NodeJS.ProcessEnv;
let credentialsFile: string;
let configFile: string;

beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'rolecall-aws-files-'));
  credentialsFile = path.join(home, '.aws', 'credentials');
  configFile = path.join(home, '.aws', 'config');
  env = { HOME: home };
});

afterEach(() => rmSync(home, { recursive: true, force: true }));

const creds = (n = 1) => ({
  accessKeyId: `ASIAEXAMPLE0000000${n}`,
  secretAccessKey: `secret/${n}+abc`,
  sessionToken: `FwoGZXIvYXdzE${n}//token==`,
  expiration: new Date(`2030-01-0${n}T12:00:00.000Z`),
});

function seed(file: string, text: string, mode = 0o644): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, { mode });
  chmodSync(file, mode);
}

const read = (file: string) => readFileSync(file, 'utf8');
const modeOf = (file: string) => statSync(file).mode & 0o777;

const USER_CREDENTIALS =
  '# ~/.aws/credentials — 手で管理しています\r\n' +
  '[dev-user]\r\n' +
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\n' +
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n' +
  '\r\n' +
  '; the admin keys below are mine, hands off\r\n' +
  '[admin]\r\n' +
  'aws_access_key_id=AKIAI44QH8DHBEXAMPLE\r\n' +
  'aws_secret_access_key=je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'; // no final newline

const DEV_KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

const USER_CONFIG =
  '[default]\n' +
  'region = eu-west-1\n' +
  'output = json\n' +
  '\n' +
  '[profile admin]\n' +
  'role_arn = arn:aws:iam::123456789012:role/admin\n' +
  'source_profile = dev-user\n' +
  's3 =\n' +
  '  max_concurrent_requests = 10\n';

describe('paths', () => {
  it('defaults to ~/.aws and honours the environment, expanding ~', () => {
    expect(resolveAwsFilePaths({ HOME: '/home/u' })).toEqual({
      credentials: path.resolve('/home/u/.aws/credentials'),
      config: path.resolve('/home/u/.aws/config'),
    });
    expect(resolveAwsFilePaths({ HOME: '/home/u', AWS_SHARED_CREDENTIALS_FILE: '~/creds', AWS_CONFIG_FILE: '/etc/aws/cfg' })).toEqual({
      credentials: path.resolve('/home/u/creds'),
      config: path.resolve('/etc/aws/cfg'),
    });
    expect(resolveAwsFilePaths({ HOME: '/home/u', AWS_CONFIG_FILE: '' }).config).toBe(path.resolve('/home/u/.aws/config'));
  });
});

describe('writeManagedProfile', () => {
  it('adds a marked section and leaves every other byte alone (\\r\\n, unicode, no final newline)', async () => {
    seed(credentialsFile, USER_CREDENTIALS);
    seed(configFile, USER_CONFIG);
    await writeManagedProfile('admin-session', creds(1), { region: 'us-east-1', env });

    expect(read(credentialsFile)).toBe(
      USER_CREDENTIALS +
        '\r\n[admin-session]\r\n' +
        'aws_access_key_id = ASIAEXAMPLE00000001\r\n' +
        'aws_secret_access_key = secret/1+abc\r\n' +
        'aws_session_token = FwoGZXIvYXdzE1//token==\r\n' +
        'x_security_token_expires = 2030-01-01T12:00:00.000Z\r\n' +
        'x_rolecall_managed = true\r\n',
    );
    expect(read(configFile)).toBe(USER_CONFIG + '[profile admin-session]\nregion = us-east-1\nx_rolecall_managed = true\n');
  });

  it('replaces its own section in place, keeping the comment that belongs to the next section', async () => {
    const before =
      '[a]\nk = 1\n\n' +
      '[rc]\naws_access_key_id = OLD\naws_secret_access_key = OLD\naws_session_token = OLD\n' +
      'x_security_token_expires = 2020-01-01T00:00:00.000Z\nx_rolecall_managed = true\n\n# production\n' +
      '[prod]\nk = 2\n';
    seed(credentialsFile, before);
    await writeManagedProfile('rc', creds(2), { env });
    expect(read(credentialsFile)).toBe(
      '[a]\nk = 1\n\n' +
        '[rc]\naws_access_key_id = ASIAEXAMPLE00000002\naws_secret_access_key = secret/2+abc\n' +
        'aws_session_token = FwoGZXIvYXdzE2//token==\nx_security_token_expires = 2030-01-02T12:00:00.000Z\n' +
        'x_rolecall_managed = true\n\n# production\n' +
        '[prod]\nk = 2\n',
    );
    expect(await listManagedProfiles({ env })).toEqual([{ profile: 'rc', expiration: new Date('2030-01-02T12:00:00.000Z'), catalog: null }]);
  });

  it('write then remove gives back the original files byte for byte', async () => {
    const credentials = '# mine\n[dev-user]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n\n; 日本語のコメント\n';
    seed(credentialsFile, credentials);
    seed(configFile, USER_CONFIG);
    await writeManagedProfile('ops', creds(1), { region: 'eu-central-1', env });
    await writeManagedProfile('ops', creds(3), { region: 'eu-central-1', env });
    expect(read(configFile)).not.toBe(USER_CONFIG);
    expect(await removeManagedProfile('ops', { env })).toEqual({ removed: true, unmanaged: false });
    expect(read(credentialsFile)).toBe(credentials);
    expect(read(configFile)).toBe(USER_CONFIG);
  });

  it('refuses an unmanaged [admin] and leaves both files byte-identical', async () => {
    seed(credentialsFile, USER_CREDENTIALS);
    seed(configFile, USER_CONFIG);
    const error = await writeManagedProfile('admin', creds(), { region: 'us-east-1', env }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnmanagedProfileError);
    expect((error as Error).message).toBe(`Profile 'admin' in ${credentialsFile} is not managed by Rolecall.`);
    expect((error as UnmanagedProfileError).hint).toMatch(/choose another --profile or remove that section yourself/i);
    expect(read(credentialsFile)).toBe(USER_CREDENTIALS);
    expect(read(configFile)).toBe(USER_CONFIG);
  });

  it('refuses an unmanaged [profile x] in the config file before writing the credentials file', async () => {
    seed(configFile, USER_CONFIG);
    const error = await writeManagedProfile('admin', creds(), { region: 'us-east-1', env }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnmanagedProfileError);
    expect((error as UnmanagedProfileError).file).toBe(configFile);
    expect(existsSync(credentialsFile)).toBe(false);
    expect(read(configFile)).toBe(USER_CONFIG);
    // Without a region the config file is not ours to touch, so the write goes ahead.
    await writeManagedProfile('admin', creds(), { env });
    expect(read(configFile)).toBe(USER_CONFIG);
  });

  it('assertProfileWritable refuses, before any STS call, a name a config profile would override', async () => {
    seed(configFile, USER_CONFIG);
    await expect(assertProfileWritable('admin', { env })).rejects.toThrow(/sets role_arn, so AWS tools would ignore/);
    seed(credentialsFile, USER_CREDENTIALS);
    await expect(assertProfileWritable('dev-user', { env })).rejects.toBeInstanceOf(UnmanagedProfileError);
    await expect(assertProfileWritable('fresh', { env })).resolves.toBeUndefined();
    expect(read(configFile)).toBe(USER_CONFIG);
  });

  it('assertProfileWritable refuses an unmanaged config section up front when a region will be written', async () => {
    seed(configFile, '[profile ops]\nregion = eu-west-1\noutput = json\n');
    await expect(assertProfileWritable('ops', { env })).resolves.toBeUndefined();
    const error = await assertProfileWritable('ops', { env, region: 'us-east-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnmanagedProfileError);
    expect((error as UnmanagedProfileError).file).toBe(configFile);
    // The same refusal writeManagedProfile gives, without the STS call in between.
    const writeError = await writeManagedProfile('ops', creds(), { env, region: 'us-east-1' }).catch((e: unknown) => e);
    expect((writeError as Error).message).toBe((error as Error).message);

    for (const section of ['[default]', '[profile default]']) {
      seed(configFile, `${section}\nregion = eu-west-1\n`);
      await expect(assertProfileWritable('default', { env })).resolves.toBeUndefined();
      await expect(assertProfileWritable('default', { env, region: 'eu-west-1' })).rejects.toBeInstanceOf(UnmanagedProfileError);
    }
    // Rolecall's own config section is rewritten, so it is no reason to refuse.
    await writeManagedProfile('mine', creds(), { env, region: 'eu-west-1' });
    await expect(assertProfileWritable('mine', { env, region: 'us-east-1' })).resolves.toBeUndefined();
    await expect(assertProfileWritable('mine', { env, region: 'EU West' })).rejects.toThrow(/Invalid region/);
  });

  it('creates ~/.aws (0700) and new files with mode 0600', { skip: !isPosix }, async () => {
    await writeManagedProfile('fresh', creds(), { region: 'us-east-1', env });
    expect(modeOf(path.join(home, '.aws'))).toBe(0o700);
    expect(modeOf(credentialsFile)).toBe(0o600);
    expect(modeOf(configFile)).toBe(0o600);
    expect(read(configFile)).toBe('[profile fresh]\nregion = us-east-1\nx_rolecall_managed = true\n');
  });

  it('tightens a pre-existing 0644 credentials file to 0600 and says so; the config file keeps its 0664', { skip: !isPosix }, async () => {
    seed(credentialsFile, USER_CREDENTIALS, 0o644);
    seed(configFile, USER_CONFIG, 0o664);
    const tightened: string[] = [];
    const onTightened = (file: string, mode: string) => tightened.push(`${file} ${mode}`);
    await writeManagedProfile('other', creds(), { region: 'us-east-1', env, onTightened });
    expect(modeOf(credentialsFile)).toBe(0o600);
    expect(modeOf(configFile)).toBe(0o664);
    expect(tightened).toEqual([`${credentialsFile} 0644`]);
    // Once: the next write finds it 0600 already.
    await writeManagedProfile('another', creds(), { region: 'us-east-1', env, onTightened });
    expect(tightened).toHaveLength(1);
    expect(modeOf(configFile)).toBe(0o664);
  });

  it('rejects a malformed file with its name and line, and does not write', async () => {
    const broken = '[a]\nk = v\n[b\nk = v\n';
    seed(credentialsFile, broken);
    const error = await writeManagedProfile('x', creds(), { env }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsFileFormatError);
    expect((error as Error).message).toBe(`${credentialsFile} line 3: section header is missing its closing ']'.`);
    expect(read(credentialsFile)).toBe(broken);
  });

  it('shows ~ for files under the real home directory', () => {
    const error = new AwsFileFormatError(path.join(os.homedir(), '.aws', 'config'), 12, 'oops');
    expect(error.message).toBe(`${path.join('~', '.aws', 'config')} line 12: oops.`);
  });

  it('refuses a value that would inject lines', async () => {
    await expect(writeManagedProfile('x', { ...creds(), sessionToken: 'a\n[evil]' }, { env })).rejects.toThrow(/several lines/);
    expect(existsSync(credentialsFile)).toBe(false);
  });
});

describe('profile names', () => {
  const bad = ['adm]in', 'a\n[evil]', 'with space', '', 'x'.repeat(65), 'ünï', 'a\r'];

  it.each(bad)('refuses %j everywhere', async (name) => {
    expect(() => validateProfileName(name)).toThrow(InvalidProfileNameError);
    await expect(writeManagedProfile(name, creds(), { env })).rejects.toThrow(InvalidProfileNameError);
    await expect(removeManagedProfile(name, { env })).rejects.toThrow(InvalidProfileNameError);
    await expect(removeUserKeys(name, DEV_KEY, { env })).rejects.toThrow(InvalidProfileNameError);
    expect(existsSync(path.join(home, '.aws'))).toBe(false);
  });

  it.each(['default', 'dev_user.1+x@corp-a', 'x'.repeat(64)])('accepts %j', (name) => {
    expect(() => validateProfileName(name)).not.toThrow();
  });
});

describe('removeManagedProfile and listManagedProfiles', () => {
  it('removes only marked sections and reports an unmanaged one', async () => {
    seed(credentialsFile, USER_CREDENTIALS);
    seed(configFile, USER_CONFIG);
    expect(await removeManagedProfile('admin', { env })).toEqual({ removed: false, unmanaged: true });
    expect(read(credentialsFile)).toBe(USER_CREDENTIALS);
    expect(read(configFile)).toBe(USER_CONFIG);
    expect(await removeManagedProfile('nothing-here', { env })).toEqual({ removed: false, unmanaged: false });
  });

  it('manages [default] in the config file for the default profile', async () => {
    await writeManagedProfile('default', creds(), { region: 'ap-northeast-1', env });
    expect(read(configFile)).toBe('[default]\nregion = ap-northeast-1\nx_rolecall_managed = true\n');
    expect(await removeManagedProfile('default', { env })).toEqual({ removed: true, unmanaged: false });
    expect(read(configFile)).toBe('');
    expect(read(credentialsFile)).toBe('');
  });

  it('lists marked sections with their expiry, and nothing when the file is missing', async () => {
    expect(await listManagedProfiles({ env })).toEqual([]);
    seed(credentialsFile, USER_CREDENTIALS);
    await writeManagedProfile('one', creds(1), { env });
    await writeManagedProfile('two', creds(2), { env });
    expect(await listManagedProfiles({ env })).toEqual([
      { profile: 'one', expiration: new Date('2030-01-01T12:00:00.000Z'), catalog: null },
      { profile: 'two', expiration: new Date('2030-01-02T12:00:00.000Z'), catalog: null },
    ]);
  });
});

describe('readAwsProfiles (rolecall import)', () => {
  const REALISTIC_CONFIG = [
    '# Managed by hand. Do not let tools reformat this.',
    '[default]',
    'region = ap-northeast-1',
    'output = json',
    'cli_pager =',
    '',
    '[profile dev-user]',
    'region = ap-northeast-1',
    'mfa_serial = arn:aws:iam::123456789012:mfa/dev-user',
    '',
    '[profile admin]',
    'role_arn = arn:aws:iam::123456789012:role/admin',
    'source_profile = dev-user',
    'mfa_serial = arn:aws:iam::123456789012:mfa/dev-user',
    'role_session_name = dev-user@laptop',
    'duration_seconds = 3600',
    '',
    '[profile exec-lambda]',
    'role_arn = arn:aws:iam::210987654321:role/exec-lambda',
    'source_profile = admin',
    'external_id = partner-42',
    'source_identity = dev-user',
    's3 =',
    '  max_concurrent_requests = 20',
    '  addressing_style = path',
    '',
    '[profile tool]',
    'credential_process = /usr/local/bin/fetch-creds --profile tool',
    '',
    '[sso-session corp]',
    'sso_start_url = https://corp.awsapps.com/start',
    '',
    '[services local]',
    'sts =',
    '  endpoint_url = http://localhost:4566',
    '',
  ].join('\n');

  it('reads role, user and credential_process profiles with typed values', async () => {
    seed(configFile, REALISTIC_CONFIG);
    seed(
      credentialsFile,
      '[dev-user]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' +
        '[temp]\naws_access_key_id = ASIAXXXX\naws_secret_access_key = s\naws_session_token = t\n' +
        '[region-only]\nregion = us-east-1\n',
    );
    const profiles = await readAwsProfiles({ env });
    expect(profiles.invalid).toEqual([]);
    expect(profiles.config.map((p) => p.profile)).toEqual(['default', 'dev-user', 'admin', 'exec-lambda', 'tool']);
    expect(profiles.config[2]).toEqual({
      profile: 'admin',
      file: configFile,
      line: 11,
      managed: false,
      roleArn: 'arn:aws:iam::123456789012:role/admin',
      sourceProfile: 'dev-user',
      mfaSerial: 'arn:aws:iam::123456789012:mfa/dev-user',
      roleSessionName: 'dev-user@laptop',
      durationSeconds: 3600,
      keys: expect.arrayContaining(['role_arn', 'source_profile', 'mfa_serial', 'role_session_name', 'duration_seconds']),
    });
    // A section with no key pair is still accounted for (import says it leaves it alone).
    expect(profiles.other).toContainEqual({ section: 'region-only', file: credentialsFile, managed: false });
    expect(profiles.config[3]).toMatchObject({ externalId: 'partner-42', sourceIdentity: 'dev-user', sourceProfile: 'admin' });
    expect(profiles.config[3]).not.toHaveProperty('region');
    expect(profiles.config[4]?.credentialProcess).toBe('/usr/local/bin/fetch-creds --profile tool');
    expect(profiles.credentials).toEqual([
      {
        profile: 'dev-user',
        file: credentialsFile,
        line: 1,
        managed: false,
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        temporary: false,
      },
      { profile: 'temp', file: credentialsFile, line: 4, managed: false, accessKeyId: 'ASIAXXXX', secretAccessKey: 's', temporary: true },
    ]);
  });

  it('reads missing files as empty', async () => {
    expect(await readAwsProfiles({ env })).toMatchObject({ config: [], credentials: [], invalid: [] });
  });

  it('reports a bad value with its file and line, and still reads the other profiles', async () => {
    seed(configFile, '[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nduration_seconds = 1h\n[profile b]\nregion = eu-west-1\n');
    seed(credentialsFile, '[localstack]\naws_access_key_id = test\naws_secret_access_key = test\n');
    const profiles = await readAwsProfiles({ env });
    expect(profiles.config.map((p) => p.profile)).toEqual(['b']);
    expect(profiles.credentials).toEqual([]);
    expect(profiles.invalid.map((i) => [i.profile, i.error.message])).toEqual([
      ['a', `${configFile} line 3: duration_seconds must be a whole number of seconds.`],
      ['localstack', `${credentialsFile} line 2: aws_access_key_id is not a long-term access key id (AKIA + 16 letters or digits).`],
    ]);
    expect(profiles.invalid[0]?.error).toBeInstanceOf(AwsFileFormatError);
  });

  it('throws for a malformed line', async () => {
    seed(configFile, '[default]\nregion = eu-west-1\noops\n');
    await expect(readAwsProfiles({ env })).rejects.toThrow(`${configFile} line 3: expected 'key = value' but found no '='.`);
  });
});

describe('removeUserKeys (import --remove-plaintext)', () => {
  it('removes only the key lines, keeping other keys, comments and other sections', async () => {
    const before =
      '[dev-user]\r\n# imported into Rolecall?\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\n' +
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\nregion = eu-west-1\r\n\r\n[other]\r\nk = v';
    seed(credentialsFile, before, 0o644);
    expect(await removeUserKeys('dev-user', DEV_KEY, { env })).toEqual({ removed: true });
    expect(read(credentialsFile)).toBe('[dev-user]\r\n# imported into Rolecall?\r\nregion = eu-west-1\r\n\r\n[other]\r\nk = v');
    if (isPosix) expect(modeOf(credentialsFile)).toBe(0o600);
    expect(await removeUserKeys('dev-user', DEV_KEY, { env })).toEqual({ removed: false });
  });

  it('removes the header too when no key is left, keeping the comments', async () => {
    seed(
      credentialsFile,
      '[a]\nk = 1\n[dev-user]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n; note\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\n[b]\nk = 2\n',
    );
    await removeUserKeys('dev-user', DEV_KEY, { env });
    expect(read(credentialsFile)).toBe('[a]\nk = 1\n; note\n\n[b]\nk = 2\n');
  });

  it('does nothing when the profile is absent or the file is missing', async () => {
    expect(await removeUserKeys('nobody', DEV_KEY, { env })).toEqual({ removed: false });
    expect(existsSync(credentialsFile)).toBe(false);
  });

  it('removes the imported key only, not another [dev-user] section with a key never imported', async () => {
    const other = '[dev-user]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\naws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n';
    seed(
      credentialsFile,
      '[dev-user]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nregion = eu-west-1\n' + other,
    );
    expect(await removeUserKeys('dev-user', DEV_KEY, { env })).toEqual({ removed: true });
    expect(read(credentialsFile)).toBe('[dev-user]\nregion = eu-west-1\n' + other);
  });

  it('keeps a key changed since the import, even when only the secret differs', async () => {
    const rotated = '[dev-user]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = rotatedrotatedrotatedrotatedrotatedrotate\n';
    seed(credentialsFile, rotated);
    expect(await removeUserKeys('dev-user', DEV_KEY, { env })).toEqual({ removed: false });
    expect(read(credentialsFile)).toBe(rotated);
    const idOnly = '[dev-user]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n';
    seed(credentialsFile, idOnly);
    expect(await removeUserKeys('dev-user', DEV_KEY, { env })).toEqual({ removed: false });
    expect(read(credentialsFile)).toBe(idOnly);
  });
});

describe('atomic write and lock', () => {
  it('leaves no temp file behind when the write fails', async () => {
    const target = path.join(home, 'dir-in-the-way');
    mkdirSync(target);
    const error = await writeFileAtomic(target, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileAccessError);
    expect((error as Error).message).toBe(`Cannot write ${target}: it is a directory (EISDIR).`);
    expect(readdirSync(home)).toEqual(['dir-in-the-way']);
  });

  it('writes through a symlinked credentials file instead of replacing the link', { skip: !isPosix }, async () => {
    const real = path.join(home, 'dotfiles', 'credentials');
    seed(real, '[a]\nk = v\n');
    mkdirSync(path.dirname(credentialsFile), { recursive: true });
    const { symlinkSync, lstatSync } = await import('node:fs');
    symlinkSync(real, credentialsFile);
    await writeManagedProfile('x', creds(), { env });
    expect(lstatSync(credentialsFile).isSymbolicLink()).toBe(true);
    expect(read(real)).toMatch(/^\[a\]\nk = v\n\[x\]\n/);
  });

  it('says another process holds the lock when it cannot be taken', async () => {
    const paths = resolveAwsFilePaths(env);
    mkdirSync(path.dirname(paths.credentials), { recursive: true });
    const release = await lockfile.lock(paths.credentials, { lockfilePath: lockPathFor(paths), realpath: false });
    try {
      const error = await withAwsFilesLock(paths, async () => 1, { retries: 0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsFilesLockedError);
      expect(error).toBeInstanceOf(FileLockedError);
      expect((error as Error).message).toBe(`Another Rolecall process is holding the lock on the shared AWS files (${paths.credentials}.rolecall.lock).`);
      expect((error as RolecallError).hint).toBe(`Try again in a moment; if no Rolecall process is running, delete ${paths.credentials}.rolecall.lock.`);
    } finally {
      await release();
    }
    expect(await withAwsFilesLock(paths, async () => 2)).toBe(2);
  });

  it('serialises writers within one process', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => writeManagedProfile(`p${i}`, creds(), { env })));
    expect((await listManagedProfiles({ env })).map((p) => p.profile).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `p${i}`).sort());
  });

  it('loses no write when 20 processes write 20 profiles at once', async () => {
    seed(credentialsFile, USER_CREDENTIALS);
    seed(configFile, USER_CONFIG);
    const script = path.join(ROOT, 'test/support/aws-files-writer.ts');
    const names = Array.from({ length: 20 }, (_, i) => `proc-${i}`);
    // The default catalog, as `env` is here, whatever catalog the shell running the tests points at.
    const childEnv = { ...process.env, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: configFile, ROLECALL_CONFIG_DIR: undefined };
    const results = await Promise.all(
      names.map(
        (name) =>
          new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
            const child = spawn(process.execPath, ['--import', 'tsx', script, name], { cwd: ROOT, env: childEnv });
            let stderr = '';
            child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
            child.on('error', reject);
            child.on('close', (code) => resolve({ code, stderr }));
          }),
      ),
    );
    expect(results.filter((r) => r.code !== 0)).toEqual([]);

    const credentials = read(credentialsFile);
    expect(credentials.startsWith(USER_CREDENTIALS)).toBe(true);
    expect((await listManagedProfiles({ env })).map((p) => p.profile).sort()).toEqual([...names].sort());
    const config = read(configFile);
    expect(config.startsWith(USER_CONFIG)).toBe(true);
    for (const name of names) expect(config).toContain(`[profile ${name}]\nregion = eu-west-1\nx_rolecall_managed = true\n`);
    expect(existsSync(`${credentialsFile}.rolecall.lock`)).toBe(false);
    expect(readdirSync(path.dirname(credentialsFile)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('filesystem errors a person can fix', () => {
  it('names the file and the setting when a directory stands where the credentials file should be', async () => {
    mkdirSync(credentialsFile, { recursive: true });
    for (const attempt of [
      () => writeManagedProfile('x', creds(), { env }),
      () => assertProfileWritable('x', { env }),
      () => listManagedProfiles({ env }),
      () => readAwsProfiles({ env }),
      () => removeUserKeys('x', DEV_KEY, { env }),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileAccessError);
      expect(error).toBeInstanceOf(RolecallError);
      expect((error as Error).message).toBe(`Cannot read ${credentialsFile}: it is a directory (EISDIR).`);
      expect((error as RolecallError).hint).toBe(`${credentialsFile} is a directory; AWS_SHARED_CREDENTIALS_FILE must name a file.`);
    }
    const error = await writeFileAtomic(credentialsFile, 'x', { setting: 'AWS_SHARED_CREDENTIALS_FILE' }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`Cannot write ${credentialsFile}: it is a directory (EISDIR).`);
    expect((error as RolecallError).hint).toBe(`${credentialsFile} is a directory; AWS_SHARED_CREDENTIALS_FILE must name a file.`);
  });

  it('says permission denied, with the chown hint, for a read-only ~/.aws', { skip: !isPosix }, async (ctx) => {
    if (isRoot) {
      const reason = 'running as root: chmod cannot make a directory read-only for root (the ENOTDIR test covers this path)';
      console.info(`skipped "${ctx.task.name}": ${reason}`);
      ctx.skip(reason);
    }
    const awsDir = path.dirname(credentialsFile);
    seed(credentialsFile, USER_CREDENTIALS);
    chmodSync(awsDir, 0o500);
    try {
      const error = await writeFileAtomic(credentialsFile, 'x').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileAccessError);
      expect((error as Error).message).toBe(`Cannot write ${credentialsFile}: permission denied (EACCES).`);
      expect((error as RolecallError).hint).toBe(
        `Check the owner and permissions of ${awsDir} (a folder created with sudo belongs to root: sudo chown -R $USER ${awsDir}).`,
      );
      // Every writer takes the lock first, and the lock is made in the same folder.
      const lockError = await writeManagedProfile('x', creds(), { env }).catch((e: unknown) => e);
      expect((lockError as Error).message).toBe(`Cannot lock the shared AWS files (${credentialsFile}.rolecall.lock): permission denied (EACCES).`);
      expect((lockError as RolecallError).hint).toMatch(/^Check the owner and permissions of /);
    } finally {
      chmodSync(awsDir, 0o700);
    }
    expect(read(credentialsFile)).toBe(USER_CREDENTIALS);
  });

  it('says which folder is a file when ~/.aws is a regular file (works as root too)', async () => {
    const awsDir = path.dirname(credentialsFile);
    writeFileSync(awsDir, 'not a folder\n');
    const write = await writeManagedProfile('x', creds(), { env }).catch((e: unknown) => e);
    expect(write).toBeInstanceOf(FileAccessError);
    expect((write as Error).message).toBe(`Cannot lock the shared AWS files (${credentialsFile}.rolecall.lock): part of its path is not a directory (ENOTDIR).`);
    expect((write as RolecallError).hint).toBe(`${awsDir} (or a folder above it) is a file, not a folder; move it aside.`);

    const atomic = await writeFileAtomic(credentialsFile, 'x', { setting: 'AWS_SHARED_CREDENTIALS_FILE' }).catch((e: unknown) => e);
    expect((atomic as Error).message).toBe(`Cannot write ${credentialsFile}: part of its path is not a directory (ENOTDIR).`);
    expect((atomic as RolecallError).hint).toBe(
      `${awsDir} (or a folder above it) is a file, not a folder; move it aside or point AWS_SHARED_CREDENTIALS_FILE elsewhere.`,
    );

    const readError = await readAwsProfiles({ env }).catch((e: unknown) => e);
    expect((readError as Error).message).toBe(`Cannot read ${configFile}: part of its path is not a directory (ENOTDIR).`);
    expect((readError as RolecallError).hint).toMatch(/point AWS_CONFIG_FILE elsewhere\.$/);
    expect(read(awsDir)).toBe('not a folder\n');
  });

  it('passes other errors through unchanged', async () => {
    expect(await readTextIfExists(path.join(home, 'missing'))).toBe('');
  });
});

describe('withFileLock', () => {
  const target = () => path.join(home, 'catalog.json');
  const lockfilePath = () => path.join(home, 'catalog.json.lock');

  it('says what is locked and where, and how to clear a leftover lock', async () => {
    const release = await lockfile.lock(target(), { lockfilePath: lockfilePath(), realpath: false });
    try {
      const error = await withFileLock(target(), async () => 1, { lockfilePath: lockfilePath(), what: 'the catalog', retries: 0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileLockedError);
      expect(error).not.toBeInstanceOf(AwsFilesLockedError);
      expect((error as Error).message).toBe(`Another Rolecall process is holding the lock on the catalog (${lockfilePath()}).`);
      expect((error as RolecallError).hint).toBe(`Try again in a moment; if no Rolecall process is running, delete ${lockfilePath()}.`);
    } finally {
      await release();
    }
    expect(await withFileLock(target(), async () => 2, { lockfilePath: lockfilePath(), what: 'the catalog' })).toBe(2);
    expect(existsSync(lockfilePath())).toBe(false);
  });

  it('tells a lock it cannot make from a lock held by someone else, and does not wait for it', async () => {
    writeFileSync(path.join(home, 'state'), 'a file, not a folder');
    const lockPath = path.join(home, 'state', 'mfa-alice.lock');
    let waited = false;
    const error = await withFileLock(path.join(home, 'state', 'mfa-alice'), async () => 1, {
      lockfilePath: lockPath,
      what: "user alice's MFA session",
      onWait: () => (waited = true),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileAccessError);
    expect((error as Error).message).toBe(`Cannot lock user alice's MFA session (${lockPath}): part of its path is not a directory (ENOTDIR).`);
    expect(waited).toBe(false);

    // proper-lockfile's own retries would retry this for the whole wait: only a lock held by
    // someone else is worth waiting for.
    const tooLong = path.join(home, `${'x'.repeat(300)}.lock`);
    const nameError = await withFileLock(path.join(home, 'x'), async () => 1, {
      lockfilePath: tooLong,
      what: 'the catalog',
      onWait: () => (waited = true),
    }).catch((e: unknown) => e);
    expect((nameError as Error).message).toMatch(/^Cannot lock the catalog \(.*\): file name too long \(ENAMETOOLONG\)\.$/);
    expect(waited).toBe(false);
  });

  it('waits for another process to let go, and gives up when waitMs is over', async () => {
    const options = { lockfilePath: lockfilePath(), what: 'the catalog' };
    let release = await lockfile.lock(target(), { lockfilePath: lockfilePath(), realpath: false });
    let waits = 0;
    await expect(withFileLock(target(), async () => 1, { ...options, waitMs: 300, onWait: () => waits++ })).rejects.toBeInstanceOf(FileLockedError);
    expect(waits).toBe(1);

    // Let go once the waiter says it waits: it takes the lock then.
    const got = withFileLock(target(), async () => 'got it', { ...options, waitMs: 60_000, onWait: () => void release() });
    expect(await got).toBe('got it');

    release = await lockfile.lock(target(), { lockfilePath: lockfilePath(), realpath: false });
    await expect(withFileLock(target(), async () => 1, { ...options, waitMs: 0, onWait: () => waits++ })).rejects.toBeInstanceOf(FileLockedError);
    expect(waits).toBe(1); // no wait at all
    await release();
  });

  it('turns a wait of minutes into retries that add up to it', () => {
    for (const waitMs of [10_000, 60_000, 5 * 60_000]) {
      const policy = retriesForWait(waitMs);
      let mean = 0;
      for (let n = 0; n < policy.retries; n++) mean += Math.min(1.5 * policy.minTimeout * policy.factor ** n, policy.maxTimeout);
      expect(mean / waitMs).toBeGreaterThan(0.95);
      expect(mean / waitMs).toBeLessThan(1.05);
      expect(policy.minTimeout).toBeLessThanOrEqual(10);
      expect(policy.maxTimeout).toBeLessThanOrEqual(250);
    }
    expect(retriesForWait(0).retries).toBe(0);
  });

  it('runs callers of one process one at a time', async () => {
    const options = { lockfilePath: lockfilePath(), what: 'the catalog' };
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        withFileLock(
          target(),
          async () => {
            most = Math.max(most, ++inside);
            await new Promise((resolve) => setImmediate(resolve)); // others get their turn to try
            inside--;
          },
          options,
        ),
      ),
    );
    expect(most).toBe(1);
  });
});
