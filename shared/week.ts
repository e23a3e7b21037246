/**
 * ISO week helpers (weeks start Monday; week 1 holds the year's first Thursday).
 */
import { getISOWeek, getISOWeekYear } from 'date-fns';

/** ISO week id (`2026-W47`) of a `YYYY-MM-DD` date or a Date (taken in UTC). */
export function isoWeekOf(date: string | Date): string {
  const d = typeof date === 'string' ? new Date(`${date}T12:00:00Z`) : date;
  // date-fns works in the runtime's local zone; shift so the UTC calendar day is used.
  const local = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12);
  return `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, '0')}`;
}

/** The Monday and Sunday (`YYYY-MM-DD`) of ISO week `week` (`2026-W47`). */
export function isoWeekRange(week: string): { start: string; end: string } {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new Error(`not an ISO week: ${week}`);
  const year = Number(m[1]);
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Day = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  const monday = jan4 - jan4Day * 86400000 + (Number(m[2]) - 1) * 7 * 86400000;
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return { start: iso(monday), end: iso(monday + 6 * 86400000) };
}

/** Quarter id (`2026-Q4`) of a `YYYY-MM-DD` date. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
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
