// A local STS that speaks the real Query/XML protocol, so the real SDK (and the AWS CLI) can be
// pointed at it with an endpoint URL. It verifies SigV4 signatures with the caller's secret,
// checks TOTP codes (each usable once per device, as at AWS), trust policies and session limits,
// and answers with AWS's error codes and messages. Nothing here is secure: it is a test double
// with a known world (see sts-fixture.ts).

import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Secret, TOTP } from 'otpauth';
import { defaultFixture, userArn, type FixtureRole, type FixtureUser, type StsFixture } from './sts-fixture';
import { CONSOLE_PATH, createFederation, FEDERATION_PATH } from './sts-federation';
import { defaultIamWorld, IAM_API_VERSION, IAM_XMLNS, iamActions, type IamWorld } from './iam-actions';

export interface StsCall {
  action: string;
  /** The access key id from the Authorization header, '' when the request had none. */
  accessKeyId: string;
  /** Request parameters except Action and Version; TokenCode is redacted. */
  params: Record<string, string>;
  errorCode?: string;
}

export interface StsTestServer {
  url: string;
  fixture: StsFixture;
  /**
   * The TOTP code of a fixture user's device at the server's clock, `stepOffset` 30 s steps away.
   * The server accepts the steps -1, 0 and +1 around its clock, and each step's code only once per
   * device (AWS refuses a reused code): so one 30 s step offers at most three distinct usable codes,
   * `totp(u, -1)`, `totp(u)` and `totp(u, 1)`. The -1 code stops being accepted at the next step
   * boundary, so pin the server clock mid-step (`setOffset`) before relying on it.
   * This is the raw code: it does not know what was used; most tests want `nextCode`.
   */
  totp(userName: string, stepOffset?: number): string;
  /**
   * A code the server will accept now for the user's device and that no request has used and no
   * earlier `nextCode` call has returned: the step at offset 0, else +1. When both are taken it
   * moves the server clock on by one step first: never the -1 code, which a slow test could
   * carry past the window. A code handed out but refused before the MFA check stays usable.
   */
  nextCode(userName: string): string;
  /** Moves the server clock forward (issued expirations, expiry checks and TOTP follow it). */
  advance(ms: number): void;
  /** Sets the server clock to real time + `ms`. */
  setOffset(ms: number): void;
  now(): number;
  /** The next `n` requests answer 400 Throttling "Rate exceeded" before anything else is checked. */
  throttleNext(n: number): void;
  /**
   * Until called again with `undefined`, every request is recorded in `calls` and then answered the
   * way a broken endpoint would (see Misbehaviour), before anything is checked.
   */
  misbehave(how: Misbehaviour | undefined): void;
  /**
   * The next request for `action` is held once received (and recorded in `calls`) until
   * `release()`: `reached` settles when it arrives, so a test can act while a caller waits on AWS.
   */
  holdNext(action: string): { reached: Promise<void>; release: () => void };
  calls: StsCall[];
  /** What the IAM actions answer (iam-actions.ts); a test may change it while the server runs. */
  iam: IamWorld;
  /**
   * Revokes every live session of a role issued until now, as IAM's "Revoke active sessions" does:
   * STS calls and the federation endpoint refuse them from then on.
   */
  revokeSessions(roleName: string): void;
  /**
   * The secret parts of every session the server has issued (secret access keys and session
   * tokens) and of every access key CreateAccessKey made, so a test can prove none of them reached
   * a place they must never reach.
   */
  issuedSecrets(): string[];
  close(): Promise<void>;
}

/**
 * - silent: accepts the request and never answers (a black-holed endpoint, a stuck proxy);
 * - internal-error: HTTP 500 InternalFailure; unavailable: HTTP 503 ServiceUnavailable;
 * - throttling: HTTP 400 Throttling "Rate exceeded";
 * - malformed: HTTP 200 with a body that is not XML; empty: HTTP 200 with no body at all.
 */
