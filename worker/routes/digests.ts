/**
 * `/api/v1/digests` (bearer): the weekly digests.
 * - `GET /` -> DigestListResponse (shared/api-responses.ts) `{ digests: [{ isoWeek, subject, createdAt, sentAt }] }` (sent ones, newest first)
 * - `GET /:isoWeek` -> `{ subject, html, text }`; 404 when none was sent that week
 * - `POST /preview` -> `{ subject, html, text }` for the current ISO week in
 *   the user's time zone; neither sent nor stored.
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { DigestListResponse } from '../../shared/api-responses';
import { IsoWeek, type DigestContent } from '../../shared/schemas';
import { getSentDigest, listSentDigests } from '../db/digests';
import { getUserById } from '../db/users';
import { loadDigestInput } from '../digest/load';
import { localTime } from '../../shared/timezone';
import type { AppEnv } from '../env';
import { requireAuth } from '../lib/auth';
import { ApiFailure, notFound } from '../lib/errors';
import { appUrl } from '../lib/urls';
import { validate } from '../lib/validate';
import { composeDigest } from '../render/digest';

/** Digests router, mounted at `/api/v1/digests` (bearer). */
export const digests = new Hono<AppEnv>()
  .use('*', requireAuth)
  .get('/', async (c) => {
    const rows = await listSentDigests(c.env.DB, c.get('auth').userId);
    const body: DigestListResponse = {
      digests: rows.map((r) => ({
        isoWeek: r.iso_week,
        subject: r.subject,
        createdAt: r.created_at,
        sentAt: r.sent_at,
      })),
    };
    return c.json(body);
  })
  .post('/preview', async (c) => {
    const user = await getUserById(c.env.DB, c.get('auth').userId);
    if (!user) throw new ApiFailure(401, 'unauthorized', 'This account no longer exists.');
    const now = new Date();
    const week = localTime(now, user.timezone).isoWeek;
    // A preview is not stored, so its links carry no working token.
    const input = await loadDigestInput(
      c.env.DB,
      user,
      week,
      {
        viewInBrowser: appUrl(c.env, '/d/preview'),
        unsubscribe: appUrl(c.env, '/unsubscribe/preview'),
        weeklyLog: appUrl(c.env, `/open/weekly-log?week=${week}`),
        followUp: appUrl(c.env, '/open/follow-up'),
      },
      now,
    );
    const body: DigestContent = composeDigest(input);
    return c.json(body);
  })
  .get('/:isoWeek', validate('param', z.object({ isoWeek: IsoWeek })), async (c) => {
    const row = await getSentDigest(c.env.DB, c.get('auth').userId, c.req.valid('param').isoWeek);
    if (!row) notFound('No digest was sent for that week.');
    const body: DigestContent = { subject: row.subject, html: row.html, text: row.text };
    return c.json(body);
  });
