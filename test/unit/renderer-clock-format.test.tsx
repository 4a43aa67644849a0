// Wall-clock times as the window shows them, across zones: the time in the zone given (never the
// machine's), and the date added once the time is not today *there*. (Notifications: notice-text.test.ts.)
// Honolulu (UTC-10) and Kiritimati (UTC+14) are a whole day apart at every instant.
import { describe, expect, it } from 'vitest';
import { formatClockTime } from '../../common/time';

const HOUR = 3_600_000;
// 15:24 on Dec 2 in Honolulu, 15:24 on Dec 3 in Kiritimati, 10:24 on Dec 3 in Tokyo.
const NOW = Date.parse('2026-12-03T01:24:00Z');
const after = (ms: number) => new Date(NOW + ms).toISOString();
const HONOLULU = { now: NOW, timeZone: 'Pacific/Honolulu' };
const KIRITIMATI = { now: NOW, timeZone: 'Pacific/Kiritimati' };
const TOKYO = { now: NOW, timeZone: 'Asia/Tokyo' };

describe('the window’s clock times', () => {
  it('shows the time alone while it is still today in the zone, in English and Japanese', () => {
    expect(formatClockTime(after(8 * HOUR), 'en', HONOLULU)).toBe('23:24');
    expect(formatClockTime(after(8 * HOUR), 'en', KIRITIMATI)).toBe('23:24');
    expect(formatClockTime(after(8 * HOUR), 'en', TOKYO)).toBe('18:24');
    expect(formatClockTime(after(8 * HOUR), 'ja', HONOLULU)).toBe('23:24');
    expect(formatClockTime(after(8 * HOUR), 'ja', KIRITIMATI)).toBe('23:24');
  });

  it('adds the date once the time is past local midnight, and each zone names its own day', () => {
    expect(formatClockTime(after(9 * HOUR), 'en', HONOLULU)).toBe('Dec 3, 00:24');
    expect(formatClockTime(after(9 * HOUR), 'en', KIRITIMATI)).toBe('Dec 4, 00:24');
    expect(formatClockTime(after(9 * HOUR), 'ja', HONOLULU)).toBe('12月3日 00:24');
    expect(formatClockTime(after(9 * HOUR), 'ja', KIRITIMATI)).toBe('12月4日 00:24');
    // The same expiry is still today in Tokyo (19:24).
    expect(formatClockTime(after(9 * HOUR), 'en', TOKYO)).toBe('19:24');
  });

  it('judges "today" by the clock it is given, not the machine’s: a minute before and after midnight', () => {
    const expiry = '2026-12-03T10:00:00Z'; // 00:00 on Dec 3 in Honolulu
    expect(formatClockTime(expiry, 'en', { now: Date.parse(expiry) - 60_000, timeZone: 'Pacific/Honolulu' })).toBe('Dec 3, 00:00');
    expect(formatClockTime(expiry, 'en', { now: Date.parse(expiry) + 60_000, timeZone: 'Pacific/Honolulu' })).toBe('00:00');
  });

  it('dates a time that was yesterday in the zone too', () => {
    expect(formatClockTime(after(-16 * HOUR), 'en', HONOLULU)).toBe('Dec 1, 23:24');
    expect(formatClockTime(after(-16 * HOUR), 'ja', HONOLULU)).toBe('12月1日 23:24');
    expect(formatClockTime(after(-16 * HOUR), 'en', KIRITIMATI)).toBe('Dec 2, 23:24');
  });

  it('shows text that is not a time as it is', () => {
    expect(formatClockTime('soon', 'en', TOKYO)).toBe('soon');
  });
});
