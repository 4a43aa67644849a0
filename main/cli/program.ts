import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createCore } from '../core/core';
import { InvalidInputError, isRolecallError, MFA_CODE_HINT, RolecallError } from '../core/errors';
import { credentialProcessJson } from '../core/exports/shell-format';
import { EXPORT_FORMATS, type ExportFormat } from '../../common/export-formats';
import type { OperationInput, OperationName, OperationOutput } from '../../common/operations';
import { KEPT_DETAILS, quoted, type KeychainState } from '../../common/rules';
import type { NoticeView, SessionStatus } from '../../common/contract';
import type { ClockReading } from '../../common/time';
import { runOperation, type TerminalInteraction } from '../core/operations/table';
import { openWithOs, REDIRECT_FILE_GRACE_MS, writeRedirectFile } from '../core/console/redirect-file';
import { consoleGraceMs, testClock } from '../core/test-hooks';
import { runWithCredentials, runWithEndpoint } from './exec-child';
import { paintFor, type Tone } from './colour';
import { cappedNote, clockTime, describeNotice, timeLeft, until } from './notice-text';
import { EXIT_CODES_HELP, print, reportError, say, table, USAGE_EXIT, USAGE_HINT, withoutRefusedValues } from './output';
import { discoveryTable, sayDiscovery } from './discovery-text';
import { sayRotation, sayRotationsInterrupted } from './rotation-text';
import { keyAgeText, sayOldKeys } from './key-age-text';
import { readSecret as readSecretFromTerminal, terminalMfaPrompt } from './terminal';
import { INIT_SHELLS, RC_LINES, shellInit, type CompletionWords, type InitShell } from './shell-init';
// The version is package.json's, the one the app reports too (app.getVersion reads the same file).
import packageJson from '../../package.json' with { type: 'json' };

function seconds(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of seconds, e.g. 3600.');
  return Number(value);
}

/** Commander's usage errors in the CLI's voice: one line of what, one of what to do. */
function usageError(text: string): string {
  const what = withoutRefusedValues(text.trim().replace(/^error: /, ''));
  const hint = /secret/i.test(what) ? 'The secret access key is read from stdin or a hidden prompt, never from a flag.' : USAGE_HINT;
  return `rolecall: ${what}\n  ${hint}\n`;
}

/** The CLI's way to reach the person: the terminal prompt, and a word while another process holds what it needs. */
const interaction: TerminalInteraction = {
  prompt: terminalMfaPrompt,
  onWaitForMfa: (user) => say(`Waiting for the MFA code being entered for ${user} in another Rolecall process…`),
  onWaitForRole: (role) => say(`Waiting for another Rolecall process to finish with ${role}; the stop follows it…`),
  onProgress: (line) => say(line),
};

/**
 * How every command reaches core: through the operation table, by name (main/core/operations/
 * table.ts), so the terminal and the window refuse the same input and get the same results.
 */
export type OperationRunner = <N extends OperationName>(name: N, input: OperationInput<N>) => Promise<OperationOutput<N>>;

export interface ProgramDeps {
  run: OperationRunner;
  /** Reads a secret from stdin or a hidden prompt. */
  readSecret?: (prompt: string) => Promise<string>;
  /** Core's clock (the credential endpoint renews ahead by it). */
  now?: () => number;
  /** The time now and the zone times are shown in (undefined: the system's). */
  clock?: () => ClockReading;
}

const systemClock = (): ClockReading => ({ now: Date.now() });

/** How a session's state looks on a terminal: expiring yellow, expired red, a capped one noted. */
function toneOf(session: { state: SessionStatus['state']; cappedBy?: SessionStatus['cappedBy'] | undefined }): Tone | undefined {
  if (session.state !== 'active') return session.state;
  return session.cappedBy ? 'note' : undefined;
}

/**
 * `list` and `status` work from the catalog and the files when the keychain cannot be read; this
 * says so (stderr, so `--json` stays clean), and what is unknown because of it.
 */
function sayKeychainClosed(keychain: KeychainState, unknown: string): void {
  if (keychain === 'ready') return;
  say(`rolecall: the OS keychain is ${keychain === 'locked' ? 'locked' : 'not reachable'}, so Rolecall cannot read ${unknown}.`);
  say(`  ${keychain === 'locked' ? 'Unlock it' : 'Start it'} and run the command again for the full picture.`);
}

function sayEndedProfilesRemoved(profiles: readonly string[] | undefined): void {
  if (profiles?.length) say(describeNotice({ kind: 'ended-profiles-removed', profiles: [...profiles] }, systemClock()));
}

