// @vitest-environment jsdom
// "Find roles" in the window, over a fake main: the user row opens it, main's discovery shows as a
// table (account, MFA, longest session in words, already in Rolecall or why a role cannot be
// added), two chosen roles are added (one direct for its whole length, when asked) and appear in
// the list; IAM's refusal without iam:ListRoles is said in words; where IAM lists roles only with
// MFA the MFA dialog asks for a code; and all of it works from the keyboard, in English and Japanese.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogListView, CatalogRoleView, DiscoveryView } from '../../common/contract';
import type { DiscoverRolesInput } from '../../common/inputs';
import { foundRoleRows } from '../../renderer/src/dialogs/find-roles-rows';
import { CATALOG } from '../support/catalog-view';
import { fail, fakeBridge, JA_ALLOWED_WORDS, ok, renderApp, translatableText, withLanguage, type FakeBridge } from '../support/renderer-fake-bridge';

afterEach(cleanup);

const ARN = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const ROLE = (name: string, extra: Partial<DiscoveryView['roles'][number]> = {}): DiscoveryView['roles'][number] => ({
  name,
  roleArn: ARN('123456789012', name),
  maxSessionDuration: 3600,
  needsMfa: false,
  needsExternalId: false,
  dependsOn: [],
  inCatalog: [],
  ...extra,
});

/** What IAM's trust policies let dev-user assume, as main answers role:discover. */
const FOUND: DiscoveryView = {
  user: 'dev-user',
  userArn: 'arn:aws:iam::123456789012:user/dev-user',
  roles: [
    ROLE('admin', { needsMfa: true, maxSessionDuration: 43_200, inCatalog: ['admin'] }),
    ROLE('by-arn', { maxSessionDuration: 7200 }),
    ROLE('long-job', { needsMfa: true, maxSessionDuration: 14_400 }),
    ROLE('external', { needsExternalId: true }),
    ROLE('office-only', { dependsOn: ['aws:SourceIp'] }),
    // Trusted through its account's root: another account's role (the ARN's account says which).
    ROLE('partner-read', { roleArn: ARN('210987654321', 'partner-read'), maxSessionDuration: 5400 }),
  ],
  notTrusting: 3,
  viaMfaSession: false,
  added: [],
  alreadyInCatalog: [],
  notices: [],
};

const ACCESS_DENIED = fail(
  'IamAccessDenied',
  "AWS refused listing the roles of dev-user's account: IAM user 'dev-user' is not allowed iam:ListRoles (User: arn:aws:iam::123456789012:user/dev-user is not authorized to perform: iam:ListRoles).",
  {
    hint: 'Ask an administrator to allow iam:ListRoles for this user; meanwhile add the roles you know by ARN: rolecall role add <name> --role-arn <arn> --source dev-user',
  },
);

interface FakeMain {
  bridge: FakeBridge;
  /** Releases the answers held back (the first list, when `hold` was asked). */
  release(): void;
}

/**
 * main with a catalog that grows when roles are added. `mfa`: IAM lists roles only with a code
 * (the MFA session is then cached: later calls need none). `hold`: the first list waits for `release`.
 */
