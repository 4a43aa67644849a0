// Reasons core hands to a front end as data (a notice's reason, an import's skipped reason) are a
// RolecallError's own words or a fixed sentence: the text of an unexpected error (which may quote
// input, a path or a key) never reaches the window. The failing pieces are mocked; the rest is real.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as AwsFiles from '../../main/core/aws-files';
import { writeManagedProfile } from '../../main/core/aws-files';
import type * as Rules from '../../main/core/catalog/rules';
import { assertRoleFits } from '../../main/core/catalog/rules';
import { emptyCatalog, type Catalog } from '../../common/catalog-schema';
import type { Core } from '../../main/core/core';
import { RolecallError } from '../../main/core/errors';
import { importProfiles } from '../../main/core/operations/import';
import { roleCredentials } from '../../main/core/operations/sessions';
import type { RoleSessionRecord } from '../../main/core/sessions/records';
import { verifyLongTermKey } from '../../main/core/sts/verify-key';

vi.mock('../../main/core/sts/verify-key', () => ({ verifyLongTermKey: vi.fn() }));
vi.mock('../../main/core/catalog/rules', async (importOriginal) => {
  const actual = await importOriginal<typeof Rules>();
  return { ...actual, assertRoleFits: vi.fn(actual.assertRoleFits) };
});
vi.mock('../../main/core/aws-files', async (importOriginal) => {
  const actual = await importOriginal<typeof AwsFiles>();
  return { ...actual, writeManagedProfile: vi.fn(actual.writeManagedProfile) };
});

/** What an unexpected error might say: nothing of it may reach a reason. */
const INTERNAL = 'EACCES /home/dev/.aws/credentials wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const dir = mkdtempSync(join(tmpdir(), 'rolecall-reasons-'));
const env = {
  AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
  AWS_CONFIG_FILE: join(dir, 'config'),
  ROLECALL_CONFIG_DIR: join(dir, 'Rolecall'),
  AWS_REGION: 'us-east-1',
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeCore(catalog: Catalog, engine?: Partial<Core['engine']>): Core {
  return {
    env,
    now: () => Date.parse('2030-01-01T00:00:00.000Z'),
    catalog: { load: () => catalog } as unknown as Core['catalog'],
    secrets: {} as Core['secrets'],
    engine: engine as Core['engine'],
  };
}

describe('profile-not-refreshed notices', () => {
  const catalog: Catalog = {
    ...emptyCatalog(),
    users: [{ name: 'dev-user', accessKeyId: 'AKIAROLECALLDEV00001' }],
    roles: [
      { name: 'admin', roleArn: 'arn:aws:iam::123456789012:role/admin', source: 'dev-user', direct: false },
      { name: 'deploy', roleArn: 'arn:aws:iam::123456789012:role/deploy', source: 'admin', direct: false },
    ],
  };
  const record = (role: string): RoleSessionRecord => ({
    kind: 'role-session',
    role,
    roleArn: `arn:aws:iam::123456789012:role/${role}`,
    assumedRoleArn: `arn:aws:sts::123456789012:assumed-role/${role}/dev-user`,
    chain: ['dev-user', role],
    via: 'mfa-session',
    requestedSeconds: 3600,
    grantedSeconds: 3600,
    issuedAt: '2030-01-01T00:00:00.000Z',
    accessKeyId: 'ASIAROLECALLTEST0001',
    secretAccessKey: 'secret',
    sessionToken: 'token',
    expiration: '2030-01-01T01:00:00.000Z',
  });
  const core = fakeCore(catalog, {
    obtain: async () => ({ session: record('deploy'), fromCache: false, notices: [], renewed: [record('admin'), record('deploy')] }),
  });

  it("gives a fixed reason for an unexpected error, and core's words for a RolecallError", async () => {
    vi.mocked(writeManagedProfile)
      .mockRejectedValueOnce(new TypeError(INTERNAL))
      .mockRejectedValueOnce(new RolecallError('The credentials file is locked by another process.'));
    const { notices } = await roleCredentials(core, { name: 'deploy' });
    expect(notices).toEqual([
      { kind: 'profile-not-refreshed', profile: 'admin', reason: 'the shared AWS files could not be written' },
      { kind: 'profile-not-refreshed', profile: 'deploy', reason: 'The credentials file is locked by another process.' },
    ]);
  });
});

describe('import skipped reasons', () => {
  beforeEach(() => {
    writeFileSync(
      env.AWS_SHARED_CREDENTIALS_FILE,
      '[dev-user]\naws_access_key_id = AKIAROLECALLDEV00001\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    );
    writeFileSync(env.AWS_CONFIG_FILE, '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = dev-user\n');
    // AWS knows the key unless a test says otherwise (the dry run checks keys too).
    vi.mocked(verifyLongTermKey).mockResolvedValue({ identity: 'arn:aws:iam::123456789012:user/dev-user' });
  });

  it('says a key could not be checked, without the text of an unexpected error', async () => {
    vi.mocked(verifyLongTermKey).mockRejectedValueOnce(new TypeError(INTERNAL));
    const plan = await importProfiles(fakeCore(emptyCatalog()), { dryRun: false });
    const reasons = plan.skipped.map((s) => s.reason).join('\n');
    expect(plan.skipped).toContainEqual({ name: 'dev-user', reason: 'its key could not be checked with AWS (an unexpected error)' });
    expect(reasons).not.toContain('EACCES');
    expect(reasons).not.toContain('wJalr');
  });

  it("quotes a RolecallError from the key check in core's words", async () => {
    vi.mocked(verifyLongTermKey).mockRejectedValueOnce(new RolecallError('AWS does not know the access key id AKIAROLECALLDEV00001.'));
    const plan = await importProfiles(fakeCore(emptyCatalog()), { dryRun: false });
    expect(plan.skipped).toContainEqual({ name: 'dev-user', reason: 'AWS refused its key (AWS does not know the access key id AKIAROLECALLDEV00001.)' });
  });

  it("gives a fixed reason when checking a role fails unexpectedly, and core's words otherwise", async () => {
    vi.mocked(assertRoleFits).mockImplementationOnce(() => {
      throw new TypeError(INTERNAL);
    });
    const unexpected = await importProfiles(fakeCore(emptyCatalog()), { dryRun: true });
    expect(unexpected.skipped).toEqual([{ name: 'admin', reason: 'it could not be checked against the catalog' }]);

    vi.mocked(assertRoleFits).mockImplementationOnce(() => {
      throw new RolecallError("Role 'x' already writes the profile 'admin'.", undefined, 'ProfileTaken');
    });
    const refused = await importProfiles(fakeCore(emptyCatalog()), { dryRun: true });
    expect(refused.skipped).toEqual([{ name: 'admin', reason: "Role 'x' already writes the profile 'admin'." }]);
  });
});
