// The operation table, as main, the CLI, the preload's types and the tests all read it: one entry
// per operation with its input schema, its output schema (the whitelist of what leaves main), what
// it changes, and where it is reachable from: the window's IPC and the CLI's commands, or in words
// why not. main/core/operations/table.ts binds each entry to its core function; IPC registration
// (main/app/ipc.ts), the window's handlers (main/app/handlers.ts), the CLI (main/cli/program.ts)
// and the window's test bridge are all driven from it. docs/architecture.md, "The operation table".
//
// Adding an operation: an entry here, its run in main/core/operations/table.ts (the compiler asks
// for it), its channel in contract.ts's CHANNELS when the window calls it (the compiler checks the
// two agree), its CLI command, and its place in the window.
import { z } from './zod';
import {
  addRoleInput,
  assumeInput,
  consoleInput,
  consoleOpenInput,
  discoverRolesInput,
  rotateKeyInput,
  exportInput,
  nameInput,
  saveUserInput,
  serverExportInput,
  settingsPatchInput,
  stopInput,
} from './inputs';
import { COPY_EXPORT_FORMATS } from './export-formats';
import type { Channel } from './contract';
import {
  appInfoView,
  assumedView,
  assumeRequestedView,
  catalogListView,
  catalogRoleView,
  consoleOpenedView,
  consoleSigninView,
  copiedView,
  discoveryView,
  emptyView,
  exportTextView,
  importPlanView,
  keyRotatedView,
  mfaSessionEndedView,
  roleCredentialsView,
  serverExportView,
  sessionsView,
  settingsView,
  stoppedView,
  userSavedView,
} from './views';

/** What the window reads again after a change: the catalog (users, roles, settings) or the sessions. */
export type Changed = 'catalog' | 'sessions';

/** Why an operation is not reachable from one front end, said in the entry itself. */
export interface NotReachable {
  not: string;
}

export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, W extends true | NotReachable = true | NotReachable> {
  /** What it does, in one line. */
  summary: string;
  /** What its input is, for refusals: "Invalid <subject>: name: …". */
  subject: string;
  /** Every caller's argument is parsed with it first: IPC payloads, CLI input, tests. */
  input: I;
  /** The result is parsed with it before it leaves main: a field it does not name never crosses. */
  output: O;
  /** A read changes nothing (`[]`); a change says what to read again, possibly by what it was asked. */
  changes: readonly Changed[] | ((input: z.output<I>) => readonly Changed[]);
  /** `true`: one of the window's IPC channels. Otherwise why the window cannot call it. */
  window: W;
  /** The `rolecall` commands that run it, or why the CLI has none. */
  cli: readonly string[] | NotReachable;
}

function operation<I extends z.ZodType, O extends z.ZodType, W extends true | NotReachable>(spec: OperationSpec<I, O, W>): OperationSpec<I, O, W> {
  return spec;
}

const empty = z.strictObject({});
const readOnly: readonly Changed[] = [];
const sessions: readonly Changed[] = ['sessions'];
// A catalog change changes the sessions view too: which roles need a code, a role's profile.
const catalogAndSessions: readonly Changed[] = ['catalog', 'sessions'];

