// What `rolecall shell-init` prints for each shell: the rc function and completion for every
// command of the program (read from the program, so a new command completes too). The shells
// themselves run these scripts in test/integration/shell-init.test.ts; PowerShell only where pwsh
// exists, so its script's parts are checked here too.
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../common/export-formats';
import { buildProgram, type OperationRunner } from '../../main/cli/program';
import { INIT_SHELLS, RC_LINES } from '../../main/cli/shell-init';

async function printed(shell: string): Promise<string> {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
  try {
    await buildProgram({ run: (() => Promise.reject(new Error('no core'))) as OperationRunner }).parseAsync(['node', 'rolecall', 'shell-init', shell]);
  } finally {
    process.stdout.write = write;
  }
  return out;
}

describe('rolecall shell-init', () => {
  it.each(INIT_SHELLS)('%s: defines rc (use, clear), sets ROLECALL_ROLE, and completes every command and format', async (shell) => {
    const script = await printed(shell);
    expect(script).toMatch(shell === 'fish' ? /^function rc /m : shell === 'powershell' ? /^function rc \{/m : /^rc\(\) \{/m);
    expect(script).toContain('ROLECALL_ROLE');
    expect(script).toMatch(/export \S* ?--format/);
    for (const command of ['assume', 'export', 'exec', 'status', 'stop', 'list', 'shell-init']) expect(script).toContain(command);
    for (const format of EXPORT_FORMATS) expect(script).toContain(format);
    expect(script).toContain('list --names');
  });

  it('PowerShell registers a native argument completer for rolecall and rc', async () => {
    expect(await printed('powershell')).toMatch(/Register-ArgumentCompleter -Native -CommandName rolecall, rc/);
  });

  it('has one rc-file line per shell', () => {
    expect(Object.keys(RC_LINES).sort()).toEqual([...INIT_SHELLS].sort());
    for (const shell of INIT_SHELLS) expect(RC_LINES[shell]).toContain(`rolecall shell-init ${shell}`);
  });
});
