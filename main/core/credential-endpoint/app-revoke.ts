// `rolecall stop` (and `role remove`) reach into the running app: a shell given a role by
// `rolecall export <role> --server` is served by the app's endpoint, which would otherwise go on
// renewing the role the person has just stopped. The role's grant is ended there (DELETE
// /role/<name>, carrying the role's token from the keychain: the token is the proof, since whoever
// holds it could fetch the role anyway). The shells then get 401 and no credentials, until
// `export --server` is run in them again.
import type { Core } from '../core';
import { ENDPOINT_TOKEN_PREFIX } from '../keychain/accounts';
import { askApp } from './app-request';
import { rolePath } from './endpoint';

export type AskToRevoke = (port: number, role: string, token: string) => Promise<number>;

/**
 * How long a stop waits for the app, all roles together: ending a grant is a lookup and a keychain
 * delete, so a live app answers in milliseconds; a hung one must not hold up the stop.
 */
const REVOKE_DEADLINE_MS = 2_000;

const askToRevoke: AskToRevoke = async (port, role, token) =>
  (await askApp(port, { method: 'DELETE', path: rolePath(role), headers: { Authorization: token } }, REVOKE_DEADLINE_MS)).status;

/**
 * Ends the app's grants of `roles` (every role it granted, for 'all'); answers the roles whose
 * shells were cut off. Never fails: without a running app, a readable keychain or an answer, there
 * is nothing it could end (a token of a run that is gone opens nothing).
 */
export async function cutOffServedShells(core: Core, roles: readonly string[] | 'all', ask: AskToRevoke = askToRevoke): Promise<string[]> {
  try {
    const served = await core.secrets.getAppEndpoint();
    if (!served) return [];
    const names =
      roles === 'all' ? (await core.secrets.accounts()).filter((a) => a.startsWith(ENDPOINT_TOKEN_PREFIX)).map((a) => a.slice(ENDPOINT_TOKEN_PREFIX.length)) : roles;
    const granted: Array<{ role: string; token: string }> = [];
    for (const role of names) {
      const record = await core.secrets.getEndpointToken(role);
      if (record?.runId === served.runId) granted.push({ role, token: record.token });
    }
    // Asked together, so a hung app costs one deadline, not one per role.
    const answers = await Promise.all(granted.map(({ role, token }) => ask(served.port, role, token).catch(() => 0)));
    return granted.filter((_, i) => answers[i] === 204).map(({ role }) => role);
  } catch {
    return [];
  }
}
