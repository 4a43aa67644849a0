// The instant the window's tests run at, and the zone they show times in: pinned, so a test
// passes at any hour on any machine (10:24 in Tokyo; 8 hours later is still the same day there).
// Not UTC, so a time formatted in the machine's zone instead of the clock's shows up on a UTC
// machine too. Shared by the jsdom tests (renderer-fake-bridge.tsx) and the Chromium ones.
export const TEST_NOW = Date.parse('2026-12-03T01:24:00Z');
export const TEST_ZONE = 'Asia/Tokyo';
