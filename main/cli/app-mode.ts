// The CLI inside the app. The RunAsNode fuse is off (electron-builder.yml), so a packaged Rolecall
// cannot run dist/cli with ELECTRON_RUN_AS_NODE; instead the app binary itself runs the CLI when
// started as `Rolecall --rolecall-cli <args…>` (the shim from main/cli/install writes exactly
// that). Electron-free, so the decision is unit tested; main/electron/index.ts calls it first thing.

/** The flag that turns an app start into a CLI run. */
export const CLI_FLAG = '--rolecall-cli';

/**
 * Switches a launcher may insert before the arguments it was given. electron-builder's AppImage
 * AppRun runs `<binary> --no-sandbox "$@"` where unprivileged user namespaces are unavailable
 * (Ubuntu 24.04's AppArmor default, many containers). Harmless in CLI mode: it opens no renderer.
 */
const LAUNCHER_SWITCHES: ReadonlySet<string> = new Set(['--no-sandbox']);

/** Commander names the program after argv[1]'s basename: the CLI's own name, as in the bin. */
const SCRIPT_NAME = 'rolecall';

/**
 * The argv `runCli` (main/cli/program-entry.ts) expects, `[execPath, 'rolecall', ...args]`, when
 * this start is a CLI run; otherwise undefined and the app starts as usual.
 *
 * The flag counts only right after the executable (packaged: `Rolecall --rolecall-cli list`) or,
 * when Electron runs an app folder (`electron . --rolecall-cli list`, where Electron sets
 * `process.defaultApp`), right after the app path. Anywhere later it is just an argument, so a
 * GUI start can never be turned into a CLI run by something further down the line. The one
 * exception is a switch a launcher puts in front of our arguments (LAUNCHER_SWITCHES).
 */
export function cliArgsFrom(argv: readonly string[], defaultApp = false): string[] | undefined {
  const executable = argv[0];
  if (executable === undefined) return undefined;
  let at = defaultApp ? 2 : 1;
  while (LAUNCHER_SWITCHES.has(argv[at] ?? '')) at++;
  if (argv[at] !== CLI_FLAG) return undefined;
  return [executable, SCRIPT_NAME, ...argv.slice(at + 1)];
}

export interface CliModeDeps {
  /** main/cli/program-entry.ts's runCli, loaded lazily so a GUI start never pays for it. */
  runCli(argv: string[]): Promise<number>;
  /** Ends the process at once with this code (Electron: `app.exit`, which skips quit handlers). */
  exit(code: number): void;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

/** Resolves once everything written so far has left the stream (pipes are async on macOS). */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    stream.write('', () => resolve());
  });
}

/**
 * Runs the CLI and exits with its code, after stdout and stderr are flushed: app.exit() does not
 * wait for pending writes, and a truncated credential_process answer is a broken one. An
 * unexpected failure is one line without a stack, as in the standalone bin (main/cli/rolecall.ts).
 */
export async function runCliMode(argv: string[], deps: CliModeDeps): Promise<void> {
  const stdout = deps.stdout ?? process.stdout;
  const stderr = deps.stderr ?? process.stderr;
  let code: number;
  try {
    code = await deps.runCli(argv);
  } catch (error) {
    stderr.write(`rolecall: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    code = 1;
  }
  await Promise.all([drained(stdout), drained(stderr)]);
  deps.exit(code);
}
