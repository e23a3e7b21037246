/**
 * Dates, weeks and quarters: the one home for calendar code (docs/DESIGN.md,
 * "Vocabulary", Dates), with its time-zone half in shared/timezone.ts (the
 * local day and time of an instant, on `@date-fns/tz`). Calendar arithmetic
 * goes through `date-fns`; nothing here reads a clock. The zone half is a
 * module of its own because `@date-fns/tz` cannot be tree-shaken (it patches
 * its Date subclass when loaded: 4.8 KB minified) and only the background's
 * badge and the worker's digest need it, not the side panel.
 *
 * A day is a `YYYY-MM-DD` string (the evidence's `occurredOn`): comparing two
 * such strings compares the days. Weeks are ISO weeks (`2026-W47`: weeks start
 * Monday, week 1 holds the year's first Thursday), quarters calendar quarters
 * (`2026-Q4`), halves `2026-H2`. Internally a day is a `Date` at local noon
 * ({@link parseDay}): date-fns counts in the runtime's zone, and noon keeps
 * daylight-saving shifts away from the day's edges, so results are the same
 * in every zone (Workers run in UTC, the panel in the user's zone).
 */
import {
  addDays as addDaysToDate,
  addWeeks,
  differenceInCalendarDays,
  getISOWeek,
  getISOWeekYear,
  startOfISOWeek,
} from 'date-fns';

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------
// Days
// ---------------------------------------------------------------------------

/**
 * The day `date` (`YYYY-MM-DD`) as a `Date` at local noon, for date-fns. A day
 * past the month's end rolls over as in `Date.parse` (`2026-02-30` is 2 March);
 * anything else that is not `YYYY-MM-DD` with month 01-12 and day 01-31 gives
 * an invalid Date (`NaN` time).
 */
export function parseDay(date: string): Date {
  const m = DAY_RE.exec(date);
  const d = new Date(NaN);
  if (!m) return d;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return d;
  return calendarDate(Number(m[1]), month - 1, day);
}

/** Local noon of `year`, `monthIndex` (0-based) and `day`, overflowing like `Date.UTC` (day 0: last day of the month before). */
function calendarDate(year: number, monthIndex: number, day: number): Date {
  const d = new Date(2000, 0, 1, 12);
  d.setFullYear(year, monthIndex, day); // setFullYear, unlike the constructor, keeps years 0-99 as written
  return d;
}

/**
 * The local calendar day of `d` as `YYYY-MM-DD` (for a `TZDateMini`, the day in
 * its zone). @throws RangeError when `d` is an invalid Date.
 */
