// `rolecall role discover`: the roles whose trust policy lets the user assume them, read from the
// test server's IAM (ListRoles, every page), with MFA, maximum session and conditions shown; Deny,
// other accounts and other principals left out; IAM's refusal said in words; the MFA session used
// where IAM demands MFA; and chosen roles added with what was found. No secret in any output.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/run';
import { CI_BOT } from '../support/sts-fixture';
import { DEV_USER, makeWorld, roleArn, type World } from '../support/world';

const DEV_ARN = `arn:aws:iam::123456789012:user/dev-user`;
const allow = (principal: string, extra: object = {}) => ({ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...extra });
const policy = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

interface Found {
  user: string;
  userArn: string;
  roles: Array<{ name: string; roleArn: string; maxSessionDuration: number; needsMfa: boolean; needsExternalId: boolean; dependsOn: string[]; inCatalog: string[] }>;
  notTrusting: number;
  viaMfaSession: boolean;
  added: Array<{ name: string; roleArn: string; source: string; direct: boolean; duration?: number }>;
}

describe('finding the roles a user may assume', () => {
  let world: World;
  const discover = async (...args: string[]) => {
    const result = await world.cli(['role', 'discover', ...args]);
    for (const secret of [DEV_USER.secretAccessKey, CI_BOT.secretAccessKey, ...world.sts.issuedSecrets()]) {
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
    return result;
  };
  const json = async (...args: string[]) => {
    const result = await discover(...args, '--json');
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Found;
  };

  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    expect((await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'])).code).toBe(0);
    world.sts.iam.extraRoles.push(
      { name: 'by-arn', maxSessionDuration: 7200, trustPolicy: policy(allow(DEV_ARN)) },
      { name: 'denied', maxSessionDuration: 3600, trustPolicy: policy(allow('arn:aws:iam::123456789012:root'), { ...allow(DEV_ARN), Effect: 'Deny' }) },
      { name: 'other-account', maxSessionDuration: 3600, trustPolicy: policy(allow('arn:aws:iam::999999999999:root')) },
      { name: 'office-only', maxSessionDuration: 3600, trustPolicy: policy(allow(DEV_ARN, { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } })) },
    );
  });
  afterAll(async () => world.close());

  it('keeps the roles that trust the user (by ARN or account, with or without MFA) and leaves out Deny, other accounts and other principals', async () => {
    const found = await json();
    expect(found).toMatchObject({ user: 'dev-user', userArn: DEV_ARN, viaMfaSession: false, added: [] });
    const byName = new Map(found.roles.map((r) => [r.name, r]));
    expect([...byName.keys()].sort()).toEqual(['admin', 'by-arn', 'external', 'forbidden', 'long-job', 'no-mfa', 'office-only', 'short-max']);
    expect(byName.get('admin')).toMatchObject({ needsMfa: true, maxSessionDuration: 43200, inCatalog: ['admin'] });
    expect(byName.get('by-arn')).toMatchObject({ needsMfa: false, maxSessionDuration: 7200, inCatalog: [] });
    expect(byName.get('external')).toMatchObject({ needsExternalId: true });
    expect(byName.get('office-only')).toMatchObject({ dependsOn: ['aws:SourceIp'] });
    // deploy (only admin's sessions), denied, other-account.
    expect(found.notTrusting).toBe(3);

    const table = await discover('dev-user');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^ROLE\s+MFA\s+MAX SESSION\s+CONDITIONS\s+IN CATALOG\s+ARN$/m);
    expect(table.stdout).toMatch(/^long-job\s+needs MFA\s+4 h\s+-\s+-\s+arn:aws:iam::123456789012:role\/long-job$/m);
    expect(table.stdout).toMatch(/^admin\s+needs MFA\s+12 h\s+-\s+admin\s/m);
    expect(table.stdout).toMatch(/^office-only\s+no MFA\s+1 h\s+depends on aws:SourceIp\s/m);
    expect(table.stderr).toContain(`8 roles trust ${DEV_ARN} (3 other roles of the account do not trust it).`);
  });

  it('reads every page IAM returns', async () => {
    world.sts.iam.pageSize = 2;
    const before = world.sts.calls.filter((c) => c.action === 'ListRoles').length;
    try {
      expect((await json('dev-user')).roles).toHaveLength(8);
      // 7 fixture roles and 4 more, two a page.
      expect(world.sts.calls.filter((c) => c.action === 'ListRoles').length - before).toBe(6);
    } finally {
      world.sts.iam.pageSize = 100;
    }
  });

  it('adds chosen roles with what it found: the user as source, a long MFA role direct for its whole length when asked', async () => {
    const found = await json('dev-user', '--add', 'long-job', 'by-arn', 'admin', '--direct');
    expect(found.added).toEqual([
      expect.objectContaining({ name: 'long-job', roleArn: roleArn('long-job'), source: 'dev-user', direct: true, duration: 14400 }),
      // No MFA needed: from the MFA session like any other role of a user with a device.
      expect.objectContaining({ name: 'by-arn', source: 'dev-user', direct: false }),
    ]);
    const listed = JSON.parse((await world.cli(['list', '--json'])).stdout) as { roles: Array<{ name: string; direct: boolean; duration?: number }> };
    expect(listed.roles.map((r) => r.name)).toEqual(['admin', 'long-job', 'by-arn']);
    const assumed = await world.cli(['assume', 'long-job', '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(assumed.code, assumed.stderr).toBe(0);
    expect(assumed.stderr).toMatch(/valid until .* \((3 h 59 min|4 h) left\)/);

    const text = await discover('dev-user', '--add', 'admin');
    expect(text.stderr).toContain('admin is already in the catalog with this ARN: left as it is.');
  });

  it('refuses to add what it cannot fill in, and adds nothing then', async () => {
    const refused = await discover('dev-user', '--add', 'no-mfa', 'external');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      "rolecall: Cannot add 'external': its trust policy demands an external id, which discovery cannot know.\n" +
        `  rolecall role add <name> --role-arn ${roleArn('external')} --source dev-user --external-id <id>\n`,
    );
    const unknown = await discover('dev-user', '--add', 'deploy');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Cannot add 'deploy': it is not among the roles whose trust policy lets dev-user assume them.");
    const listed = JSON.parse((await world.cli(['list', '--json'])).stdout) as { roles: Array<{ name: string }> };
    expect(listed.roles.map((r) => r.name)).not.toContain('no-mfa');
  });

  it('uses the MFA session when IAM lists roles only with MFA', async () => {
    world.sts.iam.permissions['dev-user']!.ListRoles = 'mfa';
    try {
      const withoutCode = await discover('dev-user');
      expect(withoutCode.code).toBe(1);
      expect(withoutCode.stderr).toMatch(/needs a fresh MFA code for user 'dev-user'/);
      const found = await json('dev-user', '--mfa-code', world.sts.nextCode('dev-user'));
      expect(found.viaMfaSession).toBe(true);
      expect(found.roles.length).toBe(8);
      const denied = world.sts.calls.filter((c) => c.action === 'ListRoles' && c.errorCode === 'AccessDenied');
      expect(denied.at(-1)?.accessKeyId).toBe(DEV_USER.accessKeyId);
    } finally {
      world.sts.iam.permissions['dev-user']!.ListRoles = 'allow';
    }
  });

  it('says in words when the user may not list roles, and what to do instead', async () => {
    const added = await world.cli(['user', 'add', 'ci-bot', '--access-key-id', CI_BOT.accessKeyId], `${CI_BOT.secretAccessKey}\n`);
    expect(added.code, added.stderr).toBe(0);
    const refused = await discover('ci-bot');
    expect(refused.code).toBe(1);
    const [message, hint] = refused.stderr.trimEnd().split('\n');
    expect(message).toMatch(
      /^rolecall: AWS refused listing the roles of ci-bot's account: IAM user 'ci-bot' is not allowed iam:ListRoles \(User: .*ci-bot is not authorized/,
    );
    expect(hint).toBe(
      '  Ask an administrator to allow iam:ListRoles for this user; meanwhile add the roles you know by ARN: rolecall role add <name> --role-arn <arn> --source ci-bot',
    );
    // Several users: discovery asks which.
    const which = await discover();
    expect(which.code).toBe(2);
    expect(which.stderr).toMatch(/Name the user whose roles to find/);
  });
});

describe('the IAM client loads only when used', () => {
  it('is not in the credential_process fast path, and the full program reaches it only by a dynamic import', () => {
    expect(readFileSync(CLI, 'utf8')).not.toMatch(/IAMClient|client-iam|ListRolesCommand/);
    const program = readFileSync(CLI.replace(/rolecall\.cjs$/, 'program.js'), 'utf8');
    expect(program).not.toMatch(/class ListRolesCommand/);
    expect(program).toMatch(/await import\("\.\/[\w-]+\.js"\);\n\s*const sdk = /);
  });
});
