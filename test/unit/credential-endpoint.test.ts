// The credential endpoint (main/core/credential-endpoint) on a real loopback socket, with a fake
// credentials source: what an SDK gets with its token, and every way a request without the right
// to credentials is refused without them.
import { request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCredentialEndpoint, type CredentialEndpoint, type CredentialEndpointOptions } from '../../main/core/credential-endpoint/endpoint';
import { RolecallError } from '../../main/core/errors';
import type { TemporaryCredentials } from '../../main/core/sessions/records';

const MINUTE = 60_000;
/** The endpoint's clock, pinned: an hour before SESSION ends. */
const ISSUED_AT = Date.parse('2026-12-07T10:24:00.000Z');

const SESSION: TemporaryCredentials = {
  accessKeyId: 'ASIAROLECALLTEST0001',
  secretAccessKey: 'secret/SECRET+secret/SECRET+secret/SECRET',
  sessionToken: 'session-token-of-deploy',
  expiration: '2026-12-07T11:24:00.000Z',
};

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string>, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the credential endpoint', () => {
  let endpoint: CredentialEndpoint | undefined;
  const logged: Array<[string, number]> = [];
  const asked: string[] = [];
  let clock = ISSUED_AT;

  async function start(options: Partial<CredentialEndpointOptions> = {}) {
    logged.length = 0;
    asked.length = 0;
    clock = ISSUED_AT;
    endpoint = await startCredentialEndpoint({
      now: () => clock,
      credentials: async (role) => {
        asked.push(role);
        return SESSION;
      },
      log: (path, status) => logged.push([path, status]),
      ...options,
    });
    return endpoint;
  }

  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
  });

  it('answers the holder of the role’s token with the container-credentials JSON the SDKs read, and logs only the path and status', async () => {
    const { port, grant } = await start();
    const deploy = grant('deploy');
    expect(deploy.url).toBe(`http://127.0.0.1:${port}/role/deploy`);
    const answer = await get(port, '/role/deploy', { Authorization: deploy.token });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      AccessKeyId: SESSION.accessKeyId,
      SecretAccessKey: SESSION.secretAccessKey,
      Token: SESSION.sessionToken,
      Expiration: SESSION.expiration,
    });
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(asked).toEqual(['deploy']);
    expect(logged).toEqual([['/role/deploy', 200]]);
  });

  it('gives each role a fresh 256-bit token', async () => {
    const { grant } = await start();
    const tokens = [grant('deploy').token, grant('admin').token, grant('deploy').token];
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('refuses a request without a token, or with a wrong one, with 401 and no credentials', async () => {
    const { port, grant } = await start();
    const { token } = grant('deploy');
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const attempts: Array<Record<string, string>> = [{}, { Authorization: wrong }, { Authorization: `Bearer ${token}` }, { Authorization: token.slice(0, 20) }];
    for (const headers of attempts) {
      const answer = await get(port, '/role/deploy', headers);
      expect(answer.status).toBe(401);
      expect(answer.body).not.toContain(SESSION.secretAccessKey);
      expect(answer.body).not.toContain(SESSION.accessKeyId);
    }
    expect(asked).toEqual([]);
  });

  it('refuses a Host other than 127.0.0.1:<port> (DNS rebinding) with 403', async () => {
    const { port, grant } = await start();
    const { token } = grant('deploy');
    for (const host of ['attacker.example', `attacker.example:${port}`, `localhost:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `[::1]:${port}`]) {
      const answer = await get(port, '/role/deploy', { Host: host, Authorization: token });
      expect(answer.status, host).toBe(403);
      expect(answer.body).not.toContain(SESSION.secretAccessKey);
    }
    expect(asked).toEqual([]);
  });

  it('refuses anything a browser sends (an Origin header, a CORS preflight, Sec-Fetch-*) and never answers with CORS headers', async () => {
    const { port, grant } = await start();
    const { token } = grant('deploy');
    const browserLike: Array<[Record<string, string>, string]> = [
      [{ Authorization: token, Origin: 'https://attacker.example' }, 'GET'],
      [{ Authorization: token, Origin: 'null' }, 'GET'],
      [{ Authorization: token, 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Site': 'cross-site' }, 'GET'],
      [{ Origin: 'https://attacker.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' }, 'OPTIONS'],
    ];
    for (const [headers, method] of browserLike) {
      const answer = await get(port, '/role/deploy', headers, method);
      expect(answer.status).toBe(403);
      expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      expect(answer.body).not.toContain(SESSION.secretAccessKey);
    }
    expect(asked).toEqual([]);
  });

  it('opens only the role its token was given for', async () => {
    const { port, grant } = await start();
    const deploy = grant('deploy');
    const admin = grant('admin');
    for (const path of ['/role/admin', '/role/other', '/', '/role/deploy/x']) {
      const answer = await get(port, path, { Authorization: deploy.token });
      expect(answer.status, path).toBe(403);
      expect(answer.body).not.toContain(SESSION.secretAccessKey);
    }
    expect(asked).toEqual([]);
    expect((await get(port, '/role/admin', { Authorization: admin.token })).status).toBe(200);
    expect(asked).toEqual(['admin']);
  });

  it('refuses to listen anywhere but 127.0.0.1, even when asked', async () => {
    for (const host of ['0.0.0.0', '::', '::1', 'localhost', '192.168.1.10', '127.0.0.2', '']) {
      await expect(start({ host }), host).rejects.toThrow(/listens on 127\.0\.0\.1 only/);
    }
  });

  it('answers 503 with Rolecall’s reason and no credentials when the session cannot be had', async () => {
    const failures: unknown[] = [];
    const { port, grant } = await start({
      credentials: () => Promise.reject(new RolecallError("Renewing deploy needs a fresh MFA code for user 'dev-user'.")),
      onError: (_role, error) => failures.push(error),
    });
    const answer = await get(port, '/role/deploy', { Authorization: grant('deploy').token });
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toEqual({ Code: 'CredentialsUnavailable', Message: "Renewing deploy needs a fresh MFA code for user 'dev-user'." });
    expect(failures).toHaveLength(1);
  });

  it('logs no token, key or header, whatever is asked', async () => {
    const { port, grant } = await start();
    const { token } = grant('deploy');
    await get(port, '/role/deploy', { Authorization: token });
    await get(port, '/role/deploy?x=1', { Authorization: 'wrong' });
    await get(port, '/role/deploy', { Authorization: token, Origin: 'https://attacker.example' });
    expect(logged).toEqual([
      ['/role/deploy', 200],
      ['/role/deploy', 401],
      ['/role/deploy', 403],
    ]);
  });

  it('keeps the session in memory while it has more than the reuse margin left, and asks for a renewal once for a burst', async () => {
    const renewed = { ...SESSION, accessKeyId: 'ASIAROLECALLTEST0002', expiration: '2026-12-07T12:14:00.000Z' };
    const latest = { ...SESSION, accessKeyId: 'ASIAROLECALLTEST0003', expiration: '2026-12-07T13:13:00.000Z' };
    // Each renewal waits until the test releases it, as one waiting on STS or on an MFA code would.
    let release: (credentials: TemporaryCredentials) => void = () => undefined;
    let answer: () => Promise<TemporaryCredentials> = async () => SESSION;
    const held = () => new Promise<TemporaryCredentials>((resolve) => (release = resolve));
    const { port, grant } = await start({
      credentials: (role) => {
        asked.push(role);
        return answer();
      },
    });
    const { token } = grant('deploy');
    const keyOf = async () => (JSON.parse((await get(port, '/role/deploy', { Authorization: token })).body) as { AccessKeyId: string }).AccessKeyId;

    expect([await keyOf(), await keyOf()]).toEqual([SESSION.accessKeyId, SESSION.accessKeyId]);
    expect(asked).toEqual(['deploy']);
    clock = ISSUED_AT + 44 * MINUTE; // 16 minutes left: more than the margin
    expect(await keyOf()).toBe(SESSION.accessKeyId);
    expect(asked).toHaveLength(1);

    // 14 minutes left: one renewal for three requests, which get the session in hand meanwhile.
    clock = ISSUED_AT + 46 * MINUTE;
    answer = held;
    expect(await Promise.all([keyOf(), keyOf(), keyOf()])).toEqual([SESSION.accessKeyId, SESSION.accessKeyId, SESSION.accessKeyId]);
    expect(asked).toHaveLength(2);
    release(renewed);
    await vi.waitFor(async () => expect(await keyOf()).toBe(renewed.accessKeyId));
    expect(asked).toHaveLength(2);

    // 30 seconds before the end, nothing else is left to serve: the request waits for the renewal.
    clock = Date.parse(renewed.expiration) - 30_000;
    const waiting = keyOf();
    await vi.waitFor(() => expect(asked).toHaveLength(3));
    release(latest);
    expect(await waiting).toBe(latest.accessKeyId);
  });
  it('answers a grant request (POST /grant/<role>, the app’s) with what the app says, and refuses it as any other request', async () => {
    const granted: Array<[string, string]> = [];
    const { port } = await start({
      onGrantRequest: async (role, challenge) => {
        granted.push([role, challenge]);
        return role === 'deploy' ? { proof: `proof of ${challenge}` } : undefined;
      },
    });
    const challenge = { 'X-Rolecall-Challenge': 'c'.repeat(43) };
    const ok = await get(port, '/grant/deploy', challenge, 'POST');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ proof: `proof of ${'c'.repeat(43)}` });
    expect((await get(port, '/grant/nobody', challenge, 'POST')).status).toBe(404);
    expect((await get(port, '/grant/%E0%A4%A', challenge, 'POST')).status).toBe(404);
    expect((await get(port, '/grant/deploy', challenge)).status).toBe(405);
    // No challenge, or one too short or too long to be ours: nothing is granted.
    expect((await get(port, '/grant/deploy', {}, 'POST')).status).toBe(400);
    expect((await get(port, '/grant/deploy', { 'X-Rolecall-Challenge': 'short' }, 'POST')).status).toBe(400);
    expect((await get(port, '/grant/deploy', { 'X-Rolecall-Challenge': 'c'.repeat(129) }, 'POST')).status).toBe(400);
    // The locks come first: a rebinding page or a browser never reaches the app.
    expect((await get(port, '/grant/deploy', { ...challenge, Host: `localhost:${port}` }, 'POST')).status).toBe(403);
    expect((await get(port, '/grant/deploy', { ...challenge, Origin: 'http://attacker.example' }, 'POST')).status).toBe(403);
    expect(granted.map(([role]) => role)).toEqual(['deploy', 'nobody']);
  });

  it('ends a grant on DELETE with its own token (the app’s, for stop): that token opens nothing from then on', async () => {
    const revoked: string[] = [];
    const ep = await start({ onRevoke: async (role) => void revoked.push(role) });
    const deploy = ep.grant('deploy');
    const admin = ep.grant('admin');
    const auth = (grant: { token: string }) => ({ Authorization: grant.token });
    expect((await get(ep.port, '/role/deploy', auth(deploy))).status).toBe(200);
    // Only with the role's own token, and never from a page or a rebinding name.
    expect((await get(ep.port, '/role/deploy', {}, 'DELETE')).status).toBe(401);
    expect((await get(ep.port, '/role/deploy', auth(admin), 'DELETE')).status).toBe(403);
    expect((await get(ep.port, '/role/deploy', { ...auth(deploy), Origin: 'http://attacker.example' }, 'DELETE')).status).toBe(403);
    expect(revoked).toEqual([]);
    const ended = await get(ep.port, '/role/deploy', auth(deploy), 'DELETE');
    expect(ended.status).toBe(204);
    expect(revoked).toEqual(['deploy']);
    expect((await get(ep.port, '/role/deploy', auth(deploy))).status).toBe(401);
    expect((await get(ep.port, '/role/deploy', auth(deploy), 'DELETE')).status).toBe(401);
    // The other role is served as before.
    expect((await get(ep.port, '/role/admin', auth(admin))).status).toBe(200);
  });

  it('refuses DELETE when it serves exec --server (no onRevoke): the command ends its own grant', async () => {
    const ep = await start();
    const deploy = ep.grant('deploy');
    expect((await get(ep.port, '/role/deploy', { Authorization: deploy.token }, 'DELETE')).status).toBe(405);
    expect((await get(ep.port, '/role/deploy', { Authorization: deploy.token })).status).toBe(200);
  });

  it('refuses grant requests when it serves exec --server (no onGrantRequest)', async () => {
    const { port } = await start();
    expect((await get(port, '/grant/deploy', {}, 'POST')).status).toBe(405);
    expect((await get(port, '/grant/deploy', {})).status).toBe(401);
  });
});
