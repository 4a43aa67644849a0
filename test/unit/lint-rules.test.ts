import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The boundary DESIGN.md depends on: main/core (and the CLI over it) runs in plain Node, so an
// `electron` import there must fail the lint, while the Electron glue may import it.

describe('the lint boundary around main/core', () => {
  const eslint = new ESLint();
  const problems = async (filePath: string, code: string) =>
    (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports');

  it('refuses electron in main/core and main/cli', async () => {
    expect(await problems('main/core/sneaky.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    expect(await problems('main/cli/sneaky.ts', "import { ipcMain } from 'electron/main';\nexport const x = ipcMain;\n")).toHaveLength(1);
  });

  it('allows electron in the glue under main/', async () => {
    expect(await problems('main/glue.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(0);
  });

  it('keeps Node and the core out of the renderer', async () => {
    expect(await problems('renderer/src/leak.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
    expect(await problems('renderer/src/leak.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toHaveLength(1);
    for (const module of ['core/core', 'core/catalog/store', 'core/keychain/secrets', 'ipc', 'core/catalog/schema-extra', 'core/catalog/schema/../store']) {
      expect(await problems('renderer/src/forms/leak.ts', `import { x } from '../../../main/${module}';\nexport const y = x;\n`), module).toHaveLength(1);
    }
  });

  it('lets the renderer import exactly the catalog schemas and the domain rules (pure modules)', async () => {
    expect(await problems('renderer/src/forms/ok.ts', "import { userSchema } from '../../../main/core/catalog/schema';\nexport const x = userSchema;\n")).toHaveLength(0);
    expect(await problems('renderer/src/forms/ok.ts', "import { NAME } from '../../../main/core/domain/rules';\nexport const x = NAME;\n")).toHaveLength(0);
  });
});
