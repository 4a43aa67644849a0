// The local STS server, driven by the real @aws-sdk/client-sts (and the AWS CLI where installed):
// if these pass, code under test talks to the server exactly as it would to AWS.

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient, type AssumeRoleCommandInput, type Credentials } from '@aws-sdk/client-sts';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, CI_BOT, DEV_USER, EXTERNAL_ID, defaultFixture, roleArn } from '../support/sts-fixture';
import { AWS_CLI, hasAwsCli, requireInCi } from '../support/run';
import { startStsServer, type StsTestServer } from '../support/sts-server';

interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const DEV: Keys = { accessKeyId: DEV_USER.accessKeyId, secretAccessKey: DEV_USER.secretAccessKey };
const BOT: Keys = { accessKeyId: CI_BOT.accessKeyId, secretAccessKey: CI_BOT.secretAccessKey };
const CHAIN_LIMIT = 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.';
const MFA_FAILED = 'MultiFactorAuthentication failed with invalid MFA one time pass code. ';
const TOO_LONG = 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.';
const STEP = 30_000;

let server: StsTestServer;
beforeAll(async () => {
  server = await startStsServer();
});
afterAll(() => server.close());

// MFA codes are single-use per device, so each test gets TOTP steps of its own: its server clock
// runs ten steps past the previous test's (room for a test's own advance()), and starts mid-step
// so no 30 s boundary passes while it runs. `clock` is that offset, for tests that move the clock
// and come back.
let clock = 0;
let testNumber = 0;
beforeEach(() => {
  testNumber += 1;
  clock = testNumber * 10 * STEP + (STEP / 2 - (Date.now() % STEP));
  server.setOffset(clock);
});
afterEach(() => server.throttleNext(0));

// One attempt by default, so an error reaches the test instead of being retried.
function sts(keys: Keys, maxAttempts = 1, url = server.url): STSClient {
  return new STSClient({ endpoint: url, region: 'us-east-1', credentials: keys, maxAttempts });
}

function keysOf(credentials: Credentials | undefined): Keys {
  const { AccessKeyId, SecretAccessKey, SessionToken } = credentials ?? {};
  if (!AccessKeyId || !SecretAccessKey || !SessionToken) throw new Error('no credentials in response');
  return { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken };
}

/** A code no request has used yet: each call gives another (three per step; see nextCode). */
const withMfa = () => ({ SerialNumber: DEV_USER.mfaSerialNumber, TokenCode: server.nextCode('dev-user') });
const getSessionToken = (keys: Keys, input: { SerialNumber?: string; TokenCode?: string } = {}) => sts(keys).send(new GetSessionTokenCommand(input));

async function mfaSession(durationSeconds?: number): Promise<Keys> {
  const out = await sts(DEV).send(new GetSessionTokenCommand({ ...withMfa(), DurationSeconds: durationSeconds }));
  return keysOf(out.Credentials);
}

async function assume(keys: Keys, role: string, extra: Partial<AssumeRoleCommandInput> = {}): Promise<Keys> {
  const out = await sts(keys).send(new AssumeRoleCommand({ RoleArn: roleArn(role), RoleSessionName: 'test', ...extra }));
  return keysOf(out.Credentials);
}

const whoAmI = (keys: Keys) => sts(keys).send(new GetCallerIdentityCommand({}));

async function expectStsError(promise: Promise<unknown>, name: string, message: string, status: number): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name, message, $metadata: { httpStatusCode: status } });
}

const notAuthorized = (caller: string, role: string) => `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn(role)}`;
const devUserArn = `arn:aws:iam::${ACCOUNT_ID}:user/dev-user`;

