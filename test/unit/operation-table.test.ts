// Walks the operation table (common/operations.ts): every entry has its schemas, is registered on
// the window's IPC or says why not, and is run by the CLI commands it names (or says why none),
// and no CLI command reaches core except through an entry. What crosses IPC is the entry's output
// schema: a core result that carries a secret reaches the page without it.
import type { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CHANNELS } from '../../common/contract';
import { OPERATIONS, type OperationName } from '../../common/operations';
import { createHandlers } from '../../main/app/handlers';
import { registerHandlers, type SenderEvent } from '../../main/app/ipc';
import { buildProgram, type OperationRunner } from '../../main/cli/program';
import type { Core } from '../../main/core/core';
import { RolecallError } from '../../main/core/errors';
import { CATALOG } from '../support/catalog-view';

// The one core function this file fakes: its result carries secrets the view must drop.
vi.mock('../../main/core/operations/list', () => ({
  list: vi.fn(async () => ({
    ...CATALOG,
    users: CATALOG.users.map((u) => ({ ...u, secretAccessKey: 'LEAKED-SECRET-KEY' })),
    sessionToken: 'LEAKED-SESSION-TOKEN',
  })),
}));

const NAMES = Object.keys(OPERATIONS) as OperationName[];
const FROM_WINDOW: SenderEvent = { senderFrame: { url: 'app://rolecall/index.html', parent: null } };

type Listener = (event: SenderEvent, ...args: unknown[]) => unknown;

function registeredChannels() {
  const listeners = new Map<string, Listener>();
  const handlers = createHandlers({
    core: () => ({}) as Core,
    version: 'test',
    platform: 'linux',
    locale: 'en-US',
    writeClipboard: () => undefined,
    publish: () => undefined,
  });
  registerHandlers({ handle: (channel, listener) => void listeners.set(channel, listener as Listener) }, handlers);
  return listeners;
}

/** Arguments that reach each leaf command's action. Every leaf command must have at least one. */
const SAMPLE_ARGS: Record<string, string[][]> = {
  'user add': [['user', 'add', 'dev-user', '--access-key-id', 'AKIAROLECALLDEV00001']],
  'user remove': [['user', 'remove', 'dev-user']],
  'user rotate': [
    ['user', 'rotate', 'dev-user'],
    ['user', 'rotate', 'dev-user', '--mfa-code', '123456', '--json'],
  ],
  'role add': [['role', 'add', 'admin', '--role-arn', 'arn:aws:iam::123456789012:role/admin', '--source', 'dev-user']],
  'role remove': [['role', 'remove', 'admin']],
  'role discover': [
    ['role', 'discover'],
    ['role', 'discover', 'dev-user', '--add', 'admin', 'long-job', '--direct', '--json'],
  ],
  import: [['import', '--dry-run'], ['import']],
  list: [['list'], ['list', '--names']],
  assume: [['assume', 'admin']],
  export: [
    ['export', 'admin'],
    ['export', 'admin', '--server', '--format', 'fish'],
  ],
  'credential-process': [['credential-process', 'admin']],
  exec: [
    ['exec', 'admin', '--', 'true'],
    ['exec', '--server', 'admin', '--', 'true'],
  ],
  status: [['status']],
  console: [
    ['console', 'admin'],
    ['console', 'admin', '--print', '--destination', 'ec2', '--region', 'eu-west-1'],
  ],
  // A name that is no role goes on to the user of that name.
  stop: [
    ['stop', 'dev-user'],
    ['stop', '--all'],
  ],
  'shell-init': [
    ['shell-init', 'bash'],
    ['shell-init', 'zsh'],
    ['shell-init', 'fish'],
    ['shell-init', 'powershell'],
  ],
};

/**
 * The commands that reach no core operation at all, each with why; the walk checks that they
 * run none (anything else must run an entry of the table).
 */
const TOUCH_NO_CORE_STATE: Record<string, string> = {
  'shell-init': "prints a shell script made from the program's own command list; the role names it completes are read at completion time, by `list --names`",
};

