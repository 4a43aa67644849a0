// The words of a renewal notice (main/core/scheduler/renewal.ts) in the app's language: what the
// OS notification says and what its button does. Names and times only, never a secret.
import type { RenewalNotice } from '../../core/scheduler/renewal';
import { formatClock, type ClockReading } from '../../../common/time';
import { formatMinutes, type MainT } from '../i18n/index';
import { minutesLeft } from '../tray/build-tray';

export interface NoticeText {
  title: string;
  body: string;
  /** The notification's button: opens the MFA dialog (needs a code) or renews again (failed). */
  actionLabel: string;
}

/** "It ends in 12 min, at 14:05." or, once past, "It ended at 14:05." */
function whenText(endsAt: string, count: number, t: MainT, { now, timeZone }: ClockReading): string {
  const end = Date.parse(endsAt);
  if (Number.isNaN(end)) return '';
  const clock = formatClock(end, t.language, timeZone);
  if (end <= now) return t('notification.ended', { count, clock });
  return t('notification.endsIn', { count, clock, time: formatMinutes(minutesLeft(end, now), t) });
}

/** `reading`: the time now and the zone to write the end in (undefined: the system's). */
export function noticeText(notice: RenewalNotice, t: MainT, reading: ClockReading): NoticeText {
  const [first = '', second = ''] = notice.roles;
  const count = notice.roles.length;
  const when = whenText(notice.endsAt, count, t, reading);
  switch (notice.kind) {
    case 'needs-mfa-code': {
      // The notice does not say whether the MFA session ended or the role is assumed directly:
      // both need a new code from the same device, and that is what the user has to act on.
      const title =
        count === 1
          ? t('notification.needsCode.titleOne', { role: first })
          : count === 2
            ? t('notification.needsCode.titleTwo', { first, second })
            : t('notification.needsCode.titleMany', { count, user: notice.user });
      return {
        title,
        body: t('notification.needsCode.body', { count, user: notice.user, when }).trim(),
        actionLabel: t('notification.needsCode.action'),
      };
    }
    case 'renewal-failed': {
      const title =
        count === 1
          ? t('notification.renewalFailed.titleOne', { role: first })
          : count === 2
            ? t('notification.renewalFailed.titleTwo', { first, second })
            : t('notification.renewalFailed.titleMany', { count });
      return {
        title,
        body: t('notification.renewalFailed.body', { when, reason: notice.reason }).trim(),
        actionLabel: t('notification.renewalFailed.action'),
      };
    }
  }
}
