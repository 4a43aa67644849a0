// Who signs the IAM calls of a key rotation. First the user's long-term key; when IAM refuses it
// (many policies allow key management only with MFA) and the user has an MFA device, its MFA
// session, cached or started with a code (the same as assume's: SessionEngine.userMfaSession), and
// from then on for the rest of the run. Every refusal is worded by iam/errors.ts, naming the IAM
// permission asked for.
import type { User } from '../../../common/catalog-schema';
import { Iam } from '../iam/client';
import { explainIamError } from '../iam/errors';
import type { CallerCredentials } from '../sts/client';
import { awsErrorCode } from '../sts/errors';

export interface IamCall {
  /** "creating a new access key for dev-user", for the sentence of a refusal. */
  doing: string;
  /** "iam:CreateAccessKey". */
  action: string;
}

/** What the rotation cannot do without the permission a refusal names. */
const WITHOUT = 'until then, replace the key in the IAM console and store it with rolecall user add.';

export class KeyAdmin {
  private mfaSession: CallerCredentials | undefined;

  constructor(
    private readonly user: User,
    private readonly region: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly startMfaSession: () => Promise<CallerCredentials>,
  ) {}

  /** Whether IAM was called with the MFA session (it refused the long-term key). */
  get viaMfaSession(): boolean {
    return this.mfaSession !== undefined;
  }

  /** Runs `call` signed with `key`, or with the MFA session when IAM demands MFA. */
  async call<T>(key: CallerCredentials, what: IamCall, call: (iam: Iam) => Promise<T>): Promise<T> {
    const context = { ...what, user: this.user.name, accessKeyId: key.accessKeyId, userDetails: this.user, without: WITHOUT };
    if (!this.mfaSession) {
      try {
        return await this.with(key, call);
      } catch (error) {
        if (awsErrorCode(error) !== 'AccessDenied' || !this.user.mfaSerial) throw explainIamError(error, context);
      }
      this.mfaSession = await this.startMfaSession();
    }
    try {
      return await this.with(this.mfaSession, call);
    } catch (error) {
      throw explainIamError(error, { ...context, doing: `${what.doing} (with its MFA session too)` });
    }
  }

  private async with<T>(credentials: CallerCredentials, call: (iam: Iam) => Promise<T>): Promise<T> {
    const iam = await Iam.open(credentials, this.region, this.env);
    try {
      return await call(iam);
    } finally {
      iam.destroy();
    }
  }
}

/** A delete or deactivation of a key IAM no longer has is done already: NoSuchEntity is success. */
export async function unlessGone(action: () => Promise<void>): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (error) {
    if (awsErrorCode(error) === 'NoSuchEntity') return false;
    throw error;
  }
}