function tell(notices: readonly NoticeView[], reading: ClockReading): void {
  for (const notice of notices) say(describeNotice(notice, reading));
}

/** `stop <name>` names a role, or else a user whose MFA session ends; neither is one refusal. */
function unknownStopTarget(name: string, error: unknown): unknown {
  if (!isRolecallError(error) || error.code !== 'UnknownUser') return error;
  return new RolecallError(`There is no role or user named ${quoted(name)}.`, 'rolecall list shows the names; rolecall stop --all stops every role.', 'UnknownRole');
}

export function buildProgram({ run, readSecret = readSecretFromTerminal, now = Date.now, clock = () => ({ now: now() }) }: ProgramDeps): Command {
  // Set before any subcommand is added: subcommands inherit these settings when created.
  const program = new Command('rolecall')
    .description('Keep AWS IAM user keys in the OS keychain and switch into IAM roles.')
    .version(packageJson.version)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(usageError(text)) })
    .addHelpText('after', EXIT_CODES_HELP);

  const user = program.command('user').description('manage IAM users (their secret keys live in the keychain)');
  user
    .command('add <name>')
    .description('add a user, or replace its key (keeping its MFA device and region unless told); the secret access key is read from stdin or a hidden prompt')
    .requiredOption('--access-key-id <id>', 'the access key id (AKIA…)')
    .option('--mfa-serial <arn>', 'the MFA device: arn:aws:iam::<account>:mfa/<name>')
    .option('--no-mfa-serial', "remove the user's MFA device")
    .option('--region <region>', 'the region for STS calls and written profiles')
    .option('--no-region', "remove the user's region")
    .action(async (name: string, options: { accessKeyId: string; mfaSerial?: string | false; region?: string | false }) => {
      const secretAccessKey = await readSecret(`Secret access key for ${options.accessKeyId}`);
      const { accessKeyId, mfaSerial, region } = options;
      // A detail not named is kept from the user as it was; --no-<detail> clears it.
      const keep = KEPT_DETAILS.filter((detail) => options[detail] === undefined);
      const added = await run('user:save', { name, accessKeyId, mfaSerial: mfaSerial || undefined, region: region || undefined, secretAccessKey, keep });
      say(`User ${added.name} saved; its secret access key is in the OS keychain.`);
      if (added.mfaSerial && added.kept?.includes('mfaSerial')) say(`Kept its MFA device ${added.mfaSerial} (--no-mfa-serial removes it).`);
      if (added.region && added.kept?.includes('region')) say(`Kept its region ${added.region} (--no-region removes it).`);
      say(
        added.identity
          ? `AWS knows this key as ${added.identity}.`
          : `The key was not checked: ${(added.unverifiedBecause ?? 'AWS STS was not reachable').replace(/\.$/, '')}.`,
      );
      if (added.keyCreatedAt) say(`IAM created this key on ${added.keyCreatedAt.slice(0, 10)} (${keyAgeText(added.keyCreatedAt, clock().now)}).`);
      else if (added.keyAgeUnknownBecause) say(`The key's age is unknown: ${added.keyAgeUnknownBecause}.`);
    });
  user
    .command('rotate <name>')
    .summary("replace the user's access key in one step: a new key checked and stored, the old one deleted")
    .description(
      "replace the user's access key: a new key made in IAM, checked with STS and stored in the keychain, the old key deactivated and deleted (needs iam:ListAccessKeys, CreateAccessKey, UpdateAccessKey, DeleteAccessKey on the user); an interrupted rotation is finished or undone first",
    )
    .option('--mfa-code <code>', "a 6-digit MFA code, if IAM allows managing keys only with MFA and the user's MFA session has ended")
    .option('--json', 'machine-readable output (never a secret)')
    .action(async (name: string, options: { mfaCode?: string; json?: boolean }) => {
      const rotated = await run('user:rotate', { name, mfaCode: options.mfaCode });
      tell(rotated.notices, clock());
      if (options.json) return print(JSON.stringify(rotated, null, 2));
      sayRotation(rotated);
    });
  user
    .command('remove <name>')
    .description('remove a user and its secrets from the keychain')
    .action(async (name: string) => {
      await run('user:remove', { name });
      say(`User ${name} removed.`);
    });

  const role = program.command('role').description('manage IAM roles');
  role
    .command('add <name>')
    .description('add or replace a role')
    .requiredOption('--role-arn <arn>', 'arn:aws:iam::<account>:role/<name>')
    .requiredOption('--source <name>', 'the user or role that assumes it')
    .option('--profile <profile>', 'the profile to write (default: the role name)')
    .option('--duration <seconds>', 'session length, 900–43200 (roles entered from the MFA session are capped at 3600)', seconds)
    .option('--direct', "assume from the long-term key with its own MFA code, for the role's full duration")
    .option('--external-id <id>', "the ExternalId the role's trust policy requires")
    .option('--session-name <name>', 'the RoleSessionName (default: the user name)')
    .option('--source-identity <id>', 'the SourceIdentity to set')
    .option('--region <region>', 'the region for the written profile')
    .action(async (name: string, options: Record<string, unknown>) => {
      const added = await run('role:save', { name, ...options, direct: options.direct === true } as OperationInput<'role:save'>);
      say(`Role ${added.name} saved (${added.roleArn}, via ${added.source}${added.direct ? ', direct' : ''}).`);
    });
  role
    .command('remove <name>')
    .description('remove a role, its profile and its cached session')
    .action(async (name: string) => {
      await run('role:remove', { name });
      say(`Role ${name} removed.`);
    });

  role
    .command('discover [user]')
    .description("find the roles whose trust policy lets a user assume them (IAM's ListRoles; needs iam:ListRoles), and add chosen ones")
    .option('--add <roles...>', 'add these roles (IAM role names) to the catalog, with the user as source')
    .option('--direct', 'with --add: a role that needs MFA and allows more than 1 h becomes a direct role for its full length (one MFA code per assume)')
    .option('--mfa-code <code>', "a 6-digit MFA code, if IAM lists roles only with MFA and the user's MFA session has ended")
    .option('--json', 'machine-readable output')
    .action(async (name: string | undefined, options: { add?: string[]; direct?: boolean; mfaCode?: string; json?: boolean }) => {
      const found = await run('role:discover', { user: name, add: options.add, direct: options.direct === true, mfaCode: options.mfaCode });
      tell(found.notices, clock());
      if (options.json) return print(JSON.stringify(found, null, 2));
      if (found.roles.length) print(discoveryTable(found));
      sayDiscovery(found, options.add !== undefined);
    });

  program
    .command('import')
    .description('import users and roles from the shared AWS files')
    .option('--dry-run', 'show what would be imported, change nothing')
    .option('--remove-plaintext', 'delete imported secret keys from the credentials file once the keychain holds them')
    .action(async (options: { dryRun?: boolean; removePlaintext?: boolean }) => {
      const removePlaintext = options.removePlaintext === true;
      // The dry run is the same run without the writes: what it prints is what the real run does.
      const plan = options.dryRun ? await run('import:preview', { removePlaintext }) : await run('import:run', { removePlaintext });
      const [verb, remove] = options.dryRun ? ['would import', 'would remove'] : ['imported', 'removed'];
      for (const u of plan.users) say(`${verb} user ${u.name} (${u.accessKeyId}${u.mfaSerial ? `, MFA ${u.mfaSerial}` : ''})`);
      for (const r of plan.roles) {
        say(`${verb} role ${r.name} (${r.roleArn}, ${r.how ?? `via ${r.source}`}${r.profile && r.profile !== r.name ? `; writes profile ${r.profile}` : ''})`);
      }
      for (const s of plan.skipped) say(`skipped ${s.name}: ${s.reason}`);
      for (const l of plan.leftAlone ?? []) say(`left alone ${l.name}: ${l.reason}`);
      for (const p of plan.plaintextRemoved) say(`${remove} the plaintext key of ${p} from the credentials file`);
      for (const k of plan.plaintextKept ?? []) say(`kept the plaintext key of ${k.name}: ${k.reason}`);
      for (const o of plan.orphanedProfiles) {
        say(`aws --profile ${o.profile} used that key and no longer works${o.useInstead ? `: use --profile ${o.useInstead} after rolecall assume ${o.profile}` : ''}`);
      }
      if (!plan.users.length && !plan.roles.length) say('Nothing to import.');
    });

  program
    .command('list')
    .description('list users and roles')
    .option('--json', 'machine-readable output')
    .option('--names', 'role names only, one a line (what shell completion reads)')
    .action(async (options: { json?: boolean; names?: boolean }) => {
      if (options.names) {
        const { roles } = await run('catalog:list', {});
        return roles.length ? print(roles.map((r) => r.name).join('\n')) : undefined;
      }
      // Both at once: the catalog, and the sessions for the SESSION column.
      const [catalog, { sessions, endedProfilesRemoved }] = await Promise.all([run('catalog:list', {}), run('sessions:list', {})]);
      sayEndedProfilesRemoved(endedProfilesRemoved);
      if (options.json) return print(JSON.stringify(catalog, null, 2));
      sayKeychainClosed(catalog.keychain, "whether each user's key is stored");
      if (!catalog.users.length && !catalog.roles.length) return say('No users yet. Start with: rolecall user add <name> --access-key-id <AKIA…>');
      const reading = clock();
      const sessionOf = (kind: SessionStatus['kind'], name: string) => sessions.find((s) => s.kind === kind && s.name === name);
      const rows = [['NAME', 'KIND', 'DETAIL', 'VIA', 'SESSION']];
      const tones: (Tone | undefined)[] = [undefined];
      const addRow = (cells: string[], session: SessionStatus | undefined) => {
        const note = session?.cappedBy ? `, ${cappedNote(session.cappedBy)}` : '';
        rows.push([...cells, session ? `${until(session.expiresAt, reading)}${note}` : '-']);
        tones.push(session && toneOf(session));
      };
      for (const u of catalog.users) {
        const age = u.keyCreatedAt ? ` (${keyAgeText(u.keyCreatedAt, reading.now)})` : '';
        addRow([u.name, 'user', `${u.accessKeyId}${age}`, u.mfaSerial ? `MFA ${u.mfaSerial}` : 'no MFA'], sessionOf('mfa-session', u.name));
      }
      for (const r of catalog.roles) addRow([r.name, 'role', r.roleArn, `${r.source}${r.direct ? ' (direct)' : ''}`], sessionOf('role', r.name));
      const paint = paintFor(process.stdout);
      print(table(rows, (row, column, text) => (column === 4 ? paint(tones[row], text) : text)));
    });

  program
    .command('assume <role>')
    .description('assume a role and write its credentials to its profile')
    .option('--mfa-code <code>', 'a 6-digit MFA code (asked on the terminal when needed)')
    .option('--duration <seconds>', 'session length for this assume', seconds)
    .action(async (name: string, options: { mfaCode?: string; duration?: number }) => {
      const result = await run('session:assume', { name, ...options });
      const reading = clock();
      tell(result.notices, reading);
      say(`${result.role}: profile ${result.profile} ${result.fromCache ? 'refreshed from the cached session' : 'written'}, valid ${until(result.expiresAt, reading)}.`);
      say(`Use it with: aws --profile ${result.profile} …  or  export AWS_PROFILE=${result.profile}`);
    });

  program
    .command('export <role>')
    .description("print shell statements that export the role's credentials")
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).default('bash'))
    .option('--mfa-code <code>', 'a 6-digit MFA code (asked on the terminal when needed)')
    .option(
      '--server',
      "instead of static keys, point the shell at the running app's credential endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI and its token), which keeps the role renewed all day",
    )
    .addHelpText(
      'after',
      [
        '',
        "--server needs the app running with 'Serve credentials to shells' on (Settings). The endpoint listens on",
        '127.0.0.1 only; the token opens this one role, for as long as this run of the app lasts. AWS SDKs and the',
        'AWS CLI fetch and refresh the credentials themselves. When the MFA session ends, the app asks for a code.',
        '  eval "$(rolecall export deploy --server)"',
      ].join('\n'),
    )
    .action(async (name: string, options: { format: ExportFormat; mfaCode?: string; server?: boolean }) => {
      if (options.server) {
        if (options.mfaCode !== undefined) {
          throw new InvalidInputError('--server takes no --mfa-code: the app renews the role, and asks for a code in its window when one is needed.', '--mfa-code');
        }
        const pointed = await run('session:export-server', { name, format: options.format });
        // To the person (stderr); stdout is the statements a shell evaluates.
        say(`${pointed.role}: served by the running Rolecall app, renewed while it runs.`);
        print(pointed.text);
        return;
      }
      const exported = await run('session:export', { name, format: options.format, mfaCode: options.mfaCode });
      const reading = clock();
      tell(exported.notices, reading);
      // To the person (stderr); stdout is the statements a shell evaluates.
      say(`${exported.role}: credentials valid ${until(exported.expiresAt, reading)}.`);
      print(exported.text);
    });

  program
    .command('credential-process <role>')
    .description('print credentials in the credential_process format (for ~/.aws/config)')
    .action(async (name: string) => {
      try {
        const { credentials } = await run('session:credentials', { name });
        print(credentialProcessJson(credentials));
      } catch (error) {
        // credential-process has no --mfa-code (AWS tools run it with a fixed command line): the
        // code goes to an assume, whose MFA session credential-process then rides.
        if (isRolecallError(error) && error.hint === MFA_CODE_HINT) {
          throw new RolecallError(
            error.message,
            `Start the session from a terminal first: rolecall assume ${name} (it asks for the code, or take --mfa-code <6 digits>); credential_process then uses it.`,
            error.code,
          );
        }
        throw error;
      }
    });

  program
    .command('exec <role>')
    .description("run a command with the role's credentials in its environment")
    .argument('<command...>', 'the command and its arguments, after --')
    .option('--mfa-code <code>', 'a 6-digit MFA code (asked on the terminal when needed)')
    .option(
      '--server',
      'instead of static keys, serve the role from a local endpoint (127.0.0.1, a token for this run) that renews it for as long as the command runs: AWS SDKs and the AWS CLI read AWS_CONTAINER_CREDENTIALS_FULL_URI',
    )
    .action(async (name: string, command: string[], options: { mfaCode?: string; server?: boolean }) => {
      // Asked first, also with --server: an unknown role or a needed MFA code stops here, before the command starts.
      const { credentials, notices } = await run('session:credentials', { name, mfaCode: options.mfaCode });
      tell(notices, clock());
      if (!options.server) {
        process.exitCode = await runWithCredentials(command, credentials);
        return;
      }
      // Each request the endpoint answers is one session:credentials run: the cached session while
      // it has more than the reuse margin left, else one renewed from its parent.
      const current = async (role: string) => {
        const answer = await run('session:credentials', { name: role });
        tell(answer.notices, clock());
        return answer.credentials;
      };
      process.exitCode = await runWithEndpoint(command, { role: name, region: credentials.region, credentials: current, now });
    });

  program
    .command('console <role>')
    .description('open the AWS console as the role in your browser (assuming it first when it has no live session)')
    .option('--print', 'print the sign-in URL instead of opening it, and nothing else (it signs in whoever opens it within 15 minutes)')
    .option('--destination <service-or-url>', 'where the console opens: a service (ec2, s3, iam…) or a console URL (default: the console home)')
    .option('--region <region>', "the console's region (default: the role's, else its user's, else AWS_REGION)")
    .option('--mfa-code <code>', 'a 6-digit MFA code (asked on the terminal when needed)')
    .addHelpText(
      'after',
      [
        '',
        'A role assumed directly from the long-term key (role add --direct) gets a console session as long as its',
        'role session, up to 12 h; any other role (from the MFA session, or chained) gets a console that ends',
        'with its role session, at most 1 h after it was assumed: AWS allows no longer for these.',
        '',
        'The sign-in URL is a credential: Rolecall never logs it and, to open it, hands your browser a page only',
        'you can read (never the URL on a command line other users could see), removed 15 s later.',
      ].join('\n'),
    )
    .action(async (name: string, options: { print?: boolean; destination?: string; region?: string; mfaCode?: string }) => {
      const signin = await run('console:signin-url', { name, destination: options.destination, region: options.region, mfaCode: options.mfaCode });
      const reading = clock();
      tell(signin.notices, reading);
      const ends = until(signin.consoleEndsAt, reading);
      say(
        signin.lastsFor === 'session-duration'
          ? `${signin.role}: the console session lasts ${ends}.`
          : `${signin.role}: the console session lasts as long as the role session, ${ends}; AWS allows no longer for a role not assumed directly from the long-term key.`,
      );
      if (options.print) return print(signin.url);
      await openInBrowser(signin.url);
      say(`Opened the AWS console as ${signin.role} in your browser.`);
    });

  program
    .command('status')
    .description('show sessions and when they expire')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const { sessions, keychain, endedProfilesRemoved, oldKeys, rotationsInterrupted } = await run('sessions:list', {});
      sayEndedProfilesRemoved(endedProfilesRemoved);
      sayKeychainClosed(keychain, 'its sessions: shown are only the profiles it wrote');
      sayRotationsInterrupted(rotationsInterrupted ?? []);
      sayOldKeys((oldKeys ?? []).filter((k) => !rotationsInterrupted?.includes(k.user)));
      if (options.json) return print(JSON.stringify(sessions, null, 2));
      if (!sessions.length) return say(keychain === 'ready' ? 'No sessions. Assume a role with: rolecall assume <role>' : 'No profile written.');
      const reading = clock();
      const rows = [['NAME', 'KIND', 'PROFILE', 'STATE', 'UNTIL', 'LEFT', 'CHAIN']];
      for (const s of sessions) {
        const state = s.state + (s.cappedBy ? ` (${cappedNote(s.cappedBy)})` : '');
        rows.push([s.name, s.kind, s.profile ?? '-', state, clockTime(s.expiresAt, reading), timeLeft(s.expiresAt, reading.now), s.chain.join(' → ')]);
      }
      // Times are local (the date shown when not today); --json keeps ISO 8601 UTC for scripts.
      const paint = paintFor(process.stdout);
      print(table(rows, (row, column, text) => (row > 0 && column >= 3 && column <= 5 ? paint(toneOf(sessions[row - 1]!), text) : text)));
    });

  program
    .command('stop [name]')
    .description("remove a role's profile and cached session; given a user, end its MFA session")
    .option('--all', 'stop every role')
    .action(async (name: string | undefined, options: { all?: boolean }) => {
      if (!name === !options.all) throw new InvalidInputError('Name one role (or user) to stop, or pass --all (not both).', undefined, 'Example: rolecall stop admin');
      if (options.all || name === undefined) return sayStopped(await run('session:stop', { all: true }), clock());
      try {
        return sayStopped(await run('session:stop', { name }), clock());
      } catch (error) {
        if (!isRolecallError(error) || error.code !== 'UnknownRole') throw error;
      }
      // Not a role: a user, whose MFA session ends.
      const ended = await run('session:end-mfa', { name }).catch((error: unknown) => {
        throw unknownStopTarget(name, error);
      });
      say(ended.ended ? `Ended the MFA session of ${ended.user}: the next role that needs it asks for a code.` : `${ended.user} had no MFA session.`);
      if (ended.rolesStillLive.length) {
        say(`Role sessions started from ${ended.user} stay valid until they expire: ${ended.rolesStillLive.join(', ')}.`);
        say('  rolecall stop <role> ends one, rolecall stop --all every one.');
      }
    });

  program
    .command('shell-init')
    .description(
      'print the shell function rc (rc use <role> exports a role into the current shell, rc clear unsets it) and completions; README\'s "Shell integration" shows the line for your rc file',
    )
    .addArgument(new Argument('<shell>', 'the shell to print it for').choices(INIT_SHELLS))
    .addHelpText('after', `\nAdd one line to your shell's rc file:\n${INIT_SHELLS.map((shell) => `  ${RC_LINES[shell]}`).join('\n')}`)
    .action((shell: InitShell) => print(shellInit(shell, completionWords(program))));

  return program;
}

