/**
 * The toolbar badge that nudges on the digest day when the week is still
 * empty. The digest schedule lives on the server (`GET /api/v1/me`); the panel
 * keeps a copy in `browser.storage.local` (key `casebook.digestSchedule`) so the
 * background can decide offline. Without a copy the default schedule applies
 * (Friday, the browser's time zone).
 */
import * as z from 'zod/mini';
import { isoWeekOf, isoWeekRange } from '../../shared/week';
import { db as defaultDb, type CasebookDB } from './index';

/** storage.local key of the cached digest schedule. */
export const DIGEST_SCHEDULE_KEY = 'casebook.digestSchedule';

/** The part of the account settings the badge needs. `digestDay`: 0 Sunday to 6 Saturday. */
export const DigestSchedule = z.object({
  digestDay: z.int().check(z.gte(0), z.lte(6)),
  timezone: z.string().check(z.minLength(1), z.maxLength(64)),
  digestEnabled: z.boolean(),
});
export type DigestSchedule = z.infer<typeof DigestSchedule>;

/** Friday, digests on, in `timezone` (default: the runtime's zone). */
export function defaultSchedule(timezone = Intl.DateTimeFormat().resolvedOptions().timeZone): DigestSchedule {
  return { digestDay: 5, timezone, digestEnabled: true };
}

/**
 * The calendar date (`YYYY-MM-DD`) and weekday (0 Sunday to 6) of `now` in
 * IANA zone `timezone`; falls back to UTC for an unknown zone.
 */
export function localDay(now: Date, timezone: string): { date: string; weekday: number } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
    }).formatToParts(now);
  } catch {
    return localDay(now, 'UTC');
  }
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { date: `${get('year')}-${get('month')}-${get('day')}`, weekday };
}

/**
 * True when the badge should show: digests are on, today (in the schedule's
 * zone) is the digest day, and no live evidence is dated in this ISO week.
 */
export async function shouldNudge(now: Date, schedule: DigestSchedule, db: CasebookDB = defaultDb): Promise<boolean> {
  if (!schedule.digestEnabled) return false;
  const today = localDay(now, schedule.timezone);
  if (today.weekday !== schedule.digestDay) return false;
  const { start, end } = isoWeekRange(isoWeekOf(today.date));
  const found = await db.evidence
    .where('occurredOn')
    .between(start, end, true, true)
    .filter((e) => e.deletedAt === null)
    .first();
  return found === undefined;
}
