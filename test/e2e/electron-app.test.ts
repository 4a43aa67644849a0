// The built app (out/main/index.js) in a real Electron, through Playwright's _electron: the
// window opens sandboxed with only window.rolecall, and a role is assumed through the UI (MFA
// dialog included) against the STS test server, and the binary answers as the CLI. Runs only where the Electron binary exists;
// elsewhere (this machine: ELECTRON_SKIP_BINARY_DOWNLOAD) it prints why and skips.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../support/run';
import { makeWorld, roleArn, type World } from '../support/world';

const MAIN = resolve('out/main/index.js');

/** The Electron binary's path, or why there is none. */
function findElectron(): { path: string } | { reason: string } {
  let path: string;
  try {
    // The electron package's main export is the binary's path; it throws when the download was skipped.
    path = createRequire(import.meta.url)('electron') as string;
  } catch (error) {
    return { reason: `the electron package has no binary (${(error as Error).message.split('\n')[0]})` };
  }
  if (!existsSync(path)) return { reason: `the Electron binary ${path} does not exist` };
  if (!existsSync(MAIN)) return { reason: `${MAIN} is missing: run \`npm run build\` first` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (set DISPLAY, e.g. under xvfb-run)' };
  }
  return { path };
}

const electron = findElectron();
const skipReason = 'reason' in electron ? electron.reason : undefined;
if (skipReason) console.log(`Electron app e2e skipped: ${skipReason}.`);

describe.skipIf(skipReason !== undefined)('Electron app', () => {
  let app: ElectronApplication | undefined;
  let world: World;

  beforeAll(async () => {
    if (!('path' in electron)) return;
    // The user and the role come from the CLI: the window must show what the CLI set up.
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    expect((await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'])).code).toBe(0);
    // Chromium refuses to start as root without --no-sandbox (containers, CI). The renderer keeps
    // Electron's sandbox (no Node in the page) either way.
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await _electron.launch({
      executablePath: electron.path,
      args: [...rootArgs, MAIN],
      // The temp home's catalog, keychain namespace, AWS files and STS endpoint, never the user's.
      env: { ...process.env, ...world.home.env, LANG: 'en_US.UTF-8' } as Record<string, string>,
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await world?.close();
  });

  it('opens a sandboxed window with only window.rolecall', async () => {
    const page = await app!.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(await page.title()).toBe('Rolecall');
    expect(page.url()).toBe('app://rolecall/index.html');
    // Runs in the page; globalThis there is the renderer's window.
    const globals = await page.evaluate(() => {
      const g = globalThis as { rolecall?: object; require?: unknown; process?: unknown };
      return {
        rolecall: typeof g.rolecall,
        frozen: g.rolecall !== undefined && Object.isFrozen(g.rolecall),
        require: typeof g.require,
        process: typeof g.process,
      };
    });
    expect(globals).toEqual({ rolecall: 'object', frozen: true, require: 'undefined', process: 'undefined' });
  });

  it('assumes admin through the MFA dialog, and the profile is written', async () => {
    const page = await app!.firstWindow();
    const row = page.getByTestId('role-row-admin');
    await expect.poll(() => row.getAttribute('data-state')).toBe('needs-mfa');
    await row.getByRole('button', { name: 'Assume', exact: true }).click();
    const dialog = page.getByTestId('mfa-dialog');
    await dialog.getByLabel('MFA code').pressSequentially(world.sts.nextCode('dev-user'));
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.getAttribute('data-state')).toBe('active');
    const status = await world.cli(['status', '--json']);
    expect(JSON.parse(status.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'admin', profile: 'admin', state: 'active' })]));
  });

  it('runs the CLI inside the app binary (what the installed rolecall shim does), beside the open app', async () => {
    if (!('path' in electron)) return;
    // `electron <main> --rolecall-cli …`, as the shim runs the packaged binary; as root Chromium
    // needs --no-sandbox, which CLI mode looks past as it does for the AppImage launcher.
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    const result = await run(electron.path, [MAIN, ...rootArgs, '--rolecall-cli', 'status', '--json'], { env: { ...process.env, ...world.home.env } });
    expect(result.code, result.stderr).toBe(0);
    // The running app (its single-instance lock) did not swallow the run: the answer is the CLI's.
    expect(JSON.parse(result.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'admin', state: 'active' })]));
  });
});
