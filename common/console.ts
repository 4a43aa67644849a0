// The AWS console sign-in, as rules every side reads: which partition a role lives in and that
// partition's sign-in and console hosts, where the console opens, and when AWS accepts a console
// session length. No Node, no DOM: main/core builds the sign-in URL with these, main/app's console
// window allows navigation by them, and the tests check both against the same table.
import { REGION } from './rules';

/** The AWS partitions Rolecall signs in to, each with its own sign-in and console hosts. */
export const PARTITIONS = {
  aws: { signinHost: 'signin.aws.amazon.com', consoleHost: 'console.aws.amazon.com', defaultRegion: 'us-east-1' },
  'aws-cn': { signinHost: 'signin.amazonaws.cn', consoleHost: 'console.amazonaws.cn', defaultRegion: 'cn-north-1' },
  'aws-us-gov': { signinHost: 'signin.amazonaws-us-gov.com', consoleHost: 'console.amazonaws-us-gov.com', defaultRegion: 'us-gov-west-1' },
} as const;
export type Partition = keyof typeof PARTITIONS;

/** The partition of an ARN (arn:<partition>:…), or undefined for one Rolecall has no hosts for. */
export function partitionOf(arn: string): Partition | undefined {
  const partition = /^arn:([a-z-]+):/.exec(arn)?.[1];
  return partition !== undefined && Object.hasOwn(PARTITIONS, partition) ? (partition as Partition) : undefined;
}

/**
 * AWS's limits on a console session asked for with SessionDuration (seconds): 15 minutes to 12
 * hours. AWS accepts the parameter only for a role session assumed with long-term credentials.
 */
export const CONSOLE_SESSION_SECONDS = { min: 900, max: 43200 } as const;

/** How long a sign-in URL works once AWS issued its token: a bearer credential for that long. */
export const SIGNIN_TOKEN_LIFETIME_MS = 15 * 60_000;

/** The Issuer the sign-in URL names: where AWS sends the person when the console session ends. */
export const SIGNIN_ISSUER = 'https://rolecall.dev';

/** How a role session was entered (the keychain record's `via`). */
export type EnteredVia = 'mfa-session' | 'long-term-key' | 'role';

/**
 * The SessionDuration to send, or undefined when AWS would refuse it: only a role session assumed
 * directly from the long-term key (a `--direct` role) may ask, and it asks for the time its role
 * session has left (within AWS's 15 min–12 h), so the console and the credentials end together.
 * Otherwise the console lasts as long as the role session, which AWS decides by itself.
 */
export function consoleSessionSeconds(via: EnteredVia, msLeft: number): number | undefined {
  if (via !== 'long-term-key') return undefined;
  return Math.min(CONSOLE_SESSION_SECONDS.max, Math.max(CONSOLE_SESSION_SECONDS.min, Math.floor(msLeft / 1000)));
}

/** A console service name as --destination takes it: ec2, s3, cloudwatch, iam… */
export const CONSOLE_SERVICE = /^[a-z][a-z0-9-]{0,40}$/;

/** The console's address for a region: its home, or one service's home. */
export function consoleUrl(partition: Partition, region: string, service?: string): string {
  const host = PARTITIONS[partition].consoleHost;
  return `https://${host}/${service ?? 'console'}/home?region=${encodeURIComponent(region)}`;
}

/** Whether a host is one of the partition's console hosts: the console host or a regional one under it. */
export function isConsoleHost(partition: Partition, host: string): boolean {
  const consoleHost = PARTITIONS[partition].consoleHost;
  return host === consoleHost || host.endsWith(`.${consoleHost}`);
}

/** Whether a host is the partition's sign-in host (or a regional one under it, e.g. us-east-1.signin.aws.amazon.com). */
export function isSigninHost(partition: Partition, host: string): boolean {
  const signinHost = PARTITIONS[partition].signinHost;
  return host === signinHost || host.endsWith(`.${signinHost}`);
}

export type Destination = { ok: true; url: string } | { ok: false; problem: string };

/**
 * Where the console opens: the given service's home, the given console URL (https, on the
 * partition's console hosts, or on `alsoAllowedOrigin`: a test endpoint's), or the region's home.
 */
export function resolveDestination(partition: Partition, region: string, destination?: string, alsoAllowedOrigin?: string): Destination {
  if (!REGION.test(region)) return { ok: false, problem: `${JSON.stringify(region)} is not an AWS region name` };
  if (destination === undefined || destination === '') return { ok: true, url: consoleUrl(partition, region) };
  if (CONSOLE_SERVICE.test(destination)) return { ok: true, url: consoleUrl(partition, region, destination) };
  let url: URL;
  try {
    url = new URL(destination);
  } catch {
    return { ok: false, problem: 'the destination is neither a console service name (e.g. ec2) nor a URL' };
  }
  if (alsoAllowedOrigin !== undefined && url.origin === alsoAllowedOrigin) return { ok: true, url: url.href };
  if (url.protocol !== 'https:' || !isConsoleHost(partition, url.hostname) || url.username !== '' || url.password !== '') {
    return { ok: false, problem: `the destination must be an https address on ${PARTITIONS[partition].consoleHost}` };
  }
  return { ok: true, url: url.href };
}
