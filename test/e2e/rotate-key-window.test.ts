// "Rotate key" end to end: the built renderer in Debian's Chromium, through the test bridge to
// main's real IPC and handlers, the real core and keyring, and the test server's IAM (its access
// keys, the two-key limit). In English IAM lets dev-user manage its keys with the key alone; in
// Japanese only with MFA, so the MFA dialog asks first. Both rotate, see both key ids in the outcome
// and the new one in the row, and the CLI then assumes with the new key; a second rotation with a
// stray key already in IAM is refused, naming the key to delete. No secret reaches the page;
// screenshots land in test-results/screenshots/.
import { describe, expect, it } from 'vitest';
import { chromiumMissing, CHROMIUM, openPage } from '../support/chromium';
import { useChromium } from '../support/chromium-suite';
import { KEY_ACTIONS } from '../support/iam-actions';
import { requireInCi } from '../support/run';
import { expectNoSecretOnPage, pageChecks } from '../support/window-e2e';
import { createWindowBridge, type WindowBridge } from '../support/window-bridge';
import { dictionary, fixedPart } from '../support/window-texts';
import { DEV_USER, makeWorld, roleArn, type World } from '../support/world';

if (chromiumMissing) requireInCi(`${CHROMIUM} (apt-get install chromium; it drives the window tests)`);

describe.skipIf(chromiumMissing)('Rotate key in the window, end to end', () => {
  const chromium = useChromium();

  for (const { lang, locale, keyActions } of [
    { lang: 'en', locale: 'en-US', keyActions: 'allow' },
    { lang: 'ja', locale: 'ja-JP', keyActions: 'mfa' },
  ] as const) {
    it(`rotates the key, the row and the CLI use the new one, and a full IAM is refused naming the stray key (${lang}, keys: ${keyActions})`, async () => {
      const L = await dictionary(lang);
      const world: World = await makeWorld();
      const { page, problems, close } = await openPage(chromium.browser, locale);
      let closeBridge: WindowBridge['close'] = () => undefined;
      try {
        expect((await world.addDevUser()).code).toBe(0);
        expect((await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'])).code).toBe(0);
        for (const action of KEY_ACTIONS) world.sts.iam.permissions['dev-user']![action] = keyActions;
        // IAM takes a moment to accept the new key: its first requests are refused.
        world.sts.iam.newKeyRefusals = 1;
        const bridge = createWindowBridge(world.home.env, { locale });
        closeBridge = bridge.close;
        await bridge.attach(page);
        const { shot, noEnglish } = pageChecks(page, lang);

        await page.goto(`${chromium.baseUrl}/index.html`);
        const user = page.getByTestId('user-dev-user');
        await user.getByRole('button', { name: L('user.rotateKey'), exact: true }).click();
        const dialog = page.getByTestId('rotate-key-dialog');
        await dialog.waitFor();
        expect(await dialog.textContent()).toContain(DEV_USER.accessKeyId);
        await shot('11-rotate-key');
        await noEnglish('Rotate key');
        await dialog.getByRole('button', { name: L('rotateKey.confirm'), exact: true }).click();

        if (keyActions === 'mfa') {
          const mfa = page.getByTestId('mfa-dialog');
          await mfa.waitFor();
          expect(await mfa.textContent()).toContain(fixedPart(L('mfa.forRotate')));
          await noEnglish('the MFA dialog of Rotate key');
          await mfa.getByLabel(L('mfa.code')).pressSequentially(world.sts.nextCode('dev-user'));
          await mfa.waitFor({ state: 'detached' });
        }

        const outcome = dialog.getByTestId('rotate-key-outcome');
        await outcome.waitFor();
        const newKey = Object.keys(world.sts.iam.accessKeys).find((id) => id !== DEV_USER.accessKeyId && world.sts.iam.accessKeys[id]!.user === 'dev-user')!;
        expect(newKey).toBeTruthy();
        expect(await outcome.textContent()).toContain(`${DEV_USER.accessKeyId} → ${newKey}`);
        expect(await outcome.textContent()).toContain(L('rotateKey.sessionsStay'));
        if (keyActions === 'mfa') expect(await outcome.textContent()).toContain(L('rotateKey.viaMfa'));
        // The row shows the new key once the window has read its catalog again.
        await user.getByText(newKey, { exact: true }).waitFor();
        await shot('11a-rotate-key-done');
        await noEnglish('what Rotate key did');
        await dialog.getByRole('button', { name: L('rotateKey.close'), exact: true }).click();
        await dialog.waitFor({ state: 'detached' });
        // IAM holds only the new key, and the keychain's works: the CLI assumes admin with it.
        expect(world.sts.iam.accessKeys[DEV_USER.accessKeyId]).toBeUndefined();
        const assumed = await world.cli(['assume', 'admin', '--mfa-code', world.sts.nextCode('dev-user')]);
        expect(assumed.code).toBe(0);

        // A stray second key in IAM: the next rotation is refused, naming it as the one to delete.
        world.sts.iam.accessKeys['AKIASTRAYKEY0EXAMPLE'] = {
          user: 'dev-user',
          secretAccessKey: 'stray-secret',
          status: 'Inactive',
          createdAt: '2025-10-01T00:00:00Z',
          refusalsLeft: 0,
        };
        await user.getByRole('button', { name: L('user.rotateKey'), exact: true }).click();
        await dialog.getByRole('button', { name: L('rotateKey.confirm'), exact: true }).click();
        const refusal = dialog.getByTestId('rotate-key-error');
        await refusal.waitFor();
        expect(await refusal.textContent()).toContain(L('errors.KeyLimitReached'));
        expect(await refusal.textContent()).toContain('AKIASTRAYKEY0EXAMPLE');
        await shot('11b-rotate-key-two-keys');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });

        const secrets = [DEV_USER.secretAccessKey, ...world.sts.issuedSecrets()];
        expectNoSecretOnPage(bridge, secrets);
        expect(problems).toEqual([]);
      } finally {
        closeBridge();
        await close();
        await world.close();
      }
    }, 120_000);
  }
});
