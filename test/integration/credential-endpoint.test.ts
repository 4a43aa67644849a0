import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI, CLI, hasAwsCli, requireInCi } from '../support/run';
import { makeWorld, roleArn, type World } from '../support/world';

// `rolecall exec --server deploy -- <a long job>` with real SDKs in the child: the JS SDK (its
// default chain reaches the container provider) and boto3 (botocore's ContainerProvider). Time
// moves in jumps: the STS test server's clock, Rolecall's (ROLECALL_TEST_CLOCK_FILE) and the
// child's SDK clock move together, so three simulated hours pass in seconds. The server refuses
// a session past its end by its own clock, so a child still holding an old session would fail.

const MINUTE = 60_000;
const JS_CHILD = fileURLToPath(new URL('../support/container-sdk-child.mjs', import.meta.url));
const PY_CHILD = fileURLToPath(new URL('../support/container-sdk-child.py', import.meta.url));
/** Debian's python3 with python3-boto3 (a pyenv shim earlier in PATH may lack it). */
const PYTHON = '/usr/bin/python3';
const hasBoto3 = spawnSync(PYTHON, ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0;
if (!hasBoto3) requireInCi(`boto3 for ${PYTHON} (apt-get install python3-boto3)`);
if (!hasAwsCli) requireInCi(`${AWS_CLI} (apt-get install awscli)`);

/** What a shell may hold when it starts the job: keys and a profile that would win over the endpoint. */
const INHERITED = {
  AWS_ACCESS_KEY_ID: 'AKIAINHERITEDKEY0000',
  AWS_SECRET_ACCESS_KEY: 'inherited',
  AWS_SESSION_TOKEN: 'inherited',
  AWS_PROFILE: 'nonexistent',
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/elsewhere',
};

interface CallAnswer {
  arn?: string;
  accessKeyId?: string;
  method?: string;
  error?: string;
}

/** A running `rolecall exec --server …`, driven a line at a time through its child's stdin and stdout. */
class ExecServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Array<(line: string) => void> = [];
  private readonly lines: string[] = [];
  stderr = '';
  readonly exited: Promise<number>;

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const waiter = this.pending.shift();
      if (waiter) waiter(line);
      else this.lines.push(line);
    });
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? -1)));
  }

  /** Sends one command to the child and waits for its one-line answer. */
  ask<T = CallAnswer>(command: string): Promise<T> {
    const answer = new Promise<string>((resolve, reject) => {
      const queued = this.lines.shift();
      if (queued !== undefined) return resolve(queued);
      this.pending.push(resolve);
      void this.exited.then((code) => reject(new Error(`rolecall exited ${code} before answering '${command}':\n${this.stderr}`)));
    });
    this.child.stdin.write(`${command}\n`);
    return answer.then((line) => JSON.parse(line) as T);
  }

  /** Tells the child to exit with `status`; resolves with rolecall's own exit status. */
  async exit(status: number): Promise<number> {
    this.child.stdin.end(`exit ${status}\n`);
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

describe('rolecall exec --server: a long job keeps its role through the credential endpoint', () => {
  let world: World;
  let clockFile: string;
  let env: NodeJS.ProcessEnv;

  /** Moves the STS server's clock, and Rolecall's and the child's with it. */
  const advance = (ms: number) => {
    world.sts.advance(ms);
    syncClocks();
  };
  const syncClocks = () => writeFileSync(clockFile, String(world.sts.now() - Date.now()));
  const assumesOf = (role: string) => world.sts.calls.filter((c) => c.action === 'AssumeRole' && c.params.RoleArn === roleArn(role) && !c.errorCode).length;
  const mfaSessions = () => world.sts.calls.filter((c) => c.action === 'GetSessionToken').length;

  /** Starts the job with one MFA code (the first session of the day). */
  function startJob(command: string[], shell: NodeJS.ProcessEnv = {}): ExecServer {
    const code = world.sts.nextCode('dev-user');
    syncClocks(); // nextCode may have moved the server's clock a step
    return new ExecServer(['exec', '--server', 'deploy', '--mfa-code', code, '--', ...command], { ...env, ...shell });
  }

  /**
   * Three hours in steps past the end of each one-hour session: every call works, and each step
   * past an end is a new session, renewed from admin (itself renewed from the MFA session) with
   * no new MFA code and no restart.
   */
  async function runThreeHours(job: ExecServer): Promise<void> {
    const first = await job.ask('call');
    expect(first.error, job.stderr).toBeUndefined();
    expect(first.arn).toMatch(/:assumed-role\/deploy\//);
    const keys = [first.accessKeyId];
    const deployAssumes = assumesOf('deploy');
    const codes = mfaSessions();

    advance(30 * MINUTE);
    const midway = await job.ask('call');
    expect(midway).toEqual(first); // the same session: nothing asked of STS
    expect(assumesOf('deploy')).toBe(deployAssumes);

    for (let renewal = 1; renewal <= 3; renewal++) {
      advance(31 * MINUTE + (renewal === 1 ? 0 : 30 * MINUTE)); // past the end of the session in use
      const answer = await job.ask('call');
      expect(answer.error, `${answer.error ?? ''}\n${job.stderr}`).toBeUndefined();
      expect(answer.arn).toMatch(/:assumed-role\/deploy\//);
      expect(keys).not.toContain(answer.accessKeyId);
      keys.push(answer.accessKeyId);
      expect(assumesOf('deploy')).toBe(deployAssumes + renewal);
    }
    expect(mfaSessions()).toBe(codes);
  }

  beforeAll(async () => {
    world = await makeWorld();
    clockFile = join(world.home.home, 'test-clock-offset-ms');
    writeFileSync(clockFile, '0');
    env = { ...world.home.env, ROLECALL_TEST_CLOCK_FILE: clockFile };
    expect((await world.addDevUser()).code).toBe(0);
    for (const args of [
      ['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'],
      ['role', 'add', 'deploy', '--role-arn', roleArn('deploy'), '--source', 'admin', '--region', 'eu-west-1'],
    ]) {
      const result = await world.cli(args);
      expect(result.code, result.stderr).toBe(0);
    }
  });
  afterAll(async () => world.close());

  it('gives the JS SDK the role for three simulated hours across three renewals, with no static keys in its environment', async () => {
    const job = startJob([process.execPath, JS_CHILD], INHERITED);
    const childEnv = await job.ask<Record<string, string>>('env');
    expect(Object.keys(childEnv).sort()).toEqual(['AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_DEFAULT_REGION', 'AWS_REGION']);
    expect(childEnv.AWS_CONTAINER_CREDENTIALS_FULL_URI).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/role\/deploy$/);
    expect(childEnv.AWS_CONTAINER_AUTHORIZATION_TOKEN).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(childEnv.AWS_REGION).toBe('eu-west-1');

    // The endpoint the child was given refuses whoever lacks its token, or asks from a page.
    const url = childEnv.AWS_CONTAINER_CREDENTIALS_FULL_URI!;
    const token = childEnv.AWS_CONTAINER_AUTHORIZATION_TOKEN!;
    expect((await get(url, {})).status).toBe(401);
    expect((await get(url, { Authorization: 'x'.repeat(43) })).status).toBe(401);
    expect((await get(url, { Authorization: token, Host: `localhost:${new URL(url).port}` })).status).toBe(403);
    expect((await get(url, { Authorization: token, Origin: 'http://attacker.example' })).status).toBe(403);
    expect((await get(url.replace('/role/deploy', '/role/admin'), { Authorization: token })).status).toBe(403);

    await runThreeHours(job);
    expect(await job.exit(0)).toBe(0);
    // Refusals are logged by path and status; no token or key ever reaches the terminal.
    expect(job.stderr).toMatch(/credential endpoint: \/role\/deploy → 401/);
    expect(job.stderr).not.toContain(token);
  }, 120_000);

  it.runIf(hasBoto3)(
    'gives boto3 the role for three simulated hours across three renewals, and passes its exit status back',
    async () => {
      // From a shell holding static keys and a profile, which would win over the endpoint: exec
      // --server removes them from the child (botocore names where its credentials came from).
      const job = startJob([PYTHON, PY_CHILD], INHERITED);
      const first = await job.ask('call');
      expect(first.method, job.stderr).toBe('container-role');
      await runThreeHours(job);
      expect(await job.exit(7)).toBe(7);
    },
    120_000,
  );

  it.runIf(hasAwsCli)(
    'serves the AWS CLI too (its container provider), from the session the jobs above left cached',
    async () => {
      const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const args = ['exec', '--server', 'deploy', '--', AWS_CLI, 'sts', 'get-caller-identity', '--output', 'json', '--endpoint-url', world.sts.url];
        const child = spawn(process.execPath, [CLI, ...args], { env: { ...env, ...INHERITED, AWS_PAGER: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
      });
      expect(result.code, result.stderr).toBe(0);
      expect((JSON.parse(result.stdout) as { Arn: string }).Arn).toMatch(/:assumed-role\/deploy\//);
    },
    60_000,
  );
});
