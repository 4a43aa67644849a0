// Times and durations as the UI shows them. Digits and separators only where possible, so the
// same text reads in English and Japanese; words come from the dictionaries via `t`.
import type { TFunction } from 'i18next';

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

/** The calendar day of `ms` in `timeZone`, as "2026-12-03" (en-CA writes dates that way). */
function dayIn(ms: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** A wall-clock time such as "14:05" (24-hour in both languages), with the date when not today. */
export function formatClockTime(iso: string, language: string, { now, timeZone }: ClockReading): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = dayIn(now, timeZone) === dayIn(date.getTime(), timeZone);
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
    : { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  return new Intl.DateTimeFormat(language, options).format(date);
}

/** "1 h 30 min" / "1 時間 30 分". */
export function formatDuration(seconds: number, t: TFunction): string {
  const minutesTotal = Math.round(seconds / 60);
  const hours = Math.floor(minutesTotal / 60);
  const minutes = minutesTotal % 60;
  if (hours === 0) return t('duration.minutes', { count: minutes });
  if (minutes === 0) return t('duration.hours', { count: hours });
  return t('duration.hoursMinutes', { hours, minutes });
}
