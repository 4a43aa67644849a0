#!/usr/bin/env node
// Runs a command inside a private D-Bus session with its own unlocked gnome-keyring, so tests and
// benchmarks use a real Secret Service keychain without touching the developer's own keyring.
//   node scripts/with-keyring.mjs <command> [args…]
// Set ROLECALL_USE_SESSION_KEYRING=1 to run against the keyring of the current session instead.
//
// The keyring survives its daemon: gnome-keyring-daemon crashes now and then during a full test
// run (SIGTRAP in glib), and D-Bus then starts a new one on the next call. With the system's
// service file that new daemon opened the keyring locked and every keychain test after it failed.
// This session's own service file (first in its config, so it wins over the system's) starts the
// daemon with the test password on stdin: the new daemon opens the same keyring file unlocked,
// with everything written before the crash. The first daemon is started the same way, so every
// run goes through the path a crash takes. A daemon's death is recorded in its log (stderr
// included), which is kept and printed at the end of the run.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PASSWORD = 'rolecall-test-keyring';
const SECRETS = 'org.freedesktop.secrets';
/** The line the daemon's launcher writes to the log when the daemon did not exit cleanly. */
const DEATH = 'rolecall: gnome-keyring-daemon';
/** dbus-run-session's default bus configuration: everything but the service lookup comes from it. */
const SYSTEM_SESSION_CONF = '/usr/share/dbus-1/session.conf';
/** A start that takes longer is broken: the caller gets an error instead of waiting 120 s. */
const SERVICE_START_TIMEOUT_MS = 20_000;

const [first, ...rest] = process.argv.slice(2);
if (!first) {
  console.error('usage: node scripts/with-keyring.mjs <command> [args…]');
  process.exit(2);
}

function run(command, args, env, cleanup = () => {}) {
  const child = spawn(command, args, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    cleanup();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

/** Single-quoted for sh (and for D-Bus's Exec line, which parses quotes the same way). */
const quote = (text) => `'${text.replaceAll("'", `'\\''`)}'`;

/** Writes the launcher, the service files and the bus configuration into `root`. */
function prepareSession(root) {
  const dirs = { data: join(root, 'data'), runtime: join(root, 'runtime'), services: join(root, 'services') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { mode: 0o700 });
  const log = join(root, 'gnome-keyring-daemon.log');
  const launcher = join(root, 'start-gnome-keyring.sh');
  // --foreground: the launcher outlives the daemon, so it sees how the daemon ended and logs it.
  // --unlock reads the password from stdin until EOF (printf's pipe); without it a daemon D-Bus
  // starts opens the keyring locked, as the system's service file does. No --start: with a
  // reachable control socket (GNOME_KEYRING_CONTROL, e.g. of the run this one is nested in) it
  // hands over to that other daemon and sleeps without ever claiming the bus name, so every
  // keychain call waits for the activation timeout. XDG_* are set again here because a client may
  // change D-Bus's activation environment.
  writeFileSync(
    launcher,
    [
      '#!/bin/sh',
      '# Started by D-Bus (see scripts/with-keyring.mjs) whenever nobody owns org.freedesktop.secrets.',
      `export XDG_DATA_HOME=${quote(dirs.data)} XDG_RUNTIME_DIR=${quote(dirs.runtime)}`,
      'unset GNOME_KEYRING_CONTROL',
      '# Everything the daemon says goes to the log: what it did before a crash is the only clue why.',
      'export G_MESSAGES_DEBUG=all',
      `log=${quote(log)}`,
      // The shell's own words about its child ("Killed") go to the log too, not to the test output.
      'exec >>"$log" 2>&1',
      `printf %s ${quote(PASSWORD)} | gnome-keyring-daemon --foreground --unlock --components=secrets`,
      'status=$?',
      'if [ "$status" -gt 128 ]; then',
      `  echo "$(date -u +%FT%TZ) ${DEATH} died of signal $((status - 128))"`,
      'elif [ "$status" -ne 0 ]; then',
      `  echo "$(date -u +%FT%TZ) ${DEATH} exited with status $status"`,
      'fi',
      'exit "$status"',
      '',
    ].join('\n'),
    { mode: 0o700 },
  );
  // The daemon owns both names; either may be the one a client asks D-Bus to start.
  for (const name of [SECRETS, 'org.gnome.keyring']) {
    writeFileSync(join(dirs.services, `${name}.service`), `[D-BUS Service]\nName=${name}\nExec=/bin/sh ${quote(launcher)}\n`);
  }
  // The first <servicedir> wins (dbus-daemon(1)), so ours comes before the standard ones that the
  // included system configuration lists: other services (org.a11y.Bus for Chromium) still start.
  // A later <limit> overrides the included one.
  const conf = join(root, 'session.conf');
  writeFileSync(
    conf,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <servicedir>${dirs.services}</servicedir>
  <include>${SYSTEM_SESSION_CONF}</include>
  <limit name="service_start_timeout">${SERVICE_START_TIMEOUT_MS}</limit>
</busconfig>
`,
  );
  return { ...dirs, log, conf };
}