/** Opens the sign-in URL through a private redirect page (main/core/console/redirect-file.ts), never on argv. */
async function openInBrowser(url: string): Promise<void> {
  const file = writeRedirectFile(url);
  try {
    await openWithOs(file.path);
  } catch (error) {
    file.remove();
    throw new RolecallError(
      `Could not open your browser: ${error instanceof Error ? error.message : 'the opener failed'}.`,
      'Run rolecall console <role> --print and open the URL yourself.',
    );
  }
  // The browser reads the page in its own time; the page goes once it has had that time.
  await new Promise((resolve) => setTimeout(resolve, consoleGraceMs ?? REDIRECT_FILE_GRACE_MS));
  file.remove();
}

/** Commands whose first argument names a role (for stop, a role or a user). */
const ROLE_COMMANDS = ['assume', 'export', 'exec', 'credential-process', 'stop'];

/** What the shells complete, read from the program so that a new command completes too. */
function completionWords(program: Command): CompletionWords {
  const groups = Object.fromEntries(program.commands.filter((c) => c.commands.length).map((c) => [c.name(), c.commands.map((sub) => sub.name())]));
  return { commands: program.commands.map((c) => c.name()), roleCommands: ROLE_COMMANDS, groups };
}

function sayStopped({ stopped, notices }: OperationOutput<'session:stop'>, reading: ClockReading): void {
  tell(notices, reading);
  say(stopped.length ? `Stopped ${stopped.join(', ')}.` : 'Nothing was running.');
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    // Tests set the clock (main/core/test-hooks.ts); every real run reads the wall clock.
    const core = createCore({
      now: testClock,
      onUnreadableSecret: (account) => say(`rolecall: note: the keychain item ${account} holds nothing Rolecall can read; it is treated as missing.`),
    });
    const run: OperationRunner = (name, input) => runOperation(name, { core, interaction }, input);
    await buildProgram({ run, now: core.now }).parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT;
    return reportError(error);
  }
}
