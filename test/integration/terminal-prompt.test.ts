import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/core';
import { ACCOUNT } from '../../main/core/keychain/accounts';
import { onTerminal as answerOnTerminal } from '../support/pty';
import { AWS_CLI, CLI, hasAwsCli, requireInCi } from '../support/run';
import { makeWorld, roleArn, type World } from '../support/world';

// With a terminal, Rolecall asks for the MFA code on /dev/tty: the AWS CLI running our
// credential_process must still read clean JSON from stdout. `script` gives the run a real pty.

const SCRIPT = '/usr/bin/script';
const usable = hasAwsCli && existsSync(SCRIPT);
if (!usable) requireInCi(`${SCRIPT} (bsdutils) and ${AWS_CLI} (awscli)`);

/**
 * A command on a pty that a test types into once the screen shows `waitFor`: the keys are made
 * then (an MFA code is read off the device when it is asked for, not before).
 */
function onTerminal(command: string[], env: NodeJS.ProcessEnv, waitFor: string, keys: string | (() => string)): Promise<{ code: number; screen: string }> {
  const quoted = command.map((part) => `'${part.replaceAll("'", `'\\''`)}'`).join(' ');
  const child = spawn(SCRIPT, ['-qec', quoted, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let typed = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk;
    if (!typed && screen.includes(waitFor)) {
      typed = true;
      child.stdin.write(typeof keys === 'string' ? keys : keys());
    }
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, screen })));
}

describe.runIf(usable)('the MFA prompt on a real terminal', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    expect((await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'])).code).toBe(0);
    mkdirSync(dirname(world.home.configFile), { recursive: true });
    writeFileSync(world.home.configFile, `[profile admin-process]\ncredential_process = ${process.execPath} ${CLI} credential-process admin\n`);
  });
  afterAll(async () => world.close());

  it('asks on the terminal, and credential_process output stays clean JSON', async () => {
    const env = { ...world.home.env };
    delete env.ROLECALL_NO_TTY;
    const command = [AWS_CLI, 'sts', 'get-caller-identity', '--output', 'json', '--profile', 'admin-process', '--endpoint-url', world.sts.url];
    // The code is typed once the prompt shows (typed ahead, it raced the prompt's opening of /dev/tty).
    const result = await onTerminal(command, env, 'MFA code for', () => `${world.sts.nextCode('dev-user')}\n`);
    expect(result.code, result.screen).toBe(0);
    expect(result.screen).toMatch(/Starting an MFA session for dev-user: MFA code for arn:aws:iam::123456789012:mfa\/dev-user:/);
    expect(result.screen).toContain('assumed-role/admin/dev-user');
  });

  const terminalEnv = () => {
    const env = { ...world.home.env };
    delete env.ROLECALL_NO_TTY;
    return env;
  };

  /** Adding the user again forgets its MFA session, so the next assume must ask for a code. */
  /** The next assume needs a code again: no cached MFA session, no cached role session. */
  const forgetMfaSession = async () => {
    await createCore({ env: world.home.env }).secrets.delete(ACCOUNT.mfaSession('dev-user'));
    await world.cli(['stop', '--all']);
  };

  it('Ctrl-C at the MFA prompt cancels in words with exit 130, and frees the prompt for the next run', async () => {
    await forgetMfaSession();
    const result = await onTerminal([process.execPath, CLI, 'assume', 'admin'], terminalEnv(), 'MFA code for', '\u0003');
    expect(result.code).toBe(130);
    expect(result.screen).toContain('rolecall: cancelled.');
    expect(result.screen).not.toMatch(/unexpected|\n\s+at /);
    const next = await world.cli(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(next.code, next.stderr).toBe(0);
  });

  it('takes a pasted "654 321" and submits on the sixth digit, without Enter', async () => {
    await forgetMfaSession();
    const pasted = () => {
      const code = world.sts.nextCode('dev-user');
      return `${code.slice(0, 3)} ${code.slice(3)}`;
    };
    const result = await answerOnTerminal([process.execPath, CLI, 'assume', 'admin'], terminalEnv(), [{ after: 'MFA code for', keys: pasted }]);
    expect(result.code, result.screen).toBe(0);
    expect(result.screen).toContain('admin: profile admin written');
  });

  /** A code AWS will refuse: one off the code it would take now. */
  const wrongCode = () => String((Number(world.sts.totp('dev-user')) + 500_000) % 1_000_000).padStart(6, '0');

  it('a refused code asks again in the same run, saying why, and the next code is taken', async () => {
    await forgetMfaSession();
    const before = world.sts.calls.filter((c) => c.action === 'GetSessionToken').length;
    const result = await answerOnTerminal([process.execPath, CLI, 'assume', 'admin'], terminalEnv(), [
      { after: 'MFA code for', keys: wrongCode },
      { after: 'MFA code for', keys: () => world.sts.nextCode('dev-user').replace(/^(\d{3})/, '$1-') },
    ]);
    expect(result.code, result.screen).toBe(0);
    expect(result.screen).toMatch(/AWS refused the MFA code while starting an MFA session for dev-user[^\n]*\r?\nTry 2 of 3: wait for the next code on your device\./);
    expect(result.screen).toContain('admin: profile admin written');
    expect(world.sts.calls.filter((c) => c.action === 'GetSessionToken').length - before).toBe(2);
  });

  it('gives up after three refused codes, with AWS refusal in words and exit 1', async () => {
    await forgetMfaSession();
    const wrong = { after: 'MFA code for', keys: wrongCode };
    const result = await answerOnTerminal([process.execPath, CLI, 'assume', 'admin'], terminalEnv(), [wrong, wrong, wrong]);
    expect(result.code, result.screen).toBe(1);
    expect(result.screen).toContain('Try 3 of 3');
    expect(result.screen).not.toContain('Try 4');
    expect(result.screen).toMatch(/rolecall: AWS refused the MFA code/);
    expect(result.screen).not.toMatch(/unexpected|\n\s+at /);
  });

  it('Ctrl-D at the hidden secret prompt cancels instead of hanging', async () => {
    const command = [process.execPath, CLI, 'user', 'add', 'other', '--access-key-id', 'AKIAROLECALLDEV00002'];
    const result = await onTerminal(command, terminalEnv(), 'Secret access key for', '\u0004');
    expect(result.code).toBe(130);
    expect(result.screen).toContain('rolecall: cancelled.');
  });

  it('a second process waits for the code typed in the first, says so, and needs none itself', async () => {
    await forgetMfaSession(); // both processes need an MFA session; only the first may ask
    const before = world.sts.calls.filter((c) => c.action === 'GetSessionToken').length;
    const code = world.sts.nextCode('dev-user');
    const first = spawn(SCRIPT, ['-qec', `'${process.execPath}' '${CLI}' assume admin`, '/dev/null'], { env: terminalEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const firstExit = new Promise<number>((resolve) => first.on('close', (exit) => resolve(exit ?? -1)));
    let secondExit: Promise<number> | undefined;
    let secondStderr = '';
    let screen = '';
    first.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      if (secondExit || !screen.includes('MFA code for')) return;
      // The prompt is open: a second run (no terminal) queues behind it. Once it says it waits,
      // the person types the code in the first.
      const second = spawn(process.execPath, [CLI, 'credential-process', 'admin'], { env: world.home.env, stdio: ['ignore', 'pipe', 'pipe'] });
      secondExit = new Promise<number>((resolve) => second.on('close', (exit) => resolve(exit ?? -1)));
      second.stderr.setEncoding('utf8').on('data', (text: string) => {
        secondStderr += text;
        if (text.includes('Waiting for the MFA code')) first.stdin.write(`${code}\n`);
      });
    });
    expect(await firstExit, screen).toBe(0);
    expect(await secondExit!, secondStderr).toBe(0);
    expect(secondStderr).toContain('Waiting for the MFA code being entered for dev-user in another Rolecall process');
    expect(world.sts.calls.filter((c) => c.action === 'GetSessionToken').length - before).toBe(1);
  });
});
