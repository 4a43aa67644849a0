// `rolecall shell-init <shell>` in real shells: `rc use admin` puts admin's credentials into the
// shell (the AWS CLI then acts as the role, ROLECALL_ROLE names it), `rc clear` takes them out, and
// each shell's own completion completes `rolecall assume ad<TAB>` to admin: bash through its
// completion function and compgen, zsh through its completion system on a pseudo-terminal (a
// person pressing Tab), fish through `complete -C`. PowerShell runs only where pwsh exists.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onTerminal } from '../support/pty';
import { AWS_CLI, CLI, hasAwsCli, requireInCi, run } from '../support/run';
import { makeWorld, roleArn, type World } from '../support/world';

const SHELLS = { bash: '/usr/bin/bash', zsh: '/usr/bin/zsh', fish: '/usr/bin/fish' } as const;
const missing = [...Object.values(SHELLS), AWS_CLI, '/usr/bin/script'].filter((file) => !existsSync(file));
if (missing.length) requireInCi(missing.join(', '));
const PWSH = ['/usr/bin/pwsh', '/usr/local/bin/pwsh', '/opt/microsoft/powershell/7/pwsh'].find((file) => existsSync(file));
if (!PWSH) console.log('skipping the PowerShell shell-init test: pwsh is not installed (scripts/install-system-deps.sh does not install it; Debian has no package)');

