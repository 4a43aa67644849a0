// A user heading its roles: whether the keychain holds its key, its MFA device, and its MFA
// session (until when, or none). Re-renders when that session expires, by the shared clock.
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../common/contract';
import { isKeyOld, keyAgeDays } from '../../../common/key-age';
import { formatClockTime } from '../../../common/time';
import { useClockReading } from '../state/clock';
import type { UserRowModel } from '../state/rows';
import { useRowActions } from './actions';
import { expiryMs, useSessionPhase } from './phase';

export interface UserRowProps {
  model: UserRowModel;
  mfaSession: SessionView | undefined;
  /** A rotation of this user's key was stopped half-way: Rotate key finishes or undoes it. */
  rotationInterrupted?: boolean;
}

export const UserRow = memo(function UserRow({ model, mfaSession, rotationInterrupted = false }: UserRowProps) {
  const { t, i18n } = useTranslation();
  const reading = useClockReading();
  const actions = useRowActions();
  const { user } = model;
  // Edit and Remove keep their short names; the user's name describes them, as in role rows.
  const nameId = `${useId()}-name`;
  // Only "expired or not" matters here: the lead does not apply to the MFA session's text.
  const phase = useSessionPhase(expiryMs(mfaSession?.expiresAt), 0);
  const time = mfaSession ? formatClockTime(mfaSession.expiresAt, i18n.language, reading) : '';
  const keyDays = keyAgeDays(user.keyCreatedAt, reading.now);
  const keyOld = isKeyOld(keyDays, model.keyAgeWarningDays);

  return (
    <div className="row user-row" data-testid={`user-${user.name}`}>
      <div className="row-head">
        <h3 className="name" id={nameId} translate="no">
          {user.name}
        </h3>
        {/* Unknown while the keychain is closed: not "missing", which would ask for the key again. */}
        {user.hasSecret === undefined ? (
          <span className="badge">{t('user.keyUnknown')}</span>
        ) : (
          <span className={user.hasSecret ? 'badge ok' : 'badge warn'}>{user.hasSecret ? t('user.keyInKeychain') : t('user.keyMissing')}</span>
        )}
        <span className={phase === 'active' ? 'mfa-state active' : 'mfa-state'}>
          {phase === 'none' ? t('user.mfaNone') : phase === 'expired' ? t('user.mfaExpired', { time }) : t('user.mfaActive', { time })}
        </span>
      </div>
      <div className="row-meta">
        <code className="arn" translate="no">
          {user.accessKeyId}
        </code>
        {user.mfaSerial ? (
          <code className="arn" translate="no">
            {user.mfaSerial}
          </code>
        ) : (
          <span>{t('user.noMfaDevice')}</span>
        )}
        {keyDays !== undefined && (
          <span className={keyOld ? 'key-age old' : 'key-age'} data-testid="key-age">
            {t('user.keyAge', { count: keyDays })}
          </span>
        )}
      </div>
      {/* Once, calmly, in the row itself: no dialog, no notification. Both point to Rotate key below;
          an interrupted rotation comes first (finishing it makes the key new anyway). */}
      {rotationInterrupted ? (
        <p className="note warn" data-testid="rotation-interrupted">
          {t('user.rotationInterrupted')}
        </p>
      ) : (
        keyOld && <p className="note">{t('user.keyAgeSuggestion', { days: model.keyAgeWarningDays })}</p>
      )}
      {!model.hasRoles && <p className="note">{t('user.noRoles')}</p>}
      <div className="row-actions">
        {phase === 'active' && (
          <button type="button" aria-describedby={nameId} onClick={() => actions.endMfa(user.name)}>
            {t('user.endMfa')}
          </button>
        )}
        <button type="button" aria-describedby={nameId} onClick={() => actions.findRoles(user.name)}>
          {t('user.findRoles')}
        </button>
        <button type="button" aria-describedby={nameId} onClick={() => actions.rotateKey(user.name)}>
          {t('user.rotateKey')}
        </button>
        <button type="button" aria-describedby={nameId} onClick={() => actions.editUser(user.name)}>
          {t('user.edit')}
        </button>
        <button type="button" aria-describedby={nameId} onClick={() => actions.removeUser(user.name)}>
          {t('user.remove')}
        </button>
      </div>
    </div>
  );
});