describe('successful calls', () => {
  it('GetCallerIdentity with a long-term key names the user', async () => {
    const out = await whoAmI(DEV);
    expect(out).toMatchObject({ UserId: DEV_USER.userId, Account: ACCOUNT_ID, Arn: devUserArn });
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GetSessionToken issues ASIA credentials for 12 hours by default, acting as the user', async () => {
    const before = server.now();
    const out = await sts(DEV).send(new GetSessionTokenCommand({}));
    const c = out.Credentials;
    expect(c?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(c?.SecretAccessKey).toHaveLength(40);
    expect(c?.SessionToken?.length).toBeGreaterThan(200);
    expect(c?.Expiration?.getTime()).toBeGreaterThanOrEqual(before + 43200_000 - 1000);
    expect(c?.Expiration?.getTime()).toBeLessThanOrEqual(server.now() + 43200_000);
    expect(await whoAmI(keysOf(c))).toMatchObject({ UserId: DEV_USER.userId, Arn: devUserArn });
  });

  it('GetSessionToken with MFA honours DurationSeconds', async () => {
    const out = await sts(DEV).send(new GetSessionTokenCommand({ ...withMfa(), DurationSeconds: 900 }));
    expect(out.Credentials?.Expiration?.getTime()).toBeLessThanOrEqual(server.now() + 900_000);
    expect(out.Credentials?.Expiration?.getTime()).toBeGreaterThan(server.now() + 898_000);
  });

  it('AssumeRole with MFA from a long-term key returns the assumed-role user and SourceIdentity', async () => {
    const out = await sts(DEV).send(
      new AssumeRoleCommand({
        RoleArn: roleArn('admin'),
        RoleSessionName: 'dev@rolecall',
        DurationSeconds: 43200,
        SourceIdentity: 'dev-user',
        ...withMfa(),
      }),
    );
    const arn = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/admin/dev@rolecall`;
    expect(out.AssumedRoleUser).toEqual({ AssumedRoleId: 'AROAADMIN000000000000:dev@rolecall', Arn: arn });
    expect(out.SourceIdentity).toBe('dev-user');
    expect(out.Credentials?.Expiration?.getTime()).toBeGreaterThan(server.now() + 43190_000);
    const me = await whoAmI(keysOf(out.Credentials));
    expect(me).toMatchObject({ UserId: 'AROAADMIN000000000000:dev@rolecall', Account: ACCOUNT_ID, Arn: arn });
  });

  it('accepts the previous and next TOTP step, not two steps away', async () => {
    // The clock sits mid-step (beforeEach), so no 30 s boundary passes between making a code and checking it.
    const code = (step: number) => ({ SerialNumber: DEV_USER.mfaSerialNumber, TokenCode: server.totp('dev-user', step) });
    await expect(sts(DEV).send(new GetSessionTokenCommand(code(-1)))).resolves.toBeDefined();
    await expect(sts(DEV).send(new GetSessionTokenCommand(code(1)))).resolves.toBeDefined();
    await expectStsError(sts(DEV).send(new GetSessionTokenCommand(code(2))), 'AccessDenied', MFA_FAILED, 403);
  });

  it('speaks the Query protocol over a signed GET and answers AWS-shaped XML', async () => {
    const url = new URL(server.url);
    const request = new HttpRequest({
      method: 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: url.host },
    });
    const signer = new SignatureV4({ service: 'sts', region: 'eu-west-1', sha256: Sha256, credentials: DEV });
    const signed = await signer.sign(request);
    const { host: _host, ...headers } = signed.headers;
    const res = await fetch(`${server.url}/?Action=GetCallerIdentity&Version=2011-06-15`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml');
    const xml = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(await res.text());
    expect(xml).toEqual({
      GetCallerIdentityResponse: {
        '@_xmlns': 'https://sts.amazonaws.com/doc/2011-06-15/',
        GetCallerIdentityResult: { Arn: devUserArn, UserId: DEV_USER.userId, Account: ACCOUNT_ID },
        ResponseMetadata: { RequestId: res.headers.get('x-amzn-requestid') },
      },
    });
  });
});

describe('authentication errors', () => {
  it('unknown access key: InvalidClientTokenId', async () => {
    const keys = { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: DEV.secretAccessKey };
    await expectStsError(whoAmI(keys), 'InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  });

  it('wrong secret: SignatureDoesNotMatch', async () => {
    const keys = { ...DEV, secretAccessKey: DEV.secretAccessKey.replace(/^./, 'x') };
    await expectStsError(
      whoAmI(keys),
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      403,
    );
  });

  it('temporary key with a wrong session token: InvalidClientTokenId', async () => {
    const keys = { ...(await mfaSession()), sessionToken: 'IQoJb3JpZ2luX2VjForged' };
    await expectStsError(whoAmI(keys), 'InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  });

  it('session past its expiry on the server clock: ExpiredToken', async () => {
    const keys = await mfaSession(900);
    await expect(whoAmI(keys)).resolves.toBeDefined();
    server.advance(901_000);
    await expectStsError(whoAmI(keys), 'ExpiredToken', 'The security token included in the request is expired', 403);
    // A role session expires the same way, independent of the session it came from.
    server.setOffset(clock);
    const role = await assume(DEV, 'admin', { DurationSeconds: 3600, ...withMfa() });
    server.advance(3600_000);
    await expectStsError(whoAmI(role), 'ExpiredToken', 'The security token included in the request is expired', 403);
  });

  // The SDK always signs, so these strip or break the signature on its way out.
  function tampered(edit: (headers: Record<string, string>) => void): STSClient {
    const client = sts(DEV);
    client.middlewareStack.add(
      (next) => (args) => {
        if (HttpRequest.isInstance(args.request)) edit(args.request.headers);
        return next(args);
      },
      { step: 'deserialize' }, // runs after signing, just before the request is sent
    );
    return client;
  }

  it('no Authorization header: MissingAuthenticationToken', async () => {
    const client = tampered((h) => delete h['authorization']);
    await expectStsError(client.send(new GetCallerIdentityCommand({})), 'MissingAuthenticationToken', 'Request is missing Authentication Token', 400);
  });

  it('Authorization header without a signature: IncompleteSignature', async () => {
    const client = tampered((h) => {
      h['authorization'] = (h['authorization'] ?? '').replace(/, Signature=.*$/, '');
    });
    const error = client.send(new GetCallerIdentityCommand({}));
    await expect(error).rejects.toMatchObject({ name: 'IncompleteSignature', $metadata: { httpStatusCode: 400 } });
    await expect(error).rejects.toThrow(/^Authorization header requires 'Signature' parameter\. Authorization=AWS4-HMAC-SHA256/);
  });

  it('a body changed after signing: SignatureDoesNotMatch', async () => {
    const client = sts(DEV);
    client.middlewareStack.add(
      (next) => (args) => {
        // Same length, so the signed content-length still holds; only the payload hash differs.
        if (HttpRequest.isInstance(args.request)) args.request.body = String(args.request.body).replace('=3600', '=7200');
        return next(args);
      },
      { step: 'deserialize' },
    );
    const send = client.send(new AssumeRoleCommand({ RoleArn: roleArn('no-mfa'), RoleSessionName: 'x1', DurationSeconds: 3600 }));
    await expect(send).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });
});

describe('MFA', () => {
  it('wrong code or wrong device: AccessDenied', async () => {
    const wrongCode = String((Number(server.totp('dev-user')) + 500_000) % 1_000_000).padStart(6, '0');
    const badCode = { SerialNumber: DEV_USER.mfaSerialNumber, TokenCode: wrongCode };
    const badSerial = { SerialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/someone-else`, TokenCode: server.totp('dev-user') };
    await expectStsError(sts(DEV).send(new GetSessionTokenCommand(badCode)), 'AccessDenied', MFA_FAILED, 403);
    await expectStsError(sts(DEV).send(new GetSessionTokenCommand(badSerial)), 'AccessDenied', MFA_FAILED, 403);
    await expectStsError(assume(DEV, 'admin', badCode), 'AccessDenied', MFA_FAILED, 403);
    // ci-bot has no device at all.
    await expectStsError(sts(BOT).send(new GetSessionTokenCommand(withMfa())), 'AccessDenied', MFA_FAILED, 403);
    // None of that spent the current code: only a passed MFA check does.
    const good = { SerialNumber: DEV_USER.mfaSerialNumber, TokenCode: server.totp('dev-user') };
    await expect(getSessionToken(DEV, good)).resolves.toBeDefined();
  });

  it('a token code that is not 6 digits: ValidationError', async () => {
    const send = (TokenCode: string) => sts(DEV).send(new GetSessionTokenCommand({ SerialNumber: DEV_USER.mfaSerialNumber, TokenCode }));
    await expectStsError(
      send('12345'),
      'ValidationError',
      "1 validation error detected: Value '12345' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6",
      400,
    );
    await expectStsError(
      send('12a456'),
      'ValidationError',
      "1 validation error detected: Value '12a456' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*",
      400,
    );
  });

  it('GetSessionToken with session credentials: AccessDenied', async () => {
    await expectStsError(sts(await mfaSession()).send(new GetSessionTokenCommand({})), 'AccessDenied', 'Cannot call GetSessionToken with session credentials', 403);
  });

  it('an MFA session carries MFA into AssumeRole; a plain session does not', async () => {
    await expect(assume(await mfaSession(), 'admin')).resolves.toBeDefined();
    const plain = keysOf((await sts(DEV).send(new GetSessionTokenCommand({}))).Credentials);
    const plainArn = devUserArn; // a GetSessionToken session acts as the user
    await expectStsError(assume(plain, 'admin'), 'AccessDenied', notAuthorized(plainArn, 'admin'), 403);
    // Without MFA from the long-term key too.
    await expectStsError(assume(DEV, 'admin'), 'AccessDenied', notAuthorized(devUserArn, 'admin'), 403);
  });

  it('role sessions pass MFA context down the chain', async () => {
    // A world where a chained role demands MFA, reachable from an MFA role and a no-MFA role.
    const fixture = defaultFixture();
    fixture.roles.push({
      name: 'mfa-chained',
      roleId: 'AROAMFACHAINED000000',
      maxSessionDuration: 3600,
      trust: { principals: [{ role: 'admin' }, { role: 'no-mfa' }], mfaRequired: true },
      canAssume: [],
    });
    const own = await startStsServer({ fixture });
    try {
      const viaMfaSession = await sts(DEV, 1, own.url).send(new GetSessionTokenCommand({ SerialNumber: DEV_USER.mfaSerialNumber, TokenCode: own.nextCode('dev-user') }));
      const admin = await sts(keysOf(viaMfaSession.Credentials), 1, own.url).send(new AssumeRoleCommand({ RoleArn: roleArn('admin'), RoleSessionName: 'first' }));
      const chained = sts(keysOf(admin.Credentials), 1, own.url).send(new AssumeRoleCommand({ RoleArn: roleArn('mfa-chained'), RoleSessionName: 'second' }));
      await expect(chained).resolves.toMatchObject({
        AssumedRoleUser: { Arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/mfa-chained/second` },
      });

      const noMfa = await sts(BOT, 1, own.url).send(new AssumeRoleCommand({ RoleArn: roleArn('no-mfa'), RoleSessionName: 'third' }));
      await expectStsError(
        sts(keysOf(noMfa.Credentials), 1, own.url).send(new AssumeRoleCommand({ RoleArn: roleArn('mfa-chained'), RoleSessionName: 'fourth' })),
        'AccessDenied',
        notAuthorized(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/no-mfa/third`, 'mfa-chained'),
        403,
      );
    } finally {
      await own.close();
    }
  });
});

describe('trust and permissions', () => {
  it('denies roles the user may not assume, unknown roles and roles trusting someone else', async () => {
    for (const role of ['forbidden', 'no-such-role', 'deploy', 'no-mfa']) {
      // A denial after a passed MFA check still spends the code: a fresh step for each attempt.
      server.advance(STEP);
      await expectStsError(assume(DEV, role, withMfa()), 'AccessDenied', notAuthorized(devUserArn, role), 403);
    }
    const botArn = `arn:aws:iam::${ACCOUNT_ID}:user/ci-bot`;
    await expectStsError(assume(BOT, 'admin'), 'AccessDenied', notAuthorized(botArn, 'admin'), 403);
    await expect(assume(BOT, 'no-mfa')).resolves.toBeDefined();
  });

  it('the chained role is reachable only from an admin session, which names itself in the denial', async () => {
    const admin = await assume(DEV, 'admin', withMfa());
    await expect(whoAmI(await assume(admin, 'deploy'))).resolves.toMatchObject({
      Arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/deploy/test`,
    });
    const adminArn = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/admin/test`;
    await expectStsError(assume(admin, 'forbidden'), 'AccessDenied', notAuthorized(adminArn, 'forbidden'), 403);
  });

  it('ExternalId must match when the trust policy demands one', async () => {
    // Three codes: each denial below comes after the MFA check, which spends the code.
    await expectStsError(assume(DEV, 'external', withMfa()), 'AccessDenied', notAuthorized(devUserArn, 'external'), 403);
    await expectStsError(assume(DEV, 'external', { ...withMfa(), ExternalId: 'rolecall-ext-41' }), 'AccessDenied', notAuthorized(devUserArn, 'external'), 403);
    await expect(assume(DEV, 'external', { ...withMfa(), ExternalId: EXTERNAL_ID })).resolves.toBeDefined();
  });
});

describe('session durations', () => {
  it('caps AssumeRole at one hour from a role session (role chaining)', async () => {
    const admin = await assume(DEV, 'admin', withMfa());
    await expectStsError(assume(admin, 'deploy', { DurationSeconds: 3601 }), 'ValidationError', CHAIN_LIMIT, 400);
    await expect(assume(admin, 'deploy', { DurationSeconds: 3600 })).resolves.toBeDefined();
  });

  it('caps AssumeRole at one hour from a GetSessionToken session, whatever the role allows', async () => {
    const session = await mfaSession();
    await expectStsError(assume(session, 'admin', { DurationSeconds: 7200 }), 'ValidationError', CHAIN_LIMIT, 400);
    await expect(assume(session, 'admin', { DurationSeconds: 3600 })).resolves.toBeDefined();
  });

  it("enforces the role's MaxSessionDuration for long-term keys", async () => {
    // One code for all three: the duration is checked before MFA, so the refusals leave it unspent.
    const mfa = withMfa();
    await expectStsError(assume(DEV, 'long-job', { ...mfa, DurationSeconds: 14401 }), 'ValidationError', TOO_LONG, 400);
    await expectStsError(assume(DEV, 'short-max', { ...mfa, DurationSeconds: 7200 }), 'ValidationError', TOO_LONG, 400);
    await expect(assume(DEV, 'long-job', { ...mfa, DurationSeconds: 14400 })).resolves.toBeDefined();
  });

  it('rejects out-of-range values with AWS validation messages', async () => {
    const prefix = "1 validation error detected: Value '";
    const mfa = withMfa(); // validation comes first and spends no code, so one does for all
    await expectStsError(
      assume(DEV, 'admin', { ...mfa, DurationSeconds: 899 }),
      'ValidationError',
      `${prefix}899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`,
      400,
    );
    await expectStsError(
      assume(DEV, 'admin', { ...mfa, DurationSeconds: 43201 }),
      'ValidationError',
      `${prefix}43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`,
      400,
    );
    await expectStsError(
      sts(DEV).send(new GetSessionTokenCommand({ DurationSeconds: 129601 })),
      'ValidationError',
      `${prefix}129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600`,
      400,
    );
    await expectStsError(
      assume(DEV, 'admin', { ...mfa, RoleSessionName: 'a b' }),
      'ValidationError',
      `${prefix}a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      400,
    );
    await expect(assume(DEV, 'admin', mfa)).resolves.toBeDefined();
  });
});

describe('single-use MFA codes', () => {
  it('refuses a code the second time, across GetSessionToken and AssumeRole', async () => {
    const first = withMfa();
    await expect(getSessionToken(DEV, first)).resolves.toBeDefined();
    await expectStsError(getSessionToken(DEV, first), 'AccessDenied', MFA_FAILED, 403);
    await expectStsError(assume(DEV, 'admin', first), 'AccessDenied', MFA_FAILED, 403);

    const second = withMfa();
    await expect(assume(DEV, 'admin', second)).resolves.toBeDefined();
    await expectStsError(getSessionToken(DEV, second), 'AccessDenied', MFA_FAILED, 403);
    // Still refused a step later, while it is within the server's ±1 step window.
    server.advance(STEP);
    await expectStsError(getSessionToken(DEV, first), 'AccessDenied', MFA_FAILED, 403);
  });

  it('keeps the record per MFA device', async () => {
    // A twin of dev-user whose own device happens to share the seed, so both show the same code.
    const fixture = defaultFixture();
    const serial = `arn:aws:iam::${ACCOUNT_ID}:mfa/dev-twin`;
    fixture.users.push({
      name: 'dev-twin',
      userId: 'AIDADEVTWIN0000000001',
      accessKeyId: 'AKIAROLECALLTWIN0001',
      secretAccessKey: 'TwinTwinTwinTwinTwinTwinTwinTwinTwinTwin',
      mfa: { serialNumber: serial, seed: DEV_USER.mfaSeed },
      canAssume: [],
    });
    const own = await startStsServer({ fixture });
    try {
      own.setOffset(clock);
      const code = own.totp('dev-user');
      expect(own.totp('dev-twin')).toBe(code);
      const twin: Keys = { accessKeyId: 'AKIAROLECALLTWIN0001', secretAccessKey: 'TwinTwinTwinTwinTwinTwinTwinTwinTwinTwin' };
      const send = (keys: Keys, SerialNumber: string) => sts(keys, 1, own.url).send(new GetSessionTokenCommand({ SerialNumber, TokenCode: code }));
      await expect(send(DEV, DEV_USER.mfaSerialNumber)).resolves.toBeDefined();
      await expect(send(twin, serial)).resolves.toBeDefined();
      await expectStsError(send(DEV, DEV_USER.mfaSerialNumber), 'AccessDenied', MFA_FAILED, 403);
      await expectStsError(send(twin, serial), 'AccessDenied', MFA_FAILED, 403);
    } finally {
      await own.close();
    }
  });

  it('totp at step offsets -1, 0 and +1 gives three distinct codes, each good once', async () => {
    // A fixed instant mid-step, so the codes are the same on every run.
    server.setOffset(Date.UTC(2024, 0, 1, 12, 0, 15) - Date.now());
    const codes = [-1, 0, 1].map((step) => server.totp('dev-user', step));
    expect(new Set(codes).size).toBe(3);
    for (const TokenCode of codes) {
      await expect(getSessionToken(DEV, { SerialNumber: DEV_USER.mfaSerialNumber, TokenCode })).resolves.toBeDefined();
    }
    for (const TokenCode of codes) {
      await expectStsError(getSessionToken(DEV, { SerialNumber: DEV_USER.mfaSerialNumber, TokenCode }), 'AccessDenied', MFA_FAILED, 403);
    }
  });

  it('nextCode never hands out a used or already handed-out code, moving the clock on when it must', async () => {
    const totp = (step: number) => server.totp('dev-user', step);
    // Spent through the raw code: nextCode knows.
    await expect(getSessionToken(DEV, { SerialNumber: DEV_USER.mfaSerialNumber, TokenCode: totp(0) })).resolves.toBeDefined();
    const clockBefore = server.now();
    const first = server.nextCode('dev-user');
    expect(first).toBe(totp(1));
    // Offsets 0 (used) and +1 (handed out) are taken: the clock moves one step, never offering -1.
    const second = server.nextCode('dev-user');
    expect(server.now() - clockBefore).toBeGreaterThanOrEqual(STEP);
    expect(second).toBe(totp(1));
    const seen = new Set([totp(-1), totp(0)]);
    for (let i = 0; i < 5; i++) {
      const code = server.nextCode('dev-user');
      expect(seen.has(code)).toBe(false);
      seen.add(code);
      await expect(getSessionToken(DEV, { SerialNumber: DEV_USER.mfaSerialNumber, TokenCode: code })).resolves.toBeDefined();
    }
    expect(() => server.nextCode('ci-bot')).toThrow('ci-bot has no MFA device');
  });

  it('a request refused before the MFA check keeps its code; one refused after it spends the code', async () => {
    const code = withMfa();
    // The role's MaxSessionDuration, checked before MFA.
    await expectStsError(assume(DEV, 'short-max', { ...code, DurationSeconds: 7200 }), 'ValidationError', TOO_LONG, 400);
    // Request-parameter validation, and an unknown role.
    await expect(assume(DEV, 'short-max', { ...code, RoleSessionName: 'a b' })).rejects.toMatchObject({ name: 'ValidationError' });
    await expectStsError(assume(DEV, 'no-such-role', code), 'AccessDenied', notAuthorized(devUserArn, 'no-such-role'), 403);
    // Role chaining's one-hour limit, from a session without MFA.
    const plain = keysOf((await getSessionToken(DEV)).Credentials);
    await expectStsError(assume(plain, 'short-max', { ...code, DurationSeconds: 7200 }), 'ValidationError', CHAIN_LIMIT, 400);
    // So the code still works, once.
    await expect(assume(DEV, 'short-max', { ...code, DurationSeconds: 3600 })).resolves.toBeDefined();
    await expectStsError(assume(DEV, 'short-max', code), 'AccessDenied', MFA_FAILED, 403);

    // The trust policy is judged after MFA: its denial spends the code.
    const denied = withMfa();
    await expectStsError(assume(DEV, 'forbidden', denied), 'AccessDenied', notAuthorized(devUserArn, 'forbidden'), 403);
    await expectStsError(assume(DEV, 'admin', denied), 'AccessDenied', MFA_FAILED, 403);
  });
});

describe('throttling and the call log', () => {
  it('throttleNext(n) answers Throttling to the next n requests', async () => {
    server.throttleNext(1);
    await expectStsError(whoAmI(DEV), 'Throttling', 'Rate exceeded', 400);
    await expect(whoAmI(DEV)).resolves.toBeDefined();
    // The SDK's default strategy retries throttling (3 attempts), so two throttles are absorbed.
    server.throttleNext(2);
    const out = await sts(DEV, 3).send(new GetCallerIdentityCommand({}));
    expect(out.$metadata.attempts).toBe(3);
  });

  it('records each call with its key, redacted parameters and error code', async () => {
    const start = server.calls.length;
    await mfaSession(900);
    await expect(sts(DEV).send(new GetSessionTokenCommand({ DurationSeconds: 1 }))).rejects.toThrow();
    const calls = server.calls.slice(start);
    expect(calls).toEqual([
      {
        action: 'GetSessionToken',
        accessKeyId: DEV_USER.accessKeyId,
        params: { DurationSeconds: '900', SerialNumber: DEV_USER.mfaSerialNumber, TokenCode: '******' },
      },
      {
        action: 'GetSessionToken',
        accessKeyId: DEV_USER.accessKeyId,
        params: { DurationSeconds: '1' },
        errorCode: 'ValidationError',
      },
    ]);
    expect(calls.filter((c) => c.action === 'GetSessionToken')).toHaveLength(2);
  });
});

describe('AWS CLI (Debian awscli v2)', () => {
  const cli = AWS_CLI;
  const hasCli = hasAwsCli;
  // Prints why the tests below skip; in CI a missing AWS CLI is an error instead.
  if (!hasCli) requireInCi(`${cli} (apt-get install awscli)`);

  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rolecall-sts-cli-'));
    await writeFile(join(dir, 'empty'), '');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  // A clean environment: no profile, config or instance metadata can leak into the call.
  async function aws(keys: Keys, ...args: string[]): Promise<unknown> {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'empty'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'empty'),
      AWS_ACCESS_KEY_ID: keys.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1', // CLI 2.9 predates AWS_REGION support
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
      ...(keys.sessionToken ? { AWS_SESSION_TOKEN: keys.sessionToken } : {}),
    };
    const { stdout } = await promisify(execFile)(cli, [...args, '--endpoint-url', server.url, '--output', 'json'], { env });
    return JSON.parse(stdout);
  }

  it.skipIf(!hasCli)('get-caller-identity with static keys', async () => {
    expect(await aws(DEV, 'sts', 'get-caller-identity')).toEqual({
      UserId: DEV_USER.userId,
      Account: ACCOUNT_ID,
      Arn: devUserArn,
    });
  });

  it.skipIf(!hasCli)('get-caller-identity with a session token, from GetSessionToken and AssumeRole', async () => {
    const session = await mfaSession();
    expect(await aws(session, 'sts', 'get-caller-identity')).toMatchObject({ Arn: devUserArn });
    const role = await assume(session, 'admin', { RoleSessionName: 'cli' });
    expect(await aws(role, 'sts', 'get-caller-identity')).toMatchObject({
      Arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/admin/cli`,
      UserId: 'AROAADMIN000000000000:cli',
    });
  });

  it.skipIf(!hasCli)('reports a wrong secret as SignatureDoesNotMatch', async () => {
    const error = aws({ ...DEV, secretAccessKey: 'x'.repeat(40) }, 'sts', 'get-caller-identity');
    await expect(error).rejects.toMatchObject({ stderr: expect.stringContaining('(SignatureDoesNotMatch)') });
  });
});
