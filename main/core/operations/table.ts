// The operation table's other half: each entry of common/operations.ts bound to the core function
// that does it. The compiler asks for a run per entry and checks that it answers something its
// output schema takes; runOperation parses the input with the entry's schema, runs it, and parses
// the result with the output schema, which drops every field the schema does not name. IPC
// (main/app/handlers.ts) and the CLI (main/cli/program.ts) both call through here, so the window
// and the terminal refuse the same inputs and can only ever see what the table says.
import type { Core } from '../core';
import type { AppInfo, AssumeRequestedView } from '../../../common/contract';
import type { ConsoleTarget } from '../../../common/inputs';
import { partitionOf, type Partition } from '../../../common/console';
import { OPERATIONS, type OperationName, type OperationOutput, type ParsedInput } from '../../../common/operations';
import type { z } from 'zod';
import { currentRenewalProblems, type RenewalMark } from '../scheduler/renewal';
import { exportFromAppEndpoint } from '../credential-endpoint/app-export';
import { consoleSignin } from './console-signin';
import { discoverRoles } from './discover-roles';
import { rotateKey } from '../key-rotation/rotate';
import { endMfaSession } from './end-mfa-session';
import { exportText } from './export-text';
import { importProfiles } from './import';
import { list } from './list';
import { parseInput } from './parse-input';
import { addRole, removeRole } from './roles';
import { saveUser } from './save-user';
import { assume, roleCredentials, stop, type Interaction } from './sessions';
import { sessionsOverview } from './sessions-overview';
import { updateSettings } from './settings';
import { removeUser } from './users';

export type { ConsoleTarget };

/** How an operation reaches the person at a terminal: the MFA prompt, and word while it waits. */
export interface TerminalInteraction extends Interaction {
  /** A stop waits for another process to finish with the role (an assume or renewal in flight). */
  onWaitForRole?: (role: string) => void;
  /** A line while an operation waits on AWS (a key rotation waiting for IAM to accept the new key). */
  onProgress?: (line: string) => void;
}

/** What only the running app has; the window's own operations need it, the CLI never calls them. */
export interface AppContext {
  info(): AppInfo;
  /** Where an export goes: the OS clipboard. The text never crosses IPC. */
  writeClipboard(text: string): void;
  /** The scheduler's marks on live sessions that will not renew by themselves. */
  renewalMarks(): readonly RenewalMark[];
  /** The role the tray or a notification asked the window to assume. */
  takeAssumeRequest(): AssumeRequestedView;
  /**
   * Opens a console sign-in URL for a role: in the OS browser, or in the role's own Rolecall
   * console window. SECURITY: the URL is a bearer credential; it goes no further than main.
   */
  openConsole(request: { role: string; url: string; target: ConsoleTarget; endsAt: string; partition: Partition }): Promise<void>;
}

export interface OperationContext {
  core: Core;
  /** The terminal's prompt and waits; the window has none (it asks for a code in its own dialog). */
  interaction?: TerminalInteraction;
  app?: AppContext;
}

type Run<N extends OperationName> = (
  context: OperationContext,
  input: ParsedInput<N>,
) => Promise<z.input<(typeof OPERATIONS)[N]['output']>> | z.input<(typeof OPERATIONS)[N]['output']>;

/** The window's own operations run only where the app gave its context. */
function appOf(context: OperationContext): AppContext {
  if (!context.app) throw new Error('This operation belongs to the app window and needs its context.');
  return context.app;
}

const RUNS: { [N in OperationName]: Run<N> } = {
  'app:info': (context) => appOf(context).info(),
  'catalog:list': ({ core }) => list(core),
  'sessions:list': async ({ core, app }) => {
    const overview = await sessionsOverview(core);
    const renewal = currentRenewalProblems(app?.renewalMarks() ?? [], overview.sessions);
    return {
      ...overview,
      sessions: overview.sessions.map((s) => {
        const problem = s.kind === 'role' && s.state !== 'expired' ? renewal.get(s.name) : undefined;
        return problem ? { ...s, renewal: problem } : s;
      }),
      // The instant the states were computed for, on main's clock, so the page can tell how far
      // its own clock is off (and which moment "expiring" meant).
      takenAt: new Date(overview.now).toISOString(),
    };
  },
  'user:save': ({ core }, input) => saveUser(core, input),
  'user:remove': async ({ core }, input) => {
    await removeUser(core, input);
    return {};
  },
  'role:save': ({ core }, input) => addRole(core, input),
  'role:remove': async ({ core }, input) => {
    await removeRole(core, input);
    return {};
  },
  'role:discover': ({ core, interaction }, input) => discoverRoles(core, input, interaction),
  'user:rotate': ({ core, interaction }, input) => rotateKey(core, input, interaction),
  'import:preview': ({ core }, input) => importProfiles(core, { dryRun: true, removePlaintext: input.removePlaintext }),
  'import:run': ({ core }, input) => importProfiles(core, { dryRun: false, removePlaintext: input.removePlaintext }),
  'session:assume': ({ core, interaction }, input) => assume(core, input, interaction),
  'session:stop': ({ core, interaction }, input) => stop(core, input, interaction?.onWaitForRole),
  'session:end-mfa': ({ core, interaction }, input) => endMfaSession(core, input, interaction?.onWaitForMfa),
  'session:copy-export': async (context, input) => {
    const exported = await exportText(context.core, input);
    // SECURITY: the export (keys and token) goes to the clipboard from main; the page learns only that it did.
    appOf(context).writeClipboard(exported.text);
    return { role: exported.role, format: input.format, expiresAt: exported.expiresAt, notices: exported.notices };
  },
  'session:export': ({ core, interaction }, input) => exportText(core, input, interaction),
  'session:export-server': ({ core }, input) => exportFromAppEndpoint(core, input),
  'session:credentials': async ({ core, interaction }, input) => {
    const { session, notices } = await roleCredentials(core, input, interaction);
    return { credentials: session, notices };
  },
  'console:signin-url': ({ core, interaction }, input) => consoleSignin(core, input, interaction),
  'console:open': async (context, { target, ...input }) => {
    const { url, ...opened } = await consoleSignin(context.core, input);
    // SECURITY: main opens the URL; what crosses to the page is the view without it.
    const partition = partitionOf(opened.assumedRoleArn) ?? 'aws';
    await appOf(context).openConsole({ role: opened.role, url, target, endsAt: opened.consoleEndsAt, partition });
    return opened;
  },
  'settings:update': ({ core }, input) => updateSettings(core, input),
  'assume:take-request': (context) => appOf(context).takeAssumeRequest(),
};

/** Runs an operation on input that already fits its schema (IPC parsed it to answer InvalidRequest). */
export async function runParsed<N extends OperationName>(name: N, context: OperationContext, input: ParsedInput<N>): Promise<OperationOutput<N>> {
  const run = RUNS[name] as Run<N>;
  // SECURITY: the output schema is the whitelist: whatever the core function's object carries
  // besides what the schema names (a secret, a field added tomorrow) is dropped here.
  return OPERATIONS[name].output.parse(await run(context, input)) as OperationOutput<N>;
}

/** Runs an operation on any input: a refusal names the field and what it expects (InvalidInputError). */
export function runOperation<N extends OperationName>(name: N, context: OperationContext, input: unknown): Promise<OperationOutput<N>> {
  const parsed = parseInput(OPERATIONS[name].input, input, OPERATIONS[name].subject) as ParsedInput<N>;
  return runParsed(name, context, parsed);
}