export type Misbehaviour = 'silent' | 'internal-error' | 'unavailable' | 'throttling' | 'malformed' | 'empty';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const API_VERSION = '2011-06-15';
const ONE_HOUR = 3600;

class StsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const accessDenied = (message: string) => new StsError(403, 'AccessDenied', message);
const MFA_FAILED = 'MultiFactorAuthentication failed with invalid MFA one time pass code. ';
const INVALID_TOKEN = () => new StsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');

export interface IssuedSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
  /** The IAM user at the root of the chain (whose MFA device counts). */
  user: FixtureUser;
  /** Absent for GetSessionToken sessions, which act as the user. */
  role?: { role: FixtureRole; sessionName: string; partition: string };
  mfa: boolean;
  sourceIdentity?: string;
  /** Issued to a caller signing with the IAM user's long-term key (not with temporary credentials). */
  fromLongTermKey: boolean;
  revoked?: boolean;
}

type Caller = { accessKeyId: string; user: FixtureUser; session?: IssuedSession };

// ---------------------------------------------------------------- parameter validation

interface ParamRule {
  wire: string; // the member name AWS quotes in validation messages
  required?: boolean;
  length?: [number, number];
  pattern?: string;
  range?: [number, number];
}

const SERIAL: ParamRule = { wire: 'serialNumber', length: [9, 256], pattern: '[\\w+=/:,.@-]*' };
const TOKEN_CODE: ParamRule = { wire: 'tokenCode', length: [6, 6], pattern: '[\\d]*' };

const RULES: Record<string, Record<string, ParamRule>> = {
  GetCallerIdentity: {},
  GetSessionToken: {
    DurationSeconds: { wire: 'durationSeconds', range: [900, 129600] },
    SerialNumber: SERIAL,
    TokenCode: TOKEN_CODE,
  },
  AssumeRole: {
    RoleArn: { wire: 'roleArn', required: true, length: [20, 2048] },
    RoleSessionName: { wire: 'roleSessionName', required: true, length: [2, 64], pattern: '[\\w+=,.@-]*' },
    // The API model allows up to 12 h; the role's MaxSessionDuration is checked later.
    DurationSeconds: { wire: 'durationSeconds', range: [900, 43200] },
    ExternalId: { wire: 'externalId', length: [2, 1224], pattern: '[\\w+=,.@:\\/-]*' },
    SourceIdentity: { wire: 'sourceIdentity', length: [2, 64], pattern: '[\\w+=,.@-]*' },
    SerialNumber: SERIAL,
    TokenCode: TOKEN_CODE,
  },
};

// Same wording and order as AWS's "N validation error(s) detected: …; …".
function validate(rules: Record<string, ParamRule>, params: Record<string, string>): void {
  const problems: string[] = [];
  for (const [name, rule] of Object.entries(rules)) {
    const value = params[name];
    const fail = (constraint: string) =>
      problems.push(`Value ${value === undefined ? 'null' : `'${value}'`} at '${rule.wire}' failed to satisfy constraint: ${constraint}`);
    if (value === undefined) {
      if (rule.required) fail('Member must not be null');
      continue;
    }
    if (rule.pattern && !new RegExp(`^(?:${rule.pattern})$`).test(value)) {
      fail(`Member must satisfy regular expression pattern: ${rule.pattern}`);
    }
    if (rule.length && value.length < rule.length[0]) {
      fail(`Member must have length greater than or equal to ${rule.length[0]}`);
    }
    if (rule.length && value.length > rule.length[1]) {
      fail(`Member must have length less than or equal to ${rule.length[1]}`);
    }
    if (rule.range) {
      const n = Number(value);
      if (!/^-?\d+$/.test(value)) fail('Member must be a number');
      else if (n < rule.range[0]) fail(`Member must have value greater than or equal to ${rule.range[0]}`);
      else if (n > rule.range[1]) fail(`Member must have value less than or equal to ${rule.range[1]}`);
    }
  }
  if (problems.length > 0) {
    const count = `${problems.length} validation error${problems.length > 1 ? 's' : ''} detected`;
    throw new StsError(400, 'ValidationError', `${count}: ${problems.join('; ')}`);
  }
}

