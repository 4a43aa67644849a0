import type { NoticeView } from '../../../common/contract';

/** Things the user should know about a session they got, shown by every front end: the contract's shape. */
export type Notice = NoticeView;

function hours(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : `${seconds} s`;
}

/** English wording for the CLI; the window renders notices through its own translations. */
export function describeNotice(notice: Notice): string {
  switch (notice.kind) {
    case 'capped-chaining':
      return `${notice.role}: asked for ${hours(notice.requestedSeconds)}, capped at ${hours(notice.grantedSeconds)}: AWS allows at most one hour for a role assumed with temporary credentials (role chaining). Run the assume again when it ends (no new MFA code while the MFA session lasts), or use credential_process, which renews it by itself.`;
    case 'capped-role-maximum':
      return `${notice.role}: asked for ${hours(notice.requestedSeconds)}, got ${hours(notice.grantedSeconds)}: the role's MaxSessionDuration is lower. Raise it in IAM for longer sessions.`;
    case 'mfa-session-started':
      return `MFA session for ${notice.user} started; it serves every role until ${notice.expiresAt}.`;
    case 'profile-not-refreshed':
      return `The profile ${notice.profile} still holds the previous session: ${notice.reason}`;
    case 'credentials-file-tightened':
      return `${notice.file} was readable by others (mode ${notice.mode}); it holds live credentials, so Rolecall made it 0600 (owner only).`;
  }
}
