import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'release/', 'node_modules/', 'test-results/', 'bench/results/', '*.tsbuildinfo'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The credential engine runs in plain Node (CLI, tests): Electron must never leak into it. The
    // tray's builder, main's texts, the CLI mode and installer are decisions, tested without Electron.
    files: [
      'main/core/**/*.ts',
      'main/cli/**/*.ts',
      'main/tray/**/*.ts',
      'main/i18n/**/*.ts',
      'main/notifications/**/*.ts',
      'main/cli-install/**/*.ts',
      'main/cli-mode.ts',
      'main/tray-state.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'This code runs in plain Node (CLI, tests): keep Electron in the main/*.ts glue.' }], patterns: ['electron/*'] },
      ],
    },
  },
  {
    // The renderer is a web page: no Node built-ins, no core, no secrets. It may import exactly two
    // pure modules of the core, so its forms refuse what the core refuses: the catalog's zod
    // schemas and the domain rules they are built from (no I/O, no Electron, no secrets).
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron', 'electron/*'], message: 'The renderer talks to main only through the preload bridge.' },
            {
              // A regex, not a glob: gitignore-style negation cannot re-include a file under main/.
              regex: '(^|/)main/(?!core/catalog/schema(\\.ts)?$|core/domain/rules(\\.ts)?$)',
              message: 'The renderer talks to main only through the preload bridge (it may import only main/core/catalog/schema and main/core/domain/rules).',
            },
          ],
        },
      ],
    },
  },
);
