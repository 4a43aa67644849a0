// scripts/evening-tz.mjs: the zone `.ci/run` runs the suite in a second time, where it is 22:xx,
// so an MFA session started now (8 h) ends after local midnight. Checked for every hour of a day.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../support/run';

const SCRIPT = fileURLToPath(new URL('../../scripts/evening-tz.mjs', import.meta.url));
const HOUR = 3_600_000;
const hourIn = (instant: number, timeZone: string) => new Intl.DateTimeFormat('en', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(instant);
const dayIn = (instant: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(instant);

describe('the evening zone', () => {
  it('is one where it is 22:xx, at every UTC hour, so now + 8 h falls on the next local day', async () => {
    const instants = Array.from({ length: 24 }, (_, hour) => Date.parse('2026-12-03T00:37:00Z') + hour * HOUR);
    const { code, stdout } = await run(process.execPath, [SCRIPT, ...instants.map((instant) => new Date(instant).toISOString())], { env: {} });
    expect(code).toBe(0);
    const zones = stdout.trim().split('\n');
    expect(zones).toHaveLength(24);
    instants.forEach((instant, index) => {
      const zone = zones[index]!;
      expect(zone).toMatch(/^Etc\/GMT([+-]\d{1,2})?$/);
      expect(hourIn(instant, zone), `${new Date(instant).toISOString()} in ${zone}`).toBe('22');
      expect(dayIn(instant + 8 * HOUR, zone)).not.toBe(dayIn(instant, zone));
    });
  });

  it('refuses what is not an instant, with its usage', async () => {
    const { code, stderr } = await run(process.execPath, [SCRIPT, 'tonight'], { env: {} });
    expect(code).toBe(2);
    expect(stderr).toContain('usage: node scripts/evening-tz.mjs');
  });
});
