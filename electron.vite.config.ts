// Three builds: main (ESM, Node), preload (CommonJS: Electron cannot load a sandboxed preload as
// an ES module) and the renderer (React, served to the window over app://).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Dependencies load from node_modules at run time; the keychain module is native and must never be bundled.
      externalizeDeps: { include: ['@napi-rs/keyring'] },
      rolldownOptions: {
        input: { index: resolve('main/electron/index.ts') },
        external: ['@napi-rs/keyring'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron' (and a few polyfilled modules), so the
      // preload is one self-contained file with nothing left external but electron.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // Minified: the window parses less before its first paint (electron-vite leaves it off).
      minify: true,
      rolldownOptions: {
        input: { index: resolve('renderer/index.html') },
      },
    },
  },
});
