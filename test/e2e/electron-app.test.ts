// The built app (out/main/index.js) in a real Electron, through Playwright's _electron. Runs only
// where the Electron binary exists; elsewhere (this machine: ELECTRON_SKIP_BINARY_DOWNLOAD) it
// prints why and skips.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

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
  return { path };
}

const electron = findElectron();
const skipReason = 'reason' in electron ? electron.reason : undefined;
if (skipReason) console.log(`Electron app e2e skipped: ${skipReason}.`);

describe('Electron app', () => {
  let app: ElectronApplication | undefined;
  const configDir = mkdtempSync(join(tmpdir(), 'rolecall-electron-'));

  afterAll(async () => {
    await app?.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  it.skipIf(skipReason !== undefined)('opens a sandboxed window with only window.rolecall', async () => {
    if (!('path' in electron)) return;
    // Chromium refuses to start as root without --no-sandbox (containers, CI). The renderer keeps
    // Electron's sandbox (no Node in the page) either way.
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await _electron.launch({
      executablePath: electron.path,
      args: [...rootArgs, MAIN],
      // A catalog of its own, so the test never touches the user's.
      env: { ...process.env, ROLECALL_CONFIG_DIR: configDir },
    });
    const page = await app.firstWindow();
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
});
