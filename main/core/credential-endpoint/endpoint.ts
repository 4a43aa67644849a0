import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidInputError, isRolecallError } from '../errors';
import { containerCredentialsJson } from '../exports/container-format';
import type { TemporaryCredentials } from '../sessions/records';
import { REUSE_MARGIN_MS } from '../../../common/rules';
import { CHALLENGE_HEADER, CHALLENGE_LENGTH } from './app-records';
import { newToken, TokenCheck } from './token';

// A local credential endpoint in the format of the AWS container credential provider, which every
// AWS SDK and the AWS CLI poll by themselves (AWS_CONTAINER_CREDENTIALS_FULL_URI +
// AWS_CONTAINER_AUTHORIZATION_TOKEN) and refresh before the Expiration it answers. It hands out
// credentials, so it is locked down (docs/architecture.md, "The credential endpoint"):
//
// - it listens on 127.0.0.1 only, on a port the OS picks; any other address is refused, even asked;
// - each role it serves has its own 256-bit token, compared in constant time, and a token opens
//   only its own role's path;
// - the Host header must be exactly 127.0.0.1:<port> (a DNS-rebinding page sends its own name);
// - a request carrying Origin (or a browser's Sec-Fetch-* headers) is refused, and no answer ever
//   carries a CORS header, so no web page can read it;
// - it logs the path and the status of each answer, nothing else (never a token or a key).
//
// What it serves comes from `credentials(role)`: the operation table's session:credentials, which
// renews the session from its parent once it has less than the reuse margin left. The endpoint
// keeps the answer in memory by the same rule (an SDK's fetch then costs no keychain round trip),
// asks once for a burst of requests, and with `renewAhead` asks again as the margin is crossed.

/** The only address the endpoint listens on. */
export const LOOPBACK = '127.0.0.1';

/** Where a role is served: /role/<name>. */
export const rolePath = (role: string): string => `/role/${encodeURIComponent(role)}`;

/**
 * Where the running app is asked to grant a role a token: POST /grant/<name>, with a challenge in
 * the x-rolecall-challenge header. The answer carries no secret (the token goes to the keychain,
 * where `rolecall export --server` reads it; the answer proves the app's run), so the request
 * needs none; the Host and browser refusals apply to it as to every request.
 */
export const GRANT_PREFIX = '/grant/';
export const grantPath = (role: string): string => `${GRANT_PREFIX}${encodeURIComponent(role)}`;

/** A slow or idle client cannot hold the endpoint (slowloris): headers and the whole request must come quickly. */
const HEADERS_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** A renewal ahead of the reuse margin, so that the next request finds a fresh session waiting. */
const AHEAD_MS = 1_000;
/** A session with more than this left is still served while its renewal is under way. */
const STILL_USABLE_MS = 60_000;
/** setTimeout's longest delay (about 24.8 days); role sessions last 12 hours at most. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface CredentialEndpointOptions {
  /** Only 127.0.0.1 (the default); anything else (0.0.0.0, ::, ::1, localhost, a LAN address) is refused. */
  host?: string;
  /** The role's current credentials; renews them when they near their end. */
  credentials(role: string): Promise<TemporaryCredentials>;
  /** Told of each answer: its path and its status, nothing else. */
  log?(path: string, status: number): void;
  /** Told when serving or renewing a role failed (the child sees only a 503). */
  onError?(role: string, error: unknown): void;
  /**
   * Renew each role just after its session crosses the reuse margin rather than on the next
   * request, so a request never waits for STS (or for an MFA code typed on the terminal).
   */
  renewAhead?: boolean;
  now?: () => number;
  /**
   * The app's endpoint only: answers POST /grant/<role> (with the request's challenge) with this
   * object as JSON (200), or 404 when it answers undefined (no such role). Without it, that path
   * is refused like any other.
   */
  onGrantRequest?(role: string, challenge: string): Promise<object | undefined>;
  /**
   * The app's endpoint only: DELETE /role/<name> with that role's token ends its grant (`rolecall
   * stop` asks, app-revoke.ts): the token opens nothing from then on, and this is told so the
   * keychain's copy goes too. The token is the proof: whoever holds it could fetch the role anyway.
   * Without it, DELETE is refused like any other method.
   */
  onRevoke?(role: string): Promise<void>;
}

