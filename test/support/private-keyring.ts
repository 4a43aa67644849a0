// A keychain of one test's own: a private D-Bus session bus with its own gnome-keyring, so a test
// can lock it (as a screen locker or an auto-login desktop leaves it) without closing the keyring
// every other test file shares (scripts/with-keyring.mjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateKeyring {
  /** Variables that point a process at this keyring (and nothing else). */
  env: NodeJS.ProcessEnv;
  /** Locks the login collection through the Secret Service's own D-Bus method. */
  lock(): void;
  /** Unlocks it again, as logging in does: the daemon restarts with the password on stdin. */
  unlock(): void;
  close(): void;
}

const PASSWORD = 'rolecall-private-test-keyring';
const LOGIN = '/org/freedesktop/secrets/collection/login';

function must(command: string, args: string[], options: { env: NodeJS.ProcessEnv; input?: string }): string {
  const result = spawnSync(command, args, { ...options, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

export function startPrivateKeyring(): PrivateKeyring {
  const dataHome = mkdtempSync(join(tmpdir(), 'rolecall-private-keyring-'));
  const runtimeDir = mkdtempSync(join(tmpdir(), 'rolecall-private-runtime-'));
  // Nothing of the shared keyring may leak in: with its GNOME_KEYRING_CONTROL inherited,
  // `gnome-keyring-daemon --replace` replaced the keyring every other test file uses (CI went red
  // for every file that ran after this one). Its own runtime folder gives it its own control socket.
  const { GNOME_KEYRING_CONTROL: _control, SSH_AUTH_SOCK: _ssh, DBUS_SESSION_BUS_ADDRESS: _bus, ...inherited } = process.env;
  const base = { ...inherited, XDG_DATA_HOME: dataHome, XDG_RUNTIME_DIR: runtimeDir };
  // --fork returns once the bus listens; it prints its address and pid.
  const [address, pid] = must('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], { env: base }).trim().split('\n');
  const env: NodeJS.ProcessEnv = { XDG_DATA_HOME: dataHome, XDG_RUNTIME_DIR: runtimeDir, DBUS_SESSION_BUS_ADDRESS: address };
  const daemon = (extra: string[]) => must('gnome-keyring-daemon', [...extra, '--unlock', '--components=secrets'], { env: { ...base, ...env }, input: PASSWORD });
  // The daemon answers only once it owns its bus name: the next call finds it.
  daemon([]);
  return {
    env,
    lock: () =>
      void must(
        'dbus-send',
        ['--session', '--print-reply', '--dest=org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', `array:objpath:${LOGIN}`],
        {
          env: { ...base, ...env },
        },
      ),
    unlock: () => void daemon(['--replace']),
    close: () => {
      // The keyring daemon leaves with its bus.
      try {
        process.kill(Number(pid), 'SIGTERM');
      } catch {
        // already gone
      }
      rmSync(dataHome, { recursive: true, force: true });
      rmSync(runtimeDir, { recursive: true, force: true });
    },
  };
}
