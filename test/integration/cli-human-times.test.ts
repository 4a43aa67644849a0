// `status`, `assume`, `list` and `export` speak in local time with what is left, in the zone the
// process runs in; `--json` keeps ISO 8601 UTC. On a terminal the states have colour (expiring
// yellow, expired red, a capped session in bold); in a pipe or with NO_COLOR they have none.
// The CLI's clock is pinned (ROLECALL_TEST_NOW) and its zone too (TZ), in two zones, and the STS
// test server's clock is set to the same instant, so the expiries it issues are known.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasScript, onTerminal, SCRIPT } from '../support/pty';
import { CLI, requireInCi, rolecall } from '../support/run';
import { TEST_NOW } from '../support/test-clock';
import { makeWorld, roleArn, type World } from '../support/world';

if (!hasScript) requireInCi(`${SCRIPT} (util-linux)`);

const ESC = '\u001b[';
const YELLOW = `${ESC}33m`;
const RED = `${ESC}31m`;
const BOLD = `${ESC}1m`;
const at = (minutes: number) => new Date(TEST_NOW + minutes * 60_000).toISOString();

describe.runIf(hasScript)('human times and colour in the terminal', () => {
  let world: World;
  /** The CLI's environment at `minutes` after the pinned instant, in `zone`. */
  const envAt = (minutes: number, zone: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    ...world.home.env,
    ROLECALL_TEST_NOW: at(minutes),
    TZ: zone,
    TERM: 'xterm-256color',
    ...extra,
  });
  const piped = (args: string[], env: NodeJS.ProcessEnv) => rolecall(args, { env });
  const onTty = (args: string[], env: NodeJS.ProcessEnv) => onTerminal([process.execPath, CLI, ...args], env);

  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    expect((await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'])).code).toBe(0);
    expect((await world.cli(['role', 'add', 'long-job', '--role-arn', roleArn('long-job'), '--source', 'dev-user', '--duration', '7200'])).code).toBe(0);
    // The server issues expiries from the pinned instant (10:24 in Tokyo, 20:24 the day before in New York).
    world.sts.setOffset(TEST_NOW - Date.now());
  });
  afterAll(async () => world.close());

  it('assume says until when in local time, and when the new MFA session ends', async () => {
    const result = await piped(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')], envAt(0, 'Asia/Tokyo'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('MFA session for dev-user started; it serves every role until 22:24 (12 h left).');
    expect(result.stderr).toContain('admin: profile admin written, valid until 11:24 (1 h left).');
    expect(result.stderr).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('export tells the person (on stderr) until when, in New York time with the date when not today', async () => {
    const result = await piped(['export', 'long-job'], envAt(0, 'America/New_York'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/long-job: asked for 2 h, capped at 1 h/);
    expect(result.stderr).toContain('long-job: credentials valid until 21:24 (1 h left).');
    expect(result.stdout).toMatch(/^export AWS_ACCESS_KEY_ID=/m);
  });

  it('status in a pipe: local times and time left, no colour; --json keeps ISO 8601 UTC', async () => {
    const tokyo = await piped(['status'], envAt(0, 'Asia/Tokyo'));
    expect(tokyo.code, tokyo.stderr).toBe(0);
    expect(tokyo.stdout).toMatch(/^admin\s+role\s+admin\s+active\s+11:24\s+1 h\s+dev-user → admin$/m);
    expect(tokyo.stdout).toMatch(/^long-job\s+role\s+-\s+active \(capped at 1 h: role chaining\)\s+11:24\s+1 h\s/m);
    expect(tokyo.stdout).toMatch(/^dev-user\s+mfa-session\s+-\s+active\s+22:24\s+12 h\s/m);
    expect(tokyo.stdout).not.toContain(ESC);

    const newYork = await piped(['status'], envAt(0, 'America/New_York'));
    expect(newYork.stdout).toMatch(/^admin\s+role\s+admin\s+active\s+21:24\s+1 h\s/m);
    expect(newYork.stdout).toMatch(/^dev-user\s+mfa-session\s+-\s+active\s+Dec 3, 08:24\s+12 h\s/m);

    const json = await piped(['status', '--json'], envAt(0, 'Asia/Tokyo'));
    const admin = (JSON.parse(json.stdout) as { name: string; expiresAt: string }[]).find((s) => s.name === 'admin')!;
    expect(admin.expiresAt).toMatch(/^2026-12-03T02:24:\d\d(\.\d+)?Z$/);
  });

  it('status on a terminal: expiring yellow, expired red, capped in bold', async () => {
    const now = await onTty(['status'], envAt(0, 'Asia/Tokyo'));
    expect(now.code, now.screen).toBe(0);
    expect(now.screen).toContain(`${BOLD}active (capped at 1 h: role chaining)`);
    expect(now.screen).not.toContain(YELLOW);

    const expiring = await onTty(['status'], envAt(50, 'Asia/Tokyo'));
    expect(expiring.screen).toMatch(new RegExp(`admin\\s+role\\s+admin\\s+${escape(YELLOW)}expiring`));
    expect(expiring.screen).toContain(`${YELLOW}10 min`);

    const expired = await onTty(['status'], envAt(120, 'America/New_York'));
    // Ended two hours ago: its profile is gone (the run says so), the session is listed as expired.
    expect(expired.screen).toMatch(new RegExp(`admin\\s+role\\s+-\\s+${escape(RED)}expired`));
    expect(expired.screen).toContain(`${RED}21:24`);
  });

  it('status on a terminal with NO_COLOR: the same words, no escapes', async () => {
    const expired = await onTty(['status'], envAt(120, 'Asia/Tokyo', { NO_COLOR: '1' }));
    expect(expired.code, expired.screen).toBe(0);
    expect(expired.screen).toMatch(/admin\s+role\s+-\s+expired\s+11:24\s+expired/);
    expect(expired.screen).not.toContain(ESC);
  });

  it('list shows each session until when, coloured on a terminal only', async () => {
    const tty = await onTty(['list'], envAt(50, 'Asia/Tokyo'));
    expect(tty.code, tty.screen).toBe(0);
    expect(tty.screen).toContain(`${YELLOW}until 11:24 (10 min left)`);
    expect(tty.screen).toMatch(/dev-user\s+user\s+\S+( \(key [^)]*\))?\s+MFA \S+\s+until 22:24 \(11 h 10 min left\)/);

    const pipe = await piped(['list'], envAt(0, 'America/New_York'));
    expect(pipe.stdout).toMatch(/^admin\s+role\s+\S+\s+dev-user\s+until 21:24 \(1 h left\)$/m);
    expect(pipe.stdout).toMatch(/^long-job\s+role\s+\S+\s+dev-user\s+until 21:24 \(1 h left\), capped at 1 h: role chaining$/m);
    expect(pipe.stdout).not.toContain(ESC);
  });

  it('--help lists the exit statuses', async () => {
    const help = await piped(['--help'], envAt(0, 'Asia/Tokyo'));
    expect(help.stdout).toMatch(/Exit status:\n\s+0\s+done\n\s+1\s+it failed.*\n\s+2\s+a usage error.*\n\s+130\s+cancelled/);
  });
});

function escape(text: string): string {
  return text.replace(/[[\]\\^$.*+?()|{}]/g, '\\$&');
}
