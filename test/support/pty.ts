import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** util-linux's `script`: runs a command on a real pseudo-terminal (stdin, stdout and stderr a tty). */
export const SCRIPT = '/usr/bin/script';
export const hasScript = existsSync(SCRIPT);

const shellQuoted = (part: string) => `'${part.replaceAll("'", `'\\''`)}'`;

/**
 * Runs a command on a pseudo-terminal and returns what the terminal showed (stdout and stderr
 * together, lines ending in CRLF as a tty writes them). `answers` are typed in order, each once the
 * screen shows its `after` text (typed ahead, keys race the prompt's opening of /dev/tty).
 */
export function onTerminal(
  command: string[],
  env: NodeJS.ProcessEnv,
  answers: readonly { after: string | RegExp; keys: string | (() => string) }[] = [],
): Promise<{ code: number; screen: string }> {
  const child = spawn(SCRIPT, ['-qec', command.map(shellQuoted).join(' '), '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let next = 0;
  let seenUpTo = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk;
    const answer = answers[next];
    if (!answer) return;
    const rest = screen.slice(seenUpTo);
    const found = typeof answer.after === 'string' ? rest.includes(answer.after) : answer.after.test(rest);
    if (found) {
      next++;
      seenUpTo = screen.length;
      child.stdin.write(typeof answer.keys === 'string' ? answer.keys : answer.keys());
    }
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, screen })));
}
