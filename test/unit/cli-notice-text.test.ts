// The CLI's English durations come from the one duration formatter (common/time.ts) with main's
// English words, as the tray's and the notifications' do; its wall-clock times are local times
// read against an injected clock and zone (pinned here: no test reads the machine's).
import { describe, expect, it } from 'vitest';
import { cappedNote, describeNotice, timeLeft, until } from '../../main/cli/notice-text';
import { TEST_NOW, TEST_ZONE } from '../support/test-clock';

const NOW = TEST_NOW; // 10:24 on Dec 3 in Tokyo, 20:24 on Dec 2 in New York
const inMinutes = (m: number) => new Date(NOW + m * 60_000).toISOString();
const TOKYO = { now: NOW, timeZone: TEST_ZONE };
const NEW_YORK = { now: NOW, timeZone: 'America/New_York' };

describe("the CLI's words for time", () => {
  it('says what is left in whole minutes and hours, and when it is over', () => {
    expect(timeLeft(inMinutes(59.9), NOW)).toBe('59 min');
    expect(timeLeft(inMinutes(238), NOW)).toBe('3 h 58 min');
    expect(timeLeft(inMinutes(120), NOW)).toBe('2 h');
    expect(timeLeft(inMinutes(-1), NOW)).toBe('expired');
  });

  it('says until when in local time and what is left, in the zone it is given', () => {
    expect(until(inMinutes(59.9), TOKYO)).toBe('until 11:23 (59 min left)');
    expect(until(inMinutes(59.9), NEW_YORK)).toBe('until 21:23 (59 min left)');
  });

  it('adds the date when the expiry is not today in that zone', () => {
    // 03:24 on Dec 3 in New York is tomorrow there; 17:24 in Tokyo is still today.
    expect(until(inMinutes(7 * 60), NEW_YORK)).toBe('until Dec 3, 03:24 (7 h left)');
    expect(until(inMinutes(7 * 60), TOKYO)).toBe('until 17:24 (7 h left)');
  });

  it('says when an ended session ended', () => {
    expect(until(inMinutes(-30), TOKYO)).toBe('expired at 09:54');
  });

  it('names why a session is shorter than asked', () => {
    expect(cappedNote('chaining')).toBe('capped at 1 h: role chaining');
    expect(cappedNote('role-maximum')).toBe("capped by the role's maximum");
  });

  it('words a cap in hours and minutes, not in bare seconds', () => {
    expect(describeNotice({ kind: 'capped-chaining', role: 'deploy', requestedSeconds: 7200, grantedSeconds: 3600 }, TOKYO)).toMatch(
      /^deploy: asked for 2 h, capped at 1 h:/,
    );
    expect(describeNotice({ kind: 'capped-role-maximum', role: 'ops', requestedSeconds: 14_400, grantedSeconds: 5400 }, TOKYO)).toMatch(
      /^ops: asked for 4 h, got 1 h 30 min:/,
    );
  });

  it('says until when a new MFA session serves, in local time', () => {
    expect(describeNotice({ kind: 'mfa-session-started', user: 'dev-user', expiresAt: inMinutes(12 * 60) }, TOKYO)).toBe(
      'MFA session for dev-user started; it serves every role until 22:24 (12 h left).',
    );
  });
});
