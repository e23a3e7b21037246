/**
 * The hourly digest fan-out: find users whose digest is due (enabled, their
 * local weekday and hour match their settings in their own IANA time zone,
 * no digest row yet for that ISO week) and enqueue one message per user.
 */
import { TZDateMini } from '@date-fns/tz';
import { isoWeekOf } from '../../shared/week';
import { existingDigestKeys } from '../db/digests';
import { listDigestUsers, type DigestScheduleRow } from '../db/users';
import type { DigestMessage, Env } from '../env';

/** Users read per page. */
export const SCHEDULE_PAGE_SIZE = 500;
/** Messages per `sendBatch` call (the Queues limit is 100). */
export const SEND_BATCH_SIZE = 100;

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
  let d = new TZDateMini(instant.getTime(), timeZone);
  if (Number.isNaN(d.getTime()) || Number.isNaN(d.getHours())) d = new TZDateMini(instant.getTime(), 'UTC');
  const date = `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(
    d.getDate(),
  ).padStart(2, '0')}`;
  return { weekday: d.getDay(), hour: d.getHours(), date, isoWeek: isoWeekOf(date) };
}

/** The ISO week whose digest is due for `user` at `instant`, or null when it is not their day and hour. */
export function dueWeek(
  user: Pick<DigestScheduleRow, 'timezone' | 'digest_day' | 'digest_hour'>,
  instant: Date,
): string | null {
  const local = localTime(instant, user.timezone);
  return local.weekday === user.digest_day && local.hour === user.digest_hour ? local.isoWeek : null;
}

/**
 * Pages through every user with the digest enabled and enqueues
 * `{ userId, isoWeek }` for each one due at `instant` that has no digest
 * row for that week yet.
 * @returns how many messages were enqueued.
 */
export async function enqueueDueDigests(env: Pick<Env, 'DB' | 'DIGEST_QUEUE'>, instant: Date): Promise<number> {
  let afterId = '';
  let enqueued = 0;
  for (;;) {
    const users = await listDigestUsers(env.DB, afterId, SCHEDULE_PAGE_SIZE);
    if (users.length === 0) break;
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
    }
    enqueued += fresh.length;
    if (users.length < SCHEDULE_PAGE_SIZE) break;
  }
  return enqueued;
}
