// The AWS federation endpoint: a role session's credentials exchanged for a sign-in token
// (Action=getSigninToken), and the Action=login URL that carries it to the console.
//
// SECURITY: the session's secret and token go to the federation endpoint only, and the sign-in URL
// is a bearer credential for 15 minutes (anyone holding it is signed in as the role). Nothing here
// logs either, and no error carries either: refusals are worded from the HTTP status alone, never
// from the request (whose query holds the credentials) or the answer's body.
import { PARTITIONS, SIGNIN_ISSUER, type Partition } from '../../../common/console';
import { RolecallError } from '../errors';
import { stsDeadlineMs } from '../sts/client';
import type { TemporaryCredentials } from '../sessions/records';

/** ROLECALL_SIGNIN_ENDPOINT replaces AWS's federation endpoint, as AWS_ENDPOINT_URL_STS replaces STS's. */
export const SIGNIN_ENDPOINT_VARIABLE = 'ROLECALL_SIGNIN_ENDPOINT';

/** The federation endpoint of a partition, or the one the environment names (tests, our checks). */
export function signinEndpoint(env: NodeJS.ProcessEnv, partition: Partition): URL {
  const value = env[SIGNIN_ENDPOINT_VARIABLE];
  if (!value) return new URL(`https://${PARTITIONS[partition].signinHost}/federation`);
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    return url;
  } catch {
    throw new RolecallError(
      `${SIGNIN_ENDPOINT_VARIABLE} is not a URL: ${JSON.stringify(value)}.`,
      "Set it to an https:// address, or unset it to use AWS's federation endpoint.",
      'BadEndpoint',
    );
  }
}

/** The origin of ROLECALL_SIGNIN_ENDPOINT when it is set (a test endpoint's pages stand for the console's). */
export function signinTestOrigin(env: NodeJS.ProcessEnv): string | undefined {
  if (!env[SIGNIN_ENDPOINT_VARIABLE]) return undefined;
  try {
    return new URL(env[SIGNIN_ENDPOINT_VARIABLE]).origin;
  } catch {
    return undefined;
  }
}

export interface SigninTokenRequest {
  endpoint: URL;
  credentials: Pick<TemporaryCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;
  /** Seconds; sent only where AWS accepts it (common/console.ts, consoleSessionSeconds). */
  sessionDuration?: number;
  /** For the words of a refusal, e.g. "signing in to the console as admin". */
  doing: string;
  env: NodeJS.ProcessEnv;
}

/** Asks the federation endpoint for a sign-in token (GET, as AWS documents it), under the STS deadline. */
export async function getSigninToken(request: SigninTokenRequest): Promise<string> {
  const url = new URL(request.endpoint);
  url.searchParams.set('Action', 'getSigninToken');
  if (request.sessionDuration !== undefined) url.searchParams.set('SessionDuration', String(request.sessionDuration));
  const { accessKeyId, secretAccessKey, sessionToken } = request.credentials;
  url.searchParams.set('Session', JSON.stringify({ sessionId: accessKeyId, sessionKey: secretAccessKey, sessionToken }));
  const deadlineMs = stsDeadlineMs(request.env);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(deadlineMs), redirect: 'error' });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    // The fetch error's text may quote the URL (and so the credentials): only its kind is said.
    throw new RolecallError(
      timedOut
        ? `The AWS sign-in endpoint did not answer within ${Math.round(deadlineMs / 1000)} s while ${request.doing}.`
        : `The AWS sign-in endpoint could not be reached while ${request.doing}.`,
      `Check your network connection, or ${SIGNIN_ENDPOINT_VARIABLE} if you set it, and try again.`,
      'NetworkError',
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw signinRefusal(response.status, request);
  }
  const token = await readToken(response);
  if (!token) {
    throw new RolecallError(
      `The AWS sign-in endpoint sent an answer Rolecall cannot read while ${request.doing} (HTTP ${response.status}).`,
      `Try again; if it keeps happening, a proxy or ${SIGNIN_ENDPOINT_VARIABLE} may be answering instead of AWS: check them.`,
      'StsBadAnswer',
    );
  }
  return token;
}

async function readToken(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { SigninToken?: unknown } | null;
    return typeof body?.SigninToken === 'string' && body.SigninToken !== '' ? body.SigninToken : undefined;
  } catch {
    return undefined;
  }
}

/** A refusal in words, from the status alone (AWS's body is an HTML page that says no more). */
function signinRefusal(status: number, request: SigninTokenRequest): RolecallError {
  if (status >= 500) {
    return new RolecallError(
      `The AWS sign-in endpoint failed on its side while ${request.doing} (HTTP ${status}).`,
      'Nothing is wrong with your setup: try again in a minute.',
      'StsUnavailable',
    );
  }
  const why =
    request.sessionDuration !== undefined
      ? 'it does not accept these credentials, or the console session length asked for'
      : 'it does not accept these credentials (revoked, expired at AWS, or not a role session)';
  return new RolecallError(
    `AWS refused to sign in to the console while ${request.doing} (HTTP ${status}): ${why}.`,
    'Start a new session (rolecall stop <role>, then try again); if AWS still refuses, the role may have had its sessions revoked.',
    'SigninRefused',
  );
}

/** The Action=login URL: opening it signs the browser in as the role and lands on `destination`. */
export function loginUrl(endpoint: URL, signinToken: string, destination: string): string {
  const url = new URL(endpoint);
  url.search = '';
  url.searchParams.set('Action', 'login');
  url.searchParams.set('Issuer', SIGNIN_ISSUER);
  url.searchParams.set('Destination', destination);
  url.searchParams.set('SigninToken', signinToken);
  return url.href;
}
