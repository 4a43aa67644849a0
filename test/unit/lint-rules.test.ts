import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import rules need no types, and their snippets sit at paths that are no files, which the
 * type-aware parser (it asks the tsconfigs) refuses: these lint them untyped.
 */
const untypedLint = () => new ESLint({ overrideConfig: tseslint.configs.disableTypeChecked });

// The boundaries docs/architecture.md draws: main/core (and the CLI over it) runs in plain Node, so an
// `electron` import there must fail the lint, while the Electron glue may import it.

describe('the lint boundaries around main/core, the renderer and the preload', () => {
  const eslint = untypedLint();
  const problems = async (filePath: string, code: string) => (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports');

  it('refuses electron anywhere in main/ outside main/electron/', async () => {
    expect(await problems('main/core/sneaky.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    expect(await problems('main/cli/sneaky.ts', "import { ipcMain } from 'electron/main';\nexport const x = ipcMain;\n")).toHaveLength(1);
    expect(await problems('main/app/sneaky.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    expect(await problems('main/glue.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    // Electron's types name shapes (webPreferences) and vanish at build time.
    expect(await problems('main/app/shapes.ts', "import type { WebPreferences } from 'electron';\nexport type P = WebPreferences;\n")).toHaveLength(0);
  });

  it('allows electron in the glue, main/electron/', async () => {
    expect(await problems('main/electron/glue.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(0);
  });

  it('keeps Node and all of main/ out of the renderer', async () => {
    expect(await problems('renderer/src/leak.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
    expect(await problems('renderer/src/leak.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toHaveLength(1);
    // Even the pure modules it once borrowed: they live in common/ now.
    for (const module of ['core/core', 'core/catalog/store', 'core/keychain/secrets', 'app/ipc', 'core/catalog/schema', 'core/domain/rules', 'app/i18n/index']) {
      expect(await problems('renderer/src/forms/leak.ts', `import { x } from '../../../main/${module}';\nexport const y = x;\n`), module).toHaveLength(1);
    }
    expect(await problems('renderer/src/forms/leak.ts', "import { x } from '../../../common/../main/core/core';\nexport const y = x;\n")).toHaveLength(1);
  });

  it('lets the renderer import common/ and its own files', async () => {
    expect(await problems('renderer/src/forms/ok.ts', "import { userSchema } from '../../../common/catalog-schema';\nexport const x = userSchema;\n")).toHaveLength(0);
    expect(await problems('renderer/src/forms/ok.ts', "import { NAME } from '../../../common/rules';\nexport const x = NAME;\n")).toHaveLength(0);
    expect(await problems('renderer/src/ok.ts', "import { x } from './main';\nexport const y = x;\n")).toHaveLength(0);
  });

  it('keeps main/ out of the preload, which may use electron and common/', async () => {
    expect(await problems('preload/leak.ts', "import { x } from '../main/app/ipc';\nexport const y = x;\n")).toHaveLength(1);
    expect(
      await problems(
        'preload/ok.ts',
        "import { ipcRenderer } from 'electron';\nimport { CHANNELS } from '../common/contract';\nexport const x = [ipcRenderer, CHANNELS];\n",
      ),
    ).toHaveLength(0);
  });
});

describe('the lint boundary around common/', () => {
  const eslint = untypedLint();
  const problems = async (code: string) =>
    (await eslint.lintText(code, { filePath: 'common/leak.ts' }))[0]!.messages.filter((m) => ['no-restricted-imports', 'no-restricted-globals'].includes(m.ruleId ?? ''));

  it('refuses Node, Electron and any package but its libraries', async () => {
    for (const module of ['node:fs', 'fs', 'electron', 'electron/main', 'i18next', 'react']) {
      expect(await problems(`import x from '${module}';\nexport const y = x;\n`), module).toHaveLength(1);
    }
  });

  it('refuses a relative path that leaves common/', async () => {
    for (const path of ['../main/core/errors', '../renderer/src/i18n/en', '../preload/index', '../common/rules']) {
      expect(await problems(`import { x } from '${path}';\nexport const y = x;\n`), path).toHaveLength(1);
    }
  });

  it("refuses Node's and the page's globals", async () => {
    expect(await problems('export const home = process.env.HOME;\n')).toHaveLength(1);
    expect(await problems('export const title = document.title;\n')).toHaveLength(1);
  });

  it('allows itself, and zod through common/zod', async () => {
    expect(await problems("import { z } from './zod';\nimport { NAME } from './rules';\nexport const x = [z, NAME];\n")).toHaveLength(0);
    expect(await problems("import type { z } from 'zod';\nexport type X = z.ZodType;\n")).toHaveLength(0);
  });
});

// zod's JIT uses eval, which the window's CSP refuses: every schema the page can run is built with
// the z that common/zod.ts configured first, so no import order can get it wrong.
describe('zod only through common/zod', () => {
  const eslint = untypedLint();
  const problems = async (filePath: string, code: string) => (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports');

  it('refuses a value import of zod in common/ and the renderer', async () => {
    expect(await problems('common/schema.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toHaveLength(1);
    expect(await problems('renderer/src/forms/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toHaveLength(1);
    expect(await problems('renderer/src/forms/x.ts', "import { z } from 'zod/v4';\nexport const s = z.string();\n")).toHaveLength(1);
  });

  it('lets common/zod.ts configure it, and anyone import its types', async () => {
    expect(await problems('common/zod.ts', "import { config, z } from 'zod';\nconfig({ jitless: true });\nexport { z };\n")).toHaveLength(0);
    expect(await problems('renderer/src/forms/x.ts', "import type { z } from 'zod';\nexport type X = z.ZodType;\n")).toHaveLength(0);
    expect(await problems('renderer/src/forms/x.ts', "import { z } from '../../../common/zod';\nexport const s = z.string();\n")).toHaveLength(0);
  });
});

// Promises and hooks: a rejection nobody awaits is lost (an unhandled rejection in main, a silent
// failure in the page), and a hook called out of order breaks React's state.
describe('the type-aware promise rules and the rules of hooks', () => {
  // Snippet paths no tsconfig holds (no such files exist): the project service types them in its
  // default project, with the renderer's compiler options so JSX and React's types are as in the app.
  const MAIN_PROBE = 'main/lint-probe.ts';
  const PAGE_PROBE = 'renderer/src/lint-probe.tsx';
  const eslint = new ESLint({
    overrideConfig: {
      files: [MAIN_PROBE, PAGE_PROBE],
      languageOptions: { parserOptions: { projectService: { allowDefaultProject: [MAIN_PROBE, PAGE_PROBE], defaultProject: 'tsconfig.web.json' } } },
    },
  });
  const rulesFired = async (filePath: string, code: string) => (await eslint.lintText(code, { filePath }))[0]!.messages.map((m) => m.ruleId ?? m.message);
  const SAVE = 'async function save(): Promise<void> {}\n';

  it('refuses a promise left floating, and accepts it awaited or deliberately voided', async () => {
    expect(await rulesFired(MAIN_PROBE, `${SAVE}export function go(): void {\n  save();\n}\n`)).toEqual(['@typescript-eslint/no-floating-promises']);
    expect(await rulesFired(MAIN_PROBE, `${SAVE}export async function go(): Promise<void> {\n  await save();\n}\n`)).toEqual([]);
    expect(await rulesFired(MAIN_PROBE, `${SAVE}export function go(): void {\n  void save();\n}\n`)).toEqual([]);
  });

  it('refuses an async function where a plain callback is expected, such as a click handler', async () => {
    const button = (handler: string) => `${SAVE}export function Save() {\n  return <button onClick={${handler}}>Save</button>;\n}\n`;
    expect(await rulesFired(PAGE_PROBE, button('async () => { await save(); }'))).toEqual(['@typescript-eslint/no-misused-promises']);
    expect(await rulesFired(PAGE_PROBE, button('() => void save()'))).toEqual([]);
    expect(await rulesFired(MAIN_PROBE, `${SAVE}export const on = (target: EventTarget) => target.addEventListener('x', async () => { await save(); });\n`)).toEqual([
      '@typescript-eslint/no-misused-promises',
    ]);
  });

  it('refuses a hook called conditionally, and an effect missing a dependency', async () => {
    const conditional =
      "import { useState } from 'react';\nexport function View({ open }: { open: boolean }) {\n  if (open) {\n    const [x] = useState(0);\n    return x;\n  }\n  return 0;\n}\n";
    expect(await rulesFired(PAGE_PROBE, conditional)).toEqual(['react-hooks/rules-of-hooks']);
    const effect = (deps: string) =>
      `import { useEffect } from 'react';\nexport function View({ title }: { title: string }) {\n  useEffect(() => {\n    document.title = title;\n  }, [${deps}]);\n  return null;\n}\n`;
    expect(await rulesFired(PAGE_PROBE, effect(''))).toEqual(['react-hooks/exhaustive-deps']);
    expect(await rulesFired(PAGE_PROBE, effect('title'))).toEqual([]);
  });
});
