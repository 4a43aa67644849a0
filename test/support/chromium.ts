// Debian's Chromium driven by playwright-core, and the built renderer (out/renderer) served over
// HTTP by the very handler the app:// protocol uses (same files, same CSP header). Shared by the
// renderer e2e tests and the bench.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createAppProtocolHandler } from '../../main/app/app-protocol';
import { TEST_NOW, TEST_ZONE } from './test-clock';

export const CHROMIUM = '/usr/bin/chromium';
export const RENDERER = resolve('out/renderer');
export const chromiumMissing = !existsSync(CHROMIUM);

/** The flags this machine needs (root, no GPU) and that keep a test run quiet and offline. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface ServedRenderer {
  /** http://127.0.0.1:<port>, standing for app://rolecall. */
  baseUrl: string;
  close(): Promise<void>;
}

/** Serves out/renderer: http://127.0.0.1:<port>/x ↔ app://rolecall/x. */
export async function serveRenderer(root: string = RENDERER): Promise<ServedRenderer> {
  if (!existsSync(resolve(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: run \`npm run build\` first.`);
  }
  const handle = createAppProtocolHandler(root);
  const server: Server = createServer((req, res) => {
    void handle({ url: `app://rolecall${req.url ?? '/'}`, method: req.method ?? 'GET' }).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions of the page: a test expects none. */
  problems: string[];
  close(): Promise<void>;
}

/** A page in a fresh context (its own storage) with the given locale, collecting its errors. */
/** A page whose Date stands at TEST_NOW in TEST_ZONE (timers still run), as in the jsdom tests. */
export const PINNED_CLOCK = { now: TEST_NOW, timeZone: TEST_ZONE };

/**
 * `clock`: pins the page's Date and zone, for a page over a fake main (the same screen at any
 * hour); a page over the real main and STS keeps the real clock, which their sessions follow.
 */
export async function openPage(browser: Browser, locale: string, viewport = { width: 1100, height: 760 }, clock?: typeof PINNED_CLOCK): Promise<OpenedPage> {
  const context = await browser.newContext({ locale, viewport, ...(clock ? { timezoneId: clock.timeZone } : {}) });
  const page = await context.newPage();
  if (clock) await page.clock.setFixedTime(clock.now);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { page, problems, close: () => context.close() };
}
