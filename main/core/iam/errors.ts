import { RolecallError } from '../errors';
import { awsErrorCode, explainStsError, type StsErrorContext } from '../sts/errors';

// IAM's refusals in words. The one IAM answer that needs its own sentence is AccessDenied: a user
// may hold keys and roles without the IAM permission asked for, and what to do then is specific
// (ask for the permission, or carry on without it). Network, deadline, throttling and 5xx answers
// read as STS's do: sts/errors.ts words them for the service it is told.

export interface IamErrorContext extends StsErrorContext {
  /** The IAM action refused, e.g. "iam:ListRoles". */
  action: string;
  /** What to do without that permission. */
  without: string;
}

export function explainIamError(error: unknown, context: IamErrorContext): Error {
  const aws = String((error as Error)?.message ?? error).trim();
  if (awsErrorCode(error) === 'AccessDenied') {
    const who = context.user ? `IAM user '${context.user}'` : 'this IAM user';
    return new RolecallError(
      `AWS refused ${context.doing}: ${who} is not allowed ${context.action} (${aws.replace(/\.$/, '')}).`,
      `Ask an administrator to allow ${context.action} for this user; ${context.without}`,
      'IamAccessDenied',
    );
  }
  if (awsErrorCode(error) === 'LimitExceeded') {
    // Only CreateAccessKey meets it here; `user rotate` lists the keys first and names them, so this
    // is a key made by someone else in between.
    return new RolecallError(
      `IAM refused ${context.doing}: the user already has two access keys, IAM's limit (${aws.replace(/\.$/, '')}).`,
      'Delete the key Rolecall does not hold (aws iam list-access-keys shows both), then run the command again.',
      'KeyLimitReached',
    );
  }
  // Network, deadline, throttling, 5xx: the same sentences as STS's, about the service called.
  return explainStsError(error, { ...context, service: 'IAM' });
}
