// The app's entry. A start as `Rolecall --rolecall-cli <args…>` (the shim on the PATH) runs the
// CLI in this process and exits; anything else starts the app. Decided first, before the app
// takes its single-instance lock: a CLI run while the app is open must not bring up its window.
import { app } from 'electron';
import { startApp } from './app';
import { cliArgsFrom, runCliMode } from '../cli/app-mode';

const cliArgs = cliArgsFrom(process.argv, process.defaultApp === true);
if (cliArgs) {
  // macOS: a command-line run is not an app the Dock should show (credential_process runs often).
  app.dock?.hide();
  void runCliMode(cliArgs, {
    runCli: async (argv) => (await import('../cli/program-entry')).runCli(argv),
    exit: (code) => app.exit(code),
  });
} else {
  startApp();
}
