import { spawn } from 'node:child_process';
import { RolecallError } from '../core/errors';
import { startCredentialEndpoint } from '../core/credential-endpoint/endpoint';
import { containerEnvironment } from '../core/exports/container-format';
import { exportVariables, PROFILE_VARIABLES, type ExportableSession } from '../core/exports/shell-format';
import type { TemporaryCredentials } from '../core/sessions/records';
import { reportError, say } from './output';

// `rolecall exec`: the command runs as a child with the role in its environment, either as static
// keys (they die with the session) or, with --server, as a local credential endpoint that the
// child's SDKs poll and that renews the session from its parent for as long as the command runs.

/** Runs the command and resolves with its exit status (128 for a signal, as a shell reports it). */
function runChild(command: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [file, ...args] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(file!, args, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new RolecallError(`Cannot run '${file}': ${error.code === 'ENOENT' ? 'command not found' : error.message}.`)),
    );
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** The command with the session's keys in its environment. */
export function runWithCredentials(command: string[], session: ExportableSession): Promise<number> {
  const env = { ...process.env };
  for (const name of PROFILE_VARIABLES) delete env[name];
  for (const [name, value] of exportVariables(session)) env[name] = value;
  return runChild(command, env);
}

/** A path as the endpoint's log shows it: printable, short (it is whatever a client sent). */
const printable = (path: string) => path.replace(/[^\x21-\x7e]/g, '?').slice(0, 100);

export interface EndpointRun {
  role: string;
  region?: string;
  /** The role's current credentials: session:credentials through the operation table, per request. */
  credentials(role: string): Promise<TemporaryCredentials>;
  now: () => number;
}

/** The command with a credential endpoint for the role in its environment, for as long as it runs. */
export async function runWithEndpoint(command: string[], { role, region, credentials, now }: EndpointRun): Promise<number> {
  const endpoint = await startCredentialEndpoint({
    credentials,
    now,
    renewAhead: true,
    // Path and status only; answers that handed out credentials are not worth a line each.
    log: (path, status) => {
      if (status !== 200 || process.env.ROLECALL_DEBUG === '1') say(`rolecall: credential endpoint: ${printable(path)} → ${status}`);
    },
    onError: (_role, error) => void reportError(error),
  });
  try {
    const grant = endpoint.grant(role);
    return await runChild(command, containerEnvironment(process.env, { url: grant.url, token: grant.token, region }));
  } finally {
    await endpoint.close();
  }
}
