// @vitest-environment jsdom
// The dictionaries (ja has exactly en's keys, none empty, the same placeholders and data tags),
// the language choice, and the Japanese window: no English outside translate="no" data, in the
// list, the status area and every dialog.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPlanView } from '../../common/contract';
import { languageOfLocale } from '../../common/language';
import { createI18n } from '../../renderer/src/i18n';
import { en } from '../../renderer/src/i18n/en';
import { ja } from '../../renderer/src/i18n/ja';
import { resolveLanguage } from '../../renderer/src/i18n/language';
import { CATALOG } from '../support/catalog-view';
import {
  CHAIN_CATALOG,
  fail,
  fakeBridge,
  JA_ALLOWED_WORDS,
  manualClock,
  ok,
  renderApp,
  roleSession,
  sessionsView,
  translatableText,
  withLanguage,
  isoIn,
} from '../support/renderer-fake-bridge';

afterEach(cleanup);

function flatten(tree: object, prefix = ''): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') flat[prefix + key] = value;
    else Object.assign(flat, flatten(value as object, `${prefix}${key}.`));
  }
  return flat;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1] ?? '').sort();
const tags = (text: string) => [...text.matchAll(/<\/?(name|code)>/g)].map((m) => m[0]).sort();

describe('dictionaries', () => {
  const english = flatten(en);
  const japanese = flatten(ja);

  it('have the same keys, none of them empty', () => {
    expect(Object.keys(english).length).toBeGreaterThan(100);
    expect(Object.keys(japanese).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries({ ...english })) {
      expect(text.trim(), `en ${key}`).not.toBe('');
      expect(japanese[key]?.trim(), `ja ${key}`).not.toBe('');
    }
  });

  it('have the same placeholders and data tags in both languages', () => {
    for (const [key, text] of Object.entries(english)) {
      expect(placeholders(japanese[key] ?? ''), key).toEqual(placeholders(text));
      expect(tags(japanese[key] ?? ''), key).toEqual(tags(text));
    }
    expect(placeholders(en.status.assumed)).toEqual(['profile', 'role', 'time']);
    expect(tags(en.status.assumed)).toHaveLength(4);
  });

  it('keep Japanese free of English words, but for names of things', () => {
    for (const [key, text] of Object.entries(japanese)) {
      // Data inside <name>/<code>, placeholders and the CLI command are not prose.
      if (key === 'empty.cliCommand' || key.startsWith('settings.language')) continue;
      const prose = text
        .replace(/<(name|code)>.*?<\/\1>/g, '')
        .replace(/\{\{[^}]*\}\}/g, '')
        .replace(JA_ALLOWED_WORDS, '');
      expect(prose, key).not.toMatch(/[A-Za-z]/);
    }
  });

  it('interpolate without escaping (React escapes), and refuse unknown keys in types', () => {
    const i18n = createI18n('ja');
    expect(i18n.t('countdown.left', { time: '0:42:00' })).toBe('残り 0:42:00');
    expect(createI18n('en').t('toolbar.roleCount', { count: 1 })).toBe('1 role');
    expect(createI18n('en').t('toolbar.roleCount', { count: 2 })).toBe('2 roles');
    // @ts-expect-error a key en does not have is a type error
    expect(i18n.t('catalog.noSuchKey')).toBe('catalog.noSuchKey');
  });
});

describe('language choice', () => {
  it('detects Japanese from ja tags, English otherwise', () => {
    expect(languageOfLocale('ja-JP')).toBe('ja');
    expect(languageOfLocale('JA')).toBe('ja');
    expect(languageOfLocale('en-GB')).toBe('en');
    expect(languageOfLocale('fr')).toBe('en');
    expect(languageOfLocale(undefined)).toBe('en');
  });

  it('takes the setting first, then the OS locale', () => {
    expect(resolveLanguage('en', 'ja-JP')).toBe('en');
    expect(resolveLanguage('ja', 'en-US')).toBe('ja');
    expect(resolveLanguage('system', 'ja-JP')).toBe('ja');
    expect(resolveLanguage('system', 'de-DE')).toBe('en');
  });
});

/** No Latin letters in `root` outside translate="no" data and code, but allowed names. */
function expectNoEnglish(root: HTMLElement, where: string) {
  const prose = translatableText(root).replace(JA_ALLOWED_WORDS, '');
  const english = prose.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  expect(english, where).toEqual([]);
}

