// What the OS notification says when a session cannot renew itself, in English and Japanese:
// which sessions, what to do, and when they end (local wall-clock time, 24-hour).
import { describe, expect, it } from 'vitest';
import type { RenewalNotice } from '../../main/core/scheduler/renewal';
import { formatClock } from '../../common/time';
import { createMainTranslator } from '../../main/app/i18n/index';
import { noticeText } from '../../main/app/notifications/notice-text';

// Pinned instants shown in a pinned zone (13:53 and 14:05 in Tokyo), so "14:05" holds at any
// hour in any zone the tests run in.
const NOW = Date.parse('2030-01-15T04:53:00Z');
const AT_14_05 = '2030-01-15T05:05:00.000Z';
const IN_TOKYO = { now: NOW, timeZone: 'Asia/Tokyo' };
const EN = createMainTranslator('en');
const JA = createMainTranslator('ja');

const needsCode = (roles: string[], endsAt = AT_14_05): RenewalNotice => ({ kind: 'needs-mfa-code', user: 'dev-user', roles, endsAt });
const failed = (roles: string[], reason = 'Could not reach AWS (ENOTFOUND sts.amazonaws.com).'): RenewalNotice => ({
  kind: 'renewal-failed',
  roles,
  endsAt: AT_14_05,
  reason,
});

describe('noticeText in English', () => {
  it('asks for a new MFA code for one role, with the user and when it ends', () => {
    expect(noticeText(needsCode(['admin']), EN, IN_TOKYO)).toEqual({
      title: 'admin needs a new MFA code',
      body: 'To renew it, Rolecall needs a new code from the MFA device of dev-user. It ends in 12 min, at 14:05.',
      actionLabel: 'Extend…',
    });
  });

  it('names two roles, and counts three or more', () => {
    const two = noticeText(needsCode(['admin', 'deploy']), EN, IN_TOKYO);
    expect(two.title).toBe('admin and deploy need a new MFA code');
    expect(two.body).toBe('To renew them, Rolecall needs a new code from the MFA device of dev-user. They end in 12 min, at 14:05.');
    expect(noticeText(needsCode(['admin', 'deploy', 'audit']), EN, IN_TOKYO).title).toBe('3 sessions of dev-user need a new MFA code');
  });

  it('says an hour or more in hours and minutes, and a time already past as ended', () => {
    const later = new Date(NOW + 65 * 60_000).toISOString();
    expect(noticeText(needsCode(['admin'], later), EN, IN_TOKYO).body).toMatch(/It ends in 1 h 5 min, at 14:58\.$/);
    expect(noticeText(needsCode(['admin'], new Date(NOW - 60_000).toISOString()), EN, IN_TOKYO).body).toMatch(/It ended at 13:52\.$/);
  });

  it('says a renewal failed with core’s reason as is, and offers to try again', () => {
    expect(noticeText(failed(['admin']), EN, IN_TOKYO)).toEqual({
      title: 'Could not renew admin',
      body: 'It ends in 12 min, at 14:05. Reason: Could not reach AWS (ENOTFOUND sts.amazonaws.com).',
      actionLabel: 'Try again',
    });
    expect(noticeText(failed(['admin', 'deploy']), EN, IN_TOKYO).title).toBe('Could not renew admin and deploy');
    expect(noticeText(failed(['a', 'b', 'c', 'd']), EN, IN_TOKYO).title).toBe('Could not renew 4 sessions');
  });
});

// Latin letters left in Japanese only for names: products and the test's users and roles.
const NAMES = /AWS|IAM|MFA|Rolecall|dev-user|admin|deploy|audit/g;

