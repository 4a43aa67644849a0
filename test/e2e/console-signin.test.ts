// The printed sign-in URL in a real browser (Debian's Chromium): `rolecall console --print` against
// the STS test server, whose federation endpoint signs the browser in and redirects it to the
// destination, a console page that names the role. What a person gets after pasting the URL.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, CHROMIUM, launchChromium } from '../support/chromium';
import { requireInCi } from '../support/run';
import { makeWorld, roleArn, type World } from '../support/world';

if (chromiumMissing) requireInCi(`${CHROMIUM} (apt-get install chromium; it drives the console sign-in test)`);

describe.skipIf(chromiumMissing)('the printed console URL in Chromium', () => {
  let world: World;
  let browser: Browser;

  beforeAll(async () => {
    world = await makeWorld();
    expect((await world.addDevUser()).code).toBe(0);
    const added = await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user']);
    expect(added.code, added.stderr).toBe(0);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await world.close();
  });

  it('signs the browser in and lands on the destination, with the role named in the page', async () => {
    const destination = `${world.sts.url}/console/home?region=eu-west-1`;
    const printed = await world.cli(['console', 'admin', '--print', '--destination', destination, '--mfa-code', world.sts.nextCode('dev-user')]);
    expect(printed.code, printed.stderr).toBe(0);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const response = await page.goto(printed.stdout.trim());
      expect(response?.status()).toBe(200);
      expect(page.url()).toBe(destination);
      await expect.poll(() => page.textContent('#identity')).toContain('admin (aws assumed-role/admin/dev-user)');
      expect(await page.textContent('#region')).toBe('eu-west-1');

      // Another browser profile (a fresh context) without the URL is not signed in.
      const other = await context.browser()!.newContext();
      const stranger = await other.newPage();
      expect((await stranger.goto(destination))?.status()).toBe(403);
      await other.close();
    } finally {
      await context.close();
    }
  });
});
