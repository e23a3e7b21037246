/**
 * `/api/v1/sync` (bearer): the sync protocol (see shared/schemas.ts).
 * - `POST /push` PushRequest -> PushResponse `{ lastSeq, rev, applied, ignored }`;
 *   400 `hlc_in_future` when a clock is more than 5 minutes ahead of the
 *   server (nothing of the batch is applied); 413 `record_too_large` for a
 *   record over 512 KiB.
 * - `GET /pull?since&limit` -> PullResponse `{ changes, rev, more }`.
 * Every answer, errors included, carries the server's time in `Date` (HTTP
 * date, second resolution) so a client whose clock runs ahead can re-stamp
 * its pending changes (extension/sync/clock.ts).
 */
import { Hono } from 'hono';
import { hlcMillis } from '../../shared/hlc';
import { PullQuery, PushRequest, type PullResponse, type PushResponse } from '../../shared/schemas';
import { applyPush, pullChanges, serialiseChange, utf8Length } from '../db/records';
import type { AppEnv } from '../env';
import { requireAuth } from '../lib/auth';
import { ApiFailure } from '../lib/errors';
import { validate } from '../lib/validate';

/** How far (ms) a pushed clock may run ahead of the server's. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Largest serialised change accepted (UTF-8 bytes). */
export const MAX_RECORD_BYTES = 512 * 1024;

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
      if (hlcMillis(change.hlc) > limit) {
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
    const body: PushResponse = await applyPush(c.env.DB, auth.userId, auth.deviceId, changes, new Date().toISOString());
    return c.json(body);
  })
  .get('/pull', validate('query', PullQuery), async (c) => {
    const { since, limit } = c.req.valid('query');
    const body: PullResponse = await pullChanges(c.env.DB, c.get('auth').userId, since, limit);
    return c.json(body);
  });
