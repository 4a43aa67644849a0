// @vitest-environment jsdom
// Import: main's preview (what is added, what is skipped and why), then the import itself.
// Settings: saved through main, the language applied at once.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPlanView, SettingsView } from '../../common/contract';
import { CATALOG } from '../support/catalog-view';
import { fail, fakeBridge, ok, renderApp } from '../support/renderer-fake-bridge';

afterEach(cleanup);

const PLAN: ImportPlanView = {
  users: [{ name: 'ops', accessKeyId: 'AKIAI44QH8DHBEXAMPLE', mfaSerial: 'arn:aws:iam::123456789012:mfa/ops' }],
  roles: [
    { name: 'ops-admin', roleArn: 'arn:aws:iam::123456789012:role/admin', source: 'ops', profile: 'ops-admin-rolecall', direct: false },
    { name: 'batch', roleArn: 'arn:aws:iam::123456789012:role/batch', source: 'ops', direct: true, duration: 28_800 },
    { name: 'ops-deploy', roleArn: 'arn:aws:iam::123456789012:role/deploy', source: 'ops-admin', profile: 'ops-deploy-rolecall', direct: false },
  ],
  skipped: [{ name: 'sso-dev', reason: 'uses AWS IAM Identity Center (sso_*), which Rolecall does not manage' }],
  leftAlone: [{ name: 'default', reason: 'holds settings only (no key or role)' }],
  plaintextRemoved: [],
  orphanedProfiles: [{ profile: 'ops-admin', useInstead: 'ops-admin-rolecall' }],
};

