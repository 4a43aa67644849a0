// Said above the list while main cannot read the keychain (locked, or no Secret Service): the list
// then shows only the profiles Rolecall wrote, and Retry asks main again once the person has
// unlocked or started it. An alert, since every action that needs a secret will fail meanwhile.
import { useTranslation } from 'react-i18next';
import type { KeychainState } from '../../../common/contract';

export function KeychainClosed({ state, onRetry }: { state: Exclude<KeychainState, 'ready'>; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <div className="alert keychain-closed" role="alert" data-testid="keychain-closed">
      <p>{t(state === 'locked' ? 'keychain.locked' : 'keychain.unreachable')}</p>
      <p>
        <button type="button" className="primary" onClick={onRetry}>
          {t('app.retry')}
        </button>
      </p>
    </div>
  );
}
