#!/usr/bin/env node
// Prints a time zone where it is now 22:xx, so that "now + 8 h" (an MFA session started now)
// ends after local midnight there: the evening in which a suite that read the machine's zone or
// the wall clock went red. `.ci/run` runs the tests once more in it:
//   TZ=$(node scripts/evening-tz.mjs) npm test
// Given instants (ISO), prints the zone for each instead, one a line (for its test).
const EVENING_HOUR = 22;

/** Etc/GMT zones have no daylight saving; their sign is inverted (Etc/GMT-2 is UTC+2). */
function eveningZone(instant) {
  // Whole-hour offsets from UTC-12 to UTC+14 all exist; 22 - hour lies in -1..22, so wrap the
  // ones past +14 a day back (the evening of the day before).
  let offset = EVENING_HOUR - instant.getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset === 0) return 'Etc/GMT';
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

const instants = process.argv.slice(2).map((text) => new Date(text));
if (instants.some((instant) => Number.isNaN(instant.getTime()))) {
  console.error('usage: node scripts/evening-tz.mjs [ISO instant…]');
  process.exit(2);
}
for (const instant of instants.length ? instants : [new Date()]) console.log(eveningZone(instant));
