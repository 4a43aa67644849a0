// What every end-to-end window test does as it walks: screenshots named by language and step, the
// Japanese window checked for English UI text, and no secret in anything main sent the page.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOTS } from './chromium-suite';
import type { WindowBridge } from './window-bridge';
import { latinWords } from './window-texts';

export function pageChecks(page: Page, lang: 'en' | 'ja') {
  return {
    /** test-results/screenshots/<lang>-<name>.png, the whole page. */
    shot: (name: string) => page.screenshot({ path: resolve(SCREENSHOTS, `${lang}-${name}.png`), fullPage: true }),
    /** In Japanese, no English word on screen but the allowed ones (AWS, IAM, …). */
    noEnglish: async (where: string) => {
      if (lang === 'ja') expect(await latinWords(page), `English UI text in ${where}`).toEqual([]);
    },
  };
}

/** No message main sent the page holds any of `secrets` (long-term keys, issued sessions). */
export function expectNoSecretOnPage(bridge: Pick<WindowBridge, 'toPage'>, secrets: readonly string[]): void {
  for (const message of bridge.toPage) for (const secret of secrets) expect(message.includes(secret), `a secret in ${message.slice(0, 80)}`).toBe(false);
}