// ---------------------------------------------------------------- small helpers

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
function randomAlnum(length: number): string {
  return [...randomBytes(length)].map((b) => ALNUM[b % ALNUM.length]).join('');
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// AWS prints expirations without milliseconds.
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------- SigV4

interface ParsedAuth {
  accessKeyId: string;
  scope: { date: string; region: string; service: string };
  signedHeaders: string[];
  signature: string;
}

/** Best effort: the key id for the call log, even when the header is otherwise broken. */
function accessKeyIdOf(header: string | undefined): string {
  return /Credential=([^/,\s]+)/.exec(header ?? '')?.[1] ?? '';
}

function parseAuthorization(header: string | undefined, amzDate: string | undefined): ParsedAuth {
  if (!header) throw new StsError(400, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  const [algorithm = '', ...rest] = header.trim().split(/\s+/);
  const fields = new Map(
    rest
      .join('')
      .split(',')
      .map((part) => {
        const eq = part.indexOf('=');
        return [part.slice(0, eq), part.slice(eq + 1)] as const;
      }),
  );
  const missing: string[] = [];
  if (algorithm !== 'AWS4-HMAC-SHA256') missing.push(`Unsupported AWS 'algorithm': '${algorithm}'.`);
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!fields.get(name)) missing.push(`Authorization header requires '${name}' parameter.`);
  }
  if (!amzDate) missing.push(`Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`);
  if (missing.length > 0) {
    throw new StsError(400, 'IncompleteSignature', `${missing.join(' ')} Authorization=${header}`);
  }
  const credential = fields.get('Credential') ?? '';
  const parts = credential.split('/');
  const [accessKeyId = '', date = '', region = '', service = '', terminator] = parts;
  if (parts.length !== 5 || terminator !== 'aws4_request') {
    throw new StsError(400, 'IncompleteSignature', `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
  }
  return {
    accessKeyId,
    scope: { date, region, service },
    signedHeaders: (fields.get('SignedHeaders') ?? '').split(';'),
    signature: fields.get('Signature') ?? '',
  };
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

/**
 * Re-signs the request as the client must have: only the headers it listed as signed, the raw
 * body, its date and region, our copy of the secret. `signableHeaders` makes the signer keep
 * headers it would otherwise skip (e.g. user-agent) if a client chose to sign them;
 * `applyChecksum: false` and a token-less credential stop it from adding headers of its own.
 */
async function expectedSignature(req: IncomingMessage, url: URL, body: string, auth: ParsedAuth, signingDate: Date, secretAccessKey: string): Promise<string> {
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const prior = query[key];
    query[key] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  const request = new HttpRequest({
    method: req.method ?? 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    path: url.pathname,
    query,
    headers,
    body,
  });
  const signer = new SignatureV4({
    service: auth.scope.service, // sts, or iam for the IAM actions
    region: auth.scope.region,
    sha256: Sha256,
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey },
    applyChecksum: false,
  });
  const signed = await signer.sign(request, { signingDate, signableHeaders: new Set(auth.signedHeaders) });
  return /Signature=([0-9a-f]+)/.exec(String(signed.headers['authorization']))?.[1] ?? '';
}

// ---------------------------------------------------------------- the server

export async function startStsServer(options: { fixture?: StsFixture; port?: number; iam?: IamWorld } = {}): Promise<StsTestServer> {
  const holds = new Map<string, { arrive: () => void; released: Promise<void> }>();
  const fixture = options.fixture ?? defaultFixture();
  const sessions = new Map<string, IssuedSession>();
  const calls: StsCall[] = [];
  let clockOffset = 0;
  let throttled = 0;
  let misbehaviour: Misbehaviour | undefined;
  const now = () => Date.now() + clockOffset;

  const userByName = (name: string) => fixture.users.find((u) => u.name === name);
  const roleByName = (name: string) => fixture.roles.find((r) => r.name === name);

  const totpOf = (user: FixtureUser) => {
    if (!user.mfa) throw new Error(`${user.name} has no MFA device`);
    return new TOTP({ secret: Secret.fromBase32(user.mfa.seed), algorithm: 'SHA1', digits: 6, period: 30 });
  };
  const STEP_MS = 30_000;
  const stepNow = () => Math.floor(now() / STEP_MS);
  const codeAt = (user: FixtureUser, step: number) => totpOf(user).generate({ timestamp: step * STEP_MS });
  // Per MFA device (serial number): the TOTP steps whose code the server has accepted, and the
  // steps nextCode has handed out (test-side bookkeeping only; the server ignores it).
  const acceptedSteps = new Map<string, Set<number>>();
  const handedOutSteps = new Map<string, Set<number>>();
  const stepsOf = (map: Map<string, Set<number>>, serial: string) => {
    let steps = map.get(serial);
    if (!steps) map.set(serial, (steps = new Set()));
    return steps;
  };

  const callerArn = (caller: Caller) => {
    const role = caller.session?.role;
    return role ? `arn:${role.partition}:sts::${fixture.accountId}:assumed-role/${role.role.name}/${role.sessionName}` : userArn(caller.user.name, fixture.accountId);
  };

  async function authenticate(req: IncomingMessage, url: URL, body: string): Promise<Caller> {
    const amzDate = req.headers['x-amz-date'];
    const auth = parseAuthorization(req.headers['authorization'], typeof amzDate === 'string' ? amzDate : undefined);
    const signingDate = parseAmzDate(String(amzDate));
    if (!signingDate) {
      throw new StsError(400, 'IncompleteSignature', `Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`);
    }
    // A long-term key as IAM holds it now (iam-actions.ts): deleted, inactive and not-yet-spread keys are refused.
    const isLongTerm = auth.accessKeyId in iam.accessKeys;
    const key = isLongTerm ? iamKeys.longTermKey(auth.accessKeyId) : undefined;
    const session = sessions.get(auth.accessKeyId);
    let caller: Caller;
    let secret: string;
    let used = () => {};
    if (isLongTerm) {
      if (!key) throw INVALID_TOKEN();
      caller = { accessKeyId: auth.accessKeyId, user: key.user };
      secret = key.secretAccessKey;
      used = key.used;
    } else if (session) {
      const token = req.headers['x-amz-security-token'];
      if (typeof token !== 'string' || !safeEqual(token, session.sessionToken)) throw INVALID_TOKEN();
      // Expiry is judged by the server clock only; the request's own date may be skewed.
      if (now() >= session.expiresAt) {
        throw new StsError(403, 'ExpiredToken', 'The security token included in the request is expired');
      }
      if (session.revoked)
        throw accessDenied(`User: ${callerArn({ accessKeyId: auth.accessKeyId, user: session.user, session })} is not authorized: its session was revoked`);
      caller = { accessKeyId: auth.accessKeyId, user: session.user, session };
      secret = session.secretAccessKey;
    } else {
      throw INVALID_TOKEN();
    }
    const expected = await expectedSignature(req, url, body, auth, signingDate, secret);
    // The JS SDK signs x-amz-content-sha256, and the signer then trusts that header instead of
    // hashing the body: check it against the body so a tampered body cannot pass.
    const claimedHash = req.headers['x-amz-content-sha256'];
    const bodyHash = createHash('sha256').update(body).digest('hex');
    if (!safeEqual(expected, auth.signature) || (claimedHash !== undefined && claimedHash !== bodyHash)) {
      throw new StsError(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      );
    }
    used();
    return caller;
  }

  /**
   * Checks SerialNumber/TokenCode against the device of the user at the root of the chain, and
   * consumes the code: the steps -1, 0, +1 around the server clock are accepted (clock drift), each
   * at most once per device. A reused code gets the same answer as a wrong one, as at AWS.
   */
  function verifyMfa(user: FixtureUser, params: Record<string, string>): boolean {
    const { SerialNumber: serial, TokenCode: code } = params;
    if (serial === undefined && code === undefined) return false;
    const device = user.mfa;
    if (!device || serial !== device.serialNumber || code === undefined) throw accessDenied(MFA_FAILED);
    const accepted = stepsOf(acceptedSteps, device.serialNumber);
    const current = stepNow();
    const step = [current, current - 1, current + 1].find((s) => !accepted.has(s) && safeEqual(codeAt(user, s), code));
    if (step === undefined) throw accessDenied(MFA_FAILED);
    accepted.add(step);
    return true;
  }

  function issue(session: Omit<IssuedSession, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>): IssuedSession {
    const issued: IssuedSession = {
      ...session,
      accessKeyId: `ASIA${randomAlnum(16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      // Real tokens are long opaque base64; this prefix is what many of AWS's start with.
      sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(300).toString('base64')}`,
    };
    sessions.set(issued.accessKeyId, issued);
    return issued;
  }

  const credentialsXml = (s: IssuedSession) =>
    `<Credentials><AccessKeyId>${s.accessKeyId}</AccessKeyId><SecretAccessKey>${escapeXml(s.secretAccessKey)}</SecretAccessKey>` +
    `<SessionToken>${escapeXml(s.sessionToken)}</SessionToken><Expiration>${isoSeconds(s.expiresAt)}</Expiration></Credentials>`;

  function getSessionToken(caller: Caller, params: Record<string, string>): string {
    if (caller.session) throw accessDenied('Cannot call GetSessionToken with session credentials');
    const mfa = verifyMfa(caller.user, params);
    const duration = Number(params['DurationSeconds'] ?? 43200);
    const session = issue({ user: caller.user, mfa, expiresAt: now() + duration * 1000, fromLongTermKey: true });
    return credentialsXml(session);
  }

  function mayAssume(caller: Caller, role: FixtureRole, mfa: boolean, externalId: string | undefined): boolean {
    const callerRole = caller.session?.role?.role;
    // A trust policy naming the principal itself grants access on its own; trusting the account
    // delegates to the caller's identity policy.
    const named = role.trust.principals.some((p) => ('user' in p ? !callerRole && p.user === caller.user.name : 'role' in p ? p.role === callerRole?.name : false));
    const identityAllows = (callerRole ?? caller.user).canAssume.includes(role.name);
    const viaAccount = role.trust.principals.some((p) => 'account' in p && p.account === fixture.accountId);
    if (!named && !(viaAccount && identityAllows)) return false;
    if (role.trust.mfaRequired && !mfa) return false;
    if (role.trust.externalId !== undefined && externalId !== role.trust.externalId) return false;
    return true;
  }

  function assumeRole(caller: Caller, params: Record<string, string>): string {
    const requestedArn = params['RoleArn'] ?? '';
    const sessionName = params['RoleSessionName'] ?? '';
    const denied = () => accessDenied(`User: ${callerArn(caller)} is not authorized to perform: sts:AssumeRole on resource: ${requestedArn}`);
    // The order of the checks decides which error a bad request gets and whether its MFA code is
    // spent. AWS does not document it; this is our plausible reading, fixed here so tests can rely
    // on it:
    //  1. (in handle) signature, then request-parameter validation: DurationSeconds range,
    //     RoleSessionName shape, TokenCode shape... -> ValidationError; the code is NOT consumed.
    //  2. the role must exist in this account -> AccessDenied; NOT consumed.
    //  3. the session-length limits, role chaining's hour and the role's MaxSessionDuration ->
    //     ValidationError; NOT consumed. They come before MFA on purpose: a client that asks a
    //     direct role for too long and retries with a shorter duration (as Rolecall does) can
    //     reuse the code it already has. (Cost: a caller the role does not trust learns its
    //     MaxSessionDuration; acceptable in a test double.)
    //  4. MFA: a wrong or reused code -> AccessDenied; a good one is CONSUMED from here on, even if
    //     a later check fails, since AWS has verified it.
    //  5. trust policy and identity policy (which may need the MFA of step 4) -> AccessDenied.
    // Any of the three partitions: the fixture's account stands for its account in each.
    const m = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[^/]+\/)*([\w+=,.@-]+)$/.exec(requestedArn);
    const role = m && m[2] === fixture.accountId ? roleByName(m[3] ?? '') : undefined;
    const partition = m?.[1] ?? 'aws';
    if (!role) throw denied();

    const duration = Number(params['DurationSeconds'] ?? ONE_HOUR);
    // Any temporary credentials count as chaining here, GetSessionToken sessions included.
    if (caller.session && duration > ONE_HOUR) {
      throw new StsError(400, 'ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    }
    if (duration > role.maxSessionDuration) {
      throw new StsError(400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }
    const mfa = verifyMfa(caller.user, params) || (caller.session?.mfa ?? false);
    if (!mayAssume(caller, role, mfa, params['ExternalId'])) throw denied();

    const sourceIdentity = params['SourceIdentity'] ?? caller.session?.sourceIdentity;
    const session = issue({
      user: caller.user,
      role: { role, sessionName, partition },
      mfa,
      sourceIdentity,
      expiresAt: now() + duration * 1000,
      fromLongTermKey: !caller.session,
    });
    const assumedArn = `arn:${partition}:sts::${fixture.accountId}:assumed-role/${role.name}/${sessionName}`;
    return (
      credentialsXml(session) +
      `<AssumedRoleUser><AssumedRoleId>${role.roleId}:${escapeXml(sessionName)}</AssumedRoleId><Arn>${escapeXml(assumedArn)}</Arn></AssumedRoleUser>` +
      (sourceIdentity !== undefined ? `<SourceIdentity>${escapeXml(sourceIdentity)}</SourceIdentity>` : '')
    );
  }

  function getCallerIdentity(caller: Caller): string {
    const role = caller.session?.role;
    const userId = role ? `${role.role.roleId}:${role.sessionName}` : caller.user.userId;
    return `<Arn>${escapeXml(callerArn(caller))}</Arn><UserId>${escapeXml(userId)}</UserId><Account>${fixture.accountId}</Account>`;
  }

  const actions: Record<string, (caller: Caller, params: Record<string, string>) => string> = {
    GetSessionToken: getSessionToken,
    AssumeRole: assumeRole,
    GetCallerIdentity: getCallerIdentity,
  };
  const iam = options.iam ?? defaultIamWorld();
  const iamKeys = iamActions({ fixture, world: iam, now, fail: (status, code, message) => new StsError(status, code, message) });
  const iamHandlers = iamKeys.handlers;

  function send(res: ServerResponse, status: number, xml: string, requestId: string): void {
    res.writeHead(status, {
      'content-type': 'text/xml',
      'content-length': Buffer.byteLength(xml),
      'x-amzn-requestid': requestId,
      // The server's own clock (moved by advance, faked with the tests' Date), as AWS sends its
      // own: Node's automatic header would show the real time, and the SDK would take the
      // difference for clock skew and retry an error it should report.
      date: new Date(now()).toUTCString(),
    });
    res.end(xml);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === FEDERATION_PATH || url.pathname.startsWith(CONSOLE_PATH)) {
      federation.handle(req, res, url);
      return;
    }
    const body = await readBody(req);
    // The Query protocol puts parameters in a form body (POST) or the query string (GET).
    const all = new URLSearchParams(url.search);
    for (const [key, value] of new URLSearchParams(body)) all.set(key, value);
    const params: Record<string, string> = {};
    for (const [key, value] of all) if (key !== 'Action' && key !== 'Version') params[key] = value;
    const action = all.get('Action') ?? '';
    const logged = { ...params, ...(params['TokenCode'] !== undefined ? { TokenCode: '******' } : {}) };
    const call: StsCall = { action, accessKeyId: accessKeyIdOf(req.headers['authorization']), params: logged };
    calls.push(call);
    const hold = holds.get(action);
    if (hold) {
      holds.delete(action);
      hold.arrive();
      await hold.released;
    }

    if (misbehaviour === 'silent') return; // the request stays open until the client gives up
    if (misbehaviour === 'malformed' || misbehaviour === 'empty') {
      send(res, 200, misbehaviour === 'malformed' ? '<AssumeRoleResponse><oops' : '', requestId);
      return;
    }
    try {
      if (misbehaviour === 'internal-error') throw new StsError(500, 'InternalFailure', 'An internal error occurred.');
      if (misbehaviour === 'unavailable') throw new StsError(503, 'ServiceUnavailable', 'Service is unable to handle request.');
      if (misbehaviour === 'throttling') throw new StsError(400, 'Throttling', 'Rate exceeded');
      if (throttled > 0) {
        throttled--;
        throw new StsError(400, 'Throttling', 'Rate exceeded');
      }
      const caller = await authenticate(req, url, body);
      const handler = iamHandlers[action] ?? actions[action];
      if (!handler || all.get('Version') !== (iamHandlers[action] ? IAM_API_VERSION : API_VERSION)) {
        throw new StsError(400, 'InvalidAction', `Could not find operation ${action} for version ${all.get('Version') ?? 'NO_VERSION_SPECIFIED'}`);
      }
      validate(RULES[action] ?? {}, params);
      const result = handler(caller, params);
      send(
        res,
        200,
        `<${action}Response xmlns="${iamHandlers[action] ? IAM_XMLNS : XMLNS}"><${action}Result>${result}</${action}Result>` +
          `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
        requestId,
      );
    } catch (error) {
      const e = error instanceof StsError ? error : new StsError(500, 'InternalFailure', String(error));
      call.errorCode = e.code;
      const type = e.status >= 500 ? 'Receiver' : 'Sender';
      send(
        res,
        e.status,
        `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${e.code}</Code>` +
          `<Message>${escapeXml(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
        requestId,
      );
    }
  }

  const federation = createFederation({ sessions, now, calls });

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    fixture,
    totp(userName, stepOffset = 0) {
      const user = userByName(userName);
      if (!user) throw new Error(`no fixture user ${userName}`);
      return codeAt(user, stepNow() + stepOffset);
    },
    nextCode(userName) {
      const user = userByName(userName);
      if (!user) throw new Error(`no fixture user ${userName}`);
      if (!user.mfa) throw new Error(`${userName} has no MFA device`);
      const accepted = stepsOf(acceptedSteps, user.mfa.serialNumber);
      const handedOut = stepsOf(handedOutSteps, user.mfa.serialNumber);
      const free = () => [stepNow(), stepNow() + 1].find((s) => !accepted.has(s) && !handedOut.has(s));
      let step = free();
      // At most two moves: each brings one step never seen into the window.
      for (let moves = 0; step === undefined && moves < 2; moves++) {
        clockOffset += STEP_MS;
        step = free();
      }
      if (step === undefined) throw new Error(`nextCode('${userName}'): no unused code even after moving the clock`);
      handedOut.add(step);
      return codeAt(user, step);
    },
    advance(ms) {
      clockOffset += ms;
    },
    setOffset(ms) {
      clockOffset = ms;
    },
    now,
    throttleNext(n) {
      throttled = n;
    },
    misbehave(how) {
      misbehaviour = how;
    },
    holdNext(action) {
      let arrive!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((resolve) => (arrive = resolve));
      holds.set(action, { arrive, released: new Promise<void>((resolve) => (release = resolve)) });
      return { reached, release };
    },
    calls,
    iam,
    revokeSessions(roleName) {
      for (const session of sessions.values()) if (session.role?.role.name === roleName) session.revoked = true;
    },
    issuedSecrets: () => [...sessions.values()].flatMap((s) => [s.secretAccessKey, s.sessionToken]).concat(federation.issuedTokens(), iam.issuedKeySecrets),
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The SDK keeps connections alive; without this close() would wait for them to idle out.
        server.closeAllConnections();
      });
    },
  };
}
