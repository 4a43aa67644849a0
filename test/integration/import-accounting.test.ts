// `rolecall import` over the kind of ~/.aws files people really have (CRLF line ends, comments,
// SSO, credential_process, EC2 instance metadata, a chained role, a role that must be direct
// because of its duration, [services], settings-only profiles): the preview names every section,
// the dry run prints exactly what the real run then does (plaintext removal included), and a key
// AWS could not check is imported but keeps its plaintext, saying why.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolecall } from '../support/run';
import { DEV_USER, makeWorld, roleArn, type World } from '../support/world';

const CONFIG = [
  '# my AWS config',
  '[default]',
  'region = us-east-1',
  'output = json',
  '',
  '[profile dev-user]',
  'region = ap-northeast-1',
  '',
  '; the everyday switch: an hour rides the MFA session',
  '[profile admin]',
  `role_arn = ${roleArn('admin')}`,
  'source_profile = dev-user',
  `mfa_serial = ${DEV_USER.mfaSerialNumber}`,
  '',
  '[profile admin-long]',
  `role_arn = ${roleArn('admin')}`,
  'source_profile = dev-user',
  `mfa_serial = ${DEV_USER.mfaSerialNumber}`,
  'duration_seconds = 7200',
  '',
  '[profile deploy]',
  `role_arn = ${roleArn('deploy')}`,
  'source_profile = admin',
  '',
  '[profile sso-dev]',
  'sso_session = corp',
  'sso_account_id = 123456789012',
  'sso_role_name = Developer',
  '',
  '[sso-session corp]',
  'sso_start_url = https://corp.awsapps.com/start',
  'sso_region = us-east-1',
  '',
  '[profile vault]',
  'credential_process = /usr/local/bin/vault-aws',
  '',
  '[profile on-ec2]',
  `role_arn = ${roleArn('admin')}`,
  'credential_source = Ec2InstanceMetadata',
  '',
  '[profile tools]',
  'region = eu-west-1',
  'output = table',
  '',
  '[services local-s3]',
  's3 =',
  '  endpoint_url = http://localhost:4566',
  '',
].join('\r\n');

const CREDENTIALS = [
  '# keys',
  '[dev-user]',
  `aws_access_key_id = ${DEV_USER.accessKeyId}`,
  `aws_secret_access_key = ${DEV_USER.secretAccessKey}`,
  '',
  '[session]',
  'aws_access_key_id = ASIAEXAMPLETEMP00001',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'aws_session_token = FwoGZXIvYXdzEXAMPLE',
  '',
].join('\r\n');

/** Every section header of both files, as the output names them. */
const SECTIONS = ['default', 'dev-user', 'admin', 'admin-long', 'deploy', 'sso-dev', '[sso-session corp]', 'vault', 'on-ec2', 'tools', '[services local-s3]', 'session'];

function writeFiles(world: World): void {
  mkdirSync(dirname(world.home.configFile), { recursive: true });
  writeFileSync(world.home.configFile, CONFIG);
  writeFileSync(world.home.credentialsFile, CREDENTIALS);
}

describe('import accounts for every section of realistic files', () => {
  let world: World;
  let preview: string;
  beforeAll(async () => {
    world = await makeWorld();
    writeFiles(world);
  });
  afterAll(async () => world.close());

  it('the preview names every section: added and how, skipped and why, left alone', async () => {
    const result = await world.cli(['import', '--dry-run', '--remove-plaintext']);
    expect(result.code, result.stderr).toBe(0);
    preview = result.stderr;
    const lines = preview.split('\n');
    for (const section of SECTIONS) {
      expect(
        lines.some((line) => new RegExp(`^(would import (user|role)|skipped|left alone) ${section.replace(/[[\]]/g, '\\$&')}[ :]`).test(line)),
        `${section} in:\n${preview}`,
      ).toBe(true);
    }
    expect(preview).toMatch(/^would import role admin \(.*from dev-user's MFA session/m);
    expect(preview).toMatch(/^would import role admin-long \(.*direct from dev-user's key .*duration_seconds \(7200\) is over the hour/m);
    expect(preview).toMatch(/^would import role deploy \(.*chained from the role admin/m);
    expect(preview).toMatch(/^skipped sso-dev: uses IAM Identity Center \(SSO\)/m);
    expect(preview).toMatch(/^skipped \[sso-session corp\]: an IAM Identity Center \(SSO\) session/m);
    expect(preview).toMatch(/^skipped vault: gets its credentials from credential_process/m);
    expect(preview).toMatch(/^skipped on-ec2: takes its source credentials from the machine \(credential_source: instance metadata/m);
    expect(preview).toMatch(/^skipped session: holds temporary credentials/m);
    expect(preview).toMatch(/^skipped \[services local-s3\]: endpoint settings/m);
    expect(preview).toMatch(/^left alone tools: settings only/m);
    expect(preview).toMatch(/^would remove the plaintext key of dev-user from the credentials file$/m);
    // Nothing written.
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toBe(CREDENTIALS);
    expect(readFileSync(world.home.configFile, 'utf8')).toBe(CONFIG);
  });

  it('the real run does exactly what the dry run said, plaintext removal included', async () => {
    const result = await world.cli(['import', '--remove-plaintext']);
    expect(result.code, result.stderr).toBe(0);
    const said = (text: string) => text.replaceAll('would import', 'imported').replaceAll('would remove', 'removed');
    expect(result.stderr).toBe(said(preview));
    expect(readFileSync(world.home.credentialsFile, 'utf8')).not.toContain(DEV_USER.secretAccessKey);
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toContain('ASIAEXAMPLETEMP00001');
    expect(readFileSync(world.home.configFile, 'utf8')).toBe(CONFIG);
  });
});

describe('import with AWS STS unreachable', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
    writeFiles(world);
  });
  afterAll(async () => world.close());

  it('imports the key unverified and keeps its plaintext, saying why; the dry run says the same', async () => {
    // Nothing listens on port 9 of this host: every STS call is refused at once.
    const env = { ...world.home.env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' };
    const dry = await rolecall(['import', '--dry-run', '--remove-plaintext'], { env });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(/^kept the plaintext key of dev-user: AWS could not check its key \(AWS STS was not reachable\), so its plaintext stays$/m);
    expect(dry.stderr).not.toMatch(/remove the plaintext/);
    const real = await rolecall(['import', '--remove-plaintext'], { env });
    expect(real.code, real.stderr).toBe(0);
    expect(real.stderr).toMatch(/^imported user dev-user/m);
    expect(real.stderr).toMatch(/^kept the plaintext key of dev-user: AWS could not check its key/m);
    expect(readFileSync(world.home.credentialsFile, 'utf8')).toBe(CREDENTIALS);
  });
});