export interface Grant {
  role: string;
  /** AWS_CONTAINER_CREDENTIALS_FULL_URI */
  url: string;
  /** AWS_CONTAINER_AUTHORIZATION_TOKEN */
  token: string;
}

export interface CredentialEndpoint {
  port: number;
  /** Serves a role under a fresh token. */
  grant(role: string): Grant;
  close(): Promise<void>;
}

interface Served {
  role: string;
  path: string;
  check: TokenCheck;
  /** The last session served, while it has more than the reuse margin left. */
  current?: TemporaryCredentials;
  /** The one request for a new session in flight: concurrent fetches wait for it. */
  pending?: Promise<TemporaryCredentials>;
  ahead?: NodeJS.Timeout;
  /** Its grant was ended: a renewal still in flight must not keep it alive (or renew it again). */
  revoked?: boolean;
}

/** Refuses, in words, any address but 127.0.0.1. */
export function assertLoopback(host: string): void {
  if (host !== LOOPBACK) {
    throw new InvalidInputError(
      `The credential endpoint listens on ${LOOPBACK} only, not on ${JSON.stringify(host).slice(0, 80)}.`,
      undefined,
      'Anything that can reach another address could ask for your credentials. For Docker, see the README (--network host).',
    );
  }
}

export async function startCredentialEndpoint(options: CredentialEndpointOptions): Promise<CredentialEndpoint> {
  const host = options.host ?? LOOPBACK;
  assertLoopback(host);
  const now = options.now ?? Date.now;
  const served: Served[] = [];
  let closed = false;

  const server: Server = createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS }, (request, response) => {
    // Nothing an answer does should throw; if it ever did, the connection ends rather than the process.
    void answer(request, response).catch(() => response.destroy());
  });

  function scheduleRenewal(entry: Served, credentials: TemporaryCredentials): void {
    if (!options.renewAhead || closed || entry.revoked) return;
    clearTimeout(entry.ahead);
    const due = Date.parse(credentials.expiration) - REUSE_MARGIN_MS + AHEAD_MS - now();
    // A session that came with less than the margin left (its MFA session ends first) is renewed
    // on the next request instead: a timer here would ask again every second.
    if (!(due > AHEAD_MS) || due > MAX_TIMER_MS) return;
    entry.ahead = setTimeout(() => void fetchFor(entry).catch(() => undefined), due); // onError has said why
    // The endpoint lives as long as its command: a pending renewal must not keep the process up.
    entry.ahead.unref();
  }

  const msLeft = (credentials: TemporaryCredentials) => Date.parse(credentials.expiration) - now();

  function fetchFor(entry: Served): Promise<TemporaryCredentials> {
    // A renewal timer that fired as the grant ended: nothing is asked for a revoked role.
    if (entry.revoked) return Promise.reject(new Error('the grant was ended'));
    const { current } = entry;
    if (current && msLeft(current) >= REUSE_MARGIN_MS) return Promise.resolve(current);
    const renewal = (entry.pending ??= options
      .credentials(entry.role)
      .then(
        (credentials) => {
          if (entry.revoked) return credentials;
          entry.current = credentials;
          scheduleRenewal(entry, credentials);
          return credentials;
        },
        (error: unknown) => {
          // Said once per attempt, whoever waits for it (a request, the timer, nobody).
          options.onError?.(entry.role, error);
          throw error;
        },
      )
      .finally(() => (entry.pending = undefined)));
    // While the renewal waits (for STS, or for an MFA code typed on the terminal), the session in
    // hand is served for as long as it still works: an SDK's fetch gives up after a second or two,
    // and it asks again soon for a session this close to its end.
    if (current && msLeft(current) > STILL_USABLE_MS) {
      renewal.catch(() => undefined); // onError has said why
      return Promise.resolve(current);
    }
    return renewal;
  }

  async function answerGrant(
    request: IncomingMessage,
    grant: (role: string, challenge: string) => Promise<object | undefined>,
    encodedRole: string,
    send: (status: number, body: string) => void,
    refuse: (status: number, code: string, message: string) => void,
  ): Promise<void> {
    if (request.method !== 'POST') return refuse(405, 'MethodNotAllowed', 'Only POST.');
    const challenge = request.headers[CHALLENGE_HEADER];
    if (typeof challenge !== 'string' || challenge.length < CHALLENGE_LENGTH.min || challenge.length > CHALLENGE_LENGTH.max) {
      return refuse(400, 'BadRequest', `The ${CHALLENGE_HEADER} header must carry ${CHALLENGE_LENGTH.min} to ${CHALLENGE_LENGTH.max} characters.`);
    }
    let role: string;
    try {
      role = decodeURIComponent(encodedRole);
    } catch {
      return refuse(404, 'UnknownRole', 'No such role.');
    }
    try {
      const granted = await grant(role, challenge);
      if (granted === undefined) return refuse(404, 'UnknownRole', 'No such role.');
      send(200, JSON.stringify(granted));
    } catch (error) {
      refuse(503, 'GrantUnavailable', isRolecallError(error) ? error.message : 'Rolecall could not grant the role a token.');
    }
  }

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const send = (status: number, body: string) => {
      response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(body);
      options.log?.(path, status);
    };
    const refuse = (status: number, code: string, message: string) => send(status, JSON.stringify({ Code: code, Message: message }));

    const { port } = server.address() as AddressInfo;
    // DNS rebinding: a page whose name now resolves to 127.0.0.1 still sends its own name as Host.
    if (request.headers.host !== `${LOOPBACK}:${port}`) return refuse(403, 'Forbidden', `Host must be ${LOOPBACK}:${port}.`);
    // A browser: every cross-origin request a page can make with a header carries Origin (and
    // Sec-Fetch-*). SDKs send neither.
    if (request.headers.origin !== undefined || Object.keys(request.headers).some((h) => h.startsWith('sec-fetch-'))) {
      return refuse(403, 'Forbidden', 'Requests from browsers are refused.');
    }
    const { onGrantRequest } = options;
    if (onGrantRequest && path.startsWith(GRANT_PREFIX)) return answerGrant(request, onGrantRequest, path.slice(GRANT_PREFIX.length), send, refuse);
    const revoking = request.method === 'DELETE' && options.onRevoke !== undefined;
    if (request.method !== 'GET' && !revoking) return refuse(405, 'MethodNotAllowed', 'Only GET.');
    const presented = request.headers.authorization;
    if (!presented) return refuse(401, 'Unauthorized', 'The Authorization header must carry the token (AWS_CONTAINER_AUTHORIZATION_TOKEN).');
    // Every token is checked, matched or not, so the time taken says nothing about which one matched.
    let entry: Served | undefined;
    for (const candidate of served) if (candidate.check.matches(presented) && !entry) entry = candidate;
    if (!entry) return refuse(401, 'Unauthorized', 'The token is not valid here.');
    if (path !== entry.path) return refuse(403, 'Forbidden', 'This token is for another role.');
    if (revoking) return revoke(entry, send);
    try {
      send(200, containerCredentialsJson(await fetchFor(entry)));
    } catch (error) {
      // The reason in Rolecall's words (never an unexpected error's text, which may quote internals).
      refuse(503, 'CredentialsUnavailable', isRolecallError(error) ? error.message : 'Rolecall could not get the credentials; see its terminal.');
    }
  }

  /** Ends a grant: out of the list first, so from this moment its token opens nothing. */
  async function revoke(entry: Served, send: (status: number, body: string) => void): Promise<void> {
    served.splice(served.indexOf(entry), 1);
    entry.revoked = true;
    clearTimeout(entry.ahead);
    entry.current = undefined;
    // The keychain's copy: a failure there leaves a token that opens nothing, removed at the next start.
    await options.onRevoke?.(entry.role).catch(() => undefined);
    send(204, '');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  // What the OS bound, not what was asked: the same rule, checked on the result.
  assertLoopback(address.address);

  return {
    port: address.port,
    grant(role) {
      const token = newToken();
      const entry: Served = { role, path: rolePath(role), check: new TokenCheck(token) };
      served.push(entry);
      return { role, url: `http://${LOOPBACK}:${address.port}${entry.path}`, token };
    },
    close() {
      closed = true;
      for (const entry of served) clearTimeout(entry.ahead);
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
