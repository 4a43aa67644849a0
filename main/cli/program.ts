import { spawn } from 'node:child_process';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createCore } from '../core/core';
import { InvalidInputError, isRolecallError, MFA_CODE_HINT, RolecallError } from '../core/errors';
import { credentialProcessJson, exportVariables, PROFILE_VARIABLES, type ExportableSession } from '../core/exports/shell-format';
import { EXPORT_FORMATS, type ExportFormat } from '../../common/export-formats';
import type { OperationInput, OperationName, OperationOutput } from '../../common/operations';
import { KEPT_DETAILS, quoted, type KeychainState } from '../../common/rules';
import type { NoticeView } from '../../common/contract';
import { runOperation, type TerminalInteraction } from '../core/operations/table';
import { discoveryTable, sayDiscovery } from './discovery-text';
import { describeNotice, timeLeft } from './notice-text';
import { keyAgeText, sayOldKeys } from './key-age-text';
import { print, reportError, say, table, USAGE_EXIT, USAGE_HINT, withoutRefusedValues } from './output';
import { readSecret as readSecretFromTerminal, terminalMfaPrompt } from './terminal';
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

function tell(notices: readonly NoticeView[]): void {
  for (const notice of notices) say(describeNotice(notice));
}

/** `stop <name>` names a role, or else a user whose MFA session ends; neither is one refusal. */
function unknownStopTarget(name: string, error: unknown): unknown {
  if (!isRolecallError(error) || error.code !== 'UnknownUser') return error;
  return new RolecallError(`There is no role or user named ${quoted(name)}.`, 'rolecall list shows the names; rolecall stop --all stops every role.', 'UnknownRole');
}

