import { REGION } from '../../../common/rules';
import { RolecallError } from '../errors';

/** The region STS is called in: the role's or user's own, then the environment's, then AWS's default. */
export function stsRegion(env: NodeJS.ProcessEnv, ...preferred: Array<string | undefined>): string {
  const own = preferred.find((r) => r !== undefined);
  if (own !== undefined) return own;
  // The catalog's regions were checked when saved; the environment's are checked here, before the
  // SDK turns a made-up one into an endpoint error nobody can read.
  for (const variable of ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const) {
    const value = env[variable];
    if (!value) continue;
    if (!REGION.test(value)) {
      throw new RolecallError(`${variable} is not an AWS region name.`, `Set it to a region such as us-east-1, or unset it.`, 'BadRegion');
    }
    return value;
  }
  return 'us-east-1';
}
