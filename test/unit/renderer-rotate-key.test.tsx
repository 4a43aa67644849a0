// @vitest-environment jsdom
// "Rotate key" in the window, over a fake main: the user row opens a confirmation that names the
// key to be deleted and what will happen; confirming runs user:rotate with a progress line; the
// outcome names the old and the new key, when IAM made it and that sessions stay valid; the row
// shows the new key. Where IAM lets the user manage keys only with MFA the MFA dialog asks; IAM's
// refusal, the two-key limit and a failed rotation are said in words with the keys core names.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogListView, KeyRotatedView } from '../../common/contract';
import type { RotateKeyInput } from '../../common/inputs';
import { CATALOG } from '../support/catalog-view';
import { fail, fakeBridge, JA_ALLOWED_WORDS, ok, renderApp, sessionsView, translatableText, withLanguage, type FakeBridge } from '../support/renderer-fake-bridge';

afterEach(cleanup);

const OLD_KEY = 'AKIAIOSFODNN7EXAMPLE';
const NEW_KEY = 'AKIAI44QH8DHBEXAMPLE';

/** As main answers a clean rotation: IAM made the new key a minute before the pinned instant (10:24 in Tokyo). */
const ROTATED: KeyRotatedView = {
  user: 'dev-user',
  rotated: true,
  oldAccessKeyId: OLD_KEY,
  newAccessKeyId: NEW_KEY,
  keyCreatedAt: '2026-12-03T01:23:30Z',
  identity: 'arn:aws:iam::123456789012:user/dev-user',
  waitedForIam: true,
  viaMfaSession: false,
  notices: [],
};

interface FakeMain {
  bridge: FakeBridge;
  release(): void;
}

/**
 * main whose catalog takes the new key once rotated. `mfa`: IAM lets the user manage keys only with
 * a code. `hold`: the rotation waits for `release` (IAM accepting the new key takes seconds).
 */
function fakeMain({
  language = 'en',
  mfa = false,
  hold = false,
  answer = ROTATED,
}: { language?: 'en' | 'ja'; mfa?: boolean; hold?: boolean; answer?: KeyRotatedView } = {}): FakeMain {
  let catalog: CatalogListView = withLanguage(CATALOG, language);
  let released!: () => void;
  const gate = hold ? new Promise<void>((resolve) => (released = resolve)) : Promise.resolve();
  const bridge = fakeBridge(
    {
      'catalog:list': () => ok(catalog),
      'user:rotate': async (request: RotateKeyInput) => {
        if (mfa) {
          if (request.mfaCode === undefined) return fail('MfaCodeRequired', "Managing dev-user's access keys needs a fresh MFA code.", { user: 'dev-user' });
          if (request.mfaCode !== '123456') return fail('MfaCodeRejected', 'MultiFactorAuthentication failed with invalid MFA one time pass code.');
        }
        await gate;
        catalog = { ...catalog, users: catalog.users.map((u) => ({ ...u, accessKeyId: NEW_KEY, keyCreatedAt: answer.keyCreatedAt })) };
        return ok({ ...answer, viaMfaSession: mfa });
      },
    },
    catalog,
  );
  return { bridge, release: () => released() };
}

async function openRotate(bridge: FakeBridge, label = 'Rotate key') {
  renderApp(bridge);
  const user = await screen.findByTestId('user-dev-user');
  // Found, not got: the row may paint before the catalog's language is applied to it.
  await userEvent.click(await within(user).findByRole('button', { name: label }));
  return screen.getByTestId('rotate-key-dialog');
}

