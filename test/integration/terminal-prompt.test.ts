import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLI, CLI, hasAwsCli, requireInCi, run } from '../support/run';
import { makeWorld, roleArn, type World } from '../support/world';

// With a terminal, Rolecall asks for the MFA code on /dev/tty: the AWS CLI running our
// credential_process must still read clean JSON from stdout. `script` gives the run a real pty.

const SCRIPT = '/usr/bin/script';
const usable = hasAwsCli && existsSync(SCRIPT);
if (!usable) requireInCi(`${SCRIPT} (bsdutils) and ${AWS_CLI} (awscli)`);

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
    const command = `${AWS_CLI} sts get-caller-identity --output json --profile admin-process --endpoint-url ${world.sts.url}`;
    // The code is typed ahead into the pty; the prompt reads it once it opens /dev/tty.
    const result = await run(SCRIPT, ['-qec', command, '/dev/null'], { env, input: `${world.sts.nextCode('dev-user')}\n` });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Starting an MFA session for dev-user: MFA code for arn:aws:iam::123456789012:mfa\/dev-user:/);
    expect(result.stdout).toContain('assumed-role/admin/dev-user');
  });
});
