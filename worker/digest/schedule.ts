/**
 * The hourly digest fan-out: find users whose digest is due (enabled, their
 * chosen local weekday and hour reached in their own IANA time zone since the
 * previous hourly run, no digest row yet for that ISO week) and enqueue one
 * message per user, in batches.
 *
 * Time zones go through shared/timezone.ts (`@date-fns/tz`: the runtime's IANA
 * data via `Intl`), never hand-written offsets. "Due" compares local wall-clock times: the
 * digest is due at the run whose local time has just passed `day hour:00`,
 * that is `wall(run - 1 h) < target <= wall(run)`. So with one run an hour
 * every target is met exactly once a week, including when a daylight-saving
 * change skips the target hour (sent at the first run after it) or repeats it
 * (sent at the first of the two), and in zones with half-hour offsets such as
 * Asia/Kolkata (sent at 16:30 for a 16:00 target).
 */
import { isoWeekOf, weekdayOf } from '../../shared/dates';
import { wallClock } from '../../shared/timezone';
import { existingDigestKeys } from '../db/digests';
import { listDigestUsers, type DigestScheduleRow } from '../db/users';
import type { DigestMessage, Env } from '../env';

/** The local-time helpers moved to shared/timezone.ts; re-exported for this module's existing importers. */
export { localTime, wallClock, type LocalTime } from '../../shared/timezone';

/** Users read per page. */
export const SCHEDULE_PAGE_SIZE = 500;
/** Messages per `sendBatch` call (the Queues limit is 100 messages and 256 KB). */
export const SEND_BATCH_SIZE = 100;
/** How often the cron runs (ms); the window a target must fall in to be due. */
export const CRON_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The ISO week whose digest is due for `user` at the cron run `instant`, or
 * null. Due when the user's local `digest_day` at `digest_hour:00` lies in
 * the local wall-clock window `(wall(instant - 1 h), wall(instant)]`; the week
 * is the ISO week of that local date.
 */
export function dueWeek(
  user: Pick<DigestScheduleRow, 'timezone' | 'digest_day' | 'digest_hour'>,
  instant: Date,
): string | null {
  const now = wallClock(instant, user.timezone);
  const before = wallClock(new Date(instant.getTime() - CRON_INTERVAL_MS), user.timezone);
  for (const date of new Set([before.slice(0, 10), now.slice(0, 10)])) {
    if (weekdayOf(date) !== user.digest_day) continue;
    const target = `${date}T${String(user.digest_hour).padStart(2, '0')}:00`;
    if (before < target && target <= now) return isoWeekOf(date);
  }
  return null;
}

/** Figures of one fan-out run. */
export interface FanOutResult {
  /** Users with the digest enabled that were read. */
  users: number;
  /** Messages enqueued (due users without a digest row for the week). */
  enqueued: number;
  /** `sendBatch` calls made. */
  batches: number;
  /** Pages of users read. */
  pages: number;
}

/**
 * Pages through every user with the digest enabled (keyset pages of
 * {@link SCHEDULE_PAGE_SIZE}) and enqueues `{ userId, isoWeek }` for each one
 * due at `instant` that has no digest row for that week yet, in `sendBatch`
 * calls of at most {@link SEND_BATCH_SIZE}. A row exists once a send was
 * claimed, finished, failed (being retried) or dead-lettered, so nothing is
 * enqueued twice by the scheduler; the consumer's claim guards the rest.
 * @throws Error when D1 or the queue fails (the cron run fails and is logged).
 */
export async function enqueueDueDigests(env: Pick<Env, 'DB' | 'DIGEST_QUEUE'>, instant: Date): Promise<FanOutResult> {
  const result: FanOutResult = { users: 0, enqueued: 0, batches: 0, pages: 0 };
  let afterId = '';
  for (;;) {
    const users = await listDigestUsers(env.DB, afterId, SCHEDULE_PAGE_SIZE);
    if (users.length === 0) break;
    result.pages += 1;
    result.users += users.length;
    afterId = users[users.length - 1]!.id;
    const due: DigestMessage[] = [];
    for (const user of users) {
      const isoWeek = dueWeek(user, instant);
      if (isoWeek) due.push({ userId: user.id, isoWeek });
    }
    const existing = await existingDigestKeys(env.DB, due);
    const fresh = due.filter((m) => !existing.has(`${m.userId}|${m.isoWeek}`));
    for (let i = 0; i < fresh.length; i += SEND_BATCH_SIZE) {
      await env.DIGEST_QUEUE.sendBatch(fresh.slice(i, i + SEND_BATCH_SIZE).map((body) => ({ body })));
      result.batches += 1;
    }
    result.enqueued += fresh.length;
    if (users.length < SCHEDULE_PAGE_SIZE) break;
  }
  return result;
}
