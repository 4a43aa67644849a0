// One Chromium and one served renderer for a whole test file (vitest hooks, so kept apart from
// chromium.ts, which the bench loads outside vitest).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, serveRenderer, type ServedRenderer } from './chromium';

export const SCREENSHOTS = resolve('test-results/screenshots');

export interface ChromiumSuite {
  readonly browser: Browser;
  readonly baseUrl: string;
}

export function useChromium(): ChromiumSuite {
  let served: ServedRenderer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    served = await serveRenderer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('Chromium is not running (beforeAll failed?)');
      return browser;
    },
    get baseUrl() {
      if (!served) throw new Error('the renderer is not served (beforeAll failed?)');
      return served.baseUrl;
    },
  };
}
