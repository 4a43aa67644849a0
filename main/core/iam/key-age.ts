import type { User } from '../../../common/catalog-schema';
import { RolecallError } from '../errors';
import type { CallerCredentials } from '../sts/client';
import { Iam } from './client';
import { explainIamError } from './errors';

export type KeyAge = { keyCreatedAt: string } | { keyAgeUnknownBecause: string };

/**
 * When IAM created a long-term key (ListAccessKeys' CreateDate), read when the key is added so
 * `list`, `status` and the window can show its age. Never fails the add: a user without
 * iam:ListAccessKeys (or offline) keeps working, its key's age unknown, and is told why once.
 */
export async function readKeyCreatedAt(credentials: CallerCredentials, region: string, env: NodeJS.ProcessEnv, user: Pick<User, 'name'>): Promise<KeyAge> {
  let iam: Iam | undefined;
  try {
    iam = await Iam.open(credentials, region, env);
    const key = (await iam.listOwnAccessKeys()).find((k) => k.accessKeyId === credentials.accessKeyId);
    return key?.createdAt ? { keyCreatedAt: key.createdAt } : { keyAgeUnknownBecause: `IAM did not list the key ${credentials.accessKeyId} among ${user.name}'s keys` };
  } catch (error) {
    const explained = explainIamError(error, {
      doing: `reading when the key of ${user.name} was created`,
      action: 'iam:ListAccessKeys',
      user: user.name,
      without: 'nothing else needs it.',
    });
    if (explained instanceof RolecallError && explained.code === 'IamAccessDenied') {
      return { keyAgeUnknownBecause: `${user.name} may not call iam:ListAccessKeys` };
    }
    return { keyAgeUnknownBecause: explained.message.replace(/\.$/, '') };
  } finally {
    iam?.destroy();
  }
}