/** Prints what the log says about daemons that died, and keeps the log where it outlives the run. */
function reportDeaths(log) {
  if (!existsSync(log)) return;
  const lines = readFileSync(log, 'utf8').split('\n');
  const deaths = lines.flatMap((line, index) => (line.includes(DEATH) ? [index] : []));
  if (deaths.length === 0) return;
  const kept = join(mkdtempSync(join(tmpdir(), 'rolecall-keyring-log-')), 'gnome-keyring-daemon.log');
  copyFileSync(log, kept);
  console.error(`with-keyring: the test keyring's daemon died ${deaths.length} time(s) (D-Bus starts an unlocked one again on the next keychain call). Its log: ${kept}`);
  // Each death with what the daemon said before it (since the previous death, at most 20 lines).
  deaths.forEach((index, n) => console.error(lines.slice(Math.max(n === 0 ? 0 : deaths[n - 1] + 1, index - 20), index + 1).join('\n')));
}

if (process.env.ROLECALL_USE_SESSION_KEYRING === '1') {
  run(first, rest, process.env);
} else if (first !== '--inside-bus') {
  for (const tool of ['dbus-run-session', 'dbus-send', 'gnome-keyring-daemon']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      console.error(`${tool} is not installed: install the Debian packages dbus and gnome-keyring (see README).`);
      process.exit(2);
    }
  }
  if (!existsSync(SYSTEM_SESSION_CONF)) {
    console.error(`${SYSTEM_SESSION_CONF} is missing: install the Debian package dbus (see README).`);
    process.exit(2);
  }
  // A throwaway keyring directory (the daemon creates a "login" collection there, unlocked with the
  // password) and a runtime directory of its own for the daemon's control socket. They are in the
  // environment before the bus starts, so every daemon D-Bus starts opens the same keyring file.
  const root = mkdtempSync(join(tmpdir(), 'rolecall-keyring-'));
  const session = prepareSession(root);
  const { GNOME_KEYRING_CONTROL: _control, ...inherited } = process.env;
  const env = { ...inherited, XDG_DATA_HOME: session.data, XDG_RUNTIME_DIR: session.runtime };
  run('dbus-run-session', [`--config-file=${session.conf}`, '--', process.execPath, fileURLToPath(import.meta.url), '--inside-bus', first, ...rest], env, () => {
    reportDeaths(session.log);
    rmSync(root, { recursive: true, force: true });
  });
} else {
  // Start the daemon now, as a crash would: D-Bus answers once the daemon owns the name, which it
  // claims after unlocking (or creating) the login collection.
  const started = spawnSync(
    'dbus-send',
    ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.StartServiceByName', `string:${SECRETS}`, 'uint32:0'],
    { encoding: 'utf8' },
  );
  if (started.status !== 0) {
    console.error(`gnome-keyring-daemon failed to start: ${started.stderr.trim()}`);
    process.exit(2);
  }
  const [command, ...args] = rest;
  run(command, args, process.env);
}
