import type { User } from '../../../common/catalog-schema';
import { userAddCommand } from '../catalog/user-add-command';
import { RolecallError } from '../errors';
import { STS_DEADLINE_MS, StsBadAnswerError, StsDeadlineError } from './client';

// AWS's error codes turned into sentences a person can act on. AWS's own message is kept in the
// text: it is what support pages and colleagues will recognise.

export interface StsErrorContext {
  /** What we were doing, e.g. "assuming admin" or "starting an MFA session for dev-user". */
  doing: string;
  user?: string;
  accessKeyId?: string;
  /** The user's details, so a hint to store the key again names them all (userAddCommand). */
  userDetails?: Pick<User, 'name' | 'mfaSerial' | 'region'>;
  /** The service called, named in the sentences and in its endpoint variable: STS unless said. */
  service?: 'STS' | 'IAM';
}

export interface AwsErrorShape {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
}

export function awsErrorCode(error: unknown): string | undefined {
  const shape = error as AwsErrorShape | null;
  return shape?.Code ?? shape?.name ?? shape?.code;
}

export function isRoleMaximumError(error: unknown): boolean {
  return awsErrorCode(error) === 'ValidationError' && /MaxSessionDuration/i.test(String((error as Error).message));
}

interface SdkErrorShape {
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
}

const networkHint = (service: string) => `Check your network connection, or AWS_ENDPOINT_URL_${service} if you set it, and try again.`;

export function explainStsError(error: unknown, context: StsErrorContext): Error {
  const code = awsErrorCode(error) ?? 'Error';
  const aws = String((error as Error)?.message ?? error).trim();
  const failed = `AWS refused ${context.doing}: ${aws}`;
  const status = (error as SdkErrorShape | null)?.$metadata?.httpStatusCode;
  const service = context.service ?? 'STS';
  if (error instanceof StsDeadlineError) {
    return new RolecallError(
      `AWS ${service} did not answer in time (${seconds(error.deadlineMs)}, retries included) while ${context.doing}.`,
      `${networkHint(service)} On a very slow link, raise ROLECALL_STS_TIMEOUT_MS (milliseconds, ${STS_DEADLINE_MS} by default).`,
      'StsTimeout',
    );
  }
  if (error instanceof StsBadAnswerError || (status !== undefined && status < 300 && error instanceof Error)) {
    // A 200 the SDK could not read (not XML, cut short) or that lacks what was asked for. The SDK's
    // own message speaks of its internals ("inspect the hidden field…"): not shown.
    return new RolecallError(
      `AWS ${service} sent an answer Rolecall cannot read while ${context.doing}${status !== undefined ? ` (HTTP ${status})` : ''}.`,
      `Try again; if it keeps happening, a proxy or AWS_ENDPOINT_URL_${service} may be answering instead of AWS: check them.`,
      'StsBadAnswer',
    );
  }
  if ((status !== undefined && status >= 500) || (error as SdkErrorShape | null)?.$fault === 'server') {
    const named = code !== 'Unknown' && code !== 'Error' ? ` ${code}` : '';
    return new RolecallError(
      `AWS ${service} failed on its side while ${context.doing} (HTTP ${status ?? '5xx'}${named}), even after retrying.`,
      'Nothing is wrong with your setup: try again in a minute, and check https://health.aws.amazon.com/health/status if it lasts.',
      'StsUnavailable',
    );
  }
  switch (code) {
    case 'AccessDenied':
      if (/MultiFactorAuthentication failed/i.test(aws)) {
        return new RolecallError(
          `AWS refused the MFA code while ${context.doing}: ${aws}`,
          "Wait for the next code on your device and try again; check that the user's --mfa-serial matches the device.",
          'MfaCodeRejected',
        );
      }
      return new RolecallError(
        failed,
        "Check that your IAM user may call sts:AssumeRole on this role and that the role's trust policy allows you (with MFA, and the right external id, if it demands them).",
        'AccessDenied',
      );
    case 'ExpiredToken':
      return new RolecallError(
        `The session used for ${context.doing} has expired at AWS.`,
        'Run the command again to start a new session; you may be asked for an MFA code.',
        'ExpiredToken',
      );
    case 'InvalidClientTokenId':
      return new RolecallError(
        `AWS does not recognise the access key${context.accessKeyId ? ` ${context.accessKeyId}` : ''}${context.user ? ` of user '${context.user}'` : ''}.`,
        `Check that the key is active in IAM; if you rotated it, store the new one: ${userAddCommand(context.userDetails ?? { name: context.user ?? '<user>' }, '<new AKIA…>')} (the secret is read from stdin).`,
        'InvalidClientTokenId',
      );
    case 'SignatureDoesNotMatch':
      return new RolecallError(
        `AWS rejected the secret access key${context.user ? ` of user '${context.user}'` : ''}.`,
        `Store the right secret: ${userAddCommand(context.userDetails ?? { name: context.user ?? '<user>' }, context.accessKeyId)} (the secret is read from stdin).`,
        'SignatureDoesNotMatch',
      );
    case 'Throttling':
    case 'ThrottlingException':
    case 'RequestLimitExceeded':
      return new RolecallError(
        `AWS is throttling ${service} requests (${aws}) while ${context.doing}: it refused even after retries.`,
        `Wait a few seconds and try again; if many tools call ${service} at once, space them out.`,
        'Throttling',
      );
    case 'ValidationError':
      return new RolecallError(failed, "Check the role's duration, session name and source identity.", 'ValidationError');
    case 'RegionDisabledException':
      return new RolecallError(failed, "Activate STS in that region, or set the role's --region to an active one.", code);
    default:
      if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET|ENETUNREACH|EHOSTUNREACH|TimeoutError|timed? ?out|socket hang up/i.test(`${code} ${aws}`)) {
        const why = /timeout|timed? ?out/i.test(`${code} ${aws}`) ? 'no answer in time' : aws;
        return new RolecallError(`Cannot reach AWS ${service} while ${context.doing} (${why}).`, networkHint(service), 'NetworkError');
      }
      // Not an answer from AWS (a bug of ours, say): don't dress it up as AWS's refusal.
      if (!(error as { $metadata?: unknown } | null)?.$metadata && error instanceof Error) return error;
      // AWS's code is one Rolecall has no words for: its message, quoted in `failed`, says it.
      return new RolecallError(failed, undefined, 'AwsRefused');
  }
}

/** "1.5 s", "10 s": the deadline as people read it. */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
