// "Find roles" end to end: the built renderer in Debian's Chromium, through the test bridge to
// main's real IPC and handlers, the real core and keyring, and the test server's IAM (ListRoles
// with trust policies). In English, IAM lets dev-user list roles with its key; in Japanese only
// with MFA, so the MFA dialog asks for a code first. Both choose by-arn and long-job (direct, 4 h),
// add them and see them in the role list; then, without iam:ListRoles (even with MFA), the refusal
// in words. No secret reaches the page; screenshots land in test-results/screenshots/.
import { describe, expect, it } from 'vitest';
import { chromiumMissing, CHROMIUM, openPage } from '../support/chromium';
import { useChromium } from '../support/chromium-suite';
import { requireInCi } from '../support/run';
import { expectNoSecretOnPage, pageChecks } from '../support/window-e2e';
import { createWindowBridge, type WindowBridge } from '../support/window-bridge';
import { dictionary, fixedPart } from '../support/window-texts';
import { DEV_USER, makeWorld, roleArn, type World } from '../support/world';

if (chromiumMissing) requireInCi(`${CHROMIUM} (apt-get install chromium; it drives the window tests)`);

const DEV_ARN = 'arn:aws:iam::123456789012:user/dev-user';
const BY_ARN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: DEV_ARN }, Action: 'sts:AssumeRole' }] };

describe.skipIf(chromiumMissing)('Find roles in the window, end to end', () => {
  const chromium = useChromium();

  for (const { lang, locale, listRoles } of [
    { lang: 'en', locale: 'en-US', listRoles: 'allow' },
    { lang: 'ja', locale: 'ja-JP', listRoles: 'mfa' },
  ] as const) {
    it(`finds, chooses and adds roles, and says a missing iam:ListRoles in words (${lang}, ListRoles: ${listRoles})`, async () => {
      const L = await dictionary(lang);
      const count = (key: string, n: number) => L(`${key}_${n === 1 ? 'one' : 'other'}`).replace('{{count}}', String(n));
      const world: World = await makeWorld();
      const { page, problems, close } = await openPage(chromium.browser, locale);
      let closeBridge: WindowBridge['close'] = () => undefined;
      try {
        expect((await world.addDevUser()).code).toBe(0);
        expect((await world.cli(['role', 'add', 'admin', '--role-arn', roleArn('admin'), '--source', 'dev-user'])).code).toBe(0);
        world.sts.iam.extraRoles.push({ name: 'by-arn', maxSessionDuration: 7200, trustPolicy: BY_ARN });
        world.sts.iam.permissions['dev-user']!.ListRoles = listRoles;
        const bridge = createWindowBridge(world.home.env, { locale });
        closeBridge = bridge.close;
        await bridge.attach(page);
        const { shot, noEnglish } = pageChecks(page, lang);

        await page.goto(`${chromium.baseUrl}/index.html`);
        const user = page.getByTestId('user-dev-user');
        await user.getByRole('button', { name: L('user.findRoles'), exact: true }).click();
        const dialog = page.getByTestId('find-roles-dialog');
        await dialog.waitFor();

        if (listRoles === 'mfa') {
          // IAM refused the key alone: the MFA dialog asks, over Find roles.
          const mfa = page.getByTestId('mfa-dialog');
          await mfa.waitFor();
          expect(await mfa.textContent()).toContain(fixedPart(L('mfa.forDiscover')));
          await shot('8a-find-roles-mfa');
          await noEnglish('the MFA dialog of Find roles');
          await mfa.getByLabel(L('mfa.code')).pressSequentially(world.sts.nextCode('dev-user'));
          await mfa.waitFor({ state: 'detached' });
        }

        const table = dialog.getByTestId('found-roles');
        await table.waitFor();
        if (listRoles === 'mfa') expect(await dialog.textContent()).toContain(L('findRoles.viaMfa'));
        const found = (name: string) => dialog.getByTestId(`found-role-${name}`);
        expect(await found('admin').textContent()).toContain(fixedPart(L('findRoles.inRolecall')));
        expect(await found('admin').getByRole('checkbox').isDisabled()).toBe(true);
        expect(await found('external').textContent()).toContain(L('findRoles.notAddable.external-id'));
        expect(await found('long-job').textContent()).toContain(L('findRoles.needsMfa'));
        expect(await found('long-job').textContent()).toContain(L('duration.hours').replace('{{count}}', '4'));
        expect(await found('by-arn').textContent()).toContain(L('findRoles.noMfa'));
        expect(await found('by-arn').textContent()).toContain('123456789012');
        // Roles that do not trust dev-user are not listed.
        expect(await dialog.getByTestId('found-role-deploy').count()).toBe(0);

        await dialog.getByRole('checkbox', { name: 'by-arn', exact: true }).check();
        await dialog.getByRole('checkbox', { name: 'long-job', exact: true }).check();
        await dialog.getByRole('checkbox', { name: L('findRoles.direct'), exact: true }).check();
        await found('long-job')
          .getByText(L('findRoles.becomesDirect').replace('{{duration}}', L('duration.hours').replace('{{count}}', '4')))
          .waitFor();
        await shot('8-find-roles');
        await noEnglish('Find roles');

        await dialog.getByRole('button', { name: count('findRoles.add', 2), exact: true }).click();
        const outcome = dialog.getByTestId('find-roles-outcome');
        await outcome.waitFor();
        expect(await outcome.locator('li').count()).toBe(2);
        await page.getByTestId('role-row-long-job').waitFor();
        await page.getByTestId('role-row-by-arn').waitFor();
        await shot('9-find-roles-added');
        await noEnglish('what Find roles added');
        // main saved them as chosen: long-job direct for its whole 4 h, by-arn from the MFA session.
        const listed = await world.cli(['list', '--json']);
        const roles = (JSON.parse(listed.stdout) as { roles: Array<{ name: string; direct: boolean; duration?: number; source: string }> }).roles;
        expect(roles.find((r) => r.name === 'long-job')).toMatchObject({ direct: true, duration: 14_400, source: 'dev-user' });
        expect(roles.find((r) => r.name === 'by-arn')).toMatchObject({ direct: false, source: 'dev-user' });
        await dialog.getByRole('button', { name: L('findRoles.close'), exact: true }).click();
        await dialog.waitFor({ state: 'detached' });

        // Without iam:ListRoles: said in words, with Try again. Refused with the key, core asks again
        // with the MFA session: in English none was started yet, so a code is asked for first.
        delete world.sts.iam.permissions['dev-user']!.ListRoles;
        await user.getByRole('button', { name: L('user.findRoles'), exact: true }).click();
        if (listRoles === 'allow') {
          const mfa = page.getByTestId('mfa-dialog');
          await mfa.waitFor();
          await mfa.getByLabel(L('mfa.code')).pressSequentially(world.sts.nextCode('dev-user'));
          await mfa.waitFor({ state: 'detached' });
        }
        const refusal = dialog.getByTestId('find-roles-error');
        await refusal.waitFor();
        expect(await refusal.textContent()).toContain(fixedPart(L('findRoles.noPermission')));
        await dialog.getByRole('button', { name: L('findRoles.retry'), exact: true }).waitFor();
        await shot('10-find-roles-no-permission');
        await noEnglish('the refusal of Find roles');
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
