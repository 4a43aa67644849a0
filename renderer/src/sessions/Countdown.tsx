// The one part of a row that changes every second: it alone subscribes to every tick.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCountdown } from '../../../common/time';
import { useNow } from '../state/clock';

export const Countdown = memo(function Countdown({ name, expiresAtMs }: { name: string; expiresAtMs: number }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <span className="countdown" data-testid={`countdown-${name}`}>
      {t('countdown.left', { time: formatCountdown(expiresAtMs - now) })}
    </span>
  );
});
