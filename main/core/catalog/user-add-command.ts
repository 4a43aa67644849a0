import type { User } from '../../../common/catalog-schema';

/**
 * The `rolecall user add` that stores a user's key again with every detail the user has, for hints
 * that tell someone to re-add a user: following one must lose nothing (it once dropped the MFA
 * serial). Never the secret: `user add` reads it from stdin or a hidden prompt. Names, key ids,
 * serials and regions are checked shapes with nothing a shell would interpret.
 */
export function userAddCommand(user: Pick<User, 'name'> & Partial<Pick<User, 'mfaSerial' | 'region'>>, accessKeyId = '<AKIA…>'): string {
  return [
    'rolecall user add',
    user.name,
    '--access-key-id',
    accessKeyId,
    ...(user.mfaSerial ? ['--mfa-serial', user.mfaSerial] : []),
    ...(user.region ? ['--region', user.region] : []),
  ].join(' ');
}
