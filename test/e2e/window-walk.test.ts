// The window's everyday path, end to end: the built renderer in Debian's Chromium, wired through
// the test bridge (test/support/window-bridge.ts) to main's real IPC registration and handlers,
// the real core, the real keyring, the STS test server and a temp home. Walked in English and in
// Japanese: empty state → add dev-user → import admin and deploy from the AWS config → Assume
// admin through the MFA dialog → active with a ticking countdown, and the AWS CLI uses the
// profile → Assume deploy with no code, capped notice shown → copy an export → Stop → a wrong
// code for a direct role shows AWS's refusal, the right one works. Everything that reached the
// page is checked for secrets; screenshots land in test-results/screenshots/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumMissing, CHROMIUM, openPage } from '../support/chromium';
import { useChromium } from '../support/chromium-suite';
import { awsCli, hasAwsCli, requireInCi } from '../support/run';
import { expectNoSecretOnPage, pageChecks } from '../support/window-e2e';
import { dictionary, fixedPart } from '../support/window-texts';
import { createWindowBridge, type WindowBridge } from '../support/window-bridge';
import { DEV_USER, makeWorld, roleArn, type World } from '../support/world';

if (chromiumMissing) requireInCi(`${CHROMIUM} (apt-get install chromium; it drives the window tests)`);
if (!hasAwsCli) requireInCi('/usr/bin/aws (apt-get install awscli; the walk checks the AWS CLI uses the profile)');

/** What an admin wrote in ~/.aws/config by hand, before Rolecall: two roles, deploy chained from admin. */
const AWS_CONFIG = `[default]
region = ap-northeast-1

[profile admin]
role_arn = ${roleArn('admin')}
source_profile = dev-user
mfa_serial = ${DEV_USER.mfaSerialNumber}

[profile deploy]
role_arn = ${roleArn('deploy')}
source_profile = admin
duration_seconds = 7200
`;

interface Walk {
  lang: 'en' | 'ja';
  locale: string;
}

