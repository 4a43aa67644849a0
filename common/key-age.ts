// A key's age, judged the same way by `list`, `status` and the window's user row: whole days since
// IAM created it, and whether that is past the key-age setting.

const DAY_MS = 86_400_000;

/** Whole days from `createdAt` (ISO 8601) to `now`; undefined when the date is unknown or unreadable. */
export function keyAgeDays(createdAt: string | undefined, now: number): number | undefined {
  if (createdAt === undefined) return undefined;
  const created = Date.parse(createdAt);
  return Number.isNaN(created) ? undefined : Math.max(0, Math.floor((now - created) / DAY_MS));
}

/** Past the setting: time to suggest (calmly, once) a new key. */
export function isKeyOld(days: number | undefined, warningDays: number): boolean {
  return days !== undefined && days >= warningDays;
}
