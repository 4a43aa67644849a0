// Shown when the catalog has no user: what Rolecall does and the one first step, with the
// terminal alternative for those who prefer it.
import { useTranslation } from 'react-i18next';
import { Rich } from './i18n/rich';

export function EmptyState({ onAddUser }: { onAddUser(): void }) {
  const { t } = useTranslation();
  return (
    <section className="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('empty.title')}</h2>
      <p>{t('empty.body')}</p>
      <p>
        <button type="button" className="primary" onClick={onAddUser}>
          {t('empty.action')}
        </button>
      </p>
      <p>
        <Rich k="empty.importLead" values={{ path: '~/.aws/credentials' }} />
      </p>
      <p>{t('empty.cliLead')}</p>
      <pre className="command" translate="no">
        <code>{t('empty.cliCommand')}</code>
      </pre>
      <p className="note">{t('empty.cliSecret')}</p>
    </section>
  );
}
