/**
 * Token buckets in D1 (`rate_buckets`), for limits whose window is longer than
 * the Workers Rate Limiting binding's 10 or 60 seconds: the per-account push
 * rate and the sign-in back-off. One atomic UPSERT per take; a bucket starts
 * full, holds at most `capacity` tokens and refills `refillPerSecond`.
 */
import { run } from './d1';

/** Shape of one bucket: `capacity` tokens at most, refilled at `refillPerSecond`. */
export interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
}

/** What a take answers: `ok`, or the seconds until one token is back. */
export type BucketResult = { ok: true; tokens: number } | { ok: false; retryAfterSeconds: number };

/** Rows untouched this long (ms) are full again for every bucket we use; the cron deletes them. */
export const BUCKET_IDLE_MS = 24 * 60 * 60 * 1000;

// ?1 key, ?2 capacity, ?3 refill per ms, ?4 now (ms). The WHERE keeps a bucket
// with less than one token unchanged (no row returned: refused).
const TAKE_SQL = `
INSERT INTO rate_buckets (key, tokens, updated_ms) VALUES (?1, ?2 - 1, ?4)
ON CONFLICT (key) DO UPDATE SET
  tokens = min(?2, rate_buckets.tokens + max(0, ?4 - rate_buckets.updated_ms) * ?3) - 1,
  updated_ms = ?4
WHERE min(?2, rate_buckets.tokens + max(0, ?4 - rate_buckets.updated_ms) * ?3) >= 1
RETURNING tokens`;

/**
 * Takes one token from bucket `key` at `nowMs` (epoch ms).
 * @returns `{ ok: true, tokens }` (tokens left) or `{ ok: false, retryAfterSeconds }` (at least 1).
 */
export async function takeToken(db: D1Database, key: string, spec: BucketSpec, nowMs: number): Promise<BucketResult> {
  const perMs = spec.refillPerSecond / 1000;
  const row = await db.prepare(TAKE_SQL).bind(key, spec.capacity, perMs, nowMs).first<{ tokens: number }>();
  if (row) return { ok: true, tokens: row.tokens };
  const state = await db
    .prepare('SELECT tokens, updated_ms FROM rate_buckets WHERE key = ?1')
    .bind(key)
    .first<{ tokens: number; updated_ms: number }>();
  const have = state ? Math.min(spec.capacity, state.tokens + Math.max(0, nowMs - state.updated_ms) * perMs) : 0;
  const wait = perMs > 0 ? (1 - have) / perMs / 1000 : 3600;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
}

/** Deletes buckets untouched since `nowMs - BUCKET_IDLE_MS`; returns how many. */
export async function deleteIdleBuckets(db: D1Database, nowMs: number): Promise<number> {
  const res = await run(db, 'DELETE FROM rate_buckets WHERE updated_ms < ?1', [nowMs - BUCKET_IDLE_MS]);
  return res.meta.changes;
}
