// What "Rotate key" did, as main reports it: the old key id and the new one, when IAM created the
// new key, that role and MFA sessions stay valid, and an interrupted rotation found at the start
// (finished, or undone before rotating afresh) with the keys it deleted in IAM.
import { useTranslation } from 'react-i18next';
import type { KeyRotatedView } from '../../../common/contract';
import { Rich } from '../i18n/rich';
import { formatClockTime } from '../../../common/time';
import { useClockReading } from '../state/clock';

export function RotateKeyOutcome({ id, result }: { id?: string; result: KeyRotatedView }) {
  const { t, i18n } = useTranslation();
  const reading = useClockReading();
  // The time alone today, with the date otherwise (an interrupted rotation may be days old).
  const at = (iso: string) => formatClockTime(iso, i18n.language, reading);
  const { recovered } = result;
  return (
    <div id={id} className="rotate-key-outcome" data-testid="rotate-key-outcome">
      {recovered && (
        <p>
          {recovered.outcome === 'finished' ? (
            <Rich k="rotateKey.recoveredFinished" values={{ time: at(recovered.startedAt), key: recovered.newAccessKeyId ?? '' }} />
          ) : (
            t('rotateKey.recoveredUndone', { time: at(recovered.startedAt) })
          )}
          {recovered.deletedKeys.length > 0 && (
            <>
              {' '}
              <Rich k="rotateKey.deletedKeys" values={{ keys: recovered.deletedKeys.join(', ') }} />
            </>
          )}
        </p>
      )}
      {result.oldAccessKeyId && result.newAccessKeyId && (
        <p>
          <Rich k="rotateKey.rotated" values={{ user: result.user, oldKey: result.oldAccessKeyId, newKey: result.newAccessKeyId }} />
          {result.keyCreatedAt && <> {t('rotateKey.created', { time: at(result.keyCreatedAt) })}</>}
        </p>
      )}
      {result.viaMfaSession && <p>{t('rotateKey.viaMfa')}</p>}
      <p>{t('rotateKey.sessionsStay')}</p>
    </div>
  );
}