export function buildProgram({ run, readSecret = readSecretFromTerminal }: ProgramDeps): Command {
  // Set before any subcommand is added: subcommands inherit these settings when created.
  const program = new Command('rolecall')
    .description('Keep AWS IAM user keys in the OS keychain and switch into IAM roles.')
    .version(packageJson.version)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(usageError(text)) });

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
      if (added.keyCreatedAt) say(`IAM created this key on ${added.keyCreatedAt.slice(0, 10)} (${keyAgeText(added.keyCreatedAt, Date.now())}).`);
      else if (added.keyAgeUnknownBecause) say(`The key's age is unknown: ${added.keyAgeUnknownBecause}.`);
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
      tell(found.notices);
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
      const plan = options.dryRun ? await run('import:preview', {}) : await run('import:run', { removePlaintext: options.removePlaintext === true });
      const verb = options.dryRun ? 'would import' : 'imported';
      for (const u of plan.users) say(`${verb} user ${u.name} (${u.accessKeyId}${u.mfaSerial ? `, MFA ${u.mfaSerial}` : ''})`);
      for (const r of plan.roles) say(`${verb} role ${r.name} (${r.roleArn}, via ${r.source}${r.profile && r.profile !== r.name ? `, profile ${r.profile}` : ''})`);
      for (const s of plan.skipped) say(`skipped ${s.name}: ${s.reason}`);
      for (const p of plan.plaintextRemoved) say(`removed the plaintext key of ${p} from the credentials file`);
      for (const o of plan.orphanedProfiles) {
        say(`aws --profile ${o.profile} used that key and no longer works${o.useInstead ? `: use --profile ${o.useInstead} after rolecall assume ${o.profile}` : ''}`);
      }
      if (!plan.users.length && !plan.roles.length) say('Nothing to import.');
    });

  program
    .command('list')
    .description('list users and roles')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const catalog = await run('catalog:list', {});
      if (options.json) return print(JSON.stringify(catalog, null, 2));
      sayKeychainClosed(catalog.keychain, "whether each user's key is stored");
      if (!catalog.users.length && !catalog.roles.length) return say('No users yet. Start with: rolecall user add <name> --access-key-id <AKIA…>');
      const rows = [['NAME', 'KIND', 'DETAIL', 'VIA']];
      for (const u of catalog.users) {
        const age = u.keyCreatedAt ? ` (${keyAgeText(u.keyCreatedAt, Date.now())})` : '';
        rows.push([u.name, 'user', `${u.accessKeyId}${age}`, u.mfaSerial ? `MFA ${u.mfaSerial}` : 'no MFA']);
      }
      for (const r of catalog.roles) rows.push([r.name, 'role', r.roleArn, `${r.source}${r.direct ? ' (direct)' : ''}`]);
      print(table(rows));
    });

  program
    .command('assume <role>')
    .description('assume a role and write its credentials to its profile')
    .option('--mfa-code <code>', 'a 6-digit MFA code (asked on the terminal when needed)')
    .option('--duration <seconds>', 'session length for this assume', seconds)
    .action(async (name: string, options: { mfaCode?: string; duration?: number }) => {
      const result = await run('session:assume', { name, ...options });
      tell(result.notices);
      say(
        `${result.role}: profile ${result.profile} ${result.fromCache ? 'refreshed from the cached session' : 'written'}, valid until ${result.expiresAt} (${timeLeft(result.expiresAt, Date.now())}).`,
      );
      say(`Use it with: aws --profile ${result.profile} …  or  export AWS_PROFILE=${result.profile}`);
    });

  program
    .command('export <role>')
    .description("print shell statements that export the role's credentials")
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).default('bash'))
    .option('--mfa-code <code>', 'a 6-digit MFA code (asked on the terminal when needed)')
    .action(async (name: string, options: { format: ExportFormat; mfaCode?: string }) => {
      const exported = await run('session:export', { name, format: options.format, mfaCode: options.mfaCode });
      tell(exported.notices);
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
    .action(async (name: string, command: string[], options: { mfaCode?: string }) => {
      const { credentials, notices } = await run('session:credentials', { name, mfaCode: options.mfaCode });
      tell(notices);
      process.exitCode = await runWithCredentials(command, credentials);
    });

  program
    .command('status')
    .description('show sessions and when they expire')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const { sessions, keychain, oldKeys } = await run('sessions:list', {});
      sayKeychainClosed(keychain, 'its sessions: shown are only the profiles it wrote');
      sayOldKeys(oldKeys ?? []);
      if (options.json) return print(JSON.stringify(sessions, null, 2));
      if (!sessions.length) return say(keychain === 'ready' ? 'No sessions. Assume a role with: rolecall assume <role>' : 'No profile written.');
      const rows = [['NAME', 'KIND', 'PROFILE', 'STATE', 'EXPIRES', 'LEFT', 'CHAIN']];
      for (const s of sessions) {
        rows.push([s.name, s.kind, s.profile ?? '-', s.state + (s.cappedBy ? ' (capped 1 h)' : ''), s.expiresAt, timeLeft(s.expiresAt, Date.now()), s.chain.join(' → ')]);
      }
      print(table(rows));
    });

  program
    .command('stop [name]')
    .description("remove a role's profile and cached session; given a user, end its MFA session")
    .option('--all', 'stop every role')
    .action(async (name: string | undefined, options: { all?: boolean }) => {
      if (!name === !options.all) throw new InvalidInputError('Name one role (or user) to stop, or pass --all (not both).', undefined, 'Example: rolecall stop admin');
      if (options.all || name === undefined) return sayStopped(await run('session:stop', { all: true }));
      try {
        return sayStopped(await run('session:stop', { name }));
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

  return program;
}

function sayStopped({ stopped }: { stopped: string[] }): void {
  say(stopped.length ? `Stopped ${stopped.join(', ')}.` : 'Nothing was running.');
}

function runWithCredentials(command: string[], session: ExportableSession): Promise<number> {
  const env = { ...process.env };
  for (const name of PROFILE_VARIABLES) delete env[name];
  for (const [name, value] of exportVariables(session)) env[name] = value;
  const [file, ...args] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(file!, args, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new RolecallError(`Cannot run '${file}': ${error.code === 'ENOENT' ? 'command not found' : error.message}.`)),
    );
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    const core = createCore({
      onUnreadableSecret: (account) => say(`rolecall: note: the keychain item ${account} holds nothing Rolecall can read; it is treated as missing.`),
    });
    const run: OperationRunner = (name, input) => runOperation(name, { core, interaction }, input);
    await buildProgram({ run }).parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT;
    return reportError(error);
  }
}
