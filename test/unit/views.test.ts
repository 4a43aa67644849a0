// The views the window gets are the operation table's output schemas (common/views.ts), which
// every result passes through before it leaves main: whatever else core's objects carry (a field
// added tomorrow, a secret by mistake) is dropped, and absent optional fields stay absent.
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../common/operations';
import type { ImportPlan } from '../../main/core/operations/import';
import type { CatalogView } from '../../main/core/operations/list';
import type { AssumeResult } from '../../main/core/operations/sessions';
import { CATALOG } from '../support/catalog-view';

const toCatalogListView = (v: unknown) => OPERATIONS['catalog:list'].output.parse(v);
const toAssumedView = (v: unknown) => OPERATIONS['session:assume'].output.parse(v);
const toSessionsView = (v: unknown) => OPERATIONS['sessions:list'].output.parse(v);
const toUserSavedView = (v: unknown) => OPERATIONS['user:save'].output.parse(v);
const toImportPlanView = (v: unknown) => OPERATIONS['import:preview'].output.parse(v);

const LEAK = { secretAccessKey: 'LEAKED-SECRET', sessionToken: 'LEAKED-TOKEN' };
const leaky = <T>(value: T): T => ({ ...value, ...LEAK });

describe('the output schemas of the operation table', () => {
  it('toCatalogListView keeps the contract fields of users, roles and settings only', () => {
    const view: CatalogView = {
      users: [leaky({ name: 'dev-user', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', mfaSerial: 'arn:aws:iam::123456789012:mfa/dev', hasSecret: true })],
      roles: [
        leaky({
          name: 'admin',
          roleArn: 'arn:aws:iam::123456789012:role/admin',
          source: 'dev-user',
          direct: true,
          duration: 7200,
          externalId: 'shared-external-id',
          sessionName: 'me',
          sourceIdentity: 'me',
          region: 'eu-west-1',
          profile: 'adm',
        }),
        { name: 'deploy', roleArn: 'arn:aws:iam::123456789012:role/deploy', source: 'admin', direct: false },
      ],
      settings: leaky(CATALOG.settings),
      keychain: 'ready',
    };
    const result = toCatalogListView(view);
    expect(result).toEqual({
      users: [{ name: 'dev-user', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', mfaSerial: 'arn:aws:iam::123456789012:mfa/dev', hasSecret: true }],
      roles: [
        {
          name: 'admin',
          roleArn: 'arn:aws:iam::123456789012:role/admin',
          source: 'dev-user',
          profile: 'adm',
          duration: 7200,
          direct: true,
          externalId: 'shared-external-id',
          sessionName: 'me',
          sourceIdentity: 'me',
          region: 'eu-west-1',
        },
        { name: 'deploy', roleArn: 'arn:aws:iam::123456789012:role/deploy', source: 'admin', direct: false },
      ],
      settings: CATALOG.settings,
      keychain: 'ready',
    });
    expect(Object.keys(result.roles[1]!)).toEqual(['name', 'roleArn', 'source', 'direct']);
    expect(JSON.stringify(result)).not.toMatch(/LEAKED/);
  });

  it('toAssumedView and its notices drop anything else', () => {
    const result: AssumeResult = leaky({
      role: 'deploy',
      profile: 'deploy',
      assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/deploy/dev-user',
      expiresAt: '2030-01-01T00:00:00.000Z',
      chain: ['dev-user', 'admin', 'deploy'],
      fromCache: false,
      cappedBy: 'chaining',
      notices: [
        leaky({ kind: 'capped-chaining' as const, role: 'deploy', requestedSeconds: 7200, grantedSeconds: 3600 }),
        leaky({ kind: 'mfa-session-started' as const, user: 'dev-user', expiresAt: '2030-01-01T00:00:00.000Z' }),
      ],
    });
    const view = toAssumedView(result);
    expect(JSON.stringify(view)).not.toMatch(/LEAKED/);
    expect(view.notices).toEqual([
      { kind: 'capped-chaining', role: 'deploy', requestedSeconds: 7200, grantedSeconds: 3600 },
      { kind: 'mfa-session-started', user: 'dev-user', expiresAt: '2030-01-01T00:00:00.000Z' },
    ]);
  });

  it("the sessions view keeps sessions to the contract, and core's own instant stays in main", () => {
    const view = toSessionsView({
      sessions: [
        leaky({ kind: 'role' as const, name: 'admin', state: 'active' as const, expiresAt: '2030-01-01T00:00:00.000Z', chain: ['dev-user', 'admin'], renewal: 'failed' }),
      ],
      needsMfaCode: ['long-job'],
      now: Date.parse('2029-12-31T23:00:00.000Z'),
      takenAt: '2029-12-31T23:00:00.000Z',
      keychain: 'locked',
    });
    expect(view).toEqual({
      sessions: [{ kind: 'role', name: 'admin', state: 'active', expiresAt: '2030-01-01T00:00:00.000Z', chain: ['dev-user', 'admin'], renewal: 'failed' }],
      needsMfaCode: ['long-job'],
      takenAt: '2029-12-31T23:00:00.000Z',
      keychain: 'locked',
    });
  });

  it('a saved user says who the key is, or why it could not be checked, and what was kept: nothing secret', () => {
    const base = { name: 'dev-user', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', mfaSerial: 'arn:aws:iam::123456789012:mfa/dev', region: 'eu-west-1' };
    const details = { name: 'dev-user', mfaSerial: base.mfaSerial, region: 'eu-west-1' };
    expect(toUserSavedView(leaky({ ...base, identity: 'arn:aws:iam::123456789012:user/dev-user', kept: ['region'] }))).toEqual({
      ...details,
      identity: 'arn:aws:iam::123456789012:user/dev-user',
      kept: ['region'],
    });
    expect(toUserSavedView(leaky({ ...base, unverifiedBecause: 'AWS STS was not reachable' }))).toEqual({
      ...details,
      unverifiedBecause: 'AWS STS was not reachable',
    });
    // Saved without a secret: nothing was asked of AWS, and no field stands there as undefined.
    const plain = toUserSavedView({ name: 'dev-user', accessKeyId: base.accessKeyId });
    expect(plain).toEqual({ name: 'dev-user' });
    expect(Object.keys(plain)).toEqual(['name']);
  });

  it('toImportPlanView lists users without any secret', () => {
    const plan: ImportPlan = {
      users: [leaky({ name: 'dev-user', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' })],
      roles: [
        leaky({
          name: 'admin',
          roleArn: 'arn:aws:iam::123456789012:role/admin',
          source: 'dev-user',
          direct: false,
          externalId: 'x1',
          how: "from dev-user's MFA session",
        }),
      ],
      skipped: [{ name: 'old', reason: 'holds temporary credentials' }],
      leftAlone: [],
      plaintextRemoved: ['dev-user'],
      plaintextKept: [],
      orphanedProfiles: [{ profile: 'admin', useInstead: 'admin-rolecall' }, { profile: 'other' }],
    };
    const view = toImportPlanView(plan);
    expect(JSON.stringify(view)).not.toMatch(/LEAKED|x1/);
    expect(view.users).toEqual([{ name: 'dev-user', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }]);
    expect(view.orphanedProfiles).toEqual([{ profile: 'admin', useInstead: 'admin-rolecall' }, { profile: 'other' }]);
  });
});