function fakeMain({ language = 'en', mfa = false, hold = false }: { language?: 'en' | 'ja'; mfa?: boolean; hold?: boolean } = {}): FakeMain {
  let catalog: CatalogListView = withLanguage(CATALOG, language);
  let mfaSession = false;
  let released!: () => void;
  const gate = hold ? new Promise<void>((resolve) => (released = resolve)) : Promise.resolve();
  const bridge = fakeBridge(
    {
      'catalog:list': () => ok(catalog),
      'role:discover': async (request: DiscoverRolesInput) => {
        await gate;
        if (mfa && !mfaSession) {
          if (request.mfaCode === undefined)
            return fail('MfaCodeRequired', "Listing the roles of dev-user's account needs a fresh MFA code for user 'dev-user'.", { user: 'dev-user' });
          if (request.mfaCode !== '123456') return fail('MfaCodeRejected', 'MultiFactorAuthentication failed with invalid MFA one time pass code.');
          mfaSession = true;
        }
        const added: CatalogRoleView[] = (request.add ?? []).map((name) => {
          const role = FOUND.roles.find((r) => r.name === name)!;
          const direct = request.direct === true && role.needsMfa && role.maxSessionDuration > 3600;
          return { name, roleArn: role.roleArn, source: 'dev-user', direct, ...(direct ? { duration: role.maxSessionDuration } : {}) };
        });
        catalog = { ...catalog, roles: [...catalog.roles, ...added] };
        return ok({ ...FOUND, viaMfaSession: mfa, added });
      },
    },
    catalog,
  );
  return { bridge, release: () => released() };
}

async function openFindRoles(bridge: FakeBridge, label = 'Find roles') {
  renderApp(bridge);
  const user = await screen.findByTestId('user-dev-user');
  // Found, not got: the row may paint before the catalog's language is applied to it.
  await userEvent.click(await within(user).findByRole('button', { name: label }));
  return screen.getByTestId('find-roles-dialog');
}

const row = (dialog: HTMLElement, name: string) => within(dialog).getByTestId(`found-role-${name}`);
const checkbox = (dialog: HTMLElement, name: string) => within(row(dialog, name)).getByRole('checkbox') as HTMLInputElement;
const cells = (dialog: HTMLElement, name: string) => [...row(dialog, name).querySelectorAll('th, td')].map((cell) => cell.textContent);

