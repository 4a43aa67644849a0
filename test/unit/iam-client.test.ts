// The IAM client against the local test server's IAM actions: every page of ListRoles read, the
// user's own key with its CreateDate, and IAM's refusals said in words a person can act on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Iam } from '../../main/core/iam/client';
import { explainIamError } from '../../main/core/iam/errors';
import type { CallerCredentials } from '../../main/core/sts/client';
import { StsDeadlineError } from '../../main/core/sts/deadline';
import { awsErrorCode } from '../../main/core/sts/errors';
import { CI_BOT, DEV_USER } from '../support/sts-fixture';
import { startStsServer, type StsTestServer } from '../support/sts-server';

let server: StsTestServer;
const env = () => ({ AWS_ENDPOINT_URL_IAM: server.url });
const devKey: CallerCredentials = { accessKeyId: DEV_USER.accessKeyId, secretAccessKey: DEV_USER.secretAccessKey };
const LIST_ROLES = { doing: 'listing the roles of the account', action: 'iam:ListRoles', user: 'ci-bot', without: 'meanwhile add roles by ARN.' };

beforeAll(async () => {
  server = await startStsServer();
});
afterAll(() => server.close());

async function withIam<T>(credentials: CallerCredentials, use: (iam: Iam) => Promise<T>, e: NodeJS.ProcessEnv = env()): Promise<T> {
  const iam = await Iam.open(credentials, 'us-east-1', e, { pageSize: 2 });
  try {
    return await use(iam);
  } finally {
    iam.destroy();
  }
}

describe('the IAM client', () => {
  it('reads every page of ListRoles, with trust policies and maximum session lengths', async () => {
    server.iam.pageSize = 3;
    server.calls.length = 0;
    const roles = await withIam(devKey, (iam) => iam.listRoles());
    expect(roles.map((r) => r.name)).toEqual(server.fixture.roles.map((r) => r.name));
    expect(server.calls.filter((c) => c.action === 'ListRoles').length).toBe(Math.ceil(server.fixture.roles.length / 2));
    expect(roles.find((r) => r.name === 'long-job')).toMatchObject({ maxSessionDuration: 14400, arn: 'arn:aws:iam::123456789012:role/long-job' });
    expect(decodeURIComponent(roles[0]!.trustPolicy)).toContain('aws:MultiFactorAuthPresent');
  });

  it('reads the caller’s own access key with its creation date', async () => {
    server.iam.keyCreatedAt[DEV_USER.accessKeyId] = '2026-08-09T10:00:00Z';
    const keys = await withIam(devKey, (iam) => iam.listOwnAccessKeys());
    expect(keys).toEqual([{ accessKeyId: DEV_USER.accessKeyId, status: 'Active', createdAt: '2026-08-09T10:00:00.000Z' }]);
  });

  it('says in words which IAM permission is missing and what to do without it', async () => {
    const refusal = await withIam({ accessKeyId: CI_BOT.accessKeyId, secretAccessKey: CI_BOT.secretAccessKey }, (iam) => iam.listRoles()).catch((e: unknown) => e);
    const explained = explainIamError(refusal, LIST_ROLES);
    expect(explained).toMatchObject({ code: 'IamAccessDenied' });
    expect(explained.message).toMatch(
      /^AWS refused listing the roles of the account: IAM user 'ci-bot' is not allowed iam:ListRoles \(User: arn:aws:iam::123456789012:user\/ci-bot is not authorized/,
    );
    expect((explained as { hint?: string }).hint).toBe('Ask an administrator to allow iam:ListRoles for this user; meanwhile add roles by ARN.');
  });

  it('names IAM and its endpoint variable when IAM does not answer or is unreachable', async () => {
    const late = explainIamError(new StsDeadlineError(1500), LIST_ROLES) as Error & { hint?: string };
    expect(late.message).toBe('AWS IAM did not answer in time (1.5 s, retries included) while listing the roles of the account.');
    expect(late.hint).toMatch(/AWS_ENDPOINT_URL_IAM/);
    const unreachable = await withIam(devKey, (iam) => iam.listRoles(), { AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:9', ROLECALL_STS_TIMEOUT_MS: '3000' }).catch(
      (e: unknown) => e,
    );
    const words = explainIamError(unreachable, LIST_ROLES) as Error & { hint?: string };
    expect(words.message).toMatch(/^Cannot reach AWS IAM while listing the roles of the account/);
    expect(words.hint).toMatch(/AWS_ENDPOINT_URL_IAM/);
  });

  it('refuses an endpoint that is not a URL before calling anything', async () => {
    await expect(Iam.open(devKey, 'us-east-1', { AWS_ENDPOINT_URL: 'not a url' })).rejects.toMatchObject({
      code: 'BadEndpoint',
      message: expect.stringMatching(/^AWS_ENDPOINT_URL is not a URL/),
    });
  });
});

describe("a user's own keys at the test server's IAM, as STS sees them", () => {
  const whoAmI = async (key: CallerCredentials) => {
    const { Sts } = await import('../../main/core/sts/client');
    const sts = new Sts(key, 'us-east-1', { AWS_ENDPOINT_URL_STS: server.url });
    try {
      return await sts.whoAmI();
    } finally {
      sts.destroy();
    }
  };
  const codeOf = (error: unknown) => awsErrorCode(error);

  it('makes a key STS authenticates with (after IAM spread it), keeps the two-key limit, and refuses inactive and deleted keys', async () => {
    server.iam.newKeyRefusals = 2;
    const created = await withIam(devKey, (iam) => iam.createOwnAccessKey());
    expect(created.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(created.secretAccessKey).toMatch(/^[A-Za-z0-9/+=]{40}$/);
    const newKey = { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey };
    // Not spread yet: refused twice, then accepted.
    for (let i = 0; i < 2; i++) expect(codeOf(await whoAmI(newKey).catch((e: unknown) => e))).toBe('InvalidClientTokenId');
    await expect(whoAmI(newKey)).resolves.toMatchObject({ arn: 'arn:aws:iam::123456789012:user/dev-user' });

    const third = await withIam(devKey, (iam) => iam.createOwnAccessKey()).catch((e: unknown) => e);
    expect(codeOf(third)).toBe('LimitExceeded');
    expect(explainIamError(third, { doing: 'creating a new access key for dev-user', action: 'iam:CreateAccessKey', without: '' })).toMatchObject({
      code: 'KeyLimitReached',
    });

    const lastUsed = await withIam(newKey, (iam) => iam.accessKeyLastUsed(created.accessKeyId));
    expect(lastUsed.service).toBe('sts');
    await withIam(newKey, (iam) => iam.setOwnAccessKeyStatus(DEV_USER.accessKeyId, 'Inactive'));
    expect(codeOf(await whoAmI(devKey).catch((e: unknown) => e))).toBe('InvalidClientTokenId');
    await withIam(newKey, (iam) => iam.setOwnAccessKeyStatus(DEV_USER.accessKeyId, 'Active'));
    await expect(whoAmI(devKey)).resolves.toBeDefined();

    await withIam(devKey, (iam) => iam.deleteOwnAccessKey(created.accessKeyId));
    expect(codeOf(await whoAmI(newKey).catch((e: unknown) => e))).toBe('InvalidClientTokenId');
    expect(codeOf(await withIam(devKey, (iam) => iam.deleteOwnAccessKey(created.accessKeyId)).catch((e: unknown) => e))).toBe('NoSuchEntity');
    expect((await withIam(devKey, (iam) => iam.listOwnAccessKeys())).map((k) => k.accessKeyId)).toEqual([DEV_USER.accessKeyId]);
  });
});
