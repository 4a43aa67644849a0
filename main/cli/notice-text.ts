// The CLI's English words for a session's notices (the window words them in its own language,
// renderer/src/status/NoticeText.tsx) and for the time a session has left. Durations are written
// by common/time.ts with main's English dictionary, the same words the tray and notifications use.
import type { NoticeView } from '../../common/contract';
import { formatDuration, formatWholeMinutes } from '../../common/time';
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

export function describeNotice(notice: NoticeView): string {
  const duration = (seconds: number) => formatDuration(seconds, inEnglish());
  switch (notice.kind) {
    case 'capped-chaining':
      return `${notice.role}: asked for ${duration(notice.requestedSeconds)}, capped at ${duration(notice.grantedSeconds)}: AWS allows at most one hour for a role assumed with temporary credentials (role chaining). Run the assume again when it ends (no new MFA code while the MFA session lasts), or use credential_process, which renews it by itself.`;
    case 'capped-role-maximum':
      return `${notice.role}: asked for ${duration(notice.requestedSeconds)}, got ${duration(notice.grantedSeconds)}: the role's MaxSessionDuration is lower. Raise it in IAM for longer sessions.`;
    case 'mfa-session-started':
      return `MFA session for ${notice.user} started; it serves every role until ${notice.expiresAt}.`;
    case 'profile-not-refreshed':
      return `The profile ${notice.profile} still holds the previous session: ${notice.reason}`;
    case 'credentials-file-tightened':
      return `${notice.file} was readable by others (mode ${notice.mode}); it holds live credentials, so Rolecall made it 0600 (owner only).`;
  }
}

/** "4 h", "1 h 30 min": a length of time in English. */
export function durationText(seconds: number): string {
  return formatDuration(seconds, inEnglish());
}
