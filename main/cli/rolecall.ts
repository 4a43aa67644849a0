#!/usr/bin/env node
// The `rolecall` command. credential_process is answered from the keychain cache without loading
// the rest of the CLI; everything else goes through the full program.

async function main(): Promise<number> {
  const [command, role, ...rest] = process.argv.slice(2);
  if (command === 'credential-process' && role && !role.startsWith('-') && rest.length === 0) {
    const { serveCachedCredentials } = await import('./credential-process-fast');
    if (await serveCachedCredentials(role, (text) => process.stdout.write(text))) return 0;
  }
  const { runCli } = await import('./program');
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
