import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../support/run';

// `npm run bench` is a report, not a gate: no timing is asserted here. This keeps it working:
// one short run must measure all three commands side by side and print the goal lines.

describe('npm run bench', () => {
  it('measures credential-process, bare node, the AWS CLI, the credential endpoint and the window with 2,000 roles in one run and prints the goals', async () => {
    const script = fileURLToPath(new URL('../../bench/run.mjs', import.meta.url));
    const result = await run(process.execPath, [script, '--runs', '1'], { env: process.env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/rolecall credential-process admin \(cached\)\s+\d+\.\d/);
    expect(result.stdout).toMatch(/node -e 0\s+\d+\.\d/);
    expect(result.stdout).toMatch(/aws configure export-credentials --profile admin\s+\d+\.\d/);
    expect(result.stdout).toMatch(/credential-process vs bare node: \d+\.\d+× wall \(goal ≤ 1\.5×\) (PASS|MISS), \d+\.\d+× memory/);
    expect(result.stdout).toMatch(/credential-process vs AWS CLI: \d+\.\d× faster \(goal ≥ 5×\) (PASS|MISS)/);
    // A credential fetch from a running `rolecall exec --server`, beside credential-process in the same run.
    expect(result.stdout).toMatch(/GET the credential endpoint of rolecall exec --server admin\s+\d+\.\d/);
    expect(result.stdout).toMatch(
      /credential endpoint: \d+\.\d+ ms median \(goal ≤ 5 ms\) (PASS|MISS), \d+\.\d× faster than credential-process's \d+\.\d ms \(goal ≥ 10×\) (PASS|MISS)/,
    );
    // The window with 2,000 roles, in Chromium, beside the same window with 20 measured in the same
    // run, for the first paint and for a key press in the filter (a filter that changed nothing
    // would fail the bench).
    expect(result.stdout).toMatch(
      /renderer, 2000 roles: first paint \d+\.\d ms, \d+\.\d+× the \d+\.\d ms of 20 roles \(goal ≤ 1\.5×\) (PASS|MISS); .* filter keystroke \d+\.\d+ ms median, .*(PASS|MISS), \d+\.\d+× the \d+\.\d+ ms of 20 roles/,
    );
  }, 300_000);
});
