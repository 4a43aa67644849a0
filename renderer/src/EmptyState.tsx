// Shown when the catalog has no user: what Rolecall does and the one first step.
import { useI18n } from './i18n';

export function EmptyState() {
  const { t } = useI18n();
  return (
    <section className="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('emptyTitle')}</h2>
      <p>{t('emptyBody')}</p>
      <p>{t('emptyCliLead')}</p>
      <pre className="command">
        <code>{t('emptyCliCommand')}</code>
      </pre>
      <p className="note">{t('emptyCliSecret')}</p>
    </section>
  );
}
