// The built renderer (out/renderer) in Debian's Chromium, served by the app:// handler (so with
// its CSP header), with a stand-in bridge answering from fixed data: what the page guarantees
// whatever main says. The CSP holds (and a violation would be seen), the list renders in both
// themes, and the keyboard reaches every action with a visible focus ring. The full walk through
// the real core is window-walk.test.ts.
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CatalogListView, SessionsView } from '../../common/contract';
import { CATALOG } from '../support/catalog-view';
import { chromiumMissing, CHROMIUM, openPage, PINNED_CLOCK } from '../support/chromium';
import { SCREENSHOTS, useChromium } from '../support/chromium-suite';
import { requireInCi } from '../support/run';
import { TEST_NOW } from '../support/test-clock';

if (chromiumMissing) requireInCi(`${CHROMIUM} (apt-get install chromium; it drives the renderer tests)`);

/** Browser globals the page-side functions use (this file is type-checked without the DOM lib). */
interface PageGlobals {
  __cspViolations: string[];
  __inlineRan?: boolean;
  document: {
    addEventListener(type: 'securitypolicyviolation', listener: (e: { violatedDirective: string; blockedURI: string }) => void): void;
    createElement(tag: 'script'): { textContent: string };
    body: { append(node: unknown): void };
    activeElement: { textContent: string | null; closest(selector: string): { getAttribute(name: string): string | null } | null } | null;
  };
  getComputedStyle(element: unknown): { outlineStyle: string; outlineWidth: string };
}

const SESSIONS: SessionsView = {
  sessions: [
    {
      kind: 'role',
      name: 'admin',
      profile: 'admin',
      state: 'active',
      expiresAt: new Date(TEST_NOW + 45 * 60_000).toISOString(),
      chain: ['dev-user', 'admin'],
    },
  ],
  needsMfaCode: ['exec-lambda'],
  takenAt: new Date(TEST_NOW).toISOString(),
  keychain: 'ready',
};

/** Opens the app in a fresh context with a bridge answering from `catalog` and `sessions`. */
async function open(browser: Browser, baseUrl: string, locale: string, catalog: CatalogListView, sessions: SessionsView = SESSIONS) {
  const opened = await openPage(browser, locale, undefined, PINNED_CLOCK);
  const { page } = opened;
  await page.addInitScript(
    ({ catalog, sessions, locale }) => {
      const g = globalThis as unknown as PageGlobals;
      const violations: string[] = [];
      g.__cspViolations = violations;
      g.document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      const answers: Record<string, unknown> = {
        'app:info': { version: 'test', platform: 'linux', locale },
        'catalog:list': catalog,
        'sessions:list': sessions,
      };
      const bridge = {
        invoke: async (channel: string) => (channel in answers ? { ok: true, data: answers[channel] } : { ok: false, error: { code: 'Unexpected', message: channel } }),
        onEvent: () => () => undefined,
      };
      Object.defineProperty(globalThis, 'rolecall', { value: Object.freeze(bridge) });
    },
    { catalog, sessions, locale },
  );
  await page.goto(`${baseUrl}/index.html`);
  return opened;
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__cspViolations);
}

describe.skipIf(chromiumMissing)('renderer in Chromium', () => {
  const chromium = useChromium();

  it('is served with the strict CSP header and refuses paths outside the renderer', async () => {
    const response = await fetch(`${chromium.baseUrl}/index.html`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-(eval|inline)/);
    expect((await fetch(`${chromium.baseUrl}/..%2f..%2fpackage.json`)).status).toBe(403);
  });

  for (const { lang, locale } of [
    { lang: 'en', locale: 'en-US' },
    { lang: 'ja', locale: 'ja-JP' },
  ]) {
    it(`renders users, roles and states in light and dark themes, within the CSP (${lang})`, async () => {
      const { page, problems, close } = await open(chromium.browser, chromium.baseUrl, locale, CATALOG);
      try {
        await page.getByTestId('role-row-admin').waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        expect(await page.getByTestId('role-row-admin').getAttribute('data-state')).toBe('active');
        expect(await page.getByTestId('role-row-exec-lambda').getAttribute('data-state')).toBe('needs-mfa');
        const background = () =>
          page.evaluate(() => {
            const g = globalThis as unknown as PageGlobals & { document: { body: unknown } };
            return (g.getComputedStyle(g.document.body) as unknown as { backgroundColor: string }).backgroundColor;
          });
        const light = await background();
        await page.screenshot({ path: resolve(SCREENSHOTS, `${lang}-list.png`), fullPage: true });
        await page.emulateMedia({ colorScheme: 'dark' });
        // The theme follows the OS: the page itself changes colour.
        await expect.poll(background).not.toBe(light);
        await page.screenshot({ path: resolve(SCREENSHOTS, `${lang}-list-dark.png`), fullPage: true });
        expect(problems).toEqual([]);
        expect(await cspViolations(page)).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  for (const { lang, locale, says } of [
    { lang: 'en', locale: 'en-US', says: /keychain is locked/ },
    { lang: 'ja', locale: 'ja-JP', says: /キーチェーンがロックされている/ },
  ]) {
    it(`says a locked keychain above the written profiles, with Retry (${lang})`, async () => {
      const locked: CatalogListView = { ...CATALOG, keychain: 'locked', users: CATALOG.users.map(({ hasSecret: _unknown, ...user }) => user) };
      const fromProfiles: SessionsView = { ...SESSIONS, sessions: SESSIONS.sessions.filter((s) => s.kind === 'role'), needsMfaCode: [], keychain: 'locked' };
      const { page, problems, close } = await open(chromium.browser, chromium.baseUrl, locale, locked, fromProfiles);
      try {
        const alert = page.getByTestId('keychain-closed');
        await alert.waitFor();
        expect(await alert.textContent()).toMatch(says);
        expect(await alert.getByRole('button').count()).toBe(1);
        await page.screenshot({ path: resolve(SCREENSHOTS, `${lang}-keychain-locked.png`), fullPage: true });
        expect(problems).toEqual([]);
        expect(await cspViolations(page)).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it('reaches a row’s Assume button by keyboard, with a visible focus ring', async () => {
    const { page, close } = await open(chromium.browser, chromium.baseUrl, 'en-US', CATALOG);
    try {
      await page.getByTestId('role-row-admin').waitFor();
      const focused = () =>
        page.evaluate(() => {
          const g = globalThis as unknown as PageGlobals;
          const active = g.document.activeElement;
          const style = active ? g.getComputedStyle(active) : undefined;
          return {
            text: active?.textContent?.trim() ?? '',
            row: active?.closest('[data-testid^="role-row-"]')?.getAttribute('data-testid') ?? '',
            ring: style ? style.outlineStyle !== 'none' && style.outlineWidth !== '0px' : false,
          };
        });
      let reached = false;
      for (let i = 0; i < 40 && !reached; i++) {
        await page.keyboard.press('Tab');
        const now = await focused();
        reached = now.text === 'Assume' && now.row === 'role-row-admin';
        if (reached) expect(now.ring).toBe(true);
      }
      expect(reached).toBe(true);
    } finally {
      await close();
    }
  });

  it('reports an inline script as a CSP violation (the checks above can see one)', async () => {
    const { page, problems, close } = await open(chromium.browser, chromium.baseUrl, 'en-US', { ...CATALOG, users: [], roles: [] });
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
      expect(problems.join('\n')).toMatch(/Content Security Policy/);
    } finally {
      await close();
    }
  });
});
