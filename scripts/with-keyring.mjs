#!/usr/bin/env node
// Runs a command inside a private D-Bus session with its own unlocked gnome-keyring, so tests and
// benchmarks use a real Secret Service keychain without touching the developer's own keyring.
//   node scripts/with-keyring.mjs <command> [args…]
// Set ROLECALL_USE_SESSION_KEYRING=1 to run against the keyring of the current session instead.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

if (process.env.ROLECALL_USE_SESSION_KEYRING === '1') {
  run(first, rest, process.env);
} else if (first !== '--inside-bus') {
  for (const tool of ['dbus-run-session', 'gnome-keyring-daemon']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      console.error(`${tool} is not installed: install the Debian packages dbus and gnome-keyring (see README).`);
      process.exit(2);
    }
  }
  run('dbus-run-session', ['--', process.execPath, fileURLToPath(import.meta.url), '--inside-bus', first, ...rest], process.env);
} else {
  // A throwaway keyring directory: the daemon creates a "login" collection there, unlocked with a
  // password it reads from stdin.
  const dataHome = mkdtempSync(join(tmpdir(), 'rolecall-keyring-'));
  const env = { ...process.env, XDG_DATA_HOME: dataHome };
  const daemon = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
    input: 'rolecall-test-keyring',
    env,
    encoding: 'utf8',
  });
  if (daemon.status !== 0) {
    console.error(`gnome-keyring-daemon failed to start: ${daemon.stderr.trim()}`);
    process.exit(2);
  }
  for (const line of daemon.stdout.split('\n')) {
    const match = /^(\w+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2];
  }
  const [command, ...args] = rest;
  run(command, args, env, () => rmSync(dataHome, { recursive: true, force: true }));
}
