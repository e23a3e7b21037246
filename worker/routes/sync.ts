/**
 * `/api/v1/sync` (bearer): the sync protocol (see shared/schemas.ts).
 * - `POST /push` PushRequest -> PushResponse `{ lastSeq, rev, applied, ignored }`;
 *   400 `hlc_in_future` when a clock is more than 5 minutes ahead of the
 *   server; 413 `record_too_large` for a record over 512 KiB.
 * - `GET /pull?since&limit` -> PullResponse `{ changes, rev, more }`.
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
  .use('*', requireAuth)
  .post('/push', validate('json', PushRequest), async (c) => {
    const { changes } = c.req.valid('json');
    const limit = Date.now() + MAX_CLOCK_SKEW_MS;
    changes.forEach((change, index) => {
      if (hlcMillis(change.hlc) > limit) {
        throw new ApiFailure(
          400,
          'hlc_in_future',
          'A change carries a clock more than 5 minutes ahead of the server.',
          {
            issues: [{ code: 'custom', path: ['changes', index, 'hlc'], message: 'clock too far in the future' }],
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
