// The STS test server's federation endpoint (https://signin.aws.amazon.com/federation at AWS) and
// a console page to land on, served on the same port:
//
// - GET /federation?Action=getSigninToken&Session={sessionId,sessionKey,sessionToken}[&SessionDuration=s]
//   answers {"SigninToken": …} for a role session this server issued that is live and not revoked.
//   SessionDuration (900–43200) is refused, as AWS documents, unless the role session was assumed
//   with long-term credentials (an IAM user's key): a session from GetSessionToken's or another
//   role's credentials gets HTTP 400. GetSessionToken sessions themselves cannot sign in.
// - GET /federation?Action=login&Issuer=…&Destination=…&SigninToken=… signs the browser in (a
//   cookie) and redirects to Destination, while the token is within its 15 minutes.
// - GET /console/… is the console as the signed-in role: its assumed-role ARN in the page, until
//   the console session ends (SessionDuration, else the role session's expiry).
//
// Like the rest of the server, nothing here is secure: it is a test double.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IssuedSession, StsCall } from './sts-server';

export const FEDERATION_PATH = '/federation';
export const CONSOLE_PATH = '/console/';
const COOKIE = 'aws-test-console';
const TOKEN_LIFETIME_MS = 15 * 60_000;
const REDACTED = '******';

interface SigninToken {
  session: IssuedSession;
  issuedAt: number;
  /** When the console session it starts ends. */
  consoleEndsAt: number;
}

interface FederationDeps {
  sessions: Map<string, IssuedSession>;
  now: () => number;
  calls: StsCall[];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(res: ServerResponse, status: number, title: string, body: string, headers: Record<string, string> = {}): void {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), ...headers });
  res.end(html);
}

export function createFederation({ sessions, now, calls }: FederationDeps) {
  const tokens = new Map<string, SigninToken>();
  const consoles = new Map<string, SigninToken>();

  function refuse(res: ServerResponse, call: StsCall, status: number, why: string): void {
    call.errorCode = why;
    // AWS answers a refused federation request with a bare HTML error page.
    page(res, status, 'Bad Request', `<p>${escapeHtml(why)}</p>`);
  }

  function getSigninToken(res: ServerResponse, params: URLSearchParams, call: StsCall): void {
    let session: IssuedSession | undefined;
    try {
      const parsed = JSON.parse(params.get('Session') ?? '') as { sessionId?: unknown; sessionKey?: unknown; sessionToken?: unknown };
      const candidate = typeof parsed.sessionId === 'string' ? sessions.get(parsed.sessionId) : undefined;
      if (candidate && candidate.secretAccessKey === parsed.sessionKey && candidate.sessionToken === parsed.sessionToken) session = candidate;
    } catch {
      // Not JSON: refused below like unknown credentials.
    }
    if (!session) return refuse(res, call, 400, 'Invalid credentials parameter: not session credentials this server issued');
    call.accessKeyId = session.accessKeyId;
    if (now() >= session.expiresAt) return refuse(res, call, 400, 'Invalid credentials parameter: the session has expired');
    if (session.revoked) return refuse(res, call, 400, 'Invalid credentials parameter: the session was revoked');
    if (!session.role) return refuse(res, call, 400, 'Invalid credentials parameter: GetSessionToken credentials cannot sign in to the console');
    const duration = params.get('SessionDuration');
    let consoleEndsAt = session.expiresAt;
    if (duration !== null) {
      if (!session.fromLongTermKey) {
        return refuse(res, call, 400, 'Invalid SessionDuration: the session was not assumed with long-term credentials');
      }
      const seconds = Number(duration);
      if (!/^\d+$/.test(duration) || seconds < 900 || seconds > 43200) return refuse(res, call, 400, 'Invalid SessionDuration: 900 to 43200 seconds');
      consoleEndsAt = now() + seconds * 1000;
    }
    const token = randomBytes(48).toString('base64url');
    tokens.set(token, { session, issuedAt: now(), consoleEndsAt });
    const json = JSON.stringify({ SigninToken: token });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  }

  function login(res: ServerResponse, params: URLSearchParams, call: StsCall): void {
    const signin = tokens.get(params.get('SigninToken') ?? '');
    const destination = params.get('Destination') ?? '';
    if (!signin || now() - signin.issuedAt > TOKEN_LIFETIME_MS) return refuse(res, call, 400, 'The sign-in token is invalid or has expired');
    if (!/^https?:\/\//.test(destination)) return refuse(res, call, 400, 'Destination must be a URL');
    call.accessKeyId = signin.session.accessKeyId;
    const id = randomBytes(24).toString('base64url');
    consoles.set(id, signin);
    res.writeHead(302, { location: destination, 'set-cookie': `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`, 'content-length': 0 });
    res.end();
  }

  function consolePage(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const id = new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '')?.[1];
    const signedIn = id !== undefined ? consoles.get(id) : undefined;
    if (!signedIn || now() >= signedIn.consoleEndsAt) {
      page(res, 403, 'Sign in', '<h1>Your console session has ended or never began</h1>');
      return;
    }
    const role = signedIn.session.role!;
    const arn = `${role.partition} assumed-role/${role.role.name}/${role.sessionName}`;
    page(
      res,
      200,
      `AWS Management Console (test double)`,
      `<h1 id="identity">${escapeHtml(`${role.role.name} (${arn})`)}</h1><p id="page">${escapeHtml(url.pathname)}</p>` +
        `<p id="region">${escapeHtml(url.searchParams.get('region') ?? '')}</p>`,
    );
  }

  return {
    handle(req: IncomingMessage, res: ServerResponse, url: URL): void {
      if (url.pathname.startsWith(CONSOLE_PATH)) return consolePage(req, res, url);
      const params = url.searchParams;
      const action = params.get('Action') ?? '';
      const logged: Record<string, string> = {};
      for (const [key, value] of params) if (key !== 'Action') logged[key] = key === 'Session' || key === 'SigninToken' ? REDACTED : value;
      const call: StsCall = { action: `federation:${action}`, accessKeyId: '', params: logged };
      calls.push(call);
      if (req.method !== 'GET') return refuse(res, call, 405, 'The federation endpoint takes GET');
      if (action === 'getSigninToken') return getSigninToken(res, params, call);
      if (action === 'login') return login(res, params, call);
      refuse(res, call, 400, `Unknown Action ${action}`);
    },
    /** Every sign-in token issued: a secret no log, message or file may hold. */
    issuedTokens: (): string[] => [...tokens.keys()],
  };
}
