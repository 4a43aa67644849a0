import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Integration tests start real processes (the CLI, the AWS CLI, shells) against one shared
    // keyring: forks keep native modules (the keychain) isolated per file, and let a file point its
    // process at a keyring of its own (test/support/private-keyring.ts).
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for an event it cannot subscribe to (a row's state after a real STS call).
    // Its limit is only where it gives up, and one second (vitest's default) was not enough for a
    // chained assume on a loaded CI machine: a poll that succeeds still returns at once.
    expect: { poll: { timeout: 30_000 } },
    // Two cores: more workers only make process-heavy tests contend.
    maxWorkers: 2,
  },
});
