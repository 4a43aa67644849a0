// @vitest-environment jsdom
// "Open console" and "Open in Rolecall" on a role row: the window asks main to open the console
// (console:open, which answers without the sign-in URL), asks for the MFA code first when the role
// needs one, and says how long the console lasts, in English and Japanese; a refusal goes to the row.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleOpenedView } from '../../common/contract';
import { CATALOG } from '../support/catalog-view';
import { fail, fakeBridge, isoIn, ok, renderApp, sessionsView, withLanguage } from '../support/renderer-fake-bridge';

afterEach(cleanup);

const HOUR = 3_600_000;

function opened(role: string, extra: Partial<ConsoleOpenedView> = {}): ConsoleOpenedView {
  return {
    role,
    assumedRoleArn: `arn:aws:sts::123456789012:assumed-role/${role}/dev-user`,
    consoleEndsAt: isoIn(HOUR),
    lastsFor: 'role-session',
    destination: 'https://console.aws.amazon.com/console/home?region=us-east-1',
    notices: [],
    ...extra,
  };
}

describe('opening the AWS console from a role row', () => {
  it('asks main to open it in the browser and says it lasts as long as the role session', async () => {
    const bridge = fakeBridge({ 'console:open': ({ name }) => ok(opened(name)) });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Open console' }));
    await waitFor(() =>
      expect(screen.getByTestId('status').textContent).toMatch(/^Opened the AWS console as admin in your browser; it lasts until .+\. It ends with the role session/),
    );
    expect(bridge.callsTo('console:open')).toEqual([{ name: 'admin', target: 'browser' }]);
  });

  it('opens it in a Rolecall window, and a direct role’s console says only its own end', async () => {
    const bridge = fakeBridge({ 'console:open': ({ name }) => ok(opened(name, { lastsFor: 'session-duration', consoleEndsAt: isoIn(4 * HOUR) })) });
    renderApp(bridge);
    const lambda = await screen.findByTestId('role-row-exec-lambda');
    await userEvent.click(within(lambda).getByRole('button', { name: 'Open in Rolecall' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^Opened the AWS console as exec-lambda in a Rolecall window; it lasts until [^.]+\.$/));
    expect(bridge.callsTo('console:open')).toEqual([{ name: 'exec-lambda', target: 'rolecall' }]);
  });

  it('asks for the MFA code first when the role needs one, then opens with it', async () => {
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([], ['admin'])),
      'console:open': ({ name, mfaCode }) => (mfaCode ? ok(opened(name)) : fail('MfaCodeRequired', 'needs a code', { user: 'dev-user' })),
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await waitFor(() => expect(admin.dataset.state).toBe('needs-mfa'));
    await userEvent.click(within(admin).getByRole('button', { name: 'Open console' }));
    const dialog = await screen.findByRole('dialog', { name: 'MFA for dev-user' });
    expect(dialog.textContent).toContain('to open the AWS console as admin');
    // The dialog came first: main was not asked without the code.
    expect(bridge.callsTo('console:open')).toEqual([]);
    await userEvent.type(within(dialog).getByLabelText('MFA code'), '654321');
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^Opened the AWS console as admin/));
    expect(bridge.callsTo('console:open')).toEqual([{ name: 'admin', target: 'browser', mfaCode: '654321' }]);
  });

  it('puts a refusal on the row and in the status, said in words', async () => {
    const bridge = fakeBridge({
      'console:open': () => fail('SigninRefused', 'AWS refused to sign in to the console while signing in to the console as admin (HTTP 400).'),
    });
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(within(admin).getByRole('button', { name: 'Open console' }));
    const note = await within(admin).findByTestId('row-error-admin');
    expect(note.textContent).toContain('AWS refused to sign in to the console');
    // The page's own sentence says what to do; core's words stand beneath it.
    expect(note.textContent).toContain('Stop the role and open the console again for a fresh session');
    expect(screen.getByTestId('status').textContent).toMatch(/^Could not open the AWS console as admin:/);
  });

  it('speaks Japanese', async () => {
    const bridge = fakeBridge({ 'console:open': ({ name }) => ok(opened(name)) }, withLanguage(CATALOG, 'ja'));
    renderApp(bridge);
    const admin = await screen.findByTestId('role-row-admin');
    await userEvent.click(await within(admin).findByRole('button', { name: 'コンソールを開く' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^admin として AWS コンソールをブラウザで開きました。/));
    expect(within(admin).getByRole('button', { name: 'Rolecall で開く' })).toBeTruthy();
  });
});