describe.skipIf(chromiumMissing)('the window, walked end to end', () => {
  const chromium = useChromium();

  const walks: Walk[] = [
    { lang: 'en', locale: 'en-US' },
    { lang: 'ja', locale: 'ja-JP' },
  ];

  for (const { lang, locale } of walks) {
    it(`assumes admin and deploy, stops, and shows a refused code (${lang})`, async () => {
      const L = await dictionary(lang);
      const world: World = await makeWorld();
      const { page, problems, close } = await openPage(chromium.browser, locale);
      let closeBridge: WindowBridge['close'] = () => undefined;
      try {
        mkdirSync(dirname(world.home.configFile), { recursive: true });
        writeFileSync(world.home.configFile, AWS_CONFIG);
        const bridge = createWindowBridge(world.home.env, { locale });
        closeBridge = bridge.close;
        await bridge.attach(page);

        // In Japanese, no English may show outside data.
        const { shot, noEnglish } = pageChecks(page, lang);
        const row = (name: string) => page.getByTestId(`role-row-${name}`);
        const button = (scope: ReturnType<Page['getByTestId']>, name: string) => scope.getByRole('button', { name, exact: true });

        // Empty state: the first step.
        await page.goto(`${chromium.baseUrl}/index.html`);
        await page.getByRole('heading', { name: L('empty.title') }).waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        await shot('1-empty');
        await noEnglish('empty state');

        // Add dev-user: the secret goes to main (and the keychain) and never comes back.
        await page
          .getByRole('button', { name: L('empty.action') })
          .first()
          .click();
        const userForm = page.getByTestId('user-form');
        await userForm.getByLabel(L('userForm.name'), { exact: true }).fill('dev-user');
        await userForm.getByLabel(L('userForm.accessKeyId')).fill(DEV_USER.accessKeyId);
        await userForm.getByLabel(L('userForm.secretAccessKey')).fill(DEV_USER.secretAccessKey);
        await userForm.getByLabel(L('userForm.mfaSerial')).fill(DEV_USER.mfaSerialNumber);
        await shot('2-user-form');
        await noEnglish('user form');
        await button(userForm, L('form.save')).click();
        await page.getByTestId('user-dev-user').waitFor();
        await userForm.waitFor({ state: 'detached' });

        // Import admin and deploy from ~/.aws/config, with a preview first.
        await page.getByRole('button', { name: L('toolbar.import'), exact: true }).click();
        const importDialog = page.getByTestId('import-dialog');
        await importDialog.getByText('deploy-rolecall').waitFor();
        await shot('3-import-preview');
        await noEnglish('import preview');
        await button(importDialog, L('importDialog.confirm')).click();
        await importDialog.getByText(L('importDialog.done')).waitFor();
        await button(importDialog, L('importDialog.close')).click();
        await expect.poll(() => row('admin').getAttribute('data-state')).toBe('needs-mfa');
        expect(await row('deploy').getAttribute('data-state')).toBe('needs-mfa');

        // Assume admin: the MFA dialog asks for the code and submits on the sixth digit.
        await button(row('admin'), L('role.assume')).click();
        const mfa = page.getByTestId('mfa-dialog');
        await mfa.waitFor();
        await noEnglish('MFA dialog');
        await mfa.getByLabel(L('mfa.code')).pressSequentially(world.sts.nextCode('dev-user'));
        await mfa.waitFor({ state: 'detached' });
        await expect.poll(() => row('admin').getAttribute('data-state')).toBe('active');
        // The countdown ticks on its own.
        const countdown = page.getByTestId('countdown-admin');
        const first = await countdown.textContent();
        await expect.poll(() => countdown.textContent()).not.toBe(first);
        // Every AWS tool now sees the role through its profile.
        const identity = await awsCli(['sts', 'get-caller-identity', '--profile', 'admin-rolecall', '--output', 'json', '--endpoint-url', world.sts.url], {
          env: world.home.env,
        });
        expect(identity.code, identity.stderr).toBe(0);
        expect(JSON.parse(identity.stdout).Arn).toMatch(/:assumed-role\/admin\//);

        // deploy rides admin's session: no code, and the one-hour cap is said.
        expect(await row('deploy').getAttribute('data-state')).toBe('idle');
        await button(row('deploy'), L('role.assume')).click();
        await expect.poll(() => row('deploy').getAttribute('data-state')).toBe('active');
        expect(await page.getByTestId('mfa-dialog').count()).toBe(0);
        await row('deploy').getByTestId('capped-deploy').waitFor();
        const status = (await page.getByTestId('status').textContent()) ?? '';
        expect(status).toContain(fixedPart(L('notice.cappedChaining')));
        for (const hours of [1, 2]) expect(status).toContain(L('duration.hours').replace('{{count}}', String(hours)));
        await shot('4-sessions');
        await noEnglish('session list');

        // Copy an export: main writes the clipboard, the page only hears that it did.
        await button(row('deploy'), L('role.copyExport')).click();
        await page.getByRole('menuitem', { name: 'bash' }).click();
        await expect.poll(() => bridge.clipboard.length).toBe(1);
        expect(bridge.clipboard[0]).toMatch(/^export AWS_SESSION_TOKEN=/m);

        // Stop deploy: its profile leaves the credentials file.
        await button(row('deploy'), L('role.stop')).click();
        await expect.poll(() => row('deploy').getAttribute('data-state')).toBe('idle');
        expect(readFileSync(world.home.credentialsFile, 'utf8')).not.toContain('[deploy-rolecall]');
        expect(readFileSync(world.home.credentialsFile, 'utf8')).toContain('[admin-rolecall]');

        // A direct role needs its own code: a wrong one shows AWS's refusal, the right one works.
        await page.getByRole('button', { name: L('toolbar.addRole'), exact: true }).click();
        const roleForm = page.getByTestId('role-form');
        await roleForm.getByLabel(L('roleForm.name'), { exact: true }).fill('long-job');
        await roleForm.getByLabel(L('roleForm.roleArn')).fill(roleArn('long-job'));
        await roleForm.getByLabel(L('roleForm.source')).selectOption('dev-user');
        await roleForm.getByLabel(L('roleForm.wayDirect')).check();
        await roleForm.getByLabel(L('roleForm.duration')).fill('240');
        await shot('5-role-form');
        await noEnglish('role form');
        await button(roleForm, L('form.save')).click();
        await roleForm.waitFor({ state: 'detached' });
        await expect.poll(() => row('long-job').getAttribute('data-state')).toBe('needs-mfa');
        await button(row('long-job'), L('role.assume')).click();
        await mfa.waitFor();
        await mfa.getByLabel(L('mfa.code')).pressSequentially(wrongCode(world));
        const refusal = mfa.getByTestId('mfa-error');
        await refusal.waitFor();
        expect(await refusal.textContent()).toContain(L('errors.MfaCodeRejected'));
        // AWS's own words, verbatim, beneath the translated sentence.
        expect(await refusal.textContent()).toContain('MultiFactorAuthentication failed');
        expect(await mfa.getByLabel(L('mfa.code')).inputValue()).toBe('');
        await shot('6-mfa-refused');
        await noEnglish('MFA refusal');
        await mfa.getByLabel(L('mfa.code')).pressSequentially(world.sts.nextCode('dev-user'));
        await mfa.waitFor({ state: 'detached' });
        await expect.poll(() => row('long-job').getAttribute('data-state')).toBe('active');

        // main's scheduler marks it: a direct role cannot renew itself without a code.
        const renewal = page.getByTestId('renewal-long-job');
        await renewal.waitFor();
        expect(await renewal.textContent()).toContain(L('role.renewalNeedsMfa'));
        await shot('6b-needs-code-to-extend');
        await noEnglish('renewal note');
        // A notification's Extend… (or the tray): main asks, the window opens its dialog to extend.
        const assumes = () => world.sts.calls.filter((call) => call.action === 'AssumeRole').length;
        const assumedBefore = assumes();
        bridge.requestAssume('long-job', true);
        await mfa.waitFor();
        expect(await mfa.textContent()).toContain(fixedPart(L('mfa.forExtend')));
        await mfa.getByLabel(L('mfa.code')).pressSequentially(world.sts.nextCode('dev-user'));
        await mfa.waitFor({ state: 'detached' });
        // A new session from AWS (the cached one had hours left), not the cached one again.
        await expect.poll(assumes).toBe(assumedBefore + 1);

        // Settings, for the screenshots and the language check.
        await page.getByRole('button', { name: L('toolbar.settings'), exact: true }).click();
        const settings = page.getByTestId('settings-dialog');
        await settings.waitFor();
        await shot('7-settings');
        await noEnglish('settings');
        await page.keyboard.press('Escape');
        await settings.waitFor({ state: 'detached' });

        // Nothing secret ever reached the page: not the user's key, not one issued credential.
        const secrets = [DEV_USER.secretAccessKey, ...world.sts.issuedSecrets()];
        expect(world.sts.issuedSecrets().length).toBeGreaterThanOrEqual(8);
        expect(bridge.toPage.length).toBeGreaterThan(20);
        expectNoSecretOnPage(bridge, secrets);
        // The check can fail: the clipboard holds issued secrets.
        expect(secrets.some((secret) => bridge.clipboard[0]!.includes(secret))).toBe(true);

        expect(problems).toEqual([]);
      } finally {
        closeBridge();
        await close();
        await world.close();
      }
    }, 120_000);
  }
});

/** A six-digit code the STS server will not accept now (none of the -1, 0, +1 steps). */
function wrongCode(world: World): string {
  const valid = new Set([-1, 0, 1].map((step) => world.sts.totp('dev-user', step)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}
