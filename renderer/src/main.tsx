// Renderer entry: mounts the app with the preload's bridge.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getBridge } from './bridge';
import './styles/base.css';
import './styles/list.css';
import './styles/dialogs.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App bridge={getBridge()} />
    </StrictMode>,
  );
}
