/**
 * The hourly cron's clean-up (worker/index.ts `scheduled`), bounded work per run:
 * - sign-in codes that expired more than an hour ago (the start back-off
 *   counts codes of the last hour, so they are kept that long);
 * - rate-limit buckets untouched for a day (full again, see worker/db/buckets.ts);
 * - digests created more than {@link DIGEST_RETENTION_DAYS} days ago (their
 *   /d/ view and /unsubscribe/ links stop working with them; the scheduler
 *   only ever looks at the current week).
 */
import { deleteExpiredCodes } from './db/auth-codes';
import { deleteIdleBuckets } from './db/buckets';
import type { Env } from './env';

/** Digests older than this many days are deleted (a little over a year of history). */
export const DIGEST_RETENTION_DAYS = 400;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** How many rows one maintenance run deleted. */
export interface MaintenanceResult {
  codes: number;
  buckets: number;
  digests: number;
}

/** Deletes spent sign-in codes, idle rate-limit buckets and old digests as of `now`. */
export async function runMaintenance(env: Env, now: Date): Promise<MaintenanceResult> {
  const ms = now.getTime();
  const codes = await deleteExpiredCodes(env.DB, new Date(ms - HOUR_MS).toISOString());
  const buckets = await deleteIdleBuckets(env.DB, ms);
  const digests = (
    await env.DB.prepare('DELETE FROM digests WHERE created_at < ?1')
      .bind(new Date(ms - DIGEST_RETENTION_DAYS * DAY_MS).toISOString())
      .run()
  ).meta.changes;
  return { codes, buckets, digests };
}
