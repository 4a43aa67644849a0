import { RolecallError } from '../errors';
import { STS_DEADLINE_MS, StsDeadlineError } from '../sts/deadline';
import { awsErrorCode, explainStsError, type StsErrorContext } from '../sts/errors';

// IAM's refusals in words. The one IAM answer that needs its own sentence is AccessDenied: a user
// may hold keys and roles without the IAM permission asked for, and what to do then is specific
// (ask for the permission, or carry on without it). Network, deadline, throttling and 5xx answers
// read as STS's do (sts/errors.ts), naming IAM and its endpoint variable instead.

export interface IamErrorContext extends StsErrorContext {
  /** The IAM action refused, e.g. "iam:ListRoles". */
  action: string;
  /** What to do without that permission. */
  without: string;
}

export function explainIamError(error: unknown, context: IamErrorContext): Error {
  const aws = String((error as Error)?.message ?? error).trim();
  if (error instanceof StsDeadlineError) {
    return new RolecallError(
      `AWS IAM did not answer in time (${Number((error.deadlineMs / 1000).toFixed(1))} s, retries included) while ${context.doing}.`,
      `Check your network connection, or AWS_ENDPOINT_URL_IAM if you set it, and try again. On a very slow link, raise ROLECALL_STS_TIMEOUT_MS (milliseconds, ${STS_DEADLINE_MS} by default).`,
      'StsTimeout',
    );
  }
  if (awsErrorCode(error) === 'AccessDenied') {
    const who = context.user ? `IAM user '${context.user}'` : 'this IAM user';
    return new RolecallError(
      `AWS refused ${context.doing}: ${who} is not allowed ${context.action} (${aws.replace(/\.$/, '')}).`,
      `Ask an administrator to allow ${context.action} for this user; ${context.without}`,
      'IamAccessDenied',
    );
  }
  const explained = explainStsError(error, context);
  if (!(explained instanceof RolecallError)) return explained;
  // The same sentences as STS's, about the service actually called.
  const aboutIam = (text: string) => text.replace(/AWS_ENDPOINT_URL_STS/g, 'AWS_ENDPOINT_URL_IAM').replace(/\bSTS\b/g, 'IAM');
  return new RolecallError(aboutIam(explained.message), explained.hint && aboutIam(explained.hint), explained.code);
}
