// Renderer entry: mounts the app with the preload's bridge and the language from navigator.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getBridge } from './bridge';
import { I18nProvider } from './i18n';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <App bridge={getBridge()} />
      </I18nProvider>
    </StrictMode>,
  );
}