function leafCommands(command: Command, prefix: string[] = []): string[] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return sub.commands.length ? leafCommands(sub, path) : [path.join(' ')];
  });
}

class Recorded extends Error {}

/** The operations each command runs, as a CLI whose runner records the names and goes no further. */
async function operationsRunBy(args: string[]): Promise<Set<OperationName>> {
  const ran = new Set<OperationName>();
  const run = (async (name: OperationName, input: unknown) => {
    ran.add(name);
    // `stop <name>` tries the role first; "no such role" sends it on to the user's MFA session.
    if (name === 'session:stop' && typeof input === 'object' && input !== null && 'name' in input) {
      throw new RolecallError('There is no role named that.', undefined, 'UnknownRole');
    }
    throw new Recorded(name);
  }) as OperationRunner;
  const program = buildProgram({ run, readSecret: async () => 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
  program.configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  // What a command prints (shell-init's scripts) is not what this walk looks at: kept off the report.
  const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'rolecall', ...args]).catch((error: unknown) => {
      if (!(error instanceof Recorded)) throw error;
    });
  } finally {
    quiet.mockRestore();
  }
  return ran;
}

describe('the operation table', () => {
  it.each(NAMES)('%s has its schemas and says where it is reachable from', (name) => {
    const entry = OPERATIONS[name];
    expect(entry.input).toBeInstanceOf(z.ZodType);
    expect(entry.output).toBeInstanceOf(z.ZodType);
    expect(entry.summary.length).toBeGreaterThan(10);
    if (entry.window !== true) expect(entry.window.not.length, 'why the window cannot call it').toBeGreaterThan(10);
    if ('not' in entry.cli) expect(entry.cli.not.length, 'why the CLI has no command for it').toBeGreaterThan(10);
    else expect(entry.cli.length).toBeGreaterThan(0);
  });

  it('registers on IPC exactly the entries the window may call, and the preload allows exactly those', () => {
    const windowOperations = NAMES.filter((name) => OPERATIONS[name].window === true);
    expect([...registeredChannels().keys()].sort()).toEqual([...windowOperations].sort());
    expect([...CHANNELS].sort()).toEqual([...windowOperations].sort());
    // The ones that hand out credentials never become a channel.
    for (const name of ['session:export', 'session:credentials', 'console:signin-url'] as const) expect(OPERATIONS[name].window).not.toBe(true);
  });

  it('runs each entry from the CLI commands it names, and no command reaches core but through the table', async () => {
    const program = buildProgram({ run: (() => Promise.reject(new Error('not run'))) as OperationRunner });
    const commands = leafCommands(program);
    expect(
      commands.filter((c) => !SAMPLE_ARGS[c]),
      'commands without sample arguments here',
    ).toEqual([]);

    const ranBy = new Map<string, Set<OperationName>>();
    for (const command of commands) {
      const ran = new Set<OperationName>();
      for (const args of SAMPLE_ARGS[command]!) for (const name of await operationsRunBy(args)) ran.add(name);
      if (TOUCH_NO_CORE_STATE[command]) expect([...ran], `${command} touches no core state`).toEqual([]);
      else expect(ran.size, `${command} runs an operation of the table`).toBeGreaterThan(0);
      ranBy.set(command, ran);
    }
    for (const name of NAMES) {
      const cli = OPERATIONS[name].cli;
      const named = 'not' in cli ? [] : [...cli];
      const runningIt = commands.filter((c) => ranBy.get(c)!.has(name));
      expect(runningIt.sort(), `the commands that run ${name}`).toEqual(named.sort());
    }
  });

  it('sends the page only what the output schema names: a result carrying a secret arrives without it', async () => {
    const listener = registeredChannels().get('catalog:list')!;
    const answer = (await listener(FROM_WINDOW, {})) as { ok: boolean; data: unknown };
    expect(answer.ok).toBe(true);
    expect(answer.data).toEqual(CATALOG);
    expect(JSON.stringify(answer)).not.toMatch(/LEAKED/);
  });
});
