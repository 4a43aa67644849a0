import { afterEach, describe, expect, it, vi } from 'vitest';

// The window's CSP forbids eval, so schemas built in a page must not use zod's JIT; main and the
// CLI keep it. Whatever imports a schema gets z from common/zod.ts, which decides before any
// schema exists (lint makes it the only way in: test/unit/lint-rules.test.ts).
describe('common/zod', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('keeps the JIT in Node (main, the CLI)', async () => {
    const { z } = await import('../../common/catalog-schema').then(() => import('../../common/zod'));
    expect(z.config().jitless).toBe(false);
  });

  it('turns the JIT off in a page, before the first schema is built', async () => {
    vi.stubGlobal('document', {});
    const { z } = await import('../../common/zod');
    expect(z.config().jitless).toBe(true);
  });
});
