// `rolecall console <role>` and the window's "Open console": the role's live session (assumed first,
// with the usual MFA rules, when there is none) exchanged at the federation endpoint for a sign-in
// URL. SECURITY: the URL is a bearer credential for 15 minutes; it leaves this function only to the
// CLI (printed or opened on the person's request) or to main (which opens it), never to the page.
import { consoleSessionSeconds, partitionOf, PARTITIONS, resolveDestination } from '../../../common/console';
import { consoleInput, type ConsoleInput } from '../../../common/inputs';
import { quoted } from '../../../common/rules';
import type { Core } from '../core';
import { InvalidInputError, RolecallError } from '../errors';
import { findRole, resolveChain } from '../sessions/chain';
import { msLeft } from '../sessions/records';
import { stsRegion } from '../sts/region';
import { getSigninToken, loginUrl, signinEndpoint } from '../console/signin';
import { parseInput } from './parse-input';
import { refreshWrittenProfiles, type Interaction } from './sessions';
import type { Notice } from '../sessions/notices';

export interface ConsoleSignin {
  role: string;
  assumedRoleArn: string;
  /** The Action=login URL. SECURITY: a bearer credential; never logged, never sent to the page. */
  url: string;
  consoleEndsAt: string;
  lastsFor: 'role-session' | 'session-duration';
  destination: string;
  notices: Notice[];
}

export async function consoleSignin(core: Core, input: ConsoleInput, interaction: Interaction = {}): Promise<ConsoleSignin> {
  const { name, mfaCode, destination, region } = parseInput(consoleInput, input, 'console request');
  const catalog = core.catalog.load();
  const role = findRole(catalog, name);
  const partition = partitionOf(role.roleArn);
  if (!partition) {
    throw new RolecallError(`Rolecall cannot sign in to the console of ${quoted(role.roleArn)}: its partition has no known sign-in host.`, undefined, 'InvalidInput');
  }
  const endpoint = signinEndpoint(core.env, partition);
  // Checked before any STS call: a bad destination costs no MFA code.
  const consoleRegion = region ?? role.region ?? resolveChain(catalog, name).user.region ?? regionOrDefault(core.env, partition);
  // A test endpoint (ROLECALL_SIGNIN_ENDPOINT) may serve its own console pages.
  const overridden = core.env.ROLECALL_SIGNIN_ENDPOINT ? endpoint.origin : undefined;
  const landing = resolveDestination(partition, consoleRegion, destination, overridden);
  if (!landing.ok) throw new InvalidInputError(`Invalid console request: ${landing.problem}.`, landing.problem.includes('region') ? 'region' : 'destination');

  const obtained = await core.engine.obtain(name, { mfaCode, ...interaction, catalog });
  obtained.notices.push(...(await refreshWrittenProfiles(core, catalog, obtained.renewed)));
  const { session } = obtained;
  const left = msLeft(session, core.now());
  const sessionDuration = consoleSessionSeconds(session.via, left);
  const token = await getSigninToken({ endpoint, credentials: session, sessionDuration, doing: `signing in to the console as ${name}`, env: core.env });
  const consoleEndsAt = sessionDuration === undefined ? session.expiration : new Date(core.now() + sessionDuration * 1000).toISOString();
  return {
    role: name,
    assumedRoleArn: session.assumedRoleArn,
    url: loginUrl(endpoint, token, landing.url),
    consoleEndsAt,
    lastsFor: sessionDuration === undefined ? 'role-session' : 'session-duration',
    destination: landing.url,
    notices: obtained.notices,
  };
}

/** The environment's region where it belongs to the partition, else the partition's default. */
function regionOrDefault(env: NodeJS.ProcessEnv, partition: keyof typeof PARTITIONS): string {
  const fromEnv = stsRegion(env);
  const matches = partition === 'aws-cn' ? fromEnv.startsWith('cn-') : partition === 'aws-us-gov' ? fromEnv.startsWith('us-gov-') : !/^(cn|us-gov)-/.test(fromEnv);
  return matches ? fromEnv : PARTITIONS[partition].defaultRegion;
}
