#!/usr/bin/env node
// The `rolecall` command. credential_process is answered from the keychain cache by the code in
// this file alone; everything else loads the full program (built as ./program.js beside it).
import { serveCachedCredentials } from './credential-process-fast';
import type * as FullProgram from './program-entry';

// A variable, so the bundler leaves the full program as a separate file loaded on demand.
const FULL_PROGRAM = './program.js';

async function main(): Promise<number> {
  const [command, role, ...rest] = process.argv.slice(2);
  if (command === 'credential-process' && role && !role.startsWith('-') && rest.length === 0) {
    if (await serveCachedCredentials(role, (text) => process.stdout.write(text))) return 0;
  }
  const { runCli } = (await import(FULL_PROGRAM)) as typeof FullProgram;
  return runCli(process.argv);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`rolecall: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
