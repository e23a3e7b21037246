/**
 * `/api/v1/sync` (bearer): the sync protocol (see shared/schemas.ts).
 * - `POST /push` PushRequest -> PushResponse `{ lastSeq, rev, applied, ignored }`.
 *   Nothing of the batch is applied on any error:
 *   400 `validation_failed` (an impossible clock such as `9999-99-99T...`
 *   fails the shared Hlc schema); 400 `hlc_in_future` when a clock is more
 *   than 5 minutes ahead of the server (or not a finite time); 413
 *   `record_too_large` for a record over 512 KiB; 429 `rate_limited` with
 *   `Retry-After` over the account's push bucket (worker/lib/limits.ts);
 *   409 `seq_conflict` `{ lastSeq }` when a change at or below the device's
 *   cursor differs from what was applied (worker/db/push-checks.ts; identical
 *   replays stay 200); 413 `quota_exceeded` `{ limit }` when the push would
 *   take the account past its storage quota and grow it (a push of deletes only
 *   always passes).
 * - `GET /pull?since&limit` -> PullResponse `{ changes, rev, more }`.
 * Every answer, errors included, carries the server's time in `Date` (HTTP
 * date, second resolution) so a client whose clock runs ahead can re-stamp
 * its pending changes (extension/sync/clock.ts).
 */
import { Hono } from 'hono';
import { hlcMillis } from '../../shared/hlc';
import { takeToken } from '../db/buckets';
import { findSeqConflict, usageAfterPush } from '../db/push-checks';
import { PullQuery, PushRequest, type PullResponse, type PushResponse } from '../../shared/schemas';
import { applyPush, pullChanges, serialiseChange, utf8Length } from '../db/records';
import type { AppEnv } from '../env';
import { requireAuth } from '../lib/auth';
import { ApiFailure } from '../lib/errors';
import { pushBucketOf, quotaOf } from '../lib/limits';
import { tooManyRequests } from '../lib/rate-limit';
import { validate } from '../lib/validate';

/** How far (ms) a pushed clock may run ahead of the server's. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Largest serialised change accepted (UTF-8 bytes). */
export const MAX_RECORD_BYTES = 512 * 1024;

/** Wall time (ms) of `hlc`, or NaN when it is not a clock with a real time. */
function hlcMillisOrNaN(hlc: string): number {
  try {
    return hlcMillis(hlc);
  } catch {
    return Number.NaN;
  }
}

/** Sync router, mounted at `/api/v1/sync` (bearer): push and pull. */
export const sync = new Hono<AppEnv>()
  .use('*', async (c, next) => {
    await next();
    c.header('Date', new Date().toUTCString());
  })
  .use('*', requireAuth)
  .post('/push', validate('json', PushRequest), async (c) => {
    const { changes } = c.req.valid('json');
    const serverNow = Date.now();
    const limit = serverNow + MAX_CLOCK_SKEW_MS;
    changes.forEach((change, index) => {
      const millis = hlcMillisOrNaN(change.hlc);
      // Any non-finite time (NaN compares false) is refused like a future one.
      if (!Number.isFinite(millis) || !(millis <= limit)) {
        throw new ApiFailure(
          400,
          'hlc_in_future',
          'A change carries a clock more than 5 minutes ahead of the server.',
          {
            issues: [{ code: 'custom', path: ['changes', index, 'hlc'], message: 'clock too far in the future' }],
            headers: { Date: new Date(serverNow).toUTCString() },
          },
        );
      }
      if (change.data && utf8Length(serialiseChange(change)) > MAX_RECORD_BYTES) {
        throw new ApiFailure(413, 'record_too_large', `Change ${index} is larger than 512 KiB.`);
      }
    });
    const auth = c.get('auth');
    const device = c.get('device');
    const bucket = await takeToken(c.env.DB, `push:${auth.userId}`, pushBucketOf(c.env), serverNow);
    if (!bucket.ok) {
      throw tooManyRequests(
        'Too many pushes for this account; the extension retries on its own.',
        bucket.retryAfterSeconds,
      );
    }
    const conflict = await findSeqConflict(c.env.DB, auth.userId, auth.deviceId, device.lastSeq, changes);
    if (conflict !== null) {
      throw new ApiFailure(
        409,
        'seq_conflict',
        `Change seq ${conflict} is at or below this device's last seq ${device.lastSeq} but differs from what was applied; renumber from ${device.lastSeq + 1}.`,
        { extra: { lastSeq: device.lastSeq } },
      );
    }
    const quota = quotaOf(c.env);
    const usage = { records: device.usageRecords, bytes: device.usageBytes };
    const after = await usageAfterPush(c.env.DB, auth.userId, usage, quota, changes);
    const over = after !== null && (after.records > quota.maxRecords || after.bytes > quota.maxBytes);
    if (over && (after.records > usage.records || after.bytes > usage.bytes)) {
      throw new ApiFailure(
        413,
        'quota_exceeded',
        `This account is at its storage limit (${quota.maxRecords} records, ${quota.maxBytes} bytes); delete something to make room.`,
        {
          extra: {
            limit: {
              maxRecords: quota.maxRecords,
              maxBytes: quota.maxBytes,
              records: usage.records,
              bytes: usage.bytes,
            },
          },
        },
      );
    }
    const body: PushResponse = await applyPush(c.env.DB, auth.userId, auth.deviceId, changes, new Date().toISOString());
    return c.json(body);
  })
  .get('/pull', validate('query', PullQuery), async (c) => {
    const { since, limit } = c.req.valid('query');
    const body: PullResponse = await pullChanges(c.env.DB, c.get('auth').userId, since, limit);
    return c.json(body);
  });
