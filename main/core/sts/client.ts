import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { RolecallError } from '../errors';
import { CallDeadline, deadlineClientOptions, REFUSAL_RECORDER_OPTIONS, stsDeadlineMs } from './deadline';

export { STS_DEADLINE_MS, StsDeadlineError, stsDeadlineMs } from './deadline';
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

export class Sts {
  private readonly client: STSClient;
  private readonly deadline: CallDeadline;

  constructor(credentials: CallerCredentials, region: string, env: NodeJS.ProcessEnv = process.env) {
    // Only the three fields: a cached record carries more (expiration as text) than the SDK reads.
    const { accessKeyId, secretAccessKey, sessionToken } = credentials;
    const endpoint = awsEndpoint(env, 'STS');
    this.deadline = new CallDeadline(stsDeadlineMs(env));
    this.client = new STSClient({
      region,
      endpoint,
      credentials: { accessKeyId, secretAccessKey, sessionToken },
      ...deadlineClientOptions(this.deadline.deadlineMs),
    });
    this.client.middlewareStack.add(this.deadline.recordRefusals(), REFUSAL_RECORDER_OPTIONS);
  }

  private send<T>(send: (options: { abortSignal: AbortSignal }) => Promise<T>): Promise<T> {
    return this.deadline.send(send);
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

/** STS answered 200 with something that is not the answer asked for (empty, or missing fields). */
export class StsBadAnswerError extends Error {
  readonly code = 'StsBadAnswer';
  constructor(what: string) {
    super(`STS answered with ${what}`);
    this.name = 'StsBadAnswer';
  }
}

/**
 * The endpoint a service is called at: AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, as the
 * SDK reads them, but from the core's environment (the app and tests pass their own); undefined
 * leaves it to the SDK's rules.
 */
export function awsEndpoint(env: NodeJS.ProcessEnv, service: 'STS' | 'IAM'): string | undefined {
  const own = `AWS_ENDPOINT_URL_${service}`;
  const variable = env[own] ? own : env.AWS_ENDPOINT_URL ? 'AWS_ENDPOINT_URL' : undefined;
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
