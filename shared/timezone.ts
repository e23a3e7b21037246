/**
 * The time-zone half of shared/dates.ts: the local day, hour and wall-clock
 * time of an instant in an IANA zone, through `@date-fns/tz` (the runtime's
 * IANA data via `Intl`), never hand-written offsets. Used by the background's
 * digest-day badge and the worker's digest schedule; kept out of dates.ts so
 * the side panel, which needs none of it, does not bundle `@date-fns/tz`.
 * An unknown zone falls back to UTC everywhere.
 */
import { TZDateMini } from '@date-fns/tz';
import { dayString, isoWeekOf } from './dates';

const pad = (n: number) => String(n).padStart(2, '0');

/** `instant` in IANA zone `timeZone`, or in UTC when the runtime does not know the zone. */
function zoned(instant: Date, timeZone: string): Date {
  const d = new TZDateMini(instant.getTime(), timeZone);
  return Number.isNaN(d.getTime()) || Number.isNaN(d.getHours()) ? new TZDateMini(instant.getTime(), 'UTC') : d;
}

/** Local calendar facts of an instant in a time zone. */
export interface LocalTime {
  /** 0 Sunday to 6 Saturday. */
  weekday: number;
  /** 0 to 23. */
  hour: number;
  /** `YYYY-MM-DD`. */
  date: string;
  /** ISO week id of `date`, e.g. `2026-W47`. */
  isoWeek: string;
}

/** The local weekday, hour, date and ISO week of `instant` in `timeZone` (UTC when the zone is unknown). */
export function localTime(instant: Date, timeZone: string): LocalTime {
  const d = zoned(instant, timeZone);
  const date = dayString(d);
  return { weekday: d.getDay(), hour: d.getHours(), date, isoWeek: isoWeekOf(date) };
}

/** The calendar day (`YYYY-MM-DD`) and weekday (0 Sunday to 6) of `now` in IANA zone `timeZone` (UTC when unknown). */
export function localDay(now: Date, timeZone: string): { date: string; weekday: number } {
  const d = zoned(now, timeZone);
  return { date: dayString(d), weekday: d.getDay() };
}

/** Local wall-clock time `YYYY-MM-DDTHH:MM` of `instant` in `timeZone` (sortable as a string; UTC when the zone is unknown). */
export function wallClock(instant: Date, timeZone: string): string {
  const d = zoned(instant, timeZone);
  return `${dayString(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
