import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** A relative import path that climbs into main/ (`./main` next to a file is not main/). */
const MAIN_FOLDER = '(^|/)\\.\\./main(/|$)';
/** The only packages common/ may import: pure libraries that run anywhere. */
const COMMON_LIBRARIES = ['zod'];

/** What common/ may not import: anything but itself and its libraries. */
const COMMON_PATTERNS = [
  {
    regex: `^(?!\\.{1,2}/|(${COMMON_LIBRARIES.join('|')})(/|$))`,
    message: `common/ imports only itself and its libraries (${COMMON_LIBRARIES.join(', ')}): no Node, no Electron.`,
  },
  // common/ is one flat folder, so any path that climbs leaves it.
  { regex: '^\\.\\./', message: 'common/ imports nothing outside itself.' },
];
/**
 * Schemas the page runs must be built with zod's JIT off (the window's CSP forbids eval), which
 * common/zod.ts guarantees by being where `z` comes from. Types may come from zod itself.
 */
const ZOD_ONLY_THROUGH_COMMON = {
  regex: '^zod(/|$)',
  allowTypeImports: true,
  message: "Import z from common/zod (it turns zod's eval-based JIT off, which the window's CSP requires).",
};

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
    // Type-aware rules for every TypeScript file, each checked with the tsconfig that builds it
    // (tsconfig.json references tsconfig.node.json and tsconfig.web.json). A promise nobody awaits
    // loses its error (an unhandled rejection in main, a silent failure in the page); one handed to
    // a slot that expects a plain function (an event handler, a listener) is never awaited either.
    // `void promise` says "fire and forget" on purpose; it is for promises that handle their own
    // errors. (require-await is left off: its hits were all test fakes of async interfaces, and
    // `async` on a function without await still turns a throw into a rejection, which callers rely on.)
    // The .js/.mjs scripts are outside every tsconfig and get only the untyped rules.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The React rules of hooks (call order, complete dependency lists), and those of the plugin's
    // React Compiler checks that say something about plain React: render stays pure (no clock, no
    // mutation of props, state or globals), no state set during render or straight from an effect,
    // no component made during render. Left off: `refs` (it forbids the "latest callback in a ref"
    // pattern this renderer uses on purpose), and the rules about the compiler itself
    // (incompatible-library, preserve-manual-memoization, config, gating), which this app does not run.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'react-hooks/purity': 'error',
      'react-hooks/immutability': 'error',
      'react-hooks/globals': 'error',
      'react-hooks/set-state-in-render': 'error',
      'react-hooks/set-state-in-effect': 'error',
      'react-hooks/static-components': 'error',
      'react-hooks/use-memo': 'error',
      'react-hooks/void-use-memo': 'error',
      'react-hooks/error-boundaries': 'error',
      'react-hooks/unsupported-syntax': 'error',
    },
  },
  {
    // Only main/electron/ is Electron glue. The credential engine (core), the CLI and the app's
    // decisions (handlers, IPC checks, tray menu, texts, watchers) run in plain Node and are tested so.
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Types may name Electron's shapes (webPreferences): they vanish at build time.
          paths: [{ name: 'electron', allowTypeImports: true, message: 'This code runs in plain Node (CLI, tests): keep Electron in main/electron/.' }],
          patterns: [{ group: ['electron/*'], allowTypeImports: true }],
        },
      ],
    },
  },
  {
    // The renderer is a web page: no Node built-ins, nothing of main/, no secrets. What it shares
    // with main (the domain rules, the schemas, the IPC contract) lives in common/.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron', 'electron/*'], message: 'The renderer talks to main only through the preload bridge.' },
            { regex: MAIN_FOLDER, message: 'The renderer talks to main only through the preload bridge; shared rules and types live in common/.' },
            ZOD_ONLY_THROUGH_COMMON,
          ],
        },
      ],
    },
  },
  {
    // The preload is Electron's bridge to the page: it may use electron, and shares only common/.
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: MAIN_FOLDER, message: 'The preload shares only common/ with main.' }] }],
    },
  },
  {
    // common/ runs in main, the CLI and the page alike: no Node, no Electron, no DOM, and nothing
    // outside itself but its libraries, so any of them can import it without pulling the others in.
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...COMMON_PATTERNS, ZOD_ONLY_THROUGH_COMMON] }],
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', 'window', 'document', 'navigator'].map((name) => ({
          name,
          message: "common/ runs in Node and in the page: neither's globals.",
        })),
      ],
    },
  },
  {
    // The one module that configures zod before any schema is built (see its comment).
    files: ['common/zod.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: COMMON_PATTERNS }] },
  },
);
