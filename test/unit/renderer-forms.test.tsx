// @vitest-environment jsdom
// The user and role forms: the core's own validation, worded per field in the UI language; the
// secret never prefilled and required when the key changes; the way into a role as radios; main's
// refusals placed next to their field.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogUserView } from '../../common/contract';
import { CATALOG } from '../support/catalog-view';
import { CHAIN_CATALOG, fail, fakeBridge, ok, renderApp, withLanguage } from '../support/renderer-fake-bridge';

afterEach(cleanup);

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

async function openUserForm(language: 'en' | 'ja' = 'en', handlers = {}) {
  const bridge = fakeBridge(handlers, withLanguage(CATALOG, language));
  renderApp(bridge);
  const user = await screen.findByTestId('user-dev-user');
  await userEvent.click(within(user).getByRole('button', { name: language === 'en' ? 'Edit' : '編集' }));
  return { bridge, form: await screen.findByTestId('user-form') };
}

/** The problem text shown for the field labelled `label`. */
function problemOf(form: HTMLElement, label: string): string {
  const field = within(form).getByLabelText(label);
  const ids = (field.getAttribute('aria-describedby') ?? '').split(' ');
  const problem = ids.map((id) => document.getElementById(id)).find((el) => el?.className === 'field-problem');
  return problem?.textContent ?? '';
}