describe('Rotate key in the window', () => {
  it('confirms first, shows progress, names both keys and the time, and the row shows the new key', async () => {
    const main = fakeMain({ hold: true });
    const dialog = await openRotate(main.bridge);
    expect(screen.getByRole('dialog', { name: 'Rotate the key of dev-user?' })).toBe(dialog);
    // What will happen, before anything does: the key to be deleted is named, sessions stay.
    expect(dialog.textContent).toContain(`Rolecall replaces the access key ${OLD_KEY} in one step:`);
    expect([...dialog.querySelectorAll('ol li')].map((li) => li.textContent)).toHaveLength(4);
    expect(dialog.textContent).toContain('anything else that still uses it stops working');
    expect(dialog.textContent).toContain('Role sessions and the MFA session stay valid');
    // Enter alone must not delete a key: focus starts on Cancel.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(main.bridge.callsTo('user:rotate')).toEqual([]);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    expect(within(dialog).getByTestId('rotate-key-progress').textContent).toContain('IAM can take up to 15 seconds');
    // A second press while IAM works sends nothing more.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    await act(async () => main.release());

    const outcome = await within(dialog).findByTestId('rotate-key-outcome');
    expect(main.bridge.callsTo('user:rotate')).toEqual([{ name: 'dev-user' }]);
    expect(outcome.textContent).toContain(`The key of dev-user was replaced: ${OLD_KEY} → ${NEW_KEY}.`);
    expect(outcome.textContent).toContain('IAM created the new key at 10:23. The old key was deactivated and deleted.');
    expect(outcome.textContent).toContain('Role sessions and the MFA session stay valid');
    expect(within(dialog).queryByTestId('rotate-key-progress')).toBeNull();
    await waitFor(() =>
      expect(screen.getByTestId('status').textContent).toBe(`Rotated the key of dev-user: ${NEW_KEY} replaces ${OLD_KEY}. Role and MFA sessions stay valid.`),
    );
    // The window read its catalog again: the row names the new key.
    await waitFor(() => expect(screen.getByTestId('user-dev-user').textContent).toContain(NEW_KEY));

    const close = within(dialog).getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    await userEvent.click(close);
    expect(screen.queryByTestId('rotate-key-dialog')).toBeNull();
  });

  it('Cancel and Escape rotate nothing', async () => {
    const main = fakeMain();
    let dialog = await openRotate(main.bridge);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('rotate-key-dialog')).toBeNull();
    await userEvent.click(within(screen.getByTestId('user-dev-user')).getByRole('button', { name: 'Rotate key' }));
    dialog = screen.getByTestId('rotate-key-dialog');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('rotate-key-dialog')).toBeNull();
    expect(main.bridge.callsTo('user:rotate')).toEqual([]);
  });

  it('asks for an MFA code where IAM lets the user manage its keys only with MFA, says a refused code, and rotates with the right one', async () => {
    const main = fakeMain({ mfa: true });
    const dialog = await openRotate(main.bridge);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    const mfa = await screen.findByTestId('mfa-dialog');
    expect(mfa.textContent).toContain('IAM lets this user manage its access keys only with MFA.');
    const input = within(mfa).getByLabelText('MFA code');
    await userEvent.type(input, '000000');
    expect((await within(mfa).findByTestId('mfa-error')).textContent).toContain('AWS refused the MFA code.');
    await userEvent.type(input, '123456');
    await waitFor(() => expect(screen.queryByTestId('mfa-dialog')).toBeNull());
    const outcome = await within(dialog).findByTestId('rotate-key-outcome');
    expect(outcome.textContent).toContain('its MFA session was used');
    expect(main.bridge.callsTo('user:rotate')).toEqual([{ name: 'dev-user' }, { name: 'dev-user', mfaCode: '000000' }, { name: 'dev-user', mfaCode: '123456' }]);
  });

  it('a cancelled code prompt leaves the dialog saying a code is needed, and Try again asks again', async () => {
    const main = fakeMain({ mfa: true });
    const dialog = await openRotate(main.bridge);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    await screen.findByTestId('mfa-dialog');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('mfa-dialog')).toBeNull());
    expect(within(dialog).getByTestId('rotate-key-error').querySelector('.error-sentence')!.textContent).toBe('A fresh MFA code is needed.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('mfa-dialog')).toBeTruthy();
  });

  it('names both keys when IAM already holds two, and says which to delete', async () => {
    const bridge = fakeBridge({
      'user:rotate': () =>
        fail(
          'KeyLimitReached',
          'dev-user already has two access keys, the most IAM allows: AKIAIOSFODNN7EXAMPLE (Active, created 2026-01-05) and AKIAOTHER0000EXAMPLE (Inactive, created 2025-10-01, never used).',
          {
            hint: 'Delete the one Rolecall does not hold, then run rolecall user rotate dev-user again: aws iam delete-access-key --user-name dev-user --access-key-id AKIAOTHER0000EXAMPLE',
          },
        ),
    });
    const dialog = await openRotate(bridge);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    const error = await within(dialog).findByTestId('rotate-key-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.querySelector('.error-sentence')!.textContent).toContain('Delete the key named below in the IAM console');
    // Core's facts beneath: both keys, and the one to delete.
    expect(error.textContent).toContain('AKIAOTHER0000EXAMPLE (Inactive, created 2025-10-01, never used)');
    expect(error.textContent).toContain('aws iam delete-access-key --user-name dev-user --access-key-id AKIAOTHER0000EXAMPLE');
    expect(within(dialog).queryByTestId('rotate-key-outcome')).toBeNull();
  });

  it('says a failed rotation left the old key in use, with what core undid', async () => {
    const bridge = fakeBridge({
      'user:rotate': () =>
        fail('RotationFailed', 'IAM did not accept the new key AKIAI44QH8DHBEXAMPLE within 15 s.', {
          hint: 'The new key was deleted in IAM; AKIAIOSFODNN7EXAMPLE stays in use. Try again in a minute.',
        }),
    });
    const dialog = await openRotate(bridge);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    const error = await within(dialog).findByTestId('rotate-key-error');
    expect(error.querySelector('.error-sentence')!.textContent).toBe('The key was not rotated; the old key stays in use. What happened, and what was undone:');
    expect(error.textContent).toContain('within 15 s');
    expect(error.textContent).toContain('The new key was deleted in IAM');
  });

  it("says a rotation stopped half-way with core's facts beneath, and reloads the lists (the key may have changed)", async () => {
    const bridge = fakeBridge({
      'user:rotate': () =>
        fail('RotationHalfWay', "AWS refused deleting dev-user's key AKIAIOSFODNN7EXAMPLE: not authorized to perform: iam:DeleteAccessKey.", {
          hint: 'The rotation stopped half-way; the keychain still holds a key that works. Run rolecall user rotate dev-user again to finish or undo it.',
        }),
    });
    const dialog = await openRotate(bridge);
    const reloadsBefore = bridge.callsTo('catalog:list').length;
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    const error = await within(dialog).findByTestId('rotate-key-error');
    expect(error.querySelector('.error-sentence')!.textContent).toBe(
      'The rotation stopped half-way. The keychain still holds a key that works; Try again finishes the rotation or undoes it. What happened:',
    );
    expect(error.textContent).toContain('iam:DeleteAccessKey');
    expect(error.textContent).toContain('the keychain still holds a key that works');
    await waitFor(() => expect(bridge.callsTo('catalog:list').length).toBeGreaterThan(reloadsBefore));
    // Try again keeps focus inside the dialog while it runs (its own button goes as it starts).
    bridge.handlers['user:rotate'] = () => new Promise(() => undefined);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Try again' }));
    expect(within(dialog).getByTestId('rotate-key-progress')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
  });

  it('says another rotation of the key is under way', async () => {
    const bridge = fakeBridge({ 'user:rotate': () => fail('RotationInProgress', "A rotation of dev-user's access key is under way already.") });
    const dialog = await openRotate(bridge);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    const error = await within(dialog).findByTestId('rotate-key-error');
    expect(error.querySelector('.error-sentence')!.textContent).toBe('This key is being rotated already. Its outcome shows in the status area when it is done.');
  });

  for (const language of ['en', 'ja'] as const) {
    it(`says in words that the user may not manage its own keys (${language})`, async () => {
      const bridge = fakeBridge(
        {
          'user:rotate': () =>
            fail('IamAccessDenied', 'User: arn:aws:iam::123456789012:user/dev-user is not authorized to perform: iam:CreateAccessKey', {
              hint: 'Ask an administrator to allow iam:CreateAccessKey on the user itself, then run rolecall user rotate dev-user.',
            }),
        },
        withLanguage(CATALOG, language),
      );
      const dialog = await openRotate(bridge, language === 'en' ? 'Rotate key' : 'キーを更新');
      await userEvent.click(within(dialog).getByRole('button', { name: language === 'en' ? 'Rotate key' : 'キーを更新' }));
      const error = await within(dialog).findByTestId('rotate-key-error');
      expect(error.querySelector('.error-sentence')!.textContent).toContain(
        language === 'en' ? 'dev-user may not manage its own access keys' : 'dev-user には自分のアクセスキーを管理する権限がありません',
      );
      // IAM's words beneath; the terminal's command is not for the window.
      expect(error.textContent).toContain('is not authorized to perform: iam:CreateAccessKey');
      expect(error.textContent).not.toContain('rolecall user rotate');
      if (language === 'ja') expect(translatableText(dialog).replace(JA_ALLOWED_WORDS, '')).not.toMatch(/[A-Za-z]/);
    });
  }

  it('speaks Japanese, and says an interrupted rotation was finished with the date it began', async () => {
    const answer: KeyRotatedView = {
      ...ROTATED,
      waitedForIam: false,
      recovered: { outcome: 'finished', startedAt: '2026-12-01T05:00:00Z', oldAccessKeyId: OLD_KEY, newAccessKeyId: NEW_KEY, deletedKeys: [OLD_KEY] },
    };
    const main = fakeMain({ language: 'ja', answer });
    const dialog = await openRotate(main.bridge, 'キーを更新');
    expect(screen.getByRole('dialog', { name: 'dev-user のキーを更新しますか？' })).toBe(dialog);
    expect(translatableText(dialog).replace(JA_ALLOWED_WORDS, '')).not.toMatch(/[A-Za-z]/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'キーを更新' }));
    const outcome = await within(dialog).findByTestId('rotate-key-outcome');
    // Days back: the date is said with the time (14:00 in Tokyo).
    expect(outcome.textContent).toMatch(/12月1日 14:00 に中断したキーの更新を完了しました。/);
    expect(outcome.textContent).toContain(`IAM で削除したキー：${OLD_KEY}。`);
    expect(translatableText(dialog).replace(JA_ALLOWED_WORDS, '')).not.toMatch(/[A-Za-z]/);
    await waitFor(() =>
      expect(screen.getByTestId('status').textContent).toBe(`dev-user のキーを替えました：${OLD_KEY} から ${NEW_KEY} へ。ロールと MFA のセッションはそのまま有効です。`),
    );
  });

  it('the row says a rotation was interrupted (instead of the key-age hint), and a rotation that finishes it clears the note', async () => {
    const answer: KeyRotatedView = {
      ...ROTATED,
      recovered: { outcome: 'finished', startedAt: '2026-12-03T01:20:00Z', oldAccessKeyId: OLD_KEY, newAccessKeyId: NEW_KEY, deletedKeys: [OLD_KEY] },
    };
    const main = fakeMain({ answer });
    let interrupted = ['dev-user'];
    main.bridge.handlers['sessions:list'] = () => ok({ ...sessionsView(), rotationsInterrupted: interrupted });
    main.bridge.handlers['user:rotate'] = ((rotate) => async (request: RotateKeyInput) => {
      interrupted = [];
      return rotate(request);
    })(main.bridge.handlers['user:rotate']!);
    const dialog = await openRotate(main.bridge);
    const row = screen.getByTestId('user-dev-user');
    expect(within(row).getByTestId('rotation-interrupted').textContent).toBe(
      'A rotation of this key was interrupted. The keychain still holds a key that works; Rotate key finishes the rotation or undoes it.',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rotate key' }));
    const outcome = await within(dialog).findByTestId('rotate-key-outcome');
    expect(outcome.textContent).toContain(`A rotation interrupted at 10:20 was finished: its new key ${NEW_KEY} is the one in use.`);
    await waitFor(() => expect(within(row).queryByTestId('rotation-interrupted')).toBeNull());
  });

  it('works from the keyboard alone, and focus returns to the row', async () => {
    const main = fakeMain();
    renderApp(main.bridge);
    const opener = within(await screen.findByTestId('user-dev-user')).getByRole('button', { name: 'Rotate key' });
    opener.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = screen.getByTestId('rotate-key-dialog');
    await userEvent.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Rotate key' }));
    await userEvent.keyboard('{Enter}');
    await within(dialog).findByTestId('rotate-key-outcome');
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' })));
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByTestId('rotate-key-dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