describe('Find roles in the window', () => {
  it('lists the roles that trust the user, adds the two chosen (one direct) and they appear in the list', async () => {
    const main = fakeMain({ hold: true });
    const dialog = await openFindRoles(main.bridge);
    expect(screen.getByRole('dialog', { name: 'Find roles for dev-user' })).toBe(dialog);
    // While IAM is asked: said, and nothing to add yet.
    expect(dialog.textContent).toContain('Asking IAM for the roles…');
    expect((within(dialog).getByRole('button', { name: 'Add 0 roles' }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => main.release());

    await within(dialog).findByTestId('found-roles');
    expect(dialog.textContent).toContain('6 roles trust this user. 3 other roles of the account do not.');
    expect(cells(dialog, 'by-arn')).toEqual(['by-arn', '123456789012', 'No MFA', 'up to 2 h', 'Not yet']);
    expect(cells(dialog, 'long-job')).toEqual(['long-job', '123456789012', 'Needs MFA', 'up to 4 h', 'Not yet']);
    expect(cells(dialog, 'partner-read')).toEqual(['partner-read', '210987654321', 'No MFA', 'up to 1 h 30 min', 'Not yet']);
    // Already in Rolecall, or not addable here: marked, and not offered.
    expect(cells(dialog, 'admin')[4]).toBe('Already in Rolecall as admin');
    expect(checkbox(dialog, 'admin').disabled).toBe(true);
    expect(cells(dialog, 'external')[4]).toBe('Its trust policy needs an external ID: add it with Add role.');
    expect(checkbox(dialog, 'external').disabled).toBe(true);
    expect(cells(dialog, 'office-only')[4]).toContain('also depends on aws:SourceIp');
    expect(checkbox(dialog, 'office-only').disabled).toBe(false);
    // Each checkbox is labelled by its role and described by what is known of it.
    expect(within(dialog).getByRole('checkbox', { name: 'long-job' })).toBe(checkbox(dialog, 'long-job'));
    expect(checkbox(dialog, 'external').getAttribute('aria-describedby')).toBe(row(dialog, 'external').querySelector('td:last-child')!.id);

    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'by-arn' }));
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'long-job' }));
    // The direct choice, in words, and the one role it changes says so.
    const direct = within(dialog).getByRole('checkbox', { name: 'Give roles that need MFA and allow more than 1 hour their full length' });
    expect(dialog.textContent).toContain('They become direct roles: each assume asks for its own MFA code.');
    await userEvent.click(direct);
    expect(row(dialog, 'long-job').textContent).toContain('Will be direct, up to 4 h');
    expect(row(dialog, 'by-arn').textContent).not.toContain('direct');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Add 2 roles' }));
    const outcome = await within(dialog).findByTestId('find-roles-outcome');
    expect(main.bridge.callsTo('role:discover')).toEqual([{ user: 'dev-user' }, { user: 'dev-user', add: ['by-arn', 'long-job'], direct: true }]);
    expect(outcome.textContent).toContain('Added to Rolecall:');
    expect([...outcome.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['by-arn, from the MFA session of dev-user', 'long-job, direct, up to 4 h']);
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Added the roles found for dev-user: by-arn, long-job.'));
    // The window read its lists again: the new roles are rows now, long-job direct.
    expect(await screen.findByTestId('role-row-by-arn')).toBeTruthy();
    expect(screen.getByTestId('role-row-long-job').textContent).toContain('direct');
    expect(main.bridge.callsTo('sessions:list').length).toBeGreaterThanOrEqual(2);

    const close = within(dialog).getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    await userEvent.click(close);
    expect(screen.queryByTestId('find-roles-dialog')).toBeNull();
  });

  it('speaks Japanese when the window does', async () => {
    const main = fakeMain({ language: 'ja' });
    const dialog = await openFindRoles(main.bridge, 'ロールを探す');
    await within(dialog).findByTestId('found-roles');
    expect(screen.getByRole('dialog', { name: 'dev-user のロールを探す' })).toBe(dialog);
    expect(cells(dialog, 'long-job')).toEqual(['long-job', '123456789012', 'MFA が必要', '最長 4 時間', '未登録']);
    expect(cells(dialog, 'admin')[4]).toBe('admin として登録済み');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'by-arn' }));
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'long-job' }));
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'MFA が必要で 1 時間より長く許すロールには、その最長の長さを使う' }));
    expect(row(dialog, 'long-job').textContent).toContain('直接引き受けるロールになります（最長 4 時間）');
    expect(translatableText(dialog).replace(JA_ALLOWED_WORDS, '')).not.toMatch(/[A-Za-z]/);

    await userEvent.click(within(dialog).getByRole('button', { name: '2 件のロールを追加' }));
    const outcome = await within(dialog).findByTestId('find-roles-outcome');
    expect([...outcome.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['by-arn（dev-user の MFA セッションから）', 'long-job（直接、最長 4 時間）']);
    expect(translatableText(dialog).replace(JA_ALLOWED_WORDS, '')).not.toMatch(/[A-Za-z]/);
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('dev-user のために見つけたロールを追加しました：by-arn, long-job。'));
    expect(await screen.findByTestId('role-row-long-job')).toBeTruthy();
  });

  for (const language of ['en', 'ja'] as const) {
    it(`says in words that the user may not list roles without iam:ListRoles, and offers to try again (${language})`, async () => {
      const bridge = fakeBridge({ 'role:discover': () => ACCESS_DENIED }, withLanguage(CATALOG, language));
      const dialog = await openFindRoles(bridge, language === 'en' ? 'Find roles' : 'ロールを探す');
      const error = await within(dialog).findByTestId('find-roles-error');
      expect(error.getAttribute('role')).toBe('alert');
      expect(error.querySelector('.error-sentence')!.textContent).toBe(
        language === 'en'
          ? 'dev-user may not list the account’s roles: IAM needs the permission iam:ListRoles for that. Ask an administrator for it, or add the roles you know with Add role.'
          : 'dev-user にはアカウントのロールを一覧する権限がありません。IAM では iam:ListRoles の権限が必要です。管理者に依頼するか、わかっているロールを「ロールを追加」で追加してください。',
      );
      // IAM's own words beneath, verbatim; the terminal's hint is not for the window.
      expect(error.textContent).toContain('is not authorized to perform: iam:ListRoles');
      expect(error.textContent).not.toContain('rolecall role add');
      if (language === 'ja') expect(translatableText(dialog).replace(JA_ALLOWED_WORDS, '')).not.toMatch(/[A-Za-z]/);
      expect(within(dialog).queryByTestId('found-roles')).toBeNull();
      // Focus on Close; Try again asks main again.
      expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: language === 'en' ? 'Close' : '閉じる' }));
      bridge.handlers['role:discover'] = () => ok(FOUND);
      await userEvent.click(within(dialog).getByRole('button', { name: language === 'en' ? 'Try again' : '再試行' }));
      await within(dialog).findByTestId('found-roles');
      expect(bridge.callsTo('role:discover')).toHaveLength(2);
    });
  }

  it('words a network failure and a locked keychain as the window does everywhere', async () => {
    const bridge = fakeBridge({ 'role:discover': () => fail('NetworkError', 'Could not reach IAM at https://iam.amazonaws.com: getaddrinfo ENOTFOUND.') });
    const dialog = await openFindRoles(bridge);
    const error = await within(dialog).findByTestId('find-roles-error');
    expect(error.querySelector('.error-sentence')!.textContent).toBe('Cannot reach AWS. Check your network connection.');
    bridge.handlers['role:discover'] = () => fail('KeychainLocked', 'The OS keychain is locked.', { hint: 'Unlock your keychain, then try again.' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(within(dialog).getByTestId('find-roles-error').querySelector('.error-sentence')!.textContent).toBe(
        'The keychain is locked. Unlock it and try again: nothing was lost.',
      ),
    );
  });

  it('asks for an MFA code where IAM lists roles only with MFA, says a refused code, and lists with the right one', async () => {
    const main = fakeMain({ mfa: true });
    await openFindRoles(main.bridge);
    const mfa = await screen.findByTestId('mfa-dialog');
    expect(mfa.textContent).toContain('IAM lets this user list the account’s roles only with MFA.');
    expect(mfa.textContent).toContain('One code starts an MFA session');
    const input = within(mfa).getByLabelText('MFA code');
    expect(document.activeElement).toBe(input);
    await userEvent.type(input, '000000');
    expect((await within(mfa).findByTestId('mfa-error')).textContent).toContain('AWS refused the MFA code.');
    await userEvent.type(input, '123456');
    await waitFor(() => expect(screen.queryByTestId('mfa-dialog')).toBeNull());

    const dialog = screen.getByTestId('find-roles-dialog');
    await within(dialog).findByTestId('found-roles');
    expect(dialog.textContent).toContain('IAM lists roles for this user only with MFA: its MFA session was used.');
    expect(main.bridge.callsTo('role:discover')).toEqual([{ user: 'dev-user' }, { user: 'dev-user', mfaCode: '000000' }, { user: 'dev-user', mfaCode: '123456' }]);
    // The session is cached now: adding needs no second code.
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'by-arn' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add 1 role' }));
    await within(dialog).findByTestId('find-roles-outcome');
    expect(screen.queryByTestId('mfa-dialog')).toBeNull();
  });

  it('asks for the code in Japanese, and a cancelled prompt leaves the dialog saying a code is needed', async () => {
    const main = fakeMain({ mfa: true, language: 'ja' });
    await openFindRoles(main.bridge, 'ロールを探す');
    const mfa = await screen.findByTestId('mfa-dialog');
    expect(mfa.textContent).toContain('IAM はこのユーザーに MFA があるときだけアカウントのロールの一覧を許します。');
    expect(translatableText(mfa).replace(JA_ALLOWED_WORDS, '')).not.toMatch(/[A-Za-z]/);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('mfa-dialog')).toBeNull());
    const dialog = screen.getByTestId('find-roles-dialog');
    expect(within(dialog).getByTestId('find-roles-error').querySelector('.error-sentence')!.textContent).toBe('新しい MFA コードが必要です。');
    // Try again asks again, and the prompt comes back.
    await userEvent.click(within(dialog).getByRole('button', { name: '再試行' }));
    expect(await screen.findByTestId('mfa-dialog')).toBeTruthy();
  });

  it('works from the keyboard alone: open, choose two, add, close, and focus returns to the row', async () => {
    const main = fakeMain();
    renderApp(main.bridge);
    const user = await screen.findByTestId('user-dev-user');
    const opener = within(user).getByRole('button', { name: 'Find roles' });
    opener.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByTestId('find-roles-dialog');
    await within(dialog).findByTestId('found-roles');
    // The first role that can be chosen has focus (admin is in Rolecall already).
    await waitFor(() => expect(document.activeElement).toBe(checkbox(dialog, 'by-arn')));
    await userEvent.keyboard(' ');
    await userEvent.tab();
    expect(document.activeElement).toBe(checkbox(dialog, 'long-job'));
    await userEvent.keyboard(' ');
    expect(within(dialog).getByRole('button', { name: 'Add 2 roles' })).toBeTruthy();
    // Tab walks on to the buttons and stays inside the dialog.
    const add = within(dialog).getByRole('button', { name: 'Add 2 roles' });
    for (let i = 0; i < 10 && document.activeElement !== add; i++) await userEvent.tab();
    expect(document.activeElement).toBe(add);
    await userEvent.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    add.focus();
    await userEvent.keyboard('{Enter}');
    await within(dialog).findByTestId('find-roles-outcome');
    expect(main.bridge.callsTo('role:discover')[1]).toEqual({ user: 'dev-user', add: ['by-arn', 'long-job'], direct: false });
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' })));
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByTestId('find-roles-dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('Escape closes it while IAM is asked, and nothing is added', async () => {
    const main = fakeMain({ hold: true });
    await openFindRoles(main.bridge);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('find-roles-dialog')).toBeNull();
    await act(async () => main.release());
    expect(main.bridge.callsTo('role:discover')).toEqual([{ user: 'dev-user' }]);
  });
});

