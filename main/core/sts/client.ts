import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { RolecallError } from '../errors';
import type { TemporaryCredentials } from '../sessions/records';

// A thin layer over @aws-sdk/client-sts: every call is made with explicit credentials, so the SDK
// never walks its own provider chain (which could pick up the very profiles Rolecall writes).
// The endpoint honours AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL as the SDK does, read from the
// core's environment (the app and tests pass their own) rather than the process's.

export interface CallerCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface MfaCode {
  serialNumber: string;
  tokenCode: string;
}

export interface AssumeRoleRequest {
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  externalId?: string;
  sourceIdentity?: string;
  mfa?: MfaCode;
}

export interface AssumedRole extends TemporaryCredentials {
  assumedRoleArn: string;
}

// The SDK's Node 20 end-of-support warning would land in every CLI run's stderr (and in
// credential_process errors the AWS CLI shows); it is about our runtime, not the user's work.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** One STS call, its retries included, ends within this (ROLECALL_STS_TIMEOUT_MS overrides it). */
export const STS_DEADLINE_MS = 10_000;

/**
 * The whole call (every attempt and the waits between them) ran out of time. A plain Error with a
 * code, not a RolecallError: explainStsError words it with what was being done.
 */
export class StsDeadlineError extends Error {
  readonly code = 'StsDeadline';
  constructor(readonly deadlineMs: number) {
    super(`STS did not answer within ${deadlineMs} ms`);
    this.name = 'StsDeadline';
  }
}

export class Sts {
  private readonly client: STSClient;
  private readonly deadlineMs: number;
  /** The last answer AWS refused with during the current call: what a deadline hit while retrying means. */
  private lastRefusal: unknown;

  constructor(credentials: CallerCredentials, region: string, env: NodeJS.ProcessEnv = process.env) {
    // Only the three fields: a cached record carries more (expiration as text) than the SDK reads.
    const { accessKeyId, secretAccessKey, sessionToken } = credentials;
    const endpoint = stsEndpoint(env);
    this.deadlineMs = stsDeadlineMs(env);
    // A dead network or a silent endpoint must fail in seconds, not hang a credential_process the
    // AWS CLI waits on (nor the MFA lock other processes queue behind). The deadline bounds the
    // whole call; each attempt gets half of it, so a dropped first attempt can still be retried
    // once within the total (the SDK's own timeouts count per attempt, 3 attempts would triple it).
    const attemptMs = Math.max(1, Math.floor(this.deadlineMs / 2));
    this.client = new STSClient({
      region,
      endpoint,
      credentials: { accessKeyId, secretAccessKey, sessionToken },
      maxAttempts: 3,
      requestHandler: { connectionTimeout: Math.min(5000, attemptMs), requestTimeout: attemptMs, throwOnRequestTimeout: true },
    });
    // Inside the retry loop (finalizeRequest, after the retry middleware): sees every attempt.
    this.client.middlewareStack.add(
      (next) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          if ((error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode) this.lastRefusal = error;
          throw error;
        }
      },
      { step: 'finalizeRequest', priority: 'low', name: 'rolecallLastRefusal' },
    );
  }

  /**
   * Sends one command under the deadline. Racing it (and aborting the request in flight) rather
   * than only passing the signal: the SDK does not check the signal while it sleeps between
   * retries, and a throttled retry may sleep for seconds.
   */
  private async send<T>(send: (options: { abortSignal: AbortSignal }) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    this.lastRefusal = undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new StsDeadlineError(this.deadlineMs);
        controller.abort(error);
        // Throttled (or failing) until the deadline: AWS's last answer says more than "no answer".
        reject(this.lastRefusal ?? error);
      }, this.deadlineMs);
    });
    try {
      return await Promise.race([send({ abortSignal: controller.signal }), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  async getSessionToken(durationSeconds: number, mfa: MfaCode): Promise<TemporaryCredentials> {
    const answer = await this.send((options) =>
      this.client.send(
        new GetSessionTokenCommand({
          DurationSeconds: durationSeconds,
          SerialNumber: mfa.serialNumber,
          TokenCode: mfa.tokenCode,
        }),
        options,
      ),
    );
    return toTemporary(answer.Credentials);
  }

  async assumeRole(request: AssumeRoleRequest): Promise<AssumedRole> {
    const answer = await this.send((options) =>
      this.client.send(
        new AssumeRoleCommand({
          RoleArn: request.roleArn,
          RoleSessionName: request.sessionName,
          DurationSeconds: request.durationSeconds,
          ExternalId: request.externalId,
          SourceIdentity: request.sourceIdentity,
          SerialNumber: request.mfa?.serialNumber,
          TokenCode: request.mfa?.tokenCode,
        }),
        options,
      ),
    );
    return { ...toTemporary(answer.Credentials), assumedRoleArn: answer.AssumedRoleUser?.Arn ?? request.roleArn };
  }

  async whoAmI(): Promise<{ account: string; arn: string }> {
    const answer = await this.send((options) => this.client.send(new GetCallerIdentityCommand({}), options));
    if (!answer.Arn) throw new StsBadAnswerError('an identity without an ARN');
    return { account: answer.Account ?? '', arn: answer.Arn };
  }

  destroy(): void {
    this.client.destroy();
  }
}

/** ROLECALL_STS_TIMEOUT_MS (milliseconds) sets the deadline, for very slow links (and for tests). */
export function stsDeadlineMs(env: NodeJS.ProcessEnv): number {
  const value = Number(env.ROLECALL_STS_TIMEOUT_MS);
  return Number.isInteger(value) && value > 0 ? value : STS_DEADLINE_MS;
}

/** STS answered 200 with something that is not the answer asked for (empty, or missing fields). */
export class StsBadAnswerError extends Error {
  readonly code = 'StsBadAnswer';
  constructor(what: string) {
    super(`STS answered with ${what}`);
    this.name = 'StsBadAnswer';
  }
}

function stsEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  const variable = env.AWS_ENDPOINT_URL_STS ? 'AWS_ENDPOINT_URL_STS' : env.AWS_ENDPOINT_URL ? 'AWS_ENDPOINT_URL' : undefined;
  if (!variable) return undefined;
  const value = env[variable]!;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    return value;
  } catch {
    throw new RolecallError(`${variable} is not a URL: ${JSON.stringify(value)}.`, `Set it to an https:// address, or unset it to use AWS's endpoint.`, 'BadEndpoint');
  }
}

function toTemporary(credentials: Credentials | undefined): TemporaryCredentials {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken || !credentials.Expiration) {
    throw new StsBadAnswerError('no complete credentials');
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration.toISOString(),
  };
}
