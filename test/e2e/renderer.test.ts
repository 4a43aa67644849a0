// The built renderer (out/renderer, from `npm run build`) in Debian's Chromium, served over HTTP
// by the same handler app:// uses (so the same CSP header), with a test bridge standing in for the
// preload. Checks the empty state and the list in English and Japanese, no console errors and no
// CSP violations, and leaves screenshots in test-results/screenshots/.
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogListView } from '../../preload/contract';
import { createAppProtocolHandler } from '../../main/app-protocol';
import { CATALOG } from '../support/catalog-view';
import { requireInCi } from '../support/run';

const CHROMIUM = '/usr/bin/chromium';
const RENDERER = resolve('out/renderer');
const SCREENSHOTS = resolve('test-results/screenshots');
const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing) requireInCi(`${CHROMIUM} (apt-get install chromium; it drives the renderer tests)`);


/** Serves out/renderer through the app:// handler: http://127.0.0.1:<port>/x ↔ app://rolecall/x. */
function serve(): Promise<Server> {
  const handle = createAppProtocolHandler(RENDERER);
  const server = createServer((req, res) => {
    void handle({ url: `app://rolecall${req.url ?? '/'}`, method: req.method ?? 'GET' }).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/**
 * The few browser globals the page-side functions use. This file is type-checked as Node code
 * (tsconfig.node.json, no DOM lib), so they are described here rather than pulled in globally.
 */
interface PageGlobals {
  __cspViolations: string[];
  __inlineRan?: boolean;
  document: {
    addEventListener(type: 'securitypolicyviolation', listener: (e: { violatedDirective: string; blockedURI: string }) => void): void;
    createElement(tag: 'script'): { textContent: string };
    body: { append(node: unknown): void };
  };
}

interface Problems {
  console: string[];
  csp: string[];
}

/** Opens the app in a fresh context with a test bridge answering from `catalog`. */
async function open(browser: Browser, baseUrl: string, locale: string, catalog: CatalogListView) {
  const context = await browser.newContext({ locale, viewport: { width: 960, height: 680 } });
  const page = await context.newPage();
  const problems: Problems = { console: [], csp: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.console.push(message.text());
  });
  page.on('pageerror', (error) => problems.console.push(error.message));
  // Runs before the page's scripts; stands in for the preload (the real core comes with the window issue).
  await page.addInitScript((data: CatalogListView) => {
    const g = globalThis as unknown as PageGlobals;
    const violations: string[] = [];
    g.__cspViolations = violations;
    g.document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const bridge = {
      invoke: async (channel: string) => {
        if (channel === 'catalog:list') return { ok: true, data };
        if (channel === 'app:info') return { ok: true, data: { version: 'test', platform: 'linux' } };
        return { ok: false, error: { message: `Unknown channel: ${channel}` } };
      },
      onEvent: () => () => undefined,
    };
    Object.defineProperty(globalThis, 'rolecall', { value: Object.freeze(bridge) });
  }, catalog);
  await page.goto(`${baseUrl}/index.html`);
  return { page, problems, close: () => context.close() };
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__cspViolations);
}

describe.skipIf(chromiumMissing)('renderer in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    if (!existsSync(resolve(RENDERER, 'index.html'))) {
      throw new Error('out/renderer/index.html is missing: run `npm run build` (or `npx electron-vite build`) first.');
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await serve();
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
  });

  it('is served with the strict CSP header', async () => {
    const response = await fetch(`${baseUrl}/index.html`);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect((await fetch(`${baseUrl}/..%2f..%2fpackage.json`)).status).toBe(403);
  });

  const LANGUAGES = [
    { lang: 'en', locale: 'en-US', emptyTitle: 'Add your IAM user', users: 'IAM users', roles: 'Roles', direct: 'Direct (own MFA code, full duration)' },
    { lang: 'ja', locale: 'ja-JP', emptyTitle: 'IAM ユーザーを追加してください', users: 'IAM ユーザー', roles: 'ロール', direct: '直接（個別の MFA コード、最大期間）' },
  ] as const;

  for (const l of LANGUAGES) {
    it(`shows the empty state, then the list (${l.lang})`, async () => {
      const empty = await open(browser, baseUrl, l.locale, { users: [], roles: [], settings: CATALOG.settings });
      try {
        await empty.page.getByRole('heading', { name: l.emptyTitle }).waitFor();
        expect(await empty.page.locator('html').getAttribute('lang')).toBe(l.lang);
        expect(await empty.page.locator('code').first().textContent()).toMatch(/^rolecall user add /);
        expect(await empty.page.title()).toBe('Rolecall');
        await empty.page.screenshot({ path: resolve(SCREENSHOTS, `${l.lang}-empty.png`), fullPage: true });
        expect(empty.problems.console).toEqual([]);
        expect(await cspViolations(empty.page)).toEqual([]);
      } finally {
        await empty.close();
      }

      const list = await open(browser, baseUrl, l.locale, CATALOG);
      try {
        await list.page.getByRole('heading', { name: l.users, exact: true }).waitFor();
        await list.page.getByRole('heading', { name: l.roles, exact: true }).waitFor();
        for (const text of ['dev-user', 'AKIAIOSFODNN7EXAMPLE', 'admin', 'exec-lambda', l.direct]) {
          expect(await list.page.getByText(text, { exact: true }).count()).toBeGreaterThan(0);
        }
        // Every text went through i18next: no bare key and no unfilled {{placeholder}} on the page.
        const text = await list.page.locator('body').innerText();
        expect(text).not.toMatch(/\{\{|\b(app|empty|catalog)\.[a-z]\w*/);
        expect(text).toContain(l.lang === 'ja' ? 'dev-user から引き受け' : 'from dev-user');
        await list.page.screenshot({ path: resolve(SCREENSHOTS, `${l.lang}-list.png`), fullPage: true });
        await list.page.emulateMedia({ colorScheme: 'dark' });
        await list.page.screenshot({ path: resolve(SCREENSHOTS, `${l.lang}-list-dark.png`), fullPage: true });
        expect(list.problems.console).toEqual([]);
        expect(await cspViolations(list.page)).toEqual([]);
      } finally {
        await list.close();
      }
    });
  }

  it('reports an inline script as a CSP violation (the check above can see one)', async () => {
    const { page, problems, close } = await open(browser, baseUrl, 'en-US', { users: [], roles: [], settings: CATALOG.settings });
    try {
      await page.getByRole('heading', { name: 'Add your IAM user' }).waitFor();
      await page.evaluate(() => {
        const { document } = globalThis as unknown as PageGlobals;
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.body.append(script);
      });
      // Reported once per policy: the header and the <meta> copy both enforce.
      await expect.poll(async () => (await cspViolations(page)).length).toBeGreaterThan(0);
      for (const violation of await cspViolations(page)) expect(violation).toMatch(/^script-src/);
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__inlineRan)).toBeUndefined();
      expect(problems.console.join('\n')).toMatch(/Content Security Policy/);
    } finally {
      await close();
    }
  });
});