describe('the rows of Find roles', () => {
  it('marks what core would refuse: a name taken by another role or a user, MFA without a device; direct only for MFA roles over an hour', () => {
    const catalog = {
      users: [{ name: 'dev-user', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }, { name: 'ops' }].map((u) => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', ...u })),
      roles: [{ name: 'deploy', roleArn: ARN('123456789012', 'other-deploy'), source: 'dev-user', direct: false }],
    };
    const found: DiscoveryView = {
      ...FOUND,
      roles: [ROLE('deploy'), ROLE('ops'), ROLE('long-job', { needsMfa: true, maxSessionDuration: 14_400 }), ROLE('twin', { inCatalog: ['twin-admin'] })],
    };
    const rows = foundRoleRows(found, catalog);
    expect(rows.map((r) => [r.name, r.notAddable])).toEqual([
      ['deploy', 'name-taken-by-role'],
      ['ops', 'name-taken-by-user'],
      ['long-job', 'mfa-without-device'],
      ['twin', 'in-catalog'],
    ]);
    // With a device, long-job can be added, and becomes direct when asked; a one-hour role would not.
    const withDevice = { ...catalog, users: catalog.users.map((u) => (u.name === 'dev-user' ? { ...u, mfaSerial: 'arn:aws:iam::123456789012:mfa/dev-user' } : u)) };
    const again = foundRoleRows({ ...found, roles: [...found.roles, ROLE('short', { needsMfa: true })] }, withDevice);
    expect(again.find((r) => r.name === 'long-job')).toMatchObject({ notAddable: undefined, directWhenAsked: true });
    expect(again.find((r) => r.name === 'short')).toMatchObject({ notAddable: undefined, directWhenAsked: false });
  });
});
