import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolecall, run } from '../support/run';
import { CI_BOT, DEV_USER, roleArn } from '../support/sts-fixture';
import { startStsServer, type StsTestServer } from '../support/sts-server';
import { makeTempHome, type TempHome } from '../support/temp-home';

// gnome-keyring-daemon crashes now and then during a full test run, and D-Bus starts a new one on
// the next call. The test keyring (scripts/with-keyring.mjs) must come back unlocked with what was
// written before, or every keychain test after the crash fails. This runs the script nested, with a
// bus and keyring of this test's own: killing that daemon disturbs no other test file.

const WITH_KEYRING = fileURLToPath(new URL('../../scripts/with-keyring.mjs', import.meta.url));
const SECRETS = 'org.freedesktop.secrets';

interface NestedKeyring {
  /** The nested session's bus and runtime folder, for processes that should use its keyring. */
  env: { DBUS_SESSION_BUS_ADDRESS: string; XDG_RUNTIME_DIR: string };
  /** Ends the session (its command waits for stdin to close); resolves to its exit code. */
  close(): Promise<number>;
  stderr(): string;
}

async function startNestedKeyring(): Promise<NestedKeyring> {
  // Never the developer's own keyring, whatever this run was started with.
  const { ROLECALL_USE_SESSION_KEYRING: _session, ...env } = process.env;
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [WITH_KEYRING, 'sh', '-c', 'printf "%s\\n" "$DBUS_SESSION_BUS_ADDRESS" "$XDG_RUNTIME_DIR"; exec cat >/dev/null'],
    { env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`with-keyring ended before its command started: ${stderr}`);
    return line.value;
  };
  const bus = await next();
  const runtimeDir = await next();
  return {
    env: { DBUS_SESSION_BUS_ADDRESS: bus, XDG_RUNTIME_DIR: runtimeDir },
    close: async () => {
      child.stdin.end();
      return (await exited) ?? -1;
    },
    stderr: () => stderr,
  };
}

/** Asks the nested bus which process owns a name; undefined when nobody does. */
async function ownerPid(keyring: NestedKeyring, name: string): Promise<number | undefined> {
  const result = await run(
    'dbus-send',
    ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetConnectionUnixProcessID', `string:${name}`],
    { env: { PATH: process.env.PATH, ...keyring.env } },
  );
  if (result.stderr.includes('NameHasNoOwner')) return undefined;
  const pid = /uint32 (\d+)/.exec(result.stdout)?.[1];
  if (!pid) throw new Error(`dbus-send failed: ${result.stderr}`);
  return Number(pid);
}

/** SIGKILLs the nested keyring's daemon (as a crash would) and waits until the bus has let go of it. */
async function killDaemon(keyring: NestedKeyring): Promise<number> {
  const pid = await ownerPid(keyring, SECRETS);
  if (pid === undefined) throw new Error('the nested keyring has no daemon to kill');
  // Checked twice: it is the nested session's daemon, never another test's or the developer's.
  const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  expect(environ).toContain(`XDG_RUNTIME_DIR=${keyring.env.XDG_RUNTIME_DIR}`);
  process.kill(pid, 'SIGKILL');
  await expect.poll(() => ownerPid(keyring, SECRETS)).toBeUndefined();
  return pid;
}

describe('the test keyring of scripts/with-keyring.mjs', () => {
  let sts: StsTestServer;
  let home: TempHome;
  let keyring: NestedKeyring;
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[], input?: string) => rolecall(args, { env, input });

  beforeAll(async () => {
    sts = await startStsServer();
    home = makeTempHome(sts.url);
    keyring = await startNestedKeyring();
    env = { ...home.env, ...keyring.env };
  });
  afterAll(async () => {
    await keyring.close();
    await sts.close();
    home.cleanup();
  });

  it('comes back unlocked, with what was written before, each time its daemon is killed', async () => {
    expect((await cli(['user', 'add', CI_BOT.name, '--access-key-id', CI_BOT.accessKeyId], CI_BOT.secretAccessKey)).code).toBe(0);
    expect((await cli(['role', 'add', 'no-mfa', '--role-arn', roleArn('no-mfa'), '--source', CI_BOT.name])).code).toBe(0);

    const first = await killDaemon(keyring);
    // assume reads ci-bot's secret key from the keychain: a locked or empty keyring fails here.
    const assumed = await cli(['assume', 'no-mfa']);
    expect(assumed.code, assumed.stderr).toBe(0);
    expect(await ownerPid(keyring, SECRETS)).not.toBe(first);

    // The new daemon takes writes, and they outlive it too.
    const added = await cli(['user', 'add', DEV_USER.name, '--access-key-id', DEV_USER.accessKeyId, '--mfa-serial', DEV_USER.mfaSerialNumber], DEV_USER.secretAccessKey);
    expect(added.code, added.stderr).toBe(0);
    expect((await cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', DEV_USER.name])).code).toBe(0);
    await killDaemon(keyring);
    const admin = await cli(['assume', 'admin', '--mfa-code', sts.nextCode(DEV_USER.name)]);
    expect(admin.code, admin.stderr).toBe(0);

    // The run itself succeeds, and says that its daemon died and where its log is.
    expect(await keyring.close()).toBe(0);
    const stderr = keyring.stderr();
    expect(stderr).toMatch(/daemon died 2 time\(s\)/);
    expect(stderr.match(/gnome-keyring-daemon died of signal 9/g)).toHaveLength(2);
    const log = /Its log: (\S+)/.exec(stderr)?.[1];
    expect(log).toBeDefined();
    expect(readFileSync(log!, 'utf8')).toContain('initialization complete');
    rmSync(dirname(log!), { recursive: true, force: true });
  });
});
