// The window's status line (role="status", aria-live polite: read out when the user pauses):
// what the last action did, with the notices of a fresh session, or what failed and why. Row
// failures are announced here, once, rather than by an alert in each row. It stays live while a
// dialog is open (MainView leaves it out of what turns inert), so it must hold no control.
import { useTranslation } from 'react-i18next';
import type { NoticeView } from '../../../common/contract';
import { ErrorText } from '../errors/ErrorText';
import { formatClockTime } from '../../../common/time';
import { useClockReading } from '../state/clock';
import { Rich } from '../i18n/rich';
import { formatLabel } from '../sessions/formats';
import type { FailureLead, StatusMessage } from './messages';
import { NoticeText } from './NoticeText';

function Lead({ lead }: { lead: FailureLead }) {
  return 'name' in lead ? <Rich k={`status.failed.${lead.key}`} values={{ name: lead.name }} /> : <Rich k={`status.failed.${lead.key}`} />;
}

function Message({ message }: { message: StatusMessage }) {
  const { t, i18n } = useTranslation();
  const reading = useClockReading();
  const time = (iso: string) => formatClockTime(iso, i18n.language, reading);
  switch (message.kind) {
    case 'assumed': {
      const { view } = message;
      return (
        <p>
          <Rich k="status.assumed" values={{ role: view.role, profile: view.profile, time: time(view.expiresAt) }} />
          {view.fromCache && <> {t('status.fromCache')}</>}
        </p>
      );
    }
    case 'copied':
      return (
        <p>
          <Rich k="status.copied" values={{ format: formatLabel(message.view.format), time: time(message.view.expiresAt) }} />
        </p>
      );
    case 'console-opened': {
      const { view } = message;
      return (
        <p>
          <Rich
            k={message.target === 'rolecall' ? 'status.consoleOpenedInRolecall' : 'status.consoleOpened'}
            values={{ role: view.role, time: time(view.consoleEndsAt) }}
          />
          {view.lastsFor === 'role-session' && <> {t('status.consoleEndsWithSession')}</>}
        </p>
      );
    }
    case 'stopped':
      return <p>{message.view.stopped.length === 0 ? t('status.stoppedNone') : <Rich k="status.stopped" values={{ names: message.view.stopped.join(', ') }} />}</p>;
    case 'mfa-ended': {
      const { view } = message;
      return (
        <p>
          <Rich k={view.ended ? 'status.mfaEnded' : 'status.mfaEndedNone'} values={{ user: view.user }} />
          {view.rolesStillLive.length > 0 && (
            <>
              {' '}
              <Rich k="status.mfaRolesStillLive" values={{ roles: view.rolesStillLive.join(', ') }} />
            </>
          )}
        </p>
      );
    }
    case 'user-saved':
      if (message.unverifiedBecause !== undefined) {
        return (
          <>
            <p>
              <Rich k="status.userSavedUnverified" values={{ name: message.name }} />
            </p>
            <p className="error-detail" translate="no" lang="en">
              {message.unverifiedBecause}
            </p>
          </>
        );
      }
      return (
        <p>
          {message.identity ? (
            <Rich k="status.userSavedIdentity" values={{ name: message.name, identity: message.identity }} />
          ) : (
            <Rich k="status.userSaved" values={{ name: message.name }} />
          )}
        </p>
      );
    case 'role-saved':
      return (
        <p>
          <Rich k="status.roleSaved" values={{ name: message.name }} />
        </p>
      );
    case 'removed':
      return (
        <p>
          <Rich k="status.removed" values={{ name: message.name }} />
        </p>
      );
    case 'settings-saved':
      return <p>{t('status.settingsSaved')}</p>;
    case 'imported':
      return <p>{t('status.imported', { users: message.users, roles: message.roles })}</p>;
    case 'roles-found':
      return (
        <p>
          <Rich k="status.rolesFound" values={{ user: message.user, names: message.names.join(', ') }} />
        </p>
      );
    case 'key-rotated': {
      const { view } = message;
      // A rotation that only undid an interrupted one and made no new key has nothing to name here.
      if (!view.oldAccessKeyId || !view.newAccessKeyId) return null;
      return (
        <p>
          <Rich k="status.keyRotated" values={{ user: view.user, oldKey: view.oldAccessKeyId, newKey: view.newAccessKeyId }} />
        </p>
      );
    }
    case 'failed':
      return (
        <>
          {message.lead && (
            <p>
              <Lead lead={message.lead} />
            </p>
          )}
          <ErrorText error={message.error} />
        </>
      );
  }
}

/** What came with the result (capped, MFA session started, the credentials file tightened…), for the messages that have any. */
function noticesOf(message: StatusMessage | undefined): readonly NoticeView[] {
  return message?.kind === 'assumed' || message?.kind === 'copied' || message?.kind === 'console-opened' || message?.kind === 'stopped' ? message.view.notices : [];
}

export function StatusArea({ message }: { message: StatusMessage | undefined }) {
  const { t } = useTranslation();
  const notices = noticesOf(message);
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label={t('status.label')}
      data-testid="status"
      className={message?.kind === 'failed' ? 'status-area failed' : 'status-area'}
    >
      {message && <Message message={message} />}
      {notices.length > 0 && (
        <ul className="notices">
          {notices.map((notice, index) => (
            <li key={index}>
              <NoticeText notice={notice} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