describe('user form', () => {
  it('never prefills the secret when editing, and keeps the name read-only', async () => {
    const { form } = await openUserForm();
    expect(screen.getByRole('dialog', { name: 'Edit dev-user' })).toBe(form);
    const secret = within(form).getByLabelText('Secret access key') as HTMLInputElement;
    expect(secret.type).toBe('password');
    expect(secret.value).toBe('');
    expect((within(form).getByLabelText('Name') as HTMLInputElement).readOnly).toBe(true);
    expect((within(form).getByLabelText('Access key ID') as HTMLInputElement).value).toBe('AKIAIOSFODNN7EXAMPLE');
    expect((within(form).getByLabelText('MFA device serial') as HTMLInputElement).value).toBe('arn:aws:iam::123456789012:mfa/dev-user');
    expect(form.textContent).toContain('Leave blank to keep the stored key.');
  });

  it('saves an edit with a blank secret as "keep the stored key" (no secret sent)', async () => {
    const { form, bridge } = await openUserForm('en', { 'user:save': () => ok({ name: 'dev-user' }) });
    await userEvent.clear(within(form).getByLabelText('Region'));
    await userEvent.type(within(form).getByLabelText('Region'), 'eu-west-1');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByTestId('user-form')).toBeNull());
    expect(bridge.callsTo('user:save')).toEqual([
      { name: 'dev-user', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', mfaSerial: 'arn:aws:iam::123456789012:mfa/dev-user', region: 'eu-west-1' },
    ]);
    expect(screen.getByTestId('status').textContent).toBe('Saved dev-user.');
  });

  it('requires the secret when the access key id changes', async () => {
    const { form, bridge } = await openUserForm();
    const keyId = within(form).getByLabelText('Access key ID');
    await userEvent.clear(keyId);
    await userEvent.type(keyId, 'AKIAI44QH8DHBEXAMPLE');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(problemOf(form, 'Secret access key')).toBe('A new access key ID needs its secret access key.');
    expect(within(form).getByLabelText('Secret access key').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(within(form).getByLabelText('Secret access key'));
    expect(bridge.callsTo('user:save')).toEqual([]);
  });

  it('shows each field’s problem next to it, in English', async () => {
    const bridge = fakeBridge();
    renderApp(bridge);
    await userEvent.click(await screen.findByRole('button', { name: 'Add user' }));
    const form = await screen.findByTestId('user-form');
    await userEvent.type(within(form).getByLabelText('Name'), 'dev user');
    await userEvent.type(within(form).getByLabelText('Access key ID'), 'AKIA123');
    await userEvent.type(within(form).getByLabelText('MFA device serial'), 'arn:aws:iam::12:mfa/x');
    await userEvent.type(within(form).getByLabelText('Region'), 'Tokyo');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(problemOf(form, 'Name')).toBe('Use 1–64 letters, digits or _ . + @ - (no spaces, no leading -, not . or ..).');
    expect(problemOf(form, 'Access key ID')).toBe('Expected AKIA and 16 upper-case letters or digits, such as AKIAIOSFODNN7EXAMPLE.');
    expect(problemOf(form, 'Secret access key')).toBe('Enter the secret access key.');
    expect(problemOf(form, 'MFA device serial')).toMatch(/^Expected an MFA device ARN such as arn:aws:iam::123456789012:mfa\/dev-user/);
    expect(problemOf(form, 'Region')).toBe('Expected an AWS region such as us-east-1.');
    expect(bridge.callsTo('user:save')).toEqual([]);
    // Focus goes to the first field with a problem.
    expect(document.activeElement).toBe(within(form).getByLabelText('Name'));
  });

  it('shows each field’s problem next to it, in Japanese', async () => {
    const bridge = fakeBridge({}, withLanguage(CATALOG, 'ja'));
    renderApp(bridge);
    await userEvent.click(await screen.findByRole('button', { name: 'ユーザーを追加' }));
    const form = await screen.findByTestId('user-form');
    expect(screen.getByRole('dialog', { name: 'IAM ユーザーを追加' })).toBe(form);
    await userEvent.type(within(form).getByLabelText('名前'), 'dev user');
    await userEvent.type(within(form).getByLabelText('アクセスキー ID'), 'AKIA123');
    await userEvent.type(within(form).getByLabelText('シークレットアクセスキー'), 'short');
    await userEvent.click(within(form).getByRole('button', { name: '保存' }));
    expect(problemOf(form, '名前')).toBe('英数字と _ . + @ - で 1〜64 文字にしてください（空白、先頭の -、. や .. だけの名前は使えません）。');
    expect(problemOf(form, 'アクセスキー ID')).toContain('AKIAIOSFODNN7EXAMPLE のように');
    expect(problemOf(form, 'シークレットアクセスキー')).toBe('英数字と / + = からなる 40 文字を入力してください。');
    expect(bridge.callsTo('user:save')).toEqual([]);
  });

  it('adds a user with its secret, and says what AWS knows the key as', async () => {
    const bridge = fakeBridge({ 'user:save': ({ name }) => ok({ name, identity: 'arn:aws:iam::123456789012:user/ops' }) });
    renderApp(bridge);
    await userEvent.click(await screen.findByRole('button', { name: 'Add user' }));
    const form = await screen.findByTestId('user-form');
    await userEvent.type(within(form).getByLabelText('Name'), 'ops');
    await userEvent.type(within(form).getByLabelText('Access key ID'), 'AKIAI44QH8DHBEXAMPLE');
    await userEvent.type(within(form).getByLabelText('Secret access key'), SECRET);
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByTestId('user-form')).toBeNull());
    expect(bridge.callsTo('user:save')).toEqual([{ name: 'ops', accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: SECRET }]);
    expect(screen.getByTestId('status').textContent).toBe('Saved ops; AWS knows the key as arn:aws:iam::123456789012:user/ops.');
  });

  it('says when the key was saved unchecked because AWS could not be asked, with core’s reason as data', async () => {
    const reason = 'STS could not be reached: connect ECONNREFUSED 127.0.0.1:443';
    const bridge = fakeBridge({ 'user:save': ({ name }) => ok({ name, unverifiedBecause: reason }) });
    renderApp(bridge);
    await userEvent.click(await screen.findByRole('button', { name: 'Add user' }));
    const form = await screen.findByTestId('user-form');
    await userEvent.type(within(form).getByLabelText('Name'), 'dev-user2');
    await userEvent.type(within(form).getByLabelText('Access key ID'), 'AKIAI44QH8DHBEXAMPLE');
    await userEvent.type(within(form).getByLabelText('Secret access key'), SECRET);
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const status = screen.getByTestId('status');
    await waitFor(() => expect(status.textContent).toBe(`Saved dev-user2, but AWS could not check the key:${reason}`));
    expect(within(status).getByText(reason).getAttribute('translate')).toBe('no');
  });

  it('places main’s refusal next to its field, and one without a field above the buttons', async () => {
    let answer = fail('InvalidInput', 'Invalid user: region: expected an AWS region', { field: 'region' });
    const { form } = await openUserForm('en', { 'user:save': () => answer });
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(problemOf(form, 'Region')).toMatch(/^Some input was not accepted\.Invalid user: region/));
    answer = fail('KeychainUnavailable', 'The OS keychain is not reachable: no D-Bus session.');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toMatch(/^The keychain is not reachable.*no D-Bus session\.$/);
    expect(await screen.findByTestId('user-form')).toBe(form);
  });

  it('requires the secret for a user whose key is missing from the keychain', async () => {
    const missing: CatalogUserView = { ...CATALOG.users[0]!, hasSecret: false };
    const bridge = fakeBridge({}, { ...CATALOG, users: [missing] });
    renderApp(bridge);
    await userEvent.click(within(await screen.findByTestId('user-dev-user')).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByTestId('user-form');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(problemOf(form, 'Secret access key')).toBe('Enter the secret access key.');
  });
});

