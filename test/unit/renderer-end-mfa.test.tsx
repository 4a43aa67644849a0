// @vitest-environment jsdom
// The window's side of "end the MFA session": a user with a live MFA session offers the button,
// the click asks main once, the status line says what ended and which role sessions live on, in
// English and Japanese, and the button goes once the sessions no longer show the MFA session.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionView } from '../../common/contract';
import { CATALOG } from '../support/catalog-view';
import { fail, fakeBridge, isoIn, ok, renderApp, roleSession, sessionsView, withLanguage } from '../support/renderer-fake-bridge';

afterEach(cleanup);

const HOUR = 3_600_000;
const mfaSession: SessionView = { kind: 'mfa-session', name: 'dev-user', state: 'active', expiresAt: isoIn(10 * HOUR), chain: ['dev-user'] };

function bridgeWithMfaSession(language: 'en' | 'ja' = 'en') {
  let sessions: SessionView[] = [mfaSession, roleSession('admin', HOUR)];
  const bridge = fakeBridge(
    {
      'sessions:list': () => ok(sessionsView(sessions)),
      'session:end-mfa': ({ name }) => {
        sessions = sessions.filter((s) => s.kind !== 'mfa-session');
        return ok({ user: name, ended: true, rolesStillLive: ['admin'] });
      },
    },
    withLanguage(CATALOG, language),
  );
  return bridge;
}

describe("ending a user's MFA session from the window", () => {
  it('offers it only while the session lives, says what ended and what lives on, then the button goes', async () => {
    const bridge = bridgeWithMfaSession();
    renderApp(bridge);
    const user = await screen.findByTestId('user-dev-user');
    await userEvent.click(await within(user).findByRole('button', { name: 'End MFA session' }));

    await waitFor(() =>
      expect(screen.getByTestId('status').textContent).toBe(
        'Ended the MFA session of dev-user: the next role that needs it asks for a code. Role sessions started from it stay valid until they expire: admin. Stop ends them.',
      ),
    );
    expect(bridge.callsTo('session:end-mfa')).toEqual([{ name: 'dev-user' }]);
    await waitFor(() => expect(within(user).queryByRole('button', { name: 'End MFA session' })).toBeNull());
    expect(within(user).getByText('No MFA session')).toBeTruthy();
  });

  it('speaks Japanese when the window does', async () => {
    renderApp(bridgeWithMfaSession('ja'));
    const user = await screen.findByTestId('user-dev-user');
    await userEvent.click(await within(user).findByRole('button', { name: 'MFA セッションを終了' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^dev-user の MFA セッションを終了しました。/));
    expect(screen.getByTestId('status').textContent).toContain('admin');
  });

  it('says why it could not, and the button stays for another try', async () => {
    const bridge = fakeBridge({
      'sessions:list': () => ok(sessionsView([mfaSession])),
      'session:end-mfa': () => fail('KeychainLocked', 'The OS keychain is locked.', { hint: 'Unlock your keychain, then try again.' }),
    });
    renderApp(bridge);
    const user = await screen.findByTestId('user-dev-user');
    await userEvent.click(await within(user).findByRole('button', { name: 'End MFA session' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^Could not end the MFA session of dev-user:/));
    expect(within(user).getByRole('button', { name: 'End MFA session' })).toBeTruthy();
  });

  it('is not offered to a user without a live MFA session', async () => {
    renderApp(fakeBridge({ 'sessions:list': () => ok(sessionsView([roleSession('admin', HOUR)])) }));
    const user = await screen.findByTestId('user-dev-user');
    await within(user).findByText('No MFA session');
    expect(within(user).queryByRole('button', { name: 'End MFA session' })).toBeNull();
  });
});
