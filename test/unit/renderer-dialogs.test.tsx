// @vitest-environment jsdom
// Dialogs over dialogs and dialogs that outlive their request: an MFA prompt stacks over an open
// form (which keeps what was typed), a late save or removal closes only its own dialog, and a busy
// dialog still answers Escape and keeps Tab inside, even when the browser dropped focus.
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssumedView, IpcResult } from '../../common/contract';
import { CATALOG } from '../support/catalog-view';
import { fail, fakeBridge, ok, renderApp } from '../support/renderer-fake-bridge';

afterEach(cleanup);

/**
 * A promise the test answers when it wants: for a call still in flight. `answer` lands it inside
 * act; `arrive` just resolves it, for the test to wait for what follows (findBy, waitFor).
 */
function gate<T>() {
  let answer!: (value: IpcResult<T>) => void;
  const promise = new Promise<IpcResult<T>>((resolve) => (answer = resolve));
  return { promise, answer: (value: IpcResult<T>) => act(async () => answer(value)), arrive: (value: IpcResult<T>) => answer(value) };
}

/** What Chromium does when the focused control becomes disabled: focus falls to <body>. */
function dropFocus() {
  (document.activeElement as HTMLElement | null)?.blur();
  expect(document.activeElement).toBe(document.body);
}

describe('an MFA prompt while a form is open', () => {
  it('opens over the form, which keeps its values and gets focus back when the prompt closes', async () => {
    const assume = gate<never>();
    const bridge = fakeBridge({ 'session:assume': () => assume.promise });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Assume' }));
    // While admin is assumed, the user starts adding a role.
    await userEvent.click(screen.getByRole('button', { name: 'Add role' }));
    const form = await screen.findByTestId('role-form');
    const name = within(form).getByLabelText('Name') as HTMLInputElement;
    await userEvent.type(name, 'long-job');

    // Not inside act: the prompt takes focus from the typed-in field, and user-event commits that
    // field's change on blur in an act of its own, which must not run nested in React's flush.
    assume.arrive(fail('MfaCodeRequired', 'assuming admin needs a fresh MFA code for user dev-user.', { user: 'dev-user' }));
    const mfa = await screen.findByRole('dialog', { name: 'MFA for dev-user' });
    // The prompt takes focus in an effect once it is in the page.
    await waitFor(() => expect(document.activeElement).toBe(within(mfa).getByLabelText('MFA code')));
    // The form is still there, behind the prompt and inert meanwhile.
    expect(screen.getByTestId('role-form')).toBe(form);
    expect(form.closest('[inert]')).toBeTruthy();
    expect(mfa.closest('[inert]')).toBeNull();

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('mfa-dialog')).toBeNull();
    expect(screen.getByTestId('role-form')).toBe(form);
    expect(name.value).toBe('long-job');
    expect(form.closest('[inert]')).toBeNull();
    expect(document.activeElement).toBe(name);
    // The window behind stays inert while the form is open.
    expect(admin.closest('[inert]')).toBeTruthy();
  });
});

describe('the status area while a dialog is open', () => {
  it('stays out of the inert window, so what happens meanwhile is heard', async () => {
    const assume = gate<AssumedView>();
    const bridge = fakeBridge({ 'session:assume': () => assume.promise });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Assume' }));
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByTestId('settings-dialog');
    const status = screen.getByTestId('status');
    // The rest of the window is inert behind the dialog; the live region is not.
    expect(admin.closest('[inert]')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add role' }).closest('[inert]')).toBeTruthy();
    expect(status.closest('[inert]')).toBeNull();
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.querySelector('button, a[href], input, select, textarea, [tabindex]')).toBeNull();

    await assume.answer(fail('AccessDenied', 'AWS refused assuming admin: not authorized to perform: sts:AssumeRole'));
    await waitFor(() => expect(status.textContent).toMatch(/^Could not assume admin:AWS denied access/));
    expect(status.closest('[inert]')).toBeNull();
  });
});

