import { openSync, closeSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import { read } from 'read';
import { MfaCodeRequiredError, RolecallError } from '../core/errors';
import type { MfaPrompt } from '../core/sessions/mfa-codes';

// Prompts go to the controlling terminal (/dev/tty), never stdout: `eval $(rolecall export …)`
// and credential_process read stdout, and a prompt there would corrupt what they read.

interface Tty {
  input: ReadStream;
  output: WriteStream;
  close(): void;
}

function openTty(): Tty | undefined {
  if (process.env.ROLECALL_NO_TTY === '1') return undefined;
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return undefined; // no controlling terminal: a CI job, a GUI-launched tool, a pipe
  }
  const input = new ReadStream(fd);
  const output = new WriteStream(fd);
  return {
    input,
    output,
    close: () => {
      input.destroy();
      output.destroy();
      try {
        closeSync(fd);
      } catch {
        // already closed by the streams
      }
    },
  };
}

async function ask(prompt: string, silent: boolean): Promise<string | undefined> {
  const tty = openTty();
  if (!tty) return undefined;
  // `read` settles on Enter and Ctrl-C but never on Ctrl-D (end of input): watch for it here,
  // or a person closing the prompt would leave the command (and the MFA lock) hanging.
  let onData: ((chunk: Buffer | string) => void) | undefined;
  const endOfInput = new Promise<never>((_, reject) => {
    const cancel = () => reject(new Error('canceled'));
    onData = (chunk) => {
      if (String(chunk).includes('\u0004')) cancel();
    };
    tty.input.on('data', onData).once('end', cancel).once('close', cancel);
  });
  try {
    const answer = read({ prompt, silent, replace: silent ? '' : undefined, input: tty.input, output: tty.output, terminal: true });
    return String(await Promise.race([answer, endOfInput]));
  } catch (error) {
    if ((error as Error).message !== 'canceled') throw error;
    tty.output.write('\n'); // the next message starts on its own line, not after the prompt
    throw new RolecallError('Cancelled.', undefined, 'Cancelled');
  } finally {
    if (onData) tty.input.off('data', onData);
    endOfInput.catch(() => undefined);
    tty.close();
  }
}

/**
 * Reads an MFA code key by key, as the window's dialog takes it: digits only (spaces and dashes,
 * typed or pasted, are skipped), Backspace takes one back, and the sixth digit submits (Enter is
 * not needed; an Enter before six digits is ignored). Ctrl-C and Ctrl-D cancel.
 */
function readCode(tty: Tty, prompt: string): Promise<string> {
  const { input, output } = tty;
  // Raw first, then the prompt: a key typed the moment the prompt shows (Ctrl-C above all) must
  // reach us as a key, not be turned into a signal by a terminal still in cooked mode.
  input.setRawMode(true);
  output.write(prompt);
  return new Promise<string>((resolve, reject) => {
    let digits = '';
    const finish = (error?: Error) => {
      input.off('data', onData).off('end', onEnd).off('close', onEnd);
      input.setRawMode(false);
      output.write('\r\n');
      if (error) reject(error);
      else resolve(digits);
    };
    const onEnd = () => finish(new RolecallError('Cancelled.', undefined, 'Cancelled'));
    const onData = (chunk: Buffer | string) => {
      for (const key of String(chunk)) {
        if (key === '\u0003' || key === '\u0004') return onEnd();
        if (key === '\u007f' || key === '\b') {
          if (digits) output.write('\b \b');
          digits = digits.slice(0, -1);
        } else if (/^\d$/.test(key)) {
          digits += key;
          output.write(key);
          // The rest of a pasted chunk (a newline, say) is dropped with the prompt.
          if (digits.length === 6) return finish();
        }
      }
    };
    input.on('data', onData).once('end', onEnd).once('close', onEnd);
  });
}

/** Asks for an MFA code on the terminal (again, saying why, after AWS refused one), or throws when there is no terminal. */
export const terminalMfaPrompt: MfaPrompt = async (request) => {
  const tty = openTty();
  if (!tty) throw new MfaCodeRequiredError(request.user, request.purpose);
  try {
    if (request.retry) tty.output.write(`${request.retry.refused}\r\nTry ${request.retry.attempt} of ${request.retry.of}: wait for the next code on your device.\r\n`);
    return await readCode(tty, `${request.purpose}: MFA code for ${request.mfaSerial}: `);
  } finally {
    tty.close();
  }
};

/** A secret from piped stdin, or from a hidden prompt when stdin is a terminal; never from argv. */
export async function readSecret(label: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  return ((await ask(`${label}: `, true)) ?? '').trim();
}
