import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialEndpointService, type CredentialEndpointService } from '../../main/app/credential-endpoint-service';
import { runOperation } from '../../main/core/operations/table';
import { updateSettings } from '../../main/core/operations/settings';
import { makeCoreWorld, type CoreWorld } from '../support/core-world';
import { roleArn } from '../support/sts-fixture';
import { requireInCi, rolecall, type RunResult } from '../support/run';

// The app's credential endpoint (settings' "Serve credentials to shells") with the real core in
// this process, as the app runs it, and the built CLI's `rolecall export <role> --server` in
// another, sharing the test keyring: the printed variables give the JS SDK and boto3 the role.
// Time moves in jumps: the STS test server's clock is core's, and the SDK child reads the same
// offset (ROLECALL_TEST_CLOCK_FILE), so an hour passes without waiting for it.

const MINUTE = 60_000;
const JS_CHILD = fileURLToPath(new URL('../support/container-sdk-child.mjs', import.meta.url));
const PY_CHILD = fileURLToPath(new URL('../support/container-sdk-child.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const hasBoto3 = spawnSync(PYTHON, ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0;
if (!hasBoto3) requireInCi(`boto3 for ${PYTHON} (apt-get install python3-boto3)`);

const URI = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
const TOKEN = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';

interface CallAnswer {
  arn?: string;
  accessKeyId?: string;
  method?: string;
  error?: string;
}

/** A long-running SDK program, driven a line at a time (test/support/container-sdk-child.*). */
class SdkChild {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Array<(line: string) => void> = [];
  stderr = '';
  readonly exited: Promise<number>;

  constructor(command: string, args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    createInterface({ input: this.child.stdout }).on('line', (line) => this.pending.shift()?.(line));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? -1)));
  }

  ask(command: string): Promise<CallAnswer> {
    const answer = new Promise<string>((resolve, reject) => {
      this.pending.push(resolve);
      void this.exited.then((code) => reject(new Error(`the SDK child exited ${code} before answering '${command}':\n${this.stderr}`)));
    });
    this.child.stdin.write(`${command}\n`);
    return answer.then((line) => JSON.parse(line) as CallAnswer);
  }

  exit(): Promise<number> {
    this.child.stdin.end('exit 0\n');
    return this.exited;
  }
}

