import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI, requireInCi } from '../support/run';
import { makeWorld, roleArn, type World } from '../support/world';

// A direct role under `rolecall exec --server` on a real terminal (`script` gives it a pty): its
// session cannot be renewed silently, so Rolecall asks for the code on the terminal, as
// credential_process does, while the job (the JS SDK) carries on. The job takes its commands from
// a FIFO, leaving the terminal to the prompt. Clocks move as in credential-endpoint.test.ts.

const SCRIPT = '/usr/bin/script';
const JS_CHILD = fileURLToPath(new URL('../support/container-sdk-child.mjs', import.meta.url));
const HOUR = 3_600_000;
const usable = existsSync(SCRIPT);
if (!usable) requireInCi(`${SCRIPT} (bsdutils)`);

describe.runIf(usable)('rolecall exec --server with a direct role on a terminal', () => {
  let world: World;
  let clockFile: string;
  const syncClocks = () => writeFileSync(clockFile, String(world.sts.now() - Date.now()));

  beforeAll(async () => {
    world = await makeWorld();
    clockFile = join(world.home.home, 'test-clock-offset-ms');
    syncClocks();
    expect((await world.addDevUser()).code).toBe(0);
    const added = await world.cli(['role', 'add', 'long-job', '--role-arn', roleArn('long-job'), '--source', 'dev-user', '--direct', '--duration', '14400']);
    expect(added.code, added.stderr).toBe(0);
  });
  afterAll(async () => world.close());

  it('asks for the code on the terminal when the session ends, and the job gets the renewed session without a restart', async () => {
    const fifo = join(world.home.home, 'job-commands');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const env: NodeJS.ProcessEnv = { ...world.home.env, ROLECALL_TEST_CLOCK_FILE: clockFile, SDK_CHILD_COMMANDS: fifo };
    delete env.ROLECALL_NO_TTY;
    const quoted = [process.execPath, CLI, 'exec', '--server', 'long-job', '--', process.execPath, JS_CHILD].map((part) => `'${part}'`).join(' ');
    const job = spawn(SCRIPT, ['-qec', quoted, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number>((resolve) => job.on('close', (code) => resolve(code ?? -1)));

    // The person: types a fresh code each time a prompt appears on the screen.
    let screen = '';
    let prompts = 0;
    job.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      const shown = screen.split('MFA code for').length - 1;
      while (prompts < shown) {
        prompts++;
        const code = world.sts.nextCode('dev-user');
        syncClocks();
        job.stdin.write(`${code}\n`);
      }
    });
    const answers = () => [...screen.matchAll(/\{"(?:arn|error)":[^\r\n]*\}/g)].map((m) => JSON.parse(m[0]) as { arn?: string; accessKeyId?: string; error?: string });
    const commands = createWriteStream(fifo);
    const call = async () => {
      const before = answers().length;
      commands.write('call\n');
      await vi.waitFor(() => expect(answers().length, screen).toBe(before + 1), { timeout: 30_000, interval: 20 });
      return answers().at(-1)!;
    };

    const first = await call();
    expect(first.error, screen).toBeUndefined();
    expect(first.arn).toMatch(/:assumed-role\/long-job\//);
    expect(prompts).toBe(1);

    world.sts.advance(4 * HOUR + 60_000); // past the end of the four-hour session
    syncClocks();
    const renewed = await call();
    expect(renewed.error, screen).toBeUndefined();
    expect(renewed.arn).toMatch(/:assumed-role\/long-job\//);
    expect(renewed.accessKeyId).not.toBe(first.accessKeyId);
    expect(prompts).toBe(2);
    expect(screen).not.toContain('rolecall:'); // no error, no refused request

    commands.end('exit 3\n');
    expect(await exited, screen).toBe(3);
  }, 120_000);
});
