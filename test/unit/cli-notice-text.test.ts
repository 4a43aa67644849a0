// The CLI's English durations come from the one duration formatter (common/time.ts) with main's
// English words, as the tray's and the notifications' do.
import { describe, expect, it } from 'vitest';
import { describeNotice, timeLeft } from '../../main/cli/notice-text';

const NOW = Date.parse('2026-12-07T01:24:00.000Z');
const inMinutes = (m: number) => new Date(NOW + m * 60_000).toISOString();

describe("the CLI's words for time", () => {
  it('says what is left in whole minutes and hours, and when it is over', () => {
    expect(timeLeft(inMinutes(59.9), NOW)).toBe('59 min');
    expect(timeLeft(inMinutes(238), NOW)).toBe('3 h 58 min');
    expect(timeLeft(inMinutes(120), NOW)).toBe('2 h');
    expect(timeLeft(inMinutes(-1), NOW)).toBe('expired');
  });

  it('words a cap in hours and minutes, not in bare seconds', () => {
    expect(describeNotice({ kind: 'capped-chaining', role: 'deploy', requestedSeconds: 7200, grantedSeconds: 3600 })).toMatch(/^deploy: asked for 2 h, capped at 1 h:/);
    expect(describeNotice({ kind: 'capped-role-maximum', role: 'ops', requestedSeconds: 14_400, grantedSeconds: 5400 })).toMatch(/^ops: asked for 4 h, got 1 h 30 min:/);
  });
});