export function dayString(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid time value');
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `YYYY-MM-DD` of `year`, `monthIndex` (0-based) and `day`, overflowing like `Date.UTC` (`(2026, 12, 0)` -> `2026-12-31`). */
export function dayOf(year: number, monthIndex: number, day: number): string {
  return dayString(calendarDate(year, monthIndex, day));
}

/** True when `date` is a real `YYYY-MM-DD` day (`2026-02-29` is not; `2028-02-29` is). */
export function isDay(date: string): boolean {
  const d = parseDay(date);
  return !Number.isNaN(d.getTime()) && dayString(d) === date;
}

/** `date` (`YYYY-MM-DD`) plus `days` (may be negative), as `YYYY-MM-DD`. @throws RangeError when `date` is not a date. */
export function addDays(date: string, days: number): string {
  return dayString(addDaysToDate(parseDay(date), days));
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`): negative when `to` is earlier; `NaN` when either is not a date. */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseDay(to), parseDay(from));
}

/** 0 Sunday to 6 Saturday of a `YYYY-MM-DD` day (`NaN` when not a date). */
export function weekdayOf(date: string): number {
  return parseDay(date).getDay();
}

// ---------------------------------------------------------------------------
// ISO weeks, quarters, halves
// ---------------------------------------------------------------------------

/** ISO week id (`2026-W47`) of a `YYYY-MM-DD` date or a Date (its UTC calendar day). */
export function isoWeekOf(date: string | Date): string {
  const d =
    typeof date === 'string'
      ? parseDay(date)
      : calendarDate(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const year = getISOWeekYear(d); // NaN for an invalid date: the id is then `NaN-WNaN`
  return `${year >= 0 && year < 1000 ? pad(year, 4) : year}-W${pad(getISOWeek(d))}`;
}

/** The Monday and Sunday (`YYYY-MM-DD`) of ISO week `week` (`2026-W47`). @throws Error when `week` is not `YYYY-Www`. */
export function isoWeekRange(week: string): { start: string; end: string } {
  const m = WEEK_RE.exec(week);
  if (!m) throw new Error(`not an ISO week: ${week}`);
  // 4 January is always in week 1.
  const monday = addWeeks(startOfISOWeek(calendarDate(Number(m[1]), 0, 4)), Number(m[2]) - 1);
  return { start: dayString(monday), end: dayString(addDaysToDate(monday, 6)) };
}

/** The ISO week before `week` (`2026-W01` -> `2025-W52` or `-W53`). */
export function previousIsoWeek(week: string): string {
  return isoWeekOf(addDays(isoWeekRange(week).start, -7));
}

/**
 * A running number of the ISO week holding `date` (`YYYY-MM-DD`), counted
 * from the week of 1 January 1970: consecutive weeks differ by 1 across year
 * ends, so a walk over weeks is integer steps. `NaN` when `date` is not a real
 * day (`2026-02-30` is in no week). {@link isoWeekOfNumber} turns it back into
 * a week id.
 */
export function isoWeekNumber(date: string): number {
  // Plain UTC day arithmetic, not date-fns: the streak calls this once per distinct day of the evidence.
  const m = DAY_RE.exec(date);
  if (!m) return NaN;
  const month = Number(m[2]) - 1;
  const day = Number(m[3]);
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), month, day);
  if (d.getUTCMonth() !== month || d.getUTCDate() !== day) return NaN;
  // Day 0 (1970-01-01) was a Thursday: weeks start 3 days earlier.
  return Math.floor((d.getTime() / DAY_MS + 3) / 7);
}

/** The ISO week id (`2026-W47`) of an {@link isoWeekNumber}. */
export function isoWeekOfNumber(n: number): string {
  return isoWeekOf(addDays('1970-01-01', n * 7 - 3));
}

/** Quarter id (`2026-Q4`) of a `YYYY-MM-DD` date. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * The last `n` quarter ids ending with the quarter of `asOf`, oldest first:
 * `lastQuarters('2026-11-20')` -> `['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']`.
 */
export function lastQuarters(asOf: string, n = 4): string[] {
  const current = quarterOf(asOf);
  let year = Number(current.slice(0, 4));
  let q = Number(current.slice(6));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.unshift(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

/** Half-year id (`2026-H2`) of a quarter id (`2026-Q4`). */
export function halfOfQuarter(quarter: string): string {
  return `${quarter.slice(0, 4)}-H${Number(quarter.slice(6)) <= 2 ? 1 : 2}`;
}

/**
 * The one definition of "this week" for evidence (the Week tab and the digest):
 * the work happened (`occurredOn`) in ISO week `week`, whenever it was clipped
 * or imported. Deleted items (a `deletedAt`) are left out. Order is kept.
 */
export function evidenceOfWeek<T extends { occurredOn: string; deletedAt: string | null }>(
  items: readonly T[],
  week: string,
): T[] {
  const { start, end } = isoWeekRange(week);
  return items.filter((e) => e.deletedAt === null && e.occurredOn >= start && e.occurredOn <= end);
}

/**
 * How many live items were added during ISO week `week` (`capturedAt`, UTC day)
 * for work that happened before it, such as a history import: the digest sums
 * them up in one line instead of listing them as this week's work.
 */
export function backfilledInWeek(
  items: readonly { occurredOn: string; capturedAt: string; deletedAt: string | null }[],
  week: string,
): number {
  const { start, end } = isoWeekRange(week);
  let n = 0;
  for (const e of items) {
    const day = e.capturedAt.slice(0, 10);
    if (e.deletedAt === null && day >= start && day <= end && e.occurredOn < start) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * `2019-04-08` -> `8 Apr 2019`; with `sameYearAs` (a date) in the same year,
 * just `8 Apr` (the panel passes today: the year shows only when it is not the
 * current one). Returns the input unchanged when it is not a `YYYY-MM-DD` date.
 * English month names on purpose: the same in every runtime and locale.
 */
export function formatDay(date: string, sameYearAs?: string): string {
  const m = DAY_RE.exec(date);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return date;
  const day = `${Number(m[3])} ${month.slice(0, 3)}`;
  return sameYearAs?.slice(0, 4) === m[1] ? day : `${day} ${m[1]}`;
}

/** `2026-10-03` -> `October 2026`; with `sameYearAs` in the same year, just `October`. Unchanged input when not a date. */
export function formatMonth(date: string, sameYearAs?: string): string {
  const month = MONTHS[Number(date.slice(5, 7)) - 1];
  if (!/^\d{4}-\d{2}/.test(date) || !month) return date;
  return sameYearAs && sameYearAs.slice(0, 4) === date.slice(0, 4) ? month : `${month} ${date.slice(0, 4)}`;
}

// ---------------------------------------------------------------------------
// Time zones (the local time of an instant: shared/timezone.ts)
// ---------------------------------------------------------------------------

/** The runtime's IANA time zone (`Europe/Paris`; `UTC` on Workers). */
export function runtimeTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
