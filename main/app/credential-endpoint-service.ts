// The app's credential endpoint (issue 13, item 2): while the app runs and the setting
// "Serve credentials to shells" (settings.serveCredentialEndpoint) is on, core's endpoint
// (main/core/credential-endpoint/endpoint.ts) serves roles to shells that ran
// `rolecall export <role> --server`. Electron-free; main/electron only calls sync() when the
// catalog changes and at start, and stop() as the app quits.
//
// - Tokens: a fresh 256-bit token per role and app run, granted when `export --server` asks
//   (POST /grant/<role>, answered with proof of this run), kept in the keychain (`endpoint/<role>`)
//   for the CLI to read, with the port and the run's id (`endpoint`). Everything is removed when serving stops (quit, setting
//   off), and at the next start whatever a crashed run left. `rolecall stop <role>` (or the window's
//   Stop) ends that role's grant (DELETE /role/<role>): the shells it served are cut off.
// - What is served is the operation table's session:credentials, as `exec --server` serves it: the
//   role's current session, renewed from its parent while the MFA session lasts. A renewal that
//   needs a code is answered with a 503 (the SDKs report it, with no credentials) and
//   `onCodeNeeded` tells the window, once until the role is served again.
import { randomBytes } from 'node:crypto';
import type { Core } from '../core/core';
import { grantProof } from '../core/credential-endpoint/app-records';
import { startCredentialEndpoint, type CredentialEndpoint, type Grant } from '../core/credential-endpoint/endpoint';
import { isRolecallError } from '../core/errors';
import { runOperation } from '../core/operations/table';
import type { TemporaryCredentials } from '../core/sessions/records';

export interface CredentialEndpointServiceDeps {
  /** Main's core (built on first use). */
  core: () => Core;
  /** A role's renewal needs an MFA code: the window's MFA dialog should ask for it. */
  onCodeNeeded?(role: string): void;
  /** Each answer's path and status (never a token or a key). */
  log?(path: string, status: number): void;
  /** Something failed that nobody else hears of (starting, removing the records). */
  onError?(what: string, error: unknown): void;
  pid?: number;
}

export interface CredentialEndpointService {
  /** Starts or stops serving as the setting says (at start, and whenever the catalog changed). */
  sync(): Promise<void>;
  /** Stops serving for good (the app quits): the server closes and the keychain records go. */
  stop(): Promise<void>;
  /** The port while serving (not secret), for tests and the log. */
  port(): number | undefined;
}

interface Serving {
  endpoint: CredentialEndpoint;
  runId: string;
  /** One grant per role and run, however many shells ask. */
  grants: Map<string, Promise<Grant>>;
}

export function createCredentialEndpointService(deps: CredentialEndpointServiceDeps): CredentialEndpointService {
  let serving: Serving | undefined;
  let quitting = false;
  /** Starts and stops run one at a time, in the order asked. */
  let queue: Promise<void> = Promise.resolve();
  /** Roles the window has been told need a code, until they are served again. */
  const toldCodeNeeded = new Set<string>();

  const enqueue = (step: () => Promise<void>): Promise<void> => {
    queue = queue.then(step).catch((error: unknown) => deps.onError?.('the credential endpoint', error));
    return queue;
  };

  function wanted(): boolean {
    if (quitting) return false;
    try {
      return deps.core().catalog.load().settings.serveCredentialEndpoint;
    } catch {
      // A catalog being edited by hand: keep doing what we do until it reads again.
      return serving !== undefined;
    }
  }

  async function credentials(role: string): Promise<TemporaryCredentials> {
    const { credentials } = await runOperation('session:credentials', { core: deps.core() }, { name: role });
    toldCodeNeeded.delete(role);
    return credentials;
  }

  function onError(role: string, error: unknown): void {
    if (!isRolecallError(error) || error.code !== 'MfaCodeRequired' || toldCodeNeeded.has(role)) return;
    toldCodeNeeded.add(role);
    deps.onCodeNeeded?.(role);
  }

  async function start(): Promise<void> {
    const core = deps.core();
    // Whatever a crashed run left is removed first: its tokens open nothing, but should not linger.
    await core.secrets.deleteEndpointRecords();
    // 256 bits: it keys the proof of this run (app-records.ts), so it never leaves the keychain.
    const runId = randomBytes(32).toString('base64url');
    const grants = new Map<string, Promise<Grant>>();
    const endpoint = await startCredentialEndpoint({
      credentials,
      onError,
      log: deps.log,
      renewAhead: true,
      now: core.now,
      onGrantRequest: async (role, challenge) => {
        if (!core.catalog.load().roles.some((r) => r.name === role)) return undefined;
        let grant = grants.get(role);
        if (!grant) {
          const granted = endpoint.grant(role);
          grant = core.secrets.setEndpointToken(role, { runId, token: granted.token }).then(() => granted);
          grants.set(role, grant);
          // A failed keychain write is not remembered: the next ask tries again (with another token).
          void grant.catch(() => grants.delete(role));
        }
        await grant;
        return { proof: grantProof(runId, challenge) };
      },
      // `rolecall stop` ended the role's grant: the next export --server asks for a new one.
      onRevoke: async (role) => {
        const ended = grants.get(role);
        grants.delete(role);
        const token = (await ended?.catch(() => undefined))?.token;
        // Only the ended grant's token: an export --server that asked again meanwhile has its own.
        if (token !== undefined && (await core.secrets.getEndpointToken(role))?.token === token) await core.secrets.deleteEndpointToken(role);
      },
    });
    serving = { endpoint, runId, grants };
    try {
      await core.secrets.setAppEndpoint({ port: endpoint.port, runId, pid: deps.pid ?? process.pid });
    } catch (error) {
      serving = undefined;
      await endpoint.close();
      throw error;
    }
  }

  async function end(): Promise<void> {
    const current = serving;
    if (!current) return;
    serving = undefined;
    toldCodeNeeded.clear();
    // The server first: from now on no token opens anything, whatever the keychain still says.
    await current.endpoint.close();
    await deps.core().secrets.deleteEndpointRecords();
  }

  return {
    sync: () =>
      enqueue(async () => {
        const want = wanted();
        if (want && !serving) await start();
        else if (!want && serving) await end();
      }),
    stop: () => {
      quitting = true;
      return enqueue(end);
    },
    port: () => serving?.endpoint.port,
  };
}
