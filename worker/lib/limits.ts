/**
 * Per-account limits and where their values come from (wrangler.toml
 * `[vars]`, with production-safe defaults). Every limit and what a user sees
 * when they reach it is listed in docs/SECURITY.md.
 */
import type { Env } from '../env';
import type { BucketSpec } from '../db/buckets';

/** Default storage quota: live records' JSON, UTF-8 bytes (50 MB). */
export const DEFAULT_QUOTA_MAX_BYTES = 50_000_000;
/** Default storage quota: live records (tombstones do not count). */
export const DEFAULT_QUOTA_MAX_RECORDS = 100_000;
/** Default push bucket: 300 pushes at once (a 100,000-record restore is 200 full pushes). */
export const DEFAULT_PUSH_BURST = 300;
/** Default push refill: 12 pushes a minute once the burst is spent (one every 5 s). */
export const DEFAULT_PUSH_REFILL_PER_MINUTE = 12;

/** An account's storage quota. */
export interface Quota {
  maxBytes: number;
  maxRecords: number;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/** The quota from `QUOTA_MAX_BYTES` and `QUOTA_MAX_RECORDS` (defaults 50 MB, 100,000). */
export function quotaOf(env: Env): Quota {
  return {
    maxBytes: positiveInt(env.QUOTA_MAX_BYTES, DEFAULT_QUOTA_MAX_BYTES),
    maxRecords: positiveInt(env.QUOTA_MAX_RECORDS, DEFAULT_QUOTA_MAX_RECORDS),
  };
}

/** The per-account push bucket from `PUSH_BURST` and `PUSH_REFILL_PER_MINUTE`. */
export function pushBucketOf(env: Env): BucketSpec {
  return {
    capacity: positiveInt(env.PUSH_BURST, DEFAULT_PUSH_BURST),
    refillPerSecond: positiveInt(env.PUSH_REFILL_PER_MINUTE, DEFAULT_PUSH_REFILL_PER_MINUTE) / 60,
  };
}

/** True when development routes (`/dev/*`) and the outbox mailer are on: only `ENVIRONMENT=development`. */
export function isDevelopment(env: Env): boolean {
  return env.ENVIRONMENT === 'development';
}