describe('import', () => {
  it('previews what is added and skipped, then imports on confirm (removing plaintext keys when asked)', async () => {
    const bridge = fakeBridge({
      'import:preview': () => ok(PLAN),
      'import:run': ({ removePlaintext }) =>
        ok({
          ...PLAN,
          plaintextRemoved: removePlaintext ? ['ops'] : [],
          plaintextKept: [{ name: 'offline', reason: 'AWS could not check its key (the network is unreachable), so its plaintext stays' }],
        }),
    });
    renderApp(bridge);
    await userEvent.click(await screen.findByRole('button', { name: 'Import' }));
    const dialog = screen.getByTestId('import-dialog');
    expect(screen.getByRole('dialog', { name: 'Import from the shared AWS files' })).toBe(dialog);
    await within(dialog).findByRole('heading', { name: 'Users to add' });
    expect(dialog.textContent).toContain('AKIAI44QH8DHBEXAMPLE');
    const roles = within(within(dialog).getByRole('heading', { name: 'Roles to add' }).parentElement!).getAllByRole('listitem');
    expect(roles.map((li) => li.textContent)).toEqual([
      'ops-admin MFA session from ops, profile ops-admin-rolecallarn:aws:iam::123456789012:role/admin',
      'batch direct from ops, profile batcharn:aws:iam::123456789012:role/batch',
      // Sourced from a role: AWS caps it at an hour, whatever way in it names.
      'ops-deploy chained (up to 1 hour) from ops-admin, profile ops-deploy-rolecallarn:aws:iam::123456789012:role/deploy',
    ]);
    const skipped = within(within(dialog).getByRole('heading', { name: 'Skipped' }).parentElement!).getByRole('listitem');
    expect(skipped.textContent).toBe('sso-dev: uses AWS IAM Identity Center (sso_*), which Rolecall does not manage');
    // Every other section is accounted for, as the CLI does: nothing read is passed over in silence.
    const leftAlone = within(within(dialog).getByRole('heading', { name: 'Left as they are' }).parentElement!).getByRole('listitem');
    expect(leftAlone.textContent).toBe('default: holds settings only (no key or role)');
    expect(dialog.textContent).toContain('ops-admin use ops-admin-rolecall instead');
    expect(bridge.callsTo('import:run')).toEqual([]);

    await userEvent.click(within(dialog).getByRole('checkbox', { name: /Remove the plaintext keys from the credentials file/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm import' }));
    await within(dialog).findByText('Import finished.');
    expect(bridge.callsTo('import:run')).toEqual([{ removePlaintext: true }]);
    expect(dialog.textContent).toContain('Plaintext keys removed for: ops');
    const kept = within(within(dialog).getByRole('heading', { name: 'Plaintext keys kept' }).parentElement!).getByRole('listitem');
    expect(kept.textContent).toBe('offline: AWS could not check its key (the network is unreachable), so its plaintext stays');
    expect(screen.getByTestId('status').textContent).toBe('Imported users: 1, roles: 3.');
    const close = within(dialog).getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    await userEvent.click(close);
    expect(screen.queryByTestId('import-dialog')).toBeNull();
  });

  it('says when there is nothing to import, with Confirm disabled', async () => {
    const bridge = fakeBridge({ 'import:preview': () => ok({ users: [], roles: [], skipped: [], plaintextRemoved: [], orphanedProfiles: [] }) });
    renderApp(bridge);
    await userEvent.click(await screen.findByRole('button', { name: 'Import' }));
    const dialog = screen.getByTestId('import-dialog');
    await within(dialog).findByText('Nothing new to import.');
    expect((within(dialog).getByRole('button', { name: 'Confirm import' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows why the preview failed', async () => {
    const bridge = fakeBridge({ 'import:preview': () => fail('AwsFileFormat', 'Cannot parse ~/.aws/config line 3.') });
    renderApp(bridge);
    await userEvent.click(await screen.findByRole('button', { name: 'Import' }));
    const alert = await within(screen.getByTestId('import-dialog')).findByRole('alert');
    expect(alert.textContent).toBe('The shared AWS files could not be read.Cannot parse ~/.aws/config line 3.');
  });
});

describe('settings', () => {
  it('saves the settings and switches the window to Japanese at once', async () => {
    let saved: SettingsView = CATALOG.settings;
    const bridge = fakeBridge({
      'settings:update': (request) => {
        saved = { ...saved, ...request };
        return ok(saved);
      },
      // The first load answers; the reload after saving never does: the switch must not wait for it.
      'catalog:list': () => (bridge.callsTo('settings:update').length === 0 ? ok(CATALOG) : new Promise(() => undefined)),
    });
    renderApp(bridge);
    await userEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByTestId('settings-dialog');
    expect((within(dialog).getByLabelText('MFA session duration (hours)') as HTMLInputElement).value).toBe('12');
    expect((within(dialog).getByLabelText('Default role duration (minutes)') as HTMLInputElement).value).toBe('60');
    await userEvent.selectOptions(within(dialog).getByLabelText('Language'), 'ja');
    await userEvent.clear(within(dialog).getByLabelText('Warn before an expiry Rolecall cannot renew (minutes)'));
    await userEvent.type(within(dialog).getByLabelText('Warn before an expiry Rolecall cannot renew (minutes)'), '5');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Clear managed profiles when Rolecall quits' }));
    // Off by default; its help says how a shell uses it.
    const serve = within(dialog).getByRole('checkbox', { name: 'Serve credentials to shells', description: /rolecall export <role> --server/ }) as HTMLInputElement;
    expect(serve.checked).toBe(false);
    await userEvent.click(serve);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('button', { name: 'ユーザーを追加' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('ja');
    expect(screen.getByTestId('status').textContent).toBe('設定を保存しました。');
    expect(bridge.callsTo('settings:update')).toEqual([
      {
        mfaSessionDuration: 43_200,
        defaultRoleDuration: 3600,
        refreshLeadMinutes: 15,
        notifyLeadMinutes: 5,
        language: 'ja',
        clearProfilesOnQuit: true,
        serveCredentialEndpoint: true,
        keyAgeWarningDays: 90,
      },
    ]);
  });

  it('refuses what the core refuses, per field', async () => {
    const bridge = fakeBridge();
    renderApp(bridge);
    await userEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByTestId('settings-dialog');
    const refresh = within(dialog).getByLabelText('Renew role sessions before expiry (minutes)');
    await userEvent.clear(refresh);
    await userEvent.type(refresh, '5');
    const hours = within(dialog).getByLabelText('MFA session duration (hours)');
    await userEvent.clear(hours);
    await userEvent.type(hours, '40');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(dialog.textContent).toContain('Enter whole minutes from 15 to 45.');
    expect(dialog.textContent).toContain('Enter hours from 0.25 to 36.');
    expect(bridge.callsTo('settings:update')).toEqual([]);
  });

  it('follows the OS locale when the setting is "system"', async () => {
    const bridge = fakeBridge({ 'app:info': () => ok({ version: '0.1.0', platform: 'linux', locale: 'ja-JP' }) });
    renderApp(bridge);
    expect(await screen.findByRole('button', { name: 'ユーザーを追加' })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('ja'));
  });
});