const PLAN: ImportPlanView = {
  users: [{ name: 'ops', accessKeyId: 'AKIAI44QH8DHBEXAMPLE', mfaSerial: 'arn:aws:iam::123456789012:mfa/ops' }],
  roles: [{ name: 'ops-admin', roleArn: 'arn:aws:iam::123456789012:role/admin', source: 'ops', profile: 'ops-admin-rolecall', direct: false }],
  skipped: [{ name: 'sso-dev', reason: 'uses SSO' }],
  plaintextRemoved: [],
  orphanedProfiles: [{ profile: 'ops-admin', useInstead: 'ops-admin-rolecall' }],
};

describe('the Japanese window', () => {
  it('has no English outside data: list, states, notes, status, and every dialog', async () => {
    const clock = manualClock();
    const HOUR = 3_600_000;
    const bridge = fakeBridge(
      {
        'sessions:list': () =>
          ok(
            sessionsView(
              [
                { kind: 'mfa-session', name: 'dev-user', state: 'active', expiresAt: isoIn(8 * HOUR), chain: ['dev-user'] },
                roleSession('admin', HOUR / 2, { cappedBy: 'chaining' }),
                roleSession('deploy', 10 * 60_000, { cappedBy: 'role-maximum' }),
              ],
              ['exec-lambda', 'deploy'],
            ),
          ),
        'session:assume': ({ name }) =>
          name === 'admin'
            ? ok({
                role: 'admin',
                profile: 'admin',
                assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/admin/rolecall',
                expiresAt: isoIn(HOUR),
                chain: ['dev-user', 'admin'],
                fromCache: true,
                cappedBy: 'chaining',
                notices: [
                  { kind: 'capped-chaining', role: 'admin', requestedSeconds: 7200, grantedSeconds: 3600 },
                  { kind: 'capped-role-maximum', role: 'admin', requestedSeconds: 5400, grantedSeconds: 3600 },
                  { kind: 'mfa-session-started', user: 'dev-user', expiresAt: isoIn(12 * HOUR) },
                  { kind: 'profile-not-refreshed', profile: 'admin', reason: 'the section is not managed by Rolecall' },
                  { kind: 'credentials-file-tightened', file: '~/.aws/credentials', mode: '0644' },
                  { kind: 'shells-cut-off', roles: ['deploy'] },
                ],
              })
            : fail('MfaCodeRejected', 'AWS refused the MFA code: MultiFactorAuthentication failed', { hint: 'Wait for the next code.' }),
        'session:stop': () => fail('AwsFilesLocked', 'The shared AWS files are locked.'),
        'import:preview': () => ok(PLAN),
      },
      withLanguage(CHAIN_CATALOG, 'ja'),
    );
    renderApp(bridge, clock);
    const admin = await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(admin.dataset.state).toBe('active'));
    expect(screen.getByTestId('role-row-deploy').dataset.state).toBe('expiring');
    expect(screen.getByTestId('role-row-exec-lambda').dataset.state).toBe('needs-mfa');

    // deploy's renewal needs a code (a note), and its stop fails (a note beside the live session);
    // then the status after an assume with every kind of notice.
    expect(within(screen.getByTestId('role-row-deploy')).getByTestId('mfa-renew-deploy')).toBeTruthy();
    await userEvent.click(within(screen.getByTestId('role-row-deploy')).getByRole('button', { name: '停止' }));
    await within(screen.getByTestId('role-row-deploy')).findByTestId('row-error-deploy');
    expect(screen.getByTestId('status').textContent).toContain('deploy を停止できませんでした');
    expectNoEnglish(document.body, 'row failure');
    await userEvent.click(within(admin).getByRole('button', { name: '引き受け' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toContain('admin を引き受け'));
    await userEvent.click(within(admin).getByRole('button', { name: 'エクスポートをコピー' }));
    expectNoEnglish(document.body, 'list');
    expect(
      within(admin)
        .getAllByRole('menuitem')
        .map((item) => item.textContent),
    ).toEqual(['bash', 'zsh', 'fish', 'PowerShell']);
    await userEvent.keyboard('{Escape}');

    // Expired, by the clock.
    act(() => clock.advance(HOUR));
    expect(admin.dataset.state).toBe('expired');
    expectNoEnglish(document.body, 'expired list');

    // MFA dialog with a refusal.
    await userEvent.click(within(screen.getByTestId('role-row-exec-lambda')).getByRole('button', { name: '引き受け' }));
    const mfa = screen.getByRole('dialog', { name: 'dev-user の MFA 認証' });
    await userEvent.type(within(mfa).getByLabelText('MFA コード'), '123456');
    await within(mfa).findByTestId('mfa-error');
    expectNoEnglish(document.body, 'MFA dialog');
    await userEvent.keyboard('{Escape}');

    // User form with problems, role form with its advanced fields open, remove, import, settings.
    await userEvent.click(screen.getByRole('button', { name: 'ユーザーを追加' }));
    await userEvent.type(within(await screen.findByTestId('user-form')).getByLabelText('アクセスキー ID'), 'x');
    await userEvent.click(within(await screen.findByTestId('user-form')).getByRole('button', { name: '保存' }));
    expectNoEnglish(document.body, 'user form');
    await userEvent.keyboard('{Escape}');

    await userEvent.click(screen.getByRole('button', { name: 'ロールを追加' }));
    const roleForm = await screen.findByTestId('role-form');
    await userEvent.type(within(roleForm).getByLabelText('ロール ARN'), 'x');
    await userEvent.type(within(roleForm).getByLabelText('有効期間（分）'), '1');
    roleForm.querySelector('details')!.open = true;
    await userEvent.type(within(roleForm).getByLabelText('外部 ID'), '!');
    await userEvent.click(within(roleForm).getByRole('button', { name: '保存' }));
    expectNoEnglish(document.body, 'role form');
    await userEvent.selectOptions(within(roleForm).getByLabelText('引き受け元'), 'admin');
    expectNoEnglish(document.body, 'role form, chained');
    await userEvent.keyboard('{Escape}');

    await userEvent.click(within(admin).getByRole('button', { name: '削除' }));
    expect(screen.getByRole('dialog', { name: 'admin を削除しますか？' })).toBeTruthy();
    expectNoEnglish(document.body, 'remove');
    await userEvent.keyboard('{Escape}');

    await userEvent.click(screen.getByRole('button', { name: 'インポート' }));
    await within(screen.getByTestId('import-dialog')).findByRole('heading', { name: '追加するユーザー' });
    expectNoEnglish(document.body, 'import');
    await userEvent.keyboard('{Escape}');

    await userEvent.click(screen.getByRole('button', { name: '設定' }));
    const settings = await screen.findByTestId('settings-dialog');
    await userEvent.clear(within(settings).getByLabelText('MFA セッションの有効期間（時間）'));
    await userEvent.click(within(settings).getByRole('button', { name: '保存' }));
    expectNoEnglish(document.body, 'settings');
  });

  it('has no English in the empty state either', async () => {
    renderApp(fakeBridge({}, withLanguage({ ...CATALOG, users: [], roles: [] }, 'ja')));
    await screen.findByRole('heading', { name: 'IAM ユーザーを追加してください' });
    expect(document.documentElement.lang).toBe('ja');
    expectNoEnglish(document.body, 'empty state');
  });

  it('shows a failed first load in Japanese with core’s words as data', async () => {
    const bridge = fakeBridge({
      'app:info': () => ok({ version: '0.1.0', platform: 'linux', locale: 'ja-JP' }),
      'catalog:list': () => fail('KeychainUnavailable', 'The OS keychain is not reachable.', { hint: 'Unlock it.' }),
    });
    renderApp(bridge);
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('カタログを読み込めませんでした。'));
    expect(within(alert).getByText('The OS keychain is not reachable.').getAttribute('translate')).toBe('no');
    // Core's hint speaks of terminals; the window's own sentence says what to do instead.
    expect(within(alert).queryByText('Unlock it.')).toBeNull();
    expectNoEnglish(document.body, 'load failure');
  });

  it('would see English if there were any (the check is not blind)', async () => {
    renderApp(fakeBridge({}, withLanguage(CATALOG, 'en')));
    await screen.findByTestId('role-row-admin');
    const prose = translatableText(document.body).replace(JA_ALLOWED_WORDS, '');
    expect(prose).toMatch(/Add user/);
    expect(prose).not.toMatch(/arn:aws|dev-user|AKIAIOSFODNN7EXAMPLE/);
  });

  it('says so when there is no bridge', () => {
    renderApp(undefined);
    expect(screen.getByRole('alert').textContent).toBe(en.app.bridgeMissing);
  });
});
