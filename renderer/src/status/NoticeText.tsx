// A notice about a session the user just got, worded in the UI language from its kind and fields.
import { useTranslation } from 'react-i18next';
import type { NoticeView } from '../../../common/contract';
import { formatClockTime, formatDuration } from '../../../common/time';
import { useClockReading } from '../state/clock';
import { Rich } from '../i18n/rich';

export function NoticeText({ notice }: { notice: NoticeView }) {
  const { t, i18n } = useTranslation();
  const reading = useClockReading();
  switch (notice.kind) {
    case 'capped-chaining':
    case 'capped-role-maximum':
      return (
        <Rich
          k={notice.kind === 'capped-chaining' ? 'notice.cappedChaining' : 'notice.cappedRoleMaximum'}
          values={{ role: notice.role, granted: formatDuration(notice.grantedSeconds, t), requested: formatDuration(notice.requestedSeconds, t) }}
        />
      );
    case 'mfa-session-started':
      return <Rich k="notice.mfaSessionStarted" values={{ user: notice.user, time: formatClockTime(notice.expiresAt, i18n.language, reading) }} />;
    case 'profile-not-refreshed':
      return (
        <>
          <Rich k="notice.profileNotRefreshed" values={{ profile: notice.profile }} />{' '}
          <span translate="no" lang="en" className="error-detail">
            {notice.reason}
          </span>
        </>
      );
    case 'credentials-file-tightened':
      return <Rich k="notice.credentialsFileTightened" values={{ file: notice.file, mode: notice.mode }} />;
    case 'ended-profiles-removed':
      return <Rich k="notice.endedProfilesRemoved" values={{ profiles: notice.profiles.join(', ') }} />;
    case 'shells-cut-off':
      return <Rich k="notice.shellsCutOff" values={{ roles: notice.roles.join(', ') }} />;
  }
}
