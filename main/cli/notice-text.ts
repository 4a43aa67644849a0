// The CLI's English words for a session's notices (the window words them in its own language,
// renderer/src/status/NoticeText.tsx) and for the time a session has left. Durations are written
// by common/time.ts with main's English dictionary, the same words the tray and notifications use;
// wall-clock times by common/time.ts's formatClockTime against a ClockReading (the local zone in
// production, a pinned one in tests), with the date when it is not today.
import type { NoticeView } from '../../common/contract';
import type { CappedBy } from '../../common/rules';
import { formatClockTime, formatDuration, formatWholeMinutes, type ClockReading } from '../../common/time';
import { createMainTranslator, type MainT } from '../app/i18n';

let english: MainT | undefined;
/** Made on first use: most runs print no duration. */
function inEnglish(): MainT {
  english ??= createMainTranslator('en');
  return english;
}

/** "59 min", "3 h 58 min", or "expired". */
export function timeLeft(expiresAt: string, now: number): string {
  const minutes = Math.floor((Date.parse(expiresAt) - now) / 60_000);
  return minutes < 0 ? 'expired' : formatWholeMinutes(minutes, inEnglish());
}

/** "20:47", or "Dec 4, 20:47" when not today, in the reading's zone (24-hour). */
export function clockTime(iso: string, reading: ClockReading): string {
  return formatClockTime(iso, 'en', reading);
}

/** "until 20:47 (59 min left)", "until Dec 4, 08:10 (23 h 46 min left)", or "expired at 20:47". */
export function until(expiresAt: string, reading: ClockReading): string {
  const at = clockTime(expiresAt, reading);
  return Date.parse(expiresAt) <= reading.now ? `expired at ${at}` : `until ${at} (${timeLeft(expiresAt, reading.now)} left)`;
}

/** Why a session is shorter than asked, in a few words (`status`, `list`). */
export function cappedNote(cappedBy: CappedBy): string {
  return cappedBy === 'chaining' ? 'capped at 1 h: role chaining' : "capped by the role's maximum";
}

export function describeNotice(notice: NoticeView, reading: ClockReading): string {
  const duration = (seconds: number) => formatDuration(seconds, inEnglish());
  switch (notice.kind) {
    case 'capped-chaining':
      return `${notice.role}: asked for ${duration(notice.requestedSeconds)}, capped at ${duration(notice.grantedSeconds)}: AWS allows at most one hour for a role assumed with temporary credentials (role chaining). Run the assume again when it ends (no new MFA code while the MFA session lasts), or use credential_process, which renews it by itself.`;
    case 'capped-role-maximum':
      return `${notice.role}: asked for ${duration(notice.requestedSeconds)}, got ${duration(notice.grantedSeconds)}: the role's MaxSessionDuration is lower. Raise it in IAM for longer sessions.`;
    case 'mfa-session-started':
      return `MFA session for ${notice.user} started; it serves every role ${until(notice.expiresAt, reading)}.`;
    case 'profile-not-refreshed':
      return `The profile ${notice.profile} still holds the previous session: ${notice.reason}`;
    case 'credentials-file-tightened':
      return `${notice.file} was readable by others (mode ${notice.mode}); it holds live credentials, so Rolecall made it 0600 (owner only).`;
    case 'ended-profiles-removed':
      return `Removed the profiles of sessions that had ended from the AWS credentials file: ${notice.profiles.join(', ')}.`;
    case 'shells-cut-off':
      return `Shells that took ${notice.roles.join(', ')} from the running Rolecall (export --server) get no more credentials; run rolecall export <role> --server in one that should have it again.`;
  }
}

/** "4 h", "1 h 30 min": a length of time in English. */
export function durationText(seconds: number): string {
  return formatDuration(seconds, inEnglish());
}
