// The first screen: the product name and the catalog (users and roles), or the first step when
// the catalog is empty. A later issue builds the full window on top of this.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogListView, IpcError } from '../../preload/contract';
import { call, type Bridge } from './bridge';
import { CatalogList } from './CatalogList';
import { EmptyState } from './EmptyState';

type State =
  | { kind: 'loading' }
  | { kind: 'no-bridge' }
  | { kind: 'failed'; error: IpcError }
  | { kind: 'ready'; catalog: CatalogListView };

export function App({ bridge }: { bridge: Bridge | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const [state, setState] = useState<State>(bridge ? { kind: 'loading' } : { kind: 'no-bridge' });

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    if (!bridge) return;
    let live = true;
    const load = async () => {
      const result = await call(bridge, 'catalog:list', {});
      if (live) setState(result.ok ? { kind: 'ready', catalog: result.data } : { kind: 'failed', error: result.error });
    };
    void load();
    // Main says when the catalog changed (e.g. the CLI added a user): reload.
    const unsubscribe = bridge.onEvent((event) => {
      if (event.type === 'catalog:changed') void load();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [bridge]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.name')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
      </header>
      <main>
        {state.kind === 'loading' && <p className="status">{t('app.loading')}</p>}
        {state.kind === 'no-bridge' && (
          <p className="status error" role="alert">
            {t('app.bridgeMissing')}
          </p>
        )}
        {state.kind === 'failed' && (
          <div className="status error" role="alert">
            <p>{t('app.loadFailed')}</p>
            {/* Core's messages are English; they are shown as they come, with the hint. */}
            <p>{state.error.message}</p>
            {state.error.hint && <p>{state.error.hint}</p>}
          </div>
        )}
        {state.kind === 'ready' &&
          (state.catalog.users.length === 0 ? <EmptyState /> : <CatalogList catalog={state.catalog} />)}
      </main>
    </div>
  );
}