describe.runIf(missing.length === 0 && hasAwsCli)('rolecall shell-init in real shells', () => {
  let world: World;
  let bin: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    for (const [name, source] of [
      ['admin', 'dev-user'],
      ['audit', 'dev-user'],
      ['deploy', 'admin'],
    ]) {
      expect((await world.cli(['role', 'add', name!, '--role-arn', roleArn(name === 'audit' ? 'admin' : name!), '--source', source!])).code).toBe(0);
    }
    // The MFA session the exports ride on (no shell below is asked for a code).
    expect((await world.cli(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')])).code).toBe(0);
    // `rolecall` on the PATH, as an installed one is.
    bin = mkdtempSync(join(tmpdir(), 'rolecall-bin-'));
    writeFileSync(join(bin, 'rolecall'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
    chmodSync(join(bin, 'rolecall'), 0o755);
    env = { ...world.home.env, PATH: `${bin}:${world.home.env.PATH}`, AWS_PAGER: '' };
  });
  afterAll(async () => {
    await world.close();
    rmSync(bin, { recursive: true, force: true });
  });

  /** Runs a script in a shell without the user's rc files. */
  const inShell = (shell: keyof typeof SHELLS, script: string) => {
    const noRc = { bash: ['--norc', '--noprofile'], zsh: ['-f'], fish: ['--no-config'] }[shell];
    return run(SHELLS[shell], [...noRc, '-c', script], { env });
  };
  const expectActsAsAdmin = (result: { code: number; stdout: string; stderr: string }) => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('ROLE=admin');
    expect(result.stdout, result.stderr).toMatch(/"Arn": "arn:aws:sts::123456789012:assumed-role\/admin\/dev-user"/);
    expect(result.stdout).toContain('AFTER=none none');
  };

  it('bash: rc use admin, then the AWS CLI acts as admin; rc clear unsets it', async () => {
    const result = await inShell(
      'bash',
      `eval "$(rolecall shell-init bash)"; rc use admin || exit 9; echo "ROLE=$ROLECALL_ROLE"; ${AWS_CLI} sts get-caller-identity --output json --endpoint-url ${world.sts.url}; rc clear; echo "AFTER=\${AWS_SESSION_TOKEN:-none} \${ROLECALL_ROLE:-none}"`,
    );
    expectActsAsAdmin(result);
    expect(result.stderr).toMatch(/admin: credentials valid until/);
  });

  it('zsh: rc use admin, then the AWS CLI acts as admin; rc clear unsets it', async () => {
    const result = await inShell(
      'zsh',
      `eval "$(rolecall shell-init zsh)"; rc use admin || exit 9; echo "ROLE=$ROLECALL_ROLE"; ${AWS_CLI} sts get-caller-identity --output json --endpoint-url ${world.sts.url}; rc clear; echo "AFTER=\${AWS_SESSION_TOKEN:-none} \${ROLECALL_ROLE:-none}"`,
    );
    expectActsAsAdmin(result);
  });

  it('fish: rc use admin, then the AWS CLI acts as admin; rc clear unsets it', async () => {
    const result = await inShell(
      'fish',
      `rolecall shell-init fish | source; rc use admin; or exit 9; echo "ROLE=$ROLECALL_ROLE"; ${AWS_CLI} sts get-caller-identity --output json --endpoint-url ${world.sts.url}; rc clear; set -q AWS_SESSION_TOKEN; and set t $AWS_SESSION_TOKEN; or set t none; set -q ROLECALL_ROLE; and set r $ROLECALL_ROLE; or set r none; echo "AFTER=$t $r"`,
    );
    expectActsAsAdmin(result);
  });

  it('rc use with an unknown role fails in words and changes nothing', async () => {
    const result = await inShell('bash', `eval "$(rolecall shell-init bash)"; rc use nope; echo "CODE=$? ROLE=\${ROLECALL_ROLE:-none}"`);
    expect(result.stdout).toContain('CODE=1 ROLE=none');
    expect(result.stderr).toMatch(/rolecall: .*nope/);
  });

  /** bash's completion: the function `complete -F` registered, run as bash runs it on Tab. */
  const bashCompletes = async (words: string[]) => {
    const array = words.map((w) => `'${w}'`).join(' ');
    const result = await inShell(
      'bash',
      `eval "$(rolecall shell-init bash)"; complete -p rolecall rc >&2; COMP_WORDS=(${array}); COMP_CWORD=${words.length - 1}; _rolecall_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/complete -F _rolecall_complete rolecall/);
    return result.stdout.split('\n').filter(Boolean);
  };

  it('bash completes role names, commands, formats and shells', async () => {
    expect(await bashCompletes(['rolecall', 'assume', 'ad'])).toEqual(['admin']);
    expect(await bashCompletes(['rolecall', 'assume', 'a'])).toEqual(['admin', 'audit']);
    expect(await bashCompletes(['rc', 'use', 'de'])).toEqual(['deploy']);
    expect(await bashCompletes(['rolecall', 'as'])).toEqual(['assume']);
    expect(await bashCompletes(['rolecall', 'export', 'admin', '--format', 'f'])).toEqual(['fish']);
    expect(await bashCompletes(['rolecall', 'shell-init', 'z'])).toEqual(['zsh']);
  });

  /** fish's own completion of a command line, as Tab asks for it. */
  const fishCompletes = async (line: string) => {
    const result = await inShell('fish', `rolecall shell-init fish | source; complete -C '${line}'`);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]);
  };

  it('fish completes role names, commands and formats', async () => {
    expect(await fishCompletes('rolecall assume ad')).toEqual(['admin']);
    expect(await fishCompletes('rc use de')).toEqual(['deploy']);
    expect(await fishCompletes('rolecall shell')).toEqual(['shell-init']);
    expect(await fishCompletes('rolecall export admin --format fi')).toEqual(['fish']);
  });

  it('zsh completes rolecall assume ad<Tab> to admin, through compinit, on a terminal', async () => {
    // `SETUP-$((1+1))` prints SETUP-2, which the echo of the typed line does not contain.
    const setup = `autoload -Uz compinit && compinit -u -D && eval "$(rolecall shell-init zsh)" && print SETUP-$((1+1))`;
    const lineEditorReady = /\?2004h/; // zle switches bracketed paste on when it waits for a line
    const screen = await onTerminal([SHELLS.zsh, '-f', '-i'], { ...env, TERM: 'dumb' }, [
      { after: lineEditorReady, keys: `${setup}\n` },
      { after: 'SETUP-2', keys: 'rolecall assume ad\t' },
      // The completed word is on the line: drop the line without running it (Ctrl-U), then leave.
      { after: 'admin', keys: '\u0015exit\n' },
    ]);
    expect(screen.screen).toMatch(/rolecall assume admin/);
  });

  it.runIf(PWSH)('PowerShell: rc use admin, then the AWS CLI acts as admin; rc clear unsets it', async () => {
    const script = `rolecall shell-init powershell | Out-String | Invoke-Expression; rc use admin; "ROLE=$Env:ROLECALL_ROLE"; & ${AWS_CLI} sts get-caller-identity --output json --endpoint-url ${world.sts.url}; rc clear; "AFTER=$(if ($Env:AWS_SESSION_TOKEN) { 'set' } else { 'none' }) $(if ($Env:ROLECALL_ROLE) { 'set' } else { 'none' })"`;
    expectActsAsAdmin(await run(PWSH!, ['-NoProfile', '-Command', script], { env }));
  });
});
