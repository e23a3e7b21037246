/**
 * `/admin` (production operators): `GET /dead-letters` lists digests the
 * queue gave up on, `{ total, items: [{ userId, isoWeek, attempts, lastError,
 * failedAt, deadAt }] }`. Needs `Authorization: Bearer <ADMIN_TOKEN>` (a
 * secret, compared by SHA-256 in constant time); 404 when the secret is not
 * set, 401 for a wrong or missing token. No tokens, addresses or content leave.
 */
import { Hono } from 'hono';
import { listDeadLetters } from '../db/digests';
import type { AppEnv } from '../env';
import { digestsEqual, sha256Hex } from '../lib/crypto';
import { ApiFailure, notFound } from '../lib/errors';

/** Admin router, mounted at `/admin`. */
export const admin = new Hono<AppEnv>()
  .use('*', async (c, next) => {
    const secret = c.env.ADMIN_TOKEN;
    if (!secret) notFound();
    const given = /^Bearer +(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!digestsEqual(await sha256Hex(given), await sha256Hex(secret))) {
      throw new ApiFailure(401, 'unauthorized', 'Admin token required.', { headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    await next();
    c.header('Cache-Control', 'no-store');
  })
  .get('/dead-letters', async (c) => c.json(await listDeadLetters(c.env.DB)));