function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A port nothing listens on any more (a crashed app's). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The CLI's refusal when the app is not serving: what to do, in one or two lines, no stack trace. */
function expectNotServing(result: RunResult): void {
  expect(result.code).not.toBe(0);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/not serving credentials to shells/);
  expect(result.stderr).toMatch(/Turn on 'Serve credentials to shells' in Rolecall's Settings and keep Rolecall running/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
}

describe("the app's credential endpoint: rolecall export <role> --server", () => {
  let world: CoreWorld;
  let service: CredentialEndpointService;
  let clockFile: string;
  const logged: string[] = [];
  const codeNeeded: string[] = [];
  const tokens: string[] = [];

  const cli = (args: string[]) => rolecall(args, { env: world.home.env });
  const syncClock = () => writeFileSync(clockFile, String(world.sts.now() - Date.now()));
  const serve = async (on: boolean) => {
    await updateSettings(world.core, { serveCredentialEndpoint: on });
    await service.sync();
  };
  /** The variables `export <role> --server` prints, read through its json format. */
  async function exportServer(role: string): Promise<Record<string, string>> {
    const result = await cli(['export', role, '--server', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const variables = JSON.parse(result.stdout) as Record<string, string>;
    tokens.push(variables[TOKEN]!);
    expect(result.stderr).not.toContain(variables[TOKEN]);
    return variables;
  }
  /** A shell's environment after eval of the export: the home's, the variables, the test clock. */
  const shellEnv = (variables: Record<string, string>): NodeJS.ProcessEnv => ({ ...world.home.env, ...variables, ROLECALL_TEST_CLOCK_FILE: clockFile });

  beforeAll(async () => {
    world = await makeCoreWorld();
    // deploy in a region of its own, which the export carries (for botocore too: AWS_DEFAULT_REGION).
    await runOperation('role:save', { core: world.core }, { name: 'deploy', roleArn: roleArn('deploy'), source: 'admin', region: 'eu-west-1' });
    clockFile = join(world.home.home, 'test-clock-offset-ms');
    syncClock();
    service = createCredentialEndpointService({
      core: () => world.core,
      onCodeNeeded: (role) => codeNeeded.push(role),
      log: (path, status) => logged.push(`${path} ${status}`),
      onError: (what, error) => logged.push(`${what}: ${String(error)}`),
    });
  });
  afterAll(async () => {
    await service.stop();
    await world.close();
  });

  it('with the setting off (the default), serves nothing and export --server says what to do', async () => {
    await service.sync();
    expect(service.port()).toBeUndefined();
    expect((await runOperation('catalog:list', { core: world.core }, {})).settings.serveCredentialEndpoint).toBe(false);
    expectNotServing(await cli(['export', 'deploy', '--server']));
  });

  it('an unknown role and --mfa-code with --server are refused in words', async () => {
    await serve(true);
    const unknown = await cli(['export', 'nope', '--server']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/nope/);
    const withCode = await cli(['export', 'deploy', '--server', '--mfa-code', '123456']);
    expect(withCode.code).toBe(2);
    expect(withCode.stderr).toMatch(/--server takes no --mfa-code/);
  });

  it('prints the variables in the shell formats, unsetting the keys and profile that would win over them', async () => {
    const bash = await cli(['export', 'deploy', '--server']);
    expect(bash.code, bash.stderr).toBe(0);
    expect(bash.stdout).toMatch(new RegExp(`^export ${URI}='http://127\\.0\\.0\\.1:${service.port()}/role/deploy'$`, 'm'));
    expect(bash.stdout).toMatch(new RegExp(`^export ${TOKEN}='[A-Za-z0-9_-]{43}'$`, 'm'));
    expect(bash.stdout).toMatch(/^unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN .*AWS_PROFILE/m);
    const fish = await cli(['export', 'deploy', '--server', '--format', 'fish']);
    expect(fish.stdout).toMatch(new RegExp(`^set -gx ${TOKEN} '[A-Za-z0-9_-]{43}'$`, 'm'));
    // One token per role and app run, however many shells ask.
    const variables = await exportServer('deploy');
    expect(bash.stdout).toContain(variables[TOKEN]);
    expect(Object.keys(variables).sort()).toEqual(['AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_DEFAULT_REGION', 'AWS_REGION']);
    expect(variables.AWS_REGION).toBe('eu-west-1');
  });

  it('answers 503 with no credentials while the role needs an MFA code, and tells the window once', async () => {
    const variables = await exportServer('deploy');
    const first = await get(variables[URI]!, { Authorization: variables[TOKEN]! });
    expect(first.status).toBe(503);
    expect(first.body).not.toMatch(/AccessKeyId/);
    expect(JSON.parse(first.body)).toMatchObject({ Code: 'CredentialsUnavailable' });
    expect((await get(variables[URI]!, { Authorization: variables[TOKEN]! })).status).toBe(503);
    expect(codeNeeded).toEqual(['deploy']);
  });

  it('gives the JS SDK the role through the printed variables, renewed past the end of the hour', async () => {
    // The code entered in the window's MFA dialog: an assume, as the dialog does.
    const code = world.sts.nextCode('dev-user');
    await runOperation('session:assume', { core: world.core }, { name: 'deploy', mfaCode: code });
    syncClock();
    const child = new SdkChild(process.execPath, [JS_CHILD], shellEnv(await exportServer('deploy')));
    try {
      const first = await child.ask('call');
      expect(first.error, child.stderr).toBeUndefined();
      expect(first.arn).toMatch(/:assumed-role\/deploy\//);
      world.sts.advance(61 * MINUTE);
      syncClock();
      const later = await child.ask('call');
      expect(later.error, `${later.error ?? ''}\n${child.stderr}`).toBeUndefined();
      expect(later.arn).toMatch(/:assumed-role\/deploy\//);
      expect(later.accessKeyId).not.toBe(first.accessKeyId);
    } finally {
      await child.exit();
    }
  }, 60_000);

  it.runIf(hasBoto3)(
    'gives boto3 the role through the same variables',
    async () => {
      const child = new SdkChild(PYTHON, [PY_CHILD], shellEnv(await exportServer('deploy')));
      try {
        const answer = await child.ask('call');
        expect(answer.error, child.stderr).toBeUndefined();
        expect(answer.method).toBe('container-role');
        expect(answer.arn).toMatch(/:assumed-role\/deploy\//);
      } finally {
        await child.exit();
      }
    },
    60_000,
  );

  it("gives a second role its own token, which cannot read the first role's credentials", async () => {
    const deploy = await exportServer('deploy');
    const admin = await exportServer('admin');
    expect(admin[TOKEN]).not.toBe(deploy[TOKEN]);
    expect(admin[URI]).toMatch(/\/role\/admin$/);
    expect((await get(deploy[URI]!, { Authorization: admin[TOKEN]! })).status).toBe(403);
    expect((await get(admin[URI]!, { Authorization: deploy[TOKEN]! })).status).toBe(403);
    expect((await get(admin[URI]!, { Authorization: admin[TOKEN]! })).status).toBe(200);
    // The endpoint's locks hold here too: no token, a page's Origin, a rebinding Host.
    expect((await get(deploy[URI]!, {})).status).toBe(401);
    expect((await get(deploy[URI]!, { Authorization: deploy[TOKEN]!, Origin: 'http://attacker.example' })).status).toBe(403);
    expect((await get(deploy[URI]!, { Authorization: deploy[TOKEN]!, Host: `localhost:${service.port()}` })).status).toBe(403);
  });

  it("keeps the tokens out of the log, the catalog and what the window reads (the setting's on/off only)", async () => {
    expect(tokens.length).toBeGreaterThan(0);
    const catalogFile = readFileSync(join(world.home.configDir, 'catalog.json'), 'utf8');
    const views = JSON.stringify([await runOperation('catalog:list', { core: world.core }, {}), await runOperation('sessions:list', { core: world.core }, {})]);
    expect(views).toContain('"serveCredentialEndpoint":true');
    for (const token of new Set(tokens)) {
      expect(logged.join('\n')).not.toContain(token);
      expect(catalogFile).not.toContain(token);
      expect(views).not.toContain(token);
    }
    expect(views).not.toContain(String(service.port()));
    // The log holds paths and statuses only.
    expect(logged.filter((line) => !/^\/(role|grant)\/[\w.+@-]+ \d{3}$/.test(line))).toEqual([]);
  });

  it('turning the setting off closes the endpoint and removes the tokens; on again, new tokens', async () => {
    const before = await exportServer('deploy');
    await serve(false);
    expect(service.port()).toBeUndefined();
    expect((await world.core.secrets.accounts()).filter((a) => a.startsWith('endpoint'))).toEqual([]);
    await expect(get(before[URI]!, { Authorization: before[TOKEN]! })).rejects.toThrow(/ECONNREFUSED/);
    expectNotServing(await cli(['export', 'deploy', '--server']));

    await serve(true);
    const after = await exportServer('deploy');
    expect(after[TOKEN]).not.toBe(before[TOKEN]);
    expect((await get(after[URI]!, { Authorization: before[TOKEN]! })).status).toBe(401);
    expect((await get(after[URI]!, { Authorization: after[TOKEN]! })).status).toBe(200);
  });

  it('stop cuts off the shells the app served the role to, and says so; export --server serves them again', async () => {
    const deploy = await exportServer('deploy');
    const admin = await exportServer('admin');
    expect((await get(deploy[URI]!, { Authorization: deploy[TOKEN]! })).status).toBe(200);
    const stopped = await cli(['stop', 'deploy']);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toContain('Shells that took deploy from the running Rolecall (export --server) get no more credentials');
    // Cut off at once, not when the session nears its end: no credentials, and no renewal behind the stop.
    expect((await get(deploy[URI]!, { Authorization: deploy[TOKEN]! })).status).toBe(401);
    expect(await world.core.secrets.getEndpointToken('deploy')).toBeUndefined();
    expect((await get(admin[URI]!, { Authorization: admin[TOKEN]! })).status).toBe(200);
    const again = await exportServer('deploy');
    expect(again[TOKEN]).not.toBe(deploy[TOKEN]);
    expect((await get(again[URI]!, { Authorization: again[TOKEN]! })).status).toBe(200);

    // stop --all ends every grant; role remove ends the removed role's.
    const all = await runOperation('session:stop', { core: world.core }, { all: true });
    expect(all.notices).toContainEqual({ kind: 'shells-cut-off', roles: expect.arrayContaining(['admin', 'deploy']) });
    expect((await get(admin[URI]!, { Authorization: admin[TOKEN]! })).status).toBe(401);
    expect((await get(again[URI]!, { Authorization: again[TOKEN]! })).status).toBe(401);
    await runOperation('role:save', { core: world.core }, { name: 'temp', roleArn: roleArn('deploy'), source: 'admin' });
    const temp = await exportServer('temp');
    expect((await get(temp[URI]!, { Authorization: temp[TOKEN]! })).status).toBe(200);
    await runOperation('role:remove', { core: world.core }, { name: 'temp' });
    expect((await get(temp[URI]!, { Authorization: temp[TOKEN]! })).status).toBe(401);
    // A stop with nothing served says nothing of shells.
    expect((await cli(['stop', 'deploy'])).stderr).not.toContain('Shells');
  });

  it('when the app quits the endpoint refuses and the tokens are gone; a record a crashed app left is never handed out, even with another program on its port', async () => {
    const served = await exportServer('deploy');
    await service.stop();
    expect((await world.core.secrets.accounts()).filter((a) => a.startsWith('endpoint'))).toEqual([]);
    await expect(get(served[URI]!, { Authorization: served[TOKEN]! })).rejects.toThrow(/ECONNREFUSED/);
    expectNotServing(await cli(['export', 'deploy', '--server']));
    // Quitting is for good: the setting, still on, does not start it again.
    await service.sync();
    expect(service.port()).toBeUndefined();

    // A crash leaves the records behind: the CLI finds nobody of that run at the port.
    await world.core.secrets.setAppEndpoint({ port: await deadPort(), runId: 'crashed-run', pid: 999_999 });
    await world.core.secrets.setEndpointToken('deploy', { runId: 'crashed-run', token: 'x'.repeat(43) });
    const stale = await cli(['export', 'deploy', '--server']);
    expectNotServing(stale);
    expect(stale.stderr).not.toContain('x'.repeat(43));

    // Another program on that port now, answering every grant as the app would: it cannot prove
    // the run (it never saw the run's id), so no shell is pointed at it.
    const impostor = createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"proof":"trust me"}'));
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    try {
      await world.core.secrets.setAppEndpoint({ port: (impostor.address() as AddressInfo).port, runId: 'crashed-run', pid: 999_999 });
      expectNotServing(await cli(['export', 'deploy', '--server']));
    } finally {
      await new Promise<void>((resolve) => impostor.close(() => resolve()));
    }
    await world.core.secrets.deleteEndpointRecords();
  });
});
