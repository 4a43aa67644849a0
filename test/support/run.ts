import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli/rolecall.cjs', import.meta.url));
/** Debian's AWS CLI v2; the PATH may hold a pyenv shim of v1 first. */
export const AWS_CLI = '/usr/bin/aws';
export const hasAwsCli = existsSync(AWS_CLI);

/**
 * A test that needs a tool the machine lacks is skipped with a printed reason; in CI (where
 * .ci/run installs everything) a missing tool is an error, so an acceptance test never skips
 * silently there.
 */
export function requireInCi(what: string): void {
  if (process.env.CI) throw new Error(`CI must provide ${what}: see scripts/install-system-deps.sh`);
  console.log(`skipping tests that need ${what}: it is not installed`);
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(file: string, args: string[], options: { env: NodeJS.ProcessEnv; input?: string; cwd?: string }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    // A command may end without reading its input (EPIPE): what it did is in its exit and output.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Runs the built `rolecall` CLI (npm run build:cli) as a user would. */
export function rolecall(args: string[], options: { env: NodeJS.ProcessEnv; input?: string }): Promise<RunResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:cli first`);
  return run(process.execPath, [CLI, ...args], options);
}

export function awsCli(args: string[], options: { env: NodeJS.ProcessEnv }): Promise<RunResult> {
  return run(AWS_CLI, args, { env: { ...options.env, AWS_PAGER: '' } });
}
