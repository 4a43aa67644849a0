// Times and durations as the window, the tray and notifications show them. Digits and separators
// only where possible, so the same text reads in English and Japanese; words come from the
// caller's dictionary through a translator that knows the `duration.*` keys.

/** "1:02:03" for what is left; never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/**
 * What a wall-clock time is read against: the time now (main's clock, so "today" is judged on the
 * clock that wrote the expiry) and the zone to show it in (undefined: the system's zone).
 * Injected, so tests pin both and pass at any hour in any zone.
 */
export interface ClockReading {
  now: number;
  timeZone?: string | undefined;
}

/** 24-hour in both languages (English would say "02:05 PM"). */
const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** "14:05" in `timeZone` (undefined: the system's). */
export function formatClock(epochMs: number, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { ...CLOCK, timeZone }).format(epochMs);
}

/** The calendar day of `ms` in `timeZone`, as "2026-12-03" (en-CA writes dates that way). */
function dayIn(ms: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** A wall-clock time such as "14:05", with the date when not today. */
export function formatClockTime(iso: string, language: string, { now, timeZone }: ClockReading): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (dayIn(now, timeZone) === dayIn(date.getTime(), timeZone)) return formatClock(date.getTime(), language, timeZone);
  return new Intl.DateTimeFormat(language, { ...CLOCK, timeZone, month: 'short', day: 'numeric' }).format(date);
}

/** The dictionary keys a duration is worded with (both sides' dictionaries have them). */
export type DurationKey = 'duration.minutes' | 'duration.hours' | 'duration.hoursMinutes';
export type DurationT = (key: DurationKey, vars: { count: number } | { hours: number; minutes: number }) => string;

/** "42 min", "1 h 5 min", "2 h" / "1 時間 30 分": whole minutes (never negative). */
export function formatWholeMinutes(minutes: number, t: DurationT): string {
  const total = Math.max(0, Math.floor(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return t('duration.minutes', { count: rest });
  if (rest === 0) return t('duration.hours', { count: hours });
  return t('duration.hoursMinutes', { hours, minutes: rest });
}

/** A duration in seconds, to the nearest minute: "1 h 30 min" / "1 時間 30 分". */
export function formatDuration(seconds: number, t: DurationT): string {
  return formatWholeMinutes(Math.round(seconds / 60), t);
}
