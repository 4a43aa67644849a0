// The window: loads what main knows, picks the language (settings, else the OS locale), and shows
// the main view, or why it cannot (with Retry when the catalog failed to load).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../common/contract';
import type { Bridge } from './bridge';
import { ErrorText } from './errors/ErrorText';
import { I18nProvider } from './i18n';
import { resolveLanguage } from './i18n/language';
import { MainView } from './MainView';
import { ClockContext, useClock, type Clock } from './state/clock';
import { useRolecallData, type RolecallData } from './state/data';

function Unavailable({ kind, error, onRetry }: { kind: 'loading' | 'no-bridge' | 'failed'; error?: IpcError; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.name')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
      </header>
      <main className="app-main">
        {kind === 'loading' && <p className="note">{t('app.loading')}</p>}
        {kind === 'no-bridge' && (
          <p className="alert" role="alert">
            {t('app.bridgeMissing')}
          </p>
        )}
        {kind === 'failed' && error && (
          <>
            <div className="alert" role="alert">
              <p>{t('app.loadFailed')}</p>
              <ErrorText error={error} />
            </div>
            <p>
              <button type="button" className="primary" onClick={onRetry}>
                {t('app.retry')}
              </button>
            </p>
          </>
        )}
      </main>
    </div>
  );
}

function Window({ bridge, data }: { bridge: Bridge | undefined; data: RolecallData }) {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const { catalog } = data;
  if (catalog.kind !== 'ready' || !bridge) {
    return (
      <Unavailable kind={catalog.kind === 'ready' ? 'no-bridge' : catalog.kind} error={catalog.kind === 'failed' ? catalog.error : undefined} onRetry={data.retry} />
    );
  }
  return (
    <MainView
      bridge={bridge}
      catalog={catalog.catalog}
      sessions={data.sessions}
      problems={data.problems}
      reloadCatalog={data.reloadCatalog}
      reloadSessions={data.reloadSessions}
      applySettings={data.applySettings}
    />
  );
}

export function App({ bridge, clock }: { bridge: Bridge | undefined; clock?: Clock }) {
  const shared = useClock();
  const theClock = clock ?? shared;
  const data = useRolecallData(bridge, theClock);
  const setting = data.catalog.kind === 'ready' ? data.catalog.catalog.settings.language : undefined;
  const language = resolveLanguage(setting, data.info?.locale);
  return (
    <ClockContext.Provider value={theClock}>
      <I18nProvider language={language}>
        <Window bridge={bridge} data={data} />
      </I18nProvider>
    </ClockContext.Provider>
  );
}
