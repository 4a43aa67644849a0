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
  });
});
