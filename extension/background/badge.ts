/**
 * The toolbar badge that nudges on the digest day when the week is still
 * empty. The digest schedule lives on the server (`GET /api/v1/me`); the panel
 * keeps a copy in `browser.storage.local` (key `casebook.digestSchedule`) so the
 * background can decide offline. Without a copy the default schedule applies
 * (Friday, the browser's time zone). Not database code: it lives beside the
 * background that runs it (extension/entrypoints/background.ts) and only
 * reads the local store. The local day comes from shared/timezone.ts.
 */
import * as z from 'zod/mini';
import { isoWeekOf, isoWeekRange, runtimeTimeZone } from '../../shared/dates';
import { localDay } from '../../shared/timezone';
import { db as defaultDb, type CasebookDB } from '../db/index';

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
export function defaultSchedule(timezone = runtimeTimeZone()): DigestSchedule {
  return { digestDay: 5, timezone, digestEnabled: true };
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
