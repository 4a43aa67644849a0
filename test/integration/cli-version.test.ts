import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rolecall } from '../support/run';

// `rolecall --version` says the version the package (and the app, through app.getVersion) has:
// one number, in package.json, never a copy that goes stale at the next release.

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('rolecall --version', () => {
  it("prints package.json's version and nothing else", async () => {
    const result = await rolecall(['--version'], { env: { PATH: process.env.PATH } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${packageVersion}\n`);
  });
});
