// @vitest-environment jsdom
// The MFA dialog: an accessible modal with one 6-digit field that keeps digits only, submits by
// itself on the sixth digit (once), and on a refusal stays open, clears the field and says why.
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IpcError } from '../../common/contract';
import { MfaDialog } from '../../renderer/src/dialogs/MfaDialog';
import { codeDigits } from '../../renderer/src/dialogs/digits';
import { I18nProvider, type Language } from '../../renderer/src/i18n';
import type { MfaRequest } from '../../renderer/src/state/mfa-prompt';
import { fail, fakeBridge, isoIn, ok, renderApp, sessionsView } from '../support/renderer-fake-bridge';

afterEach(cleanup);

const REQUEST: MfaRequest = { action: 'assume', user: 'dev-user', role: 'admin' };
const REJECTED: IpcError = {
  code: 'MfaCodeRejected',
  message: 'AWS refused the MFA code while starting an MFA session for dev-user: MultiFactorAuthentication failed with invalid MFA one time pass code.',
  hint: 'Wait for the next code on your device and try again.',
};

function renderDialog(onSubmit: (code: string) => Promise<IpcError | undefined>, language: Language = 'en') {
  const onCancel = vi.fn();
  render(
    <I18nProvider language={language}>
      <MfaDialog request={REQUEST} onSubmit={onSubmit} onCancel={onCancel} />
    </I18nProvider>,
  );
  return { onCancel, dialog: screen.getByTestId('mfa-dialog'), input: screen.getByLabelText(language === 'en' ? 'MFA code' : 'MFA コード') as HTMLInputElement };
}

/** A submit whose answer the test releases. */
function gated() {
  let answer!: (value: IpcError | undefined) => void;
  const onSubmit = vi.fn(() => new Promise<IpcError | undefined>((resolve) => (answer = resolve)));
  return { onSubmit, answer: (value: IpcError | undefined) => act(async () => answer(value)) };
}

describe('MFA dialog', () => {
  it('is a labelled modal dialog with a one-time-code field that has focus', () => {
    const { dialog, input } = renderDialog(vi.fn());
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByRole('dialog', { name: 'MFA for dev-user' })).toBe(dialog);
    expect(input.inputMode).toBe('numeric');
    expect(input.autocomplete).toBe('one-time-code');
    expect(document.activeElement).toBe(input);
    expect(dialog.textContent).toContain('to assume admin');
  });

  it('keeps digits only from a pasted "123 456", and submits it once', async () => {
    const { onSubmit } = gated();
    const { input } = renderDialog(onSubmit);
    await userEvent.click(input);
    await userEvent.paste('123 456');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith('123456');
    expect(input.value).toBe('123456');
  });

  it('keeps digits only from "123-456" typed, submitting on the sixth digit exactly once', async () => {
    const { onSubmit } = gated();
    const { input } = renderDialog(onSubmit);
    await userEvent.type(input, '123-45');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(input.value).toBe('12345');
    await userEvent.type(input, '6');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith('123456');
    // While it is checked, the field is read-only and Submit aria-disabled (both keep focus, which
    // disabling would drop to <body>): no second submit.
    expect(input.readOnly).toBe(true);
    expect(document.activeElement).toBe(input);
    expect(screen.getByRole('button', { name: 'Submit' }).getAttribute('aria-disabled')).toBe('true');
    await userEvent.type(input, '7');
    await userEvent.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('enables Submit only with six digits', async () => {
    const { input } = renderDialog(vi.fn(() => new Promise<undefined>(() => undefined)));
    const submit = screen.getByRole('button', { name: 'Submit' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await userEvent.type(input, '12345');
    expect(submit.disabled).toBe(true);
  });

  it('on a refusal stays open, clears the field, and says why: a sentence, then AWS’s words verbatim', async () => {
    const { onSubmit, answer } = gated();
    const { input, dialog } = renderDialog(onSubmit);
    await userEvent.type(input, '111111');
    await answer(REJECTED);
    const alert = within(dialog).getByRole('alert');
    expect(alert).toBe(screen.getByTestId('mfa-error'));
    expect(within(alert).getByText('AWS refused the MFA code. Wait for the next code on your device and try again.')).toBeTruthy();
    const verbatim = within(alert).getByText(REJECTED.message);
    expect(verbatim.getAttribute('translate')).toBe('no');
    expect(input.value).toBe('');
    expect(input.readOnly).toBe(false);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(input));

    // The next code goes through the same way.
    await userEvent.type(input, '222222');
    expect(onSubmit).toHaveBeenLastCalledWith('222222');
    expect(onSubmit).toHaveBeenCalledTimes(2);
  });

  it('words the refusal in Japanese, keeping AWS’s English message as data', async () => {
    const { onSubmit, answer } = gated();
    const { input } = renderDialog(onSubmit, 'ja');
    await userEvent.type(input, '111111');
    await answer(REJECTED);
    const alert = screen.getByTestId('mfa-error');
    expect(alert.textContent).toContain('AWS が MFA コードを拒否しました');
    expect(within(alert).getByText(REJECTED.message).getAttribute('translate')).toBe('no');
  });

  it('cancels on Escape', async () => {
    const { onCancel } = renderDialog(vi.fn());
    await userEvent.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('keeps Tab inside the dialog', async () => {
    const { input } = renderDialog(vi.fn());
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    await userEvent.tab();
    expect(document.activeElement).toBe(cancel);
    // Submit is disabled (no code yet): Tab wraps around to the field.
    await userEvent.tab();
    expect(document.activeElement).toBe(input);
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(cancel);
  });
});

describe('codeDigits', () => {
  it('keeps at most six digits of whatever was typed or pasted', () => {
    expect(codeDigits('123 456')).toBe('123456');
    expect(codeDigits('123-456')).toBe('123456');
    expect(codeDigits(' 12a3\t45 6 7')).toBe('123456');
    expect(codeDigits('abc')).toBe('');
  });
});

describe('MFA dialog in the window', () => {
  it('opens from a needs-MFA row, returns focus to Assume on Escape, and makes the window inert meanwhile', async () => {
    const bridge = fakeBridge({ 'sessions:list': () => ok(sessionsView([], ['admin'])) });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(admin.dataset.state).toBe('needs-mfa'));
    const assume = within(admin).getByRole('button', { name: 'Assume' });
    assume.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'MFA for dev-user' });
    expect(admin.closest('[inert]')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByLabelText('MFA code'));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(assume);
    expect(admin.closest('[inert]')).toBeNull();
  });

  it('copies an export with the code when the copy needed one', async () => {
    const bridge = fakeBridge({
      'session:copy-export': ({ mfaCode, format }) =>
        mfaCode ? ok({ role: 'admin', format, expiresAt: isoIn(3_600_000), notices: [] }) : fail('MfaCodeRequired', 'needs a code', { user: 'dev-user' }),
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Copy export' }));
    await userEvent.click(within(admin).getByRole('menuitem', { name: 'zsh' }));
    const dialog = await screen.findByRole('dialog', { name: 'MFA for dev-user' });
    expect(dialog.textContent).toContain('to copy an export of admin');
    await userEvent.type(within(dialog).getByLabelText('MFA code'), '654321');
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^Copied for zsh — valid until/));
    expect(bridge.callsTo('session:copy-export')).toEqual([
      { name: 'admin', format: 'zsh' },
      { name: 'admin', format: 'zsh', mfaCode: '654321' },
    ]);
  });
});