describe('a result that lands after its dialog closed', () => {
  it('a late save says so in the status area and leaves the dialog open now alone', async () => {
    const save = gate<{ name: string }>();
    const bridge = fakeBridge({ 'user:save': () => save.promise });
    renderApp(bridge);
    await userEvent.click(within(await screen.findByTestId('user-dev-user')).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByTestId('user-form');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    // Escape while saving: the dialog goes, the save carries on in main.
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('user-form')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const settings = await screen.findByTestId('settings-dialog');

    await save.answer(ok({ name: 'dev-user' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Saved dev-user.'));
    expect(screen.getByTestId('settings-dialog')).toBe(settings);
  });

  it('a late refusal is not lost: the status area says what failed', async () => {
    const save = gate<never>();
    renderApp(fakeBridge({ 'user:save': () => save.promise }));
    await userEvent.click(within(await screen.findByTestId('user-dev-user')).getByRole('button', { name: 'Edit' }));
    await userEvent.click(within(await screen.findByTestId('user-form')).getByRole('button', { name: 'Save' }));
    await userEvent.keyboard('{Escape}');
    await save.answer(fail('KeychainUnavailable', 'The OS keychain is not reachable.'));
    const status = screen.getByTestId('status');
    await waitFor(() => expect(status.textContent).toMatch(/^Could not save dev-user:.*The keychain is not reachable/));
  });

  it('a late removal closes only its own confirmation', async () => {
    const remove = gate<Record<string, never>>();
    renderApp(fakeBridge({ 'role:remove': () => remove.promise }));
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Remove' }));
    await userEvent.click(within(screen.getByTestId('confirm-dialog')).getByRole('button', { name: 'Remove' }));
    await userEvent.click(within(screen.getByTestId('confirm-dialog')).getByRole('button', { name: 'Cancel' }));
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    const importDialog = screen.getByTestId('import-dialog');
    await remove.answer(ok({}));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('Removed admin.'));
    expect(screen.getByTestId('import-dialog')).toBe(importDialog);
  });
});

describe('a busy dialog and the keyboard', () => {
  it('keeps focus on Save while saving, and answers Escape and Tab even when focus fell to the page', async () => {
    const save = gate<{ name: string }>();
    renderApp(fakeBridge({ 'user:save': () => save.promise }));
    await userEvent.click(within(await screen.findByTestId('user-dev-user')).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByTestId('user-form');
    const saveButton = within(form).getByRole('button', { name: 'Save' });
    await userEvent.click(saveButton);
    // Marked busy without disabling (a disabled button drops focus in Chromium).
    const busy = within(form).getByRole('button', { name: 'Saving…' });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    expect((busy as HTMLButtonElement).disabled).toBe(false);
    expect(document.activeElement).toBe(busy);

    dropFocus();
    await userEvent.tab();
    expect(form.contains(document.activeElement)).toBe(true);
    dropFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('user-form')).toBeNull();
  });

  it('answers Escape in a removal that is under way', async () => {
    renderApp(fakeBridge({ 'role:remove': () => new Promise<never>(() => undefined) }));
    await userEvent.click(within(await screen.findByTestId('role-row-admin')).getByRole('button', { name: 'Remove' }));
    const dialog = screen.getByTestId('confirm-dialog');
    const remove = within(dialog).getByRole('button', { name: 'Remove' });
    await userEvent.click(remove);
    expect(remove.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(remove);
    dropFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
  });

  it('moves focus to a refusal that belongs to no field', async () => {
    renderApp(fakeBridge({ 'user:save': () => fail('KeychainUnavailable', 'The OS keychain is not reachable.') }));
    await userEvent.click(within(await screen.findByTestId('user-dev-user')).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByTestId('user-form');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const alert = await within(form).findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(alert));
  });
});

describe('the catalog the dialogs were opened on', () => {
  it('edits the role as it was when Edit was pressed, even if it disappears from the catalog meanwhile', async () => {
    let catalog = CATALOG;
    const bridge = fakeBridge({ 'catalog:list': () => ok(catalog) });
    renderApp(bridge);
    await userEvent.click(within(await screen.findByTestId('role-row-admin')).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('dialog', { name: 'Edit admin' });
    catalog = { ...CATALOG, roles: CATALOG.roles.filter((r) => r.name !== 'admin') };
    act(() => bridge.emit({ type: 'catalog:changed' }));
    await waitFor(() => expect(screen.queryByTestId('role-row-admin')).toBeNull());
    expect(screen.getByRole('dialog', { name: 'Edit admin' })).toBe(form);
    expect((within(form).getByLabelText('Name') as HTMLInputElement).readOnly).toBe(true);
  });
});
