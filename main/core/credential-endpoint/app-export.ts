import { randomBytes } from 'node:crypto';
import type { Core } from '../core';
import { RolecallError } from '../errors';
import { formatEndpointExport } from '../exports/container-format';
import { parseInput } from '../operations/parse-input';
import { resolveChain } from '../sessions/chain';
import { serverExportInput, type ServerExportInput } from '../../../common/inputs';
import { CHALLENGE_HEADER, grantAnswerSchema, isGrantProof } from './app-records';
import { askApp, GRANT_DEADLINE_MS, type AppAnswer } from './app-request';
import { grantPath, LOOPBACK, rolePath } from './endpoint';

// `rolecall export <role> --server`: the variables that point a shell at the credential endpoint
// the running app serves (settings.serveCredentialEndpoint), instead of static keys. The app grants
// the role its token for this run when asked (POST /grant/<role>) and keeps it in the keychain,
// where this reads it. The request carries a fresh challenge that only the run which wrote the
// keychain's record can answer (app-records.ts), so a record a crashed app left there is never
// handed out (its port is dead, or someone else's).

/** No running app serves the endpoint: the setting is off, the app is not running, or it crashed. */
export class EndpointNotServingError extends RolecallError {
  constructor() {
    super(
      'Rolecall is not serving credentials to shells.',
      "Turn on 'Serve credentials to shells' in Rolecall's Settings and keep Rolecall running, then run this again.",
      'EndpointNotServing',
    );
  }
}

/** Asks the endpoint on 127.0.0.1:<port> to grant `role` a token; rejects when nothing answers. */
export function askForGrant(port: number, role: string, challenge: string): Promise<AppAnswer> {
  return askApp(port, { method: 'POST', path: grantPath(role), headers: { [CHALLENGE_HEADER]: challenge } }, GRANT_DEADLINE_MS);
}

/** Whether the answer proves the run `runId` answered `challenge`. */
function provesRun(answer: AppAnswer, runId: string, challenge: string): boolean {
  try {
    const parsed = grantAnswerSchema.safeParse(JSON.parse(answer.body));
    return parsed.success && isGrantProof(runId, challenge, parsed.data.proof);
  } catch {
    return false;
  }
}

/** The shell statements for `role`, or EndpointNotServingError. `text` holds the role's token: stdout only. */
export async function exportFromAppEndpoint(core: Core, input: ServerExportInput, ask = askForGrant): Promise<{ text: string; role: string }> {
  const { name, format } = parseInput(serverExportInput, input, 'export request');
  // An unknown role is said as everywhere else, before anything is asked of the app.
  const chain = resolveChain(core.catalog.load(), name);
  const role = chain.roles[chain.roles.length - 1]!;
  const served = await core.secrets.getAppEndpoint();
  if (!served) throw new EndpointNotServingError();
  const challenge = randomBytes(32).toString('base64url');
  const answer = await ask(served.port, name, challenge).catch(() => undefined);
  if (answer?.status === 503) {
    throw new RolecallError(`The running Rolecall could not give ${name} a token.`, 'Check that your keychain is unlocked, then run this again.', 'KeychainUnavailable');
  }
  // Not our app of this run: nothing listens there any more, or another program does.
  if (answer?.status !== 200 || !provesRun(answer, served.runId, challenge)) throw new EndpointNotServingError();
  const granted = await core.secrets.getEndpointToken(name);
  if (granted?.runId !== served.runId) throw new EndpointNotServingError();
  const url = `http://${LOOPBACK}:${served.port}${rolePath(name)}`;
  return { text: formatEndpointExport({ url, token: granted.token, region: role.region ?? chain.user.region }, format), role: name };
}