export const OPERATIONS = {
  'app:info': operation({
    summary: 'the app version, platform and OS locale',
    subject: 'request',
    input: empty,
    output: appInfoView,
    changes: readOnly,
    window: true,
    cli: { not: "rolecall --version prints the version; the platform and locale only choose the window's language" },
  }),
  'catalog:list': operation({
    summary: 'users, roles and settings, and whether the keychain could be read',
    subject: 'request',
    input: empty,
    output: catalogListView,
    changes: readOnly,
    window: true,
    cli: ['list'],
  }),
  'sessions:list': operation({
    // It also removes the profiles of sessions that have ended (named in the answer): housekeeping
    // of dead credentials, not a change the window must read again, so it counts as a read.
    summary: 'every cached session with its state and expiry, and which roles need an MFA code',
    subject: 'request',
    input: empty,
    output: sessionsView,
    changes: readOnly,
    window: true,
    cli: ['status', 'list'],
  }),
  'user:save': operation({
    summary: 'add a user (its key checked with AWS, its secret into the keychain) or edit one',
    subject: 'user',
    input: saveUserInput,
    output: userSavedView,
    changes: catalogAndSessions,
    window: true,
    cli: ['user add'],
  }),
  'user:remove': operation({
    summary: 'remove a user, its secret key and its MFA session',
    subject: 'user',
    input: nameInput,
    output: emptyView,
    changes: catalogAndSessions,
    window: true,
    cli: ['user remove'],
  }),
  'role:save': operation({
    summary: 'add or replace a role',
    subject: 'role',
    input: addRoleInput,
    output: catalogRoleView,
    changes: catalogAndSessions,
    window: true,
    cli: ['role add'],
  }),
  'role:remove': operation({
    summary: 'remove a role, its profile and its cached session',
    subject: 'role',
    input: nameInput,
    output: emptyView,
    changes: catalogAndSessions,
    window: true,
    cli: ['role remove'],
  }),
  'role:discover': operation({
    summary: "the roles whose trust policy lets a user assume them (IAM's ListRoles), optionally adding chosen ones",
    subject: 'discovery request',
    input: discoverRolesInput,
    output: discoveryView,
    changes: (input) => (input.add?.length ? catalogAndSessions : readOnly),
    window: true,
    cli: ['role discover'],
  }),
  'user:rotate': operation({
    summary: "replace a user's access key: a new one made, checked with STS and stored, the old one deactivated and deleted; an interrupted rotation finished or undone",
    subject: 'rotation request',
    input: rotateKeyInput,
    output: keyRotatedView,
    changes: catalogAndSessions,
    window: true,
    cli: ['user rotate'],
  }),
  'import:preview': operation({
    summary: 'what importing the shared AWS files would bring in and remove, changing nothing',
    subject: 'import options',
    // The same options as the run, so the preview says exactly what that run would do.
    input: z.strictObject({ removePlaintext: z.boolean().default(false) }),
    output: importPlanView,
    changes: readOnly,
    window: true,
    cli: ['import'],
  }),
  'import:run': operation({
    summary: 'import users and roles from the shared AWS files, optionally deleting their plaintext keys',
    subject: 'import options',
    // The window always says whether to remove the plaintext keys: no default decides for it.
    input: z.strictObject({ removePlaintext: z.boolean() }),
    output: importPlanView,
    changes: catalogAndSessions,
    window: true,
    cli: ['import'],
  }),
  'session:assume': operation({
    summary: 'assume a role (through its chain) and write its profile',
    subject: 'role',
    input: assumeInput,
    output: assumedView,
    changes: sessions,
    window: true,
    cli: ['assume'],
  }),
  'session:stop': operation({
    summary: "remove a role's profile and cached session, or every role's",
    subject: 'stop request',
    input: stopInput,
    output: stoppedView,
    changes: sessions,
    window: true,
    cli: ['stop'],
  }),
  'session:end-mfa': operation({
    summary: "end a user's MFA session: the next role that needs it asks for a code again",
    subject: 'user',
    input: nameInput,
    output: mfaSessionEndedView,
    changes: sessions,
    window: true,
    cli: ['stop'],
  }),
  'session:copy-export': operation({
    summary: "copy a role's shell exports to the clipboard from main; the page learns only that it did",
    subject: 'export request',
    // The window copies for shells only (the CLI also prints dotenv and json).
    input: exportInput.extend({ format: z.enum(COPY_EXPORT_FORMATS) }),
    output: copiedView,
    changes: sessions,
    window: true,
    cli: { not: 'a terminal prints the statements instead: rolecall export (session:export)' },
  }),
  'session:export': operation({
    summary: "a role's credentials as shell statements, for a terminal",
    subject: 'export request',
    input: exportInput,
    output: exportTextView,
    changes: sessions,
    window: { not: 'its text holds the secret key and session token; the window copies through session:copy-export, main writing the clipboard' },
    cli: ['export'],
  }),
  'session:export-server': operation({
    summary: "the variables that point a shell at the running app's credential endpoint for a role (AWS_CONTAINER_CREDENTIALS_FULL_URI and its token)",
    subject: 'export request',
    input: serverExportInput,
    output: serverExportView,
    // The app grants the role a token (kept in the keychain, never in the catalog or a session).
    changes: readOnly,
    window: { not: "its text holds the endpoint's token for the role; the window only turns the endpoint on and off (settings)" },
    cli: ['export'],
  }),
  'session:credentials': operation({
    summary: "a role's temporary credentials, for credential_process and exec",
    subject: 'role',
    input: assumeInput.pick({ name: true, mfaCode: true }),
    output: roleCredentialsView,
    changes: sessions,
    window: { not: 'credentials never cross to the page' },
    cli: ['credential-process', 'exec'],
  }),
  'console:signin-url': operation({
    summary: 'a sign-in URL for the AWS console as a role (assumed first when it has no live session), for the terminal to open or print',
    subject: 'console request',
    input: consoleInput,
    output: consoleSigninView,
    changes: sessions,
    window: { not: 'its URL is a bearer credential for 15 minutes; the window calls console:open, and main opens the URL itself' },
    cli: ['console'],
  }),
  'console:open': operation({
    summary: "open the AWS console as a role, in the OS browser or Rolecall's own window; the page learns only that it opened",
    subject: 'console request',
    input: consoleOpenInput,
    output: consoleOpenedView,
    changes: sessions,
    window: true,
    cli: { not: 'the terminal opens the URL from its own process: rolecall console (console:signin-url)' },
  }),
  'settings:update': operation({
    summary: 'change settings; the others stay as they are',
    subject: 'settings',
    input: settingsPatchInput,
    output: settingsView,
    // The refresh lead moves the line between active and expiring, and both leads move the
    // scheduler's deadlines: the sessions view changes too.
    changes: (patch) => (patch.refreshLeadMinutes === undefined && patch.notifyLeadMinutes === undefined ? ['catalog'] : catalogAndSessions),
    window: true,
    cli: { not: "settings are the window's (its Settings dialog); the CLI follows them from the catalog" },
  }),
  'assume:take-request': operation({
    summary: 'the role the tray or a notification asked the window to assume, taken once',
    subject: 'request',
    input: empty,
    output: assumeRequestedView,
    changes: readOnly,
    window: true,
    cli: { not: 'a hand-off from the tray to the window; a terminal assumes directly' },
  }),
} as const;

export type OperationName = keyof typeof OPERATIONS;
export type OperationInput<N extends OperationName> = z.input<(typeof OPERATIONS)[N]['input']>;
/** The input once parsed (defaults filled in): what the core function receives. */
export type ParsedInput<N extends OperationName> = z.output<(typeof OPERATIONS)[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<(typeof OPERATIONS)[N]['output']>;

/** The operations the window may call: its IPC channels. */
export type WindowOperation = { [N in OperationName]: (typeof OPERATIONS)[N]['window'] extends true ? N : never }[OperationName];

// contract.ts lists the channels without zod (the preload bundles it); the two must name the same
// operations, or this stops compiling.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const CHANNELS_MATCH_THE_TABLE: Same<Channel, WindowOperation> = true;

/** What an operation changes for this input. */
export function changesOf<N extends OperationName>(name: N, input: ParsedInput<N>): readonly Changed[] {
  const changes = OPERATIONS[name].changes as OperationSpec['changes'];
  return typeof changes === 'function' ? changes(input) : changes;
}
