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

/** Asks for an MFA code on the terminal, or returns undefined when there is none. */
export const terminalMfaPrompt: MfaPrompt = async (request) => {
  const answer = await ask(`${request.purpose}: MFA code for ${request.mfaSerial}: `, false);
  if (answer === undefined) {
    throw new MfaCodeRequiredError(request.user, request.purpose);
  }
  return answer;
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