describe('noticeText in Japanese', () => {
  it('asks for a new MFA code in Japanese', () => {
    expect(noticeText(needsCode(['admin']), JA, IN_TOKYO)).toEqual({
      title: 'admin に新しい MFA コードが必要です',
      body: '更新するには、dev-user の MFA デバイスに表示される新しいコードが必要です。残り 12 分、14:05 に終了します。',
      actionLabel: '延長…',
    });
    expect(noticeText(needsCode(['admin', 'deploy']), JA, IN_TOKYO).title).toBe('admin と deploy に新しい MFA コードが必要です');
    expect(noticeText(needsCode(['admin', 'deploy', 'audit']), JA, IN_TOKYO).title).toBe('dev-user のセッション 3 件に新しい MFA コードが必要です');
  });

  it('says a renewal failed in Japanese, with core’s English reason kept as it is', () => {
    const reason = 'Could not reach AWS (ENOTFOUND sts.amazonaws.com).';
    const text = noticeText(failed(['admin'], reason), JA, IN_TOKYO);
    expect(text).toEqual({ title: 'admin を更新できませんでした', body: `残り 12 分、14:05 に終了します。理由：${reason}`, actionLabel: '再試行' });
    expect(noticeText(failed(['admin', 'deploy', 'audit']), JA, IN_TOKYO).title).toBe('3 件のセッションを更新できませんでした');
  });

  it('has no English words of its own', () => {
    const notices = [
      needsCode(['admin']),
      needsCode(['admin', 'deploy']),
      needsCode(['admin', 'deploy', 'audit']),
      needsCode(['admin'], new Date(NOW - 1).toISOString()),
      failed(['admin'], ''),
      failed(['admin', 'deploy', 'audit'], ''),
    ];
    for (const notice of notices) {
      const { title, body, actionLabel } = noticeText(notice, JA, IN_TOKYO);
      for (const text of [title, body, actionLabel]) expect(text.replace(NAMES, ''), text).not.toMatch(/[A-Za-z]/);
    }
  });
});

describe('noticeText across time zones', () => {
  // One instant, 8 minutes before the end: Honolulu (UTC-10) and Kiritimati (UTC+14) read the
  // same wall-clock time a day apart, Tokyo reads it 5 hours on from them.
  const ENDS = '2030-01-15T09:00:00.000Z';
  const now = Date.parse(ENDS) - 8 * 60_000;

  it('writes the end in the zone it is given, in English and Japanese', () => {
    expect(noticeText(needsCode(['admin'], ENDS), EN, { now, timeZone: 'Pacific/Honolulu' }).body).toMatch(/It ends in 8 min, at 23:00\.$/);
    expect(noticeText(needsCode(['admin'], ENDS), EN, { now, timeZone: 'Pacific/Kiritimati' }).body).toMatch(/It ends in 8 min, at 23:00\.$/);
    expect(noticeText(needsCode(['admin'], ENDS), EN, { now, timeZone: 'Asia/Tokyo' }).body).toMatch(/It ends in 8 min, at 18:00\.$/);
    expect(noticeText(needsCode(['admin'], ENDS), JA, { now, timeZone: 'Pacific/Honolulu' }).body).toMatch(/残り 8 分、23:00 に終了します。$/);
    expect(noticeText(needsCode(['admin'], ENDS), JA, { now, timeZone: 'Pacific/Kiritimati' }).body).toMatch(/残り 8 分、23:00 に終了します。$/);
  });
});

// 15:24 on Dec 2 in Honolulu, 15:24 on Dec 3 in Kiritimati, 10:24 on Dec 3 in Tokyo.
const CLOCK_NOW = Date.parse('2026-12-03T01:24:00Z');
const HOUR = 3_600_000;

describe('the notifications’ clock times', () => {
  it('writes the time in the zone given, 24-hour in English and Japanese', () => {
    expect(formatClock(CLOCK_NOW + 8 * HOUR, 'en', 'Pacific/Honolulu')).toBe('23:24');
    expect(formatClock(CLOCK_NOW + 8 * HOUR, 'ja', 'Pacific/Kiritimati')).toBe('23:24');
    expect(formatClock(CLOCK_NOW + 9 * HOUR, 'en', 'Pacific/Honolulu')).toBe('00:24');
    expect(formatClock(CLOCK_NOW + 3 * HOUR, 'ja', 'Asia/Tokyo')).toBe('13:24');
  });
});