describe('role form', () => {
  async function openRoleForm(handlers = {}, catalog = CATALOG) {
    const bridge = fakeBridge(handlers, catalog);
    renderApp(bridge);
    await userEvent.click(await screen.findByRole('button', { name: 'Add role' }));
    return { bridge, form: await screen.findByTestId('role-form') };
  }

  it('offers the two ways in as radios, and sends direct with the duration in seconds', async () => {
    const { form, bridge } = await openRoleForm({ 'role:save': (request: { name: string }) => ok({ ...request, direct: true }) });
    const fromSession = within(form).getByRole('radio', { name: 'From the MFA session (up to 1 hour, one code a day)' }) as HTMLInputElement;
    const direct = within(form).getByRole('radio', { name: 'Direct (its own MFA code, up to the role’s maximum)' }) as HTMLInputElement;
    expect(fromSession.checked).toBe(true);
    expect(within(form).getByRole('group', { name: 'Way in' })).toBeTruthy();
    await userEvent.type(within(form).getByLabelText('Name'), 'long-job');
    await userEvent.type(within(form).getByLabelText('Role ARN'), 'arn:aws:iam::123456789012:role/long-job');
    // The only user is preselected as the source.
    expect((within(form).getByLabelText('Assume from') as HTMLSelectElement).value).toBe('dev-user');
    await userEvent.click(direct);
    await userEvent.type(within(form).getByLabelText('Duration (minutes)'), '240');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByTestId('role-form')).toBeNull());
    expect(bridge.callsTo('role:save')).toEqual([
      { name: 'long-job', roleArn: 'arn:aws:iam::123456789012:role/long-job', source: 'dev-user', duration: 14_400, direct: true },
    ]);
  });

  it('replaces the radios with the chain’s rule when the source is a role, and never sends direct for it', async () => {
    const { form, bridge } = await openRoleForm({ 'role:save': (request: { name: string }) => ok({ ...request, direct: false }) });
    await userEvent.click(within(form).getByRole('radio', { name: /^Direct/ }));
    await userEvent.selectOptions(within(form).getByLabelText('Assume from'), 'admin');
    expect(within(form).queryByRole('radio')).toBeNull();
    expect(form.textContent).toContain('Chained from admin: assumed from its session, up to 1 hour.');
    await userEvent.type(within(form).getByLabelText('Name'), 'deploy');
    await userEvent.type(within(form).getByLabelText('Role ARN'), 'arn:aws:iam::210987654321:role/deploy');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(bridge.callsTo('role:save')).toHaveLength(1));
    expect(bridge.callsTo('role:save')[0]).toMatchObject({ source: 'admin', direct: false });
  });

  it('checks with the core’s rules: ARN, duration range, advanced fields (opening them to show the problem)', async () => {
    const { form, bridge } = await openRoleForm();
    await userEvent.type(within(form).getByLabelText('Name'), 'x');
    await userEvent.type(within(form).getByLabelText('Role ARN'), 'arn:aws:iam::1:user/x');
    await userEvent.type(within(form).getByLabelText('Duration (minutes)'), '5');
    const sessionName = within(form).getByLabelText('Session name');
    sessionName.closest('details')!.open = true;
    await userEvent.type(sessionName, 'a b');
    sessionName.closest('details')!.open = false;
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(problemOf(form, 'Role ARN')).toBe('Expected a role ARN such as arn:aws:iam::123456789012:role/admin.');
    expect(problemOf(form, 'Duration (minutes)')).toBe('Enter minutes from 15 to 720.');
    expect(problemOf(form, 'Session name')).toMatch(/^Expected 2–64 characters/);
    expect(sessionName.closest('details')!.open).toBe(true);
    expect(bridge.callsTo('role:save')).toEqual([]);
  });

  it('edits a role: name read-only, values prefilled, sources exclude itself and roles chained from it', async () => {
    const bridge = fakeBridge({}, CHAIN_CATALOG);
    renderApp(bridge);
    await userEvent.click(within(await screen.findByTestId('role-row-admin')).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('dialog', { name: 'Edit admin' });
    expect((within(form).getByLabelText('Name') as HTMLInputElement).readOnly).toBe(true);
    expect((within(form).getByLabelText('Role ARN') as HTMLInputElement).value).toBe('arn:aws:iam::123456789012:role/admin');
    const options = within(within(form).getByLabelText('Assume from'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['Choose a user or role', 'dev-user', 'exec-lambda']);
  });

  it('places NameTaken next to the name', async () => {
    const { form } = await openRoleForm({ 'role:save': () => fail('NameTaken', "The name 'admin' is already used by a role.") });
    await userEvent.type(within(form).getByLabelText('Name'), 'admin2');
    await userEvent.type(within(form).getByLabelText('Role ARN'), 'arn:aws:iam::123456789012:role/admin');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(problemOf(form, 'Name')).toMatch(/^That name is already used by a user or role\./));
  });
});

describe('empty state', () => {
  it('tells the first step and opens the user form from its button', async () => {
    const bridge = fakeBridge({}, { ...CATALOG, users: [], roles: [] });
    renderApp(bridge);
    expect(await screen.findByRole('heading', { name: 'Add your IAM user' })).toBeTruthy();
    expect(screen.getByText(/rolecall user add/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Add your IAM user' }));
    expect(await screen.findByRole('dialog', { name: 'Add IAM user' })).toBe(await screen.findByTestId('user-form'));
    expect(document.activeElement).toBe(within(await screen.findByTestId('user-form')).getByLabelText('Name'));
  });
});
