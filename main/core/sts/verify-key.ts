import type { User } from '../../../common/catalog-schema';
import { RolecallError } from '../errors';
import { Sts, type CallerCredentials } from './client';
import { awsErrorCode, explainStsError } from './errors';

export type KeyCheck = { identity: string } | { unverifiedBecause: string };

/**
 * Asks AWS who a long-term key belongs to before Rolecall stores it, so a mistyped secret is
 * refused now rather than at the next assume. Offline is not an error: the key is kept, unchecked.
 */
export async function verifyLongTermKey(
  credentials: CallerCredentials,
  region: string,
  env: NodeJS.ProcessEnv,
  user: Pick<User, 'name' | 'mfaSerial' | 'region'>,
): Promise<KeyCheck> {
  const sts = new Sts(credentials, region, env);
  try {
    return { identity: (await sts.whoAmI()).arn };
  } catch (error) {
    const explained = explainStsError(error, {
      doing: `checking the key of ${user.name}`,
      user: user.name,
      accessKeyId: credentials.accessKeyId,
      userDetails: user,
    });
    const code = awsErrorCode(error);
    if (code === 'InvalidClientTokenId' || code === 'SignatureDoesNotMatch') throw explained;
    if (explained instanceof RolecallError && explained.code === 'NetworkError') return { unverifiedBecause: 'AWS STS was not reachable' };
    if (explained instanceof RolecallError && explained.code === 'StsTimeout') return { unverifiedBecause: 'AWS STS did not answer in time' };
    return { unverifiedBecause: explained.message };
  } finally {
    sts.destroy();
  }
}
