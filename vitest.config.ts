import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Integration tests start real processes (the CLI, the AWS CLI, shells) against one shared
    // keyring: forks keep native modules (keytar) isolated per file.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: more workers only make process-heavy tests contend.
    maxWorkers: 2,
  },
});
