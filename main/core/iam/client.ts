// A thin layer over @aws-sdk/client-iam for what Rolecall asks IAM: the roles of the account
// (role discovery) and the user's own access keys (the key's age). Loaded with a dynamic import
// only when one of those runs, so the credential_process path (and every other command) never
// loads the IAM client. Calls run under the same deadline and retries as STS (sts/deadline.ts),
// at AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL when set, with explicit credentials only.
import type * as IamSdkModule from '@aws-sdk/client-iam';
import type { IAMClient } from '@aws-sdk/client-iam';
import { awsEndpoint, StsBadAnswerError, type CallerCredentials } from '../sts/client';
import { CallDeadline, deadlineClientOptions, REFUSAL_RECORDER_OPTIONS, stsDeadlineMs } from '../sts/deadline';

export interface ListedRole {
  name: string;
  arn: string;
  /** Seconds: the longest session AssumeRole grants from a long-term key (1 h when IAM says nothing). */
  maxSessionDuration: number;
  /** The trust policy as IAM sends it: URL-encoded JSON (iam/trust-policy.ts reads it). */
  trustPolicy: string;
}

export interface AccessKeyInfo {
  accessKeyId: string;
  status: string;
  /** ISO 8601. */
  createdAt?: string;
}

/** A key CreateAccessKey just made: the only time IAM ever hands out its secret. */
export interface CreatedAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** ISO 8601. */
  createdAt?: string;
}

/** When a key last signed a request IAM let in, and for which service (IAM keeps it for 400 days). */
export interface KeyLastUsed {
  /** ISO 8601; absent when never used. */
  at?: string;
  service?: string;
}

/** IAM's largest page (MaxItems); fewer round trips for accounts with many roles. */
const PAGE_SIZE = 1000;
/** A marker that never ends is IAM (or a proxy) misbehaving: no account holds this many pages. */
const MAX_PAGES = 100;
const DEFAULT_MAX_SESSION = 3600;

type IamSdk = typeof IamSdkModule;

export class Iam {
  private constructor(
    private readonly sdk: IamSdk,
    private readonly client: IAMClient,
    private readonly deadline: CallDeadline,
    /** The page size asked for; tests use small pages to walk the paging. */
    private readonly pageSize: number,
  ) {}

  static async open(credentials: CallerCredentials, region: string, env: NodeJS.ProcessEnv, options: { pageSize?: number } = {}): Promise<Iam> {
    const endpoint = awsEndpoint(env, 'IAM');
    // The CLI's bundle hands the CommonJS SDK over as its default export; Node and vitest as named ones.
    const loaded = (await import('@aws-sdk/client-iam')) as IamSdk & { default?: IamSdk };
    const sdk = loaded.default?.IAMClient ? loaded.default : loaded;
    const deadline = new CallDeadline(stsDeadlineMs(env));
    const { accessKeyId, secretAccessKey, sessionToken } = credentials;
    const client = new sdk.IAMClient({
      region,
      endpoint,
      credentials: { accessKeyId, secretAccessKey, sessionToken },
      ...deadlineClientOptions(deadline.deadlineMs),
    });
    client.middlewareStack.add(deadline.recordRefusals(), REFUSAL_RECORDER_OPTIONS);
    return new Iam(sdk, client, deadline, options.pageSize ?? PAGE_SIZE);
  }

  /** Every role of the account, all pages. */
  async listRoles(): Promise<ListedRole[]> {
    const roles: ListedRole[] = [];
    const seen = new Set<string>();
    let marker: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await this.deadline.send((options) => this.client.send(new this.sdk.ListRolesCommand({ Marker: marker, MaxItems: this.pageSize }), options));
      for (const role of answer.Roles ?? []) {
        if (!role.RoleName || !role.Arn) throw new StsBadAnswerError('a role without a name or ARN');
        roles.push({
          name: role.RoleName,
          arn: role.Arn,
          maxSessionDuration: role.MaxSessionDuration ?? DEFAULT_MAX_SESSION,
          trustPolicy: role.AssumeRolePolicyDocument ?? '',
        });
      }
      if (!answer.IsTruncated) return roles;
      if (!answer.Marker || seen.has(answer.Marker)) throw new StsBadAnswerError('a page marker that does not move on');
      seen.add(answer.Marker);
      marker = answer.Marker;
    }
    throw new StsBadAnswerError(`more than ${MAX_PAGES} pages of roles`);
  }

  /** The caller's own access keys (ListAccessKeys without a user name: IAM answers for the caller). */
  async listOwnAccessKeys(): Promise<AccessKeyInfo[]> {
    const answer = await this.deadline.send((options) => this.client.send(new this.sdk.ListAccessKeysCommand({}), options));
    return (answer.AccessKeyMetadata ?? []).flatMap((key) =>
      key.AccessKeyId ? [{ accessKeyId: key.AccessKeyId, status: key.Status ?? 'Unknown', createdAt: key.CreateDate?.toISOString() }] : [],
    );
  }

  /** A new access key for the caller (CreateAccessKey without a user name: IAM answers for the caller). */
  async createOwnAccessKey(): Promise<CreatedAccessKey> {
    const answer = await this.deadline.send((options) => this.client.send(new this.sdk.CreateAccessKeyCommand({}), options));
    const key = answer.AccessKey;
    if (!key?.AccessKeyId || !key.SecretAccessKey) throw new StsBadAnswerError('a new access key without its id or secret');
    return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey, createdAt: key.CreateDate?.toISOString() };
  }

  /** Marks one of the caller's keys Active or Inactive (an inactive key signs nothing, and can be made active again). */
  async setOwnAccessKeyStatus(accessKeyId: string, status: 'Active' | 'Inactive'): Promise<void> {
    await this.deadline.send((options) => this.client.send(new this.sdk.UpdateAccessKeyCommand({ AccessKeyId: accessKeyId, Status: status }), options));
  }

  /** Deletes one of the caller's keys, for good. */
  async deleteOwnAccessKey(accessKeyId: string): Promise<void> {
    await this.deadline.send((options) => this.client.send(new this.sdk.DeleteAccessKeyCommand({ AccessKeyId: accessKeyId }), options));
  }

  async accessKeyLastUsed(accessKeyId: string): Promise<KeyLastUsed> {
    const answer = await this.deadline.send((options) => this.client.send(new this.sdk.GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }), options));
    const used = answer.AccessKeyLastUsed;
    return { at: used?.LastUsedDate?.toISOString(), service: used?.ServiceName && used.ServiceName !== 'N/A' ? used.ServiceName : undefined };
  }

  destroy(): void {
    this.client.destroy();
  }
}
