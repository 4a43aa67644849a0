import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  type Credentials,
} from '@aws-sdk/client-sts';
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

export class Sts {
  private readonly client: STSClient;

  constructor(credentials: CallerCredentials, region: string, env: NodeJS.ProcessEnv = process.env) {
    // Only the three fields: a cached record carries more (expiration as text) than the SDK reads.
    const { accessKeyId, secretAccessKey, sessionToken } = credentials;
    const endpoint = stsEndpoint(env);
    this.client = new STSClient({
      region,
      endpoint,
      credentials: { accessKeyId, secretAccessKey, sessionToken },
      maxAttempts: 3,
      // A dead network or a silent endpoint must fail in seconds, not hang a credential_process
      // the AWS CLI waits on (nor the MFA lock other processes queue behind).
      requestHandler: { connectionTimeout: timeoutMs(env, 5000), requestTimeout: timeoutMs(env, 10_000), throwOnRequestTimeout: true },
    });
  }

  async getSessionToken(durationSeconds: number, mfa: MfaCode): Promise<TemporaryCredentials> {
    const answer = await this.client.send(
      new GetSessionTokenCommand({
        DurationSeconds: durationSeconds,
        SerialNumber: mfa.serialNumber,
        TokenCode: mfa.tokenCode,
      }),
    );
    return toTemporary(answer.Credentials);
  }

  async assumeRole(request: AssumeRoleRequest): Promise<AssumedRole> {
    const answer = await this.client.send(
      new AssumeRoleCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        DurationSeconds: request.durationSeconds,
        ExternalId: request.externalId,
        SourceIdentity: request.sourceIdentity,
        SerialNumber: request.mfa?.serialNumber,
        TokenCode: request.mfa?.tokenCode,
      }),
    );
    return { ...toTemporary(answer.Credentials), assumedRoleArn: answer.AssumedRoleUser?.Arn ?? request.roleArn };
  }

  async whoAmI(): Promise<{ account: string; arn: string }> {
    const answer = await this.client.send(new GetCallerIdentityCommand({}));
    return { account: answer.Account ?? '', arn: answer.Arn ?? '' };
  }

  destroy(): void {
    this.client.destroy();
  }
}

/** ROLECALL_STS_TIMEOUT_MS overrides both timeouts, for very slow links (and for tests). */
function timeoutMs(env: NodeJS.ProcessEnv, fallback: number): number {
  const value = Number(env.ROLECALL_STS_TIMEOUT_MS);
  return Number.isInteger(value) && value > 0 ? value : fallback;
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
    throw new Error('STS answered without complete credentials');
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration.toISOString(),
  };
}
