import { mayEcho } from '../../common/rules';
import { InvalidInputError, isRolecallError } from '../core/errors';

/** The exit status of a usage error (bad arguments, options or input), as commander and shells use it. */
export const USAGE_EXIT = 2;
/** What `rolecall --help` says about exit statuses, for scripts. */
export const EXIT_CODES_HELP = `
Exit status:
  0    done
  1    it failed: AWS refused or was unreachable, the keychain was closed, a file could not be written
  ${USAGE_EXIT}    a usage error: a bad command, option or value (nothing was changed)
  130  cancelled at a prompt (Ctrl-C or Ctrl-D)
  exec exits with its command's status.

Times are shown in your local time zone; --json gives ISO 8601 UTC. Colour only on a terminal (NO_COLOR turns it off).`;

/** What to do after a usage error that has no more precise hint. */
export const USAGE_HINT = 'See rolecall --help, or rolecall <command> --help.';

// One place decides how the CLI speaks: results to stdout, everything for the person to stderr,
// errors as one or two lines with what to do, never a stack trace (unless ROLECALL_DEBUG=1).

export const say = (text: string): void => void process.stderr.write(`${text}\n`);
export const print = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

/**
 * Commander's usage errors with the values they refuse left out: a value typed in the wrong place
 * may be a secret (a secret key pasted into --access-key-id, a code, a token). Option names,
 * command names and commander's own suggestions stay; a quoted value stays only if it is one that
 * cannot be a secret (mayEcho).
 */
export function withoutRefusedValues(text: string): string {
  return (
    text
      // An unknown `--option=value`: the value may be the secret someone tried to pass.
      .replace(/(--?[\w-]+)=[^'"\s]*/g, '$1=…')
      .replace(/unknown option '([^\n]*?)'/g, (all, option: string) => (/^--?[a-z][a-z0-9-]{0,40}(=…)?$/.test(option) ? all : 'unknown option'))
      .replace(/unknown command '([^\n]*?)'/g, (all, command: string) => (mayEcho(command) ? all : 'unknown command'))
      // "option '--duration <seconds>' argument '…' is invalid", "command-argument value '…' is invalid"
      .replace(/(argument|value) '([^\n]*)' is invalid/g, (all, word: string, value: string) => (mayEcho(value) ? all : `${word} is invalid`))
  );
}

export function reportError(error: unknown): number {
  if (process.env.ROLECALL_DEBUG === '1') console.error(error);
  if (isRolecallError(error)) {
    if (error.code === 'Cancelled') {
      say('rolecall: cancelled.');
      return 130; // as a shell reports a command ended by Ctrl-C
    }
    // Refused input is a usage error whichever layer refused it (commander, zod, a rule).
    const usage = error instanceof InvalidInputError;
    say(`rolecall: ${error.message}`);
    if (error.hint ?? usage) say(`  ${error.hint ?? USAGE_HINT}`);
    return usage ? USAGE_EXIT : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  say(`rolecall: unexpected error: ${message.split('\n')[0]}`);
  say('  Set ROLECALL_DEBUG=1 for details, and please report it.');
  return 1;
}

/** Columns padded to their widest cell; `style` may colour a cell (after measuring: escapes have no width). */
export function table(rows: string[][], style: (row: number, column: number, cell: string) => string = (_r, _c, cell) => cell): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row, index) =>
      row
        .map((cell, column) => style(index, column, cell) + ' '.repeat(Math.max(0, (widths[column] ?? 0) - cell.length)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
