// Shown when the catalog has no user: what Rolecall does and the one first step.
import { useTranslation } from 'react-i18next';

export function EmptyState() {
  const { t } = useTranslation();
  return (
    <section className="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('empty.title')}</h2>
      <p>{t('empty.body')}</p>
      <p>{t('empty.cliLead')}</p>
      <pre className="command">
        <code>{t('empty.cliCommand')}</code>
      </pre>
      <p className="note">{t('empty.cliSecret')}</p>
    </section>
  );
}
