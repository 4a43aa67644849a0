import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI, awsCli, hasAwsCli, requireInCi } from '../support/run';
import { DEV_USER, filesContaining, makeWorld, roleArn, type World } from '../support/world';

// A user moving from plaintext ~/.aws files: their user and roles come into the catalog, the
// key moves into the keychain, and --remove-plaintext deletes it from the file only afterwards.

const CONFIG = [
  '[default]',
  'region = us-east-1',
  '',
  '[profile dev-user]',
  'region = ap-northeast-1',
  '',
  '# the everyday admin switch',
  '[profile admin]',
  `role_arn = ${roleArn('admin')}`,
  'source_profile = dev-user',
  `mfa_serial = ${DEV_USER.mfaSerialNumber}`,
  'duration_seconds = 3600',
  '',
  '[profile deploy]',
  `role_arn = ${roleArn('deploy')}`,
  'source_profile = admin',
  'role_session_name = deployer',
  '',
  '[profile long]',
  `role_arn = ${roleArn('long-job')}`,
  'source_profile = dev-user',
  `mfa_serial = ${DEV_USER.mfaSerialNumber}`,
  'duration_seconds = 14400',
  '',
  '[profile ec2]',
  `role_arn = ${roleArn('admin')}`,
  'credential_source = Ec2InstanceMetadata',
  '',
].join('\n');

const CREDENTIALS = [
  '# keep me',
  '[dev-user]',
  `aws_access_key_id = ${DEV_USER.accessKeyId}`,
  `aws_secret_access_key = ${DEV_USER.secretAccessKey}`,
  'region = ap-northeast-1',
  '',
  '[typo]',
  'aws_access_key_id = AKIAROLECALLCIBOT001',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  '',
  '[temp]',
  'aws_access_key_id = ASIAEXAMPLETEMP00001',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'aws_session_token = FwoGZXIvYXdzEXAMPLE',
  '',
].join('\n');

if (!hasAwsCli) requireInCi(`${AWS_CLI} (apt-get install awscli)`);

describe('rolecall import', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
    mkdirSync(dirname(world.home.configFile), { recursive: true });
    writeFileSync(world.home.configFile, CONFIG);
    writeFileSync(world.home.credentialsFile, CREDENTIALS);
  });
  afterAll(async () => world.close());

  it('--dry-run shows what would come in and changes nothing', async () => {
    const result = await world.cli(['import', '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('would import user dev-user');
    expect(result.stderr).toContain(`MFA ${DEV_USER.mfaSerialNumber}`);
    expect(result.stderr).toContain('would import role admin');
    expect(result.stderr).toContain('would import role deploy');
    expect(result.stderr).toMatch(/skipped ec2: takes its source credentials from the machine \(credential_source/);
    expect(result.stderr).toMatch(/skipped temp: holds temporary credentials/);
    expect((JSON.parse((await world.cli(['list', '--json'])).stdout) as { users: unknown[] }).users).toEqual([]);
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toBe(CREDENTIALS);
  });

  it('imports the user into the keychain and the roles into the catalog, then deletes the plaintext key', async () => {
    world.sts.iam.keyCreatedAt[DEV_USER.accessKeyId] = '2026-03-01T09:00:00Z';
    const result = await world.cli(['import', '--remove-plaintext']);
    expect(result.code, result.stderr).toBe(0);
    const catalog = JSON.parse((await world.cli(['list', '--json'])).stdout) as {
      users: Array<{ name: string; mfaSerial?: string; hasSecret: boolean; region?: string; keyCreatedAt?: string }>;
      roles: Array<{ name: string; source: string; profile?: string; sessionName?: string; duration?: number }>;
    };
    // The key's age comes in with it, read from IAM as `user add` reads it.
    expect(catalog.users).toEqual([
      expect.objectContaining({
        name: 'dev-user',
        mfaSerial: DEV_USER.mfaSerialNumber,
        hasSecret: true,
        region: 'ap-northeast-1',
        keyCreatedAt: '2026-03-01T09:00:00.000Z',
      }),
    ]);
    expect(catalog.roles).toEqual([
      expect.objectContaining({ name: 'admin', source: 'dev-user', profile: 'admin-rolecall', duration: 3600, direct: false }),
      expect.objectContaining({ name: 'deploy', source: 'admin', profile: 'deploy-rolecall', sessionName: 'deployer' }),
      // Longer than an hour only works from the long-term key, as the AWS CLI did it.
      expect.objectContaining({ name: 'long', source: 'dev-user', profile: 'long-rolecall', duration: 14400, direct: true }),
    ]);
    // The profiles that leaned on the removed key are named, with what to use instead.
    expect(result.stderr).toContain('aws --profile admin used that key and no longer works: use --profile admin-rolecall after rolecall assume admin');
    expect(result.stderr).toContain('aws --profile deploy used that key and no longer works');
    // A key AWS refuses is neither imported nor removed from the file.
    expect(result.stderr).toMatch(/skipped typo: AWS refused its key \(AWS rejected the secret access key/);
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toContain('[typo]\naws_access_key_id = AKIAROLECALLCIBOT001');
    // The key is gone from every file; the rest of the credentials file is as it was.
    expect(filesContaining(world.home.home, DEV_USER.secretAccessKey)).toEqual([]);
    const after = readFileSync(world.home.credentialsFile, 'utf8');
    expect(after).toContain('# keep me\n[dev-user]\nregion = ap-northeast-1\n');
    expect(after).toContain('[temp]');
    expect(readFileSync(world.home.configFile, 'utf8')).toBe(CONFIG);
    expect(filesContaining(join(world.home.configDir), 'aws_secret')).toEqual([]);
  });

  it.runIf(hasAwsCli)('the imported roles work: assume deploy through admin, seen by the AWS CLI', async () => {
    const result = await world.cli(['assume', 'deploy', '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(result.code, result.stderr).toBe(0);
    const who = await awsCli(['sts', 'get-caller-identity', '--output', 'json', '--profile', 'deploy-rolecall', '--endpoint-url', world.sts.url], {
      env: world.home.env,
    });
    expect(who.stderr).toBe('');
    expect((JSON.parse(who.stdout) as { Arn: string }).Arn).toMatch(/assumed-role\/deploy\/deployer$/);
  });

  it('a second import skips what is already there', async () => {
    const result = await world.cli(['import']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/skipped admin: already in the catalog/);
  });

  it('--remove-plaintext after a plain import still removes a key the keychain holds', async () => {
    // The key is back in the file (restored from a backup, say) and the user is already imported.
    writeFileSync(world.home.credentialsFile, CREDENTIALS);
    const result = await world.cli(['import', '--remove-plaintext']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/skipped dev-user: already in the catalog \(same key\)/);
    expect(result.stderr).toContain('removed the plaintext key of dev-user');
    expect(filesContaining(world.home.home, DEV_USER.secretAccessKey)).toEqual([]);
  });
});
