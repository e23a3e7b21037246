/**
 * `/api/v1/shares` (bearer): read-only share links.
 * - `POST /` ShareCreateRequest -> 201 `{ id, url, expiresAt }`; the token is
 *   in `url` and nowhere else (only its SHA-256 is stored).
 * - `GET /` -> `{ shares: ShareSummary[] }`, newest first, never a token.
 * - `DELETE /:id` -> 204; 404 when it is not the caller's.
 */
import { Hono } from 'hono';
import { ulid } from 'ulid';
import type { ShareListResponse } from '../../shared/api-responses';
import { ShareCreateRequest, type ShareScope } from '../../shared/schemas';
import { insertShare, listShares, revokeShare } from '../db/shares';
import type { AppEnv } from '../env';
import { requireAuth } from '../lib/auth';
import { randomToken, sha256Hex } from '../lib/crypto';
import { notFound } from '../lib/errors';
import { appUrl } from '../lib/urls';
import { validate } from '../lib/validate';
import { parseShareScope } from '../share/load';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Share links router, mounted at `/api/v1/shares` (bearer). */
export const shares = new Hono<AppEnv>()
  .use('*', requireAuth)
  .post('/', validate('json', ShareCreateRequest), async (c) => {
    const req = c.req.valid('json');
    const now = new Date();
    const token = randomToken();
    const scope: ShareScope = {};
    if (req.from) scope.from = req.from;
    if (req.to) scope.to = req.to;
    if (req.competencies && req.competencies.length > 0) scope.competencies = req.competencies;
    if (req.includeWeeklyLogs !== undefined) scope.includeWeeklyLogs = req.includeWeeklyLogs;
    const id = ulid();
    const expiresAt = new Date(now.getTime() + req.expiresInDays * DAY_MS).toISOString();
    await insertShare(c.env.DB, {
      id,
      userId: c.get('auth').userId,
      label: req.label,
      tokenHash: await sha256Hex(token),
      scope: JSON.stringify(scope),
      createdAt: now.toISOString(),
      expiresAt,
    });
    return c.json({ id, url: appUrl(c.env, `/s/${token}`), expiresAt }, 201);
  })
  .get('/', async (c) => {
    const rows = await listShares(c.env.DB, c.get('auth').userId);
    const body: ShareListResponse = {
      shares: rows.map((r) => ({
        id: r.id,
        label: r.label,
        scope: parseShareScope(r.scope),
        createdAt: r.created_at,
        expiresAt: r.expires_at,
        revokedAt: r.revoked_at,
        viewCount: r.view_count,
        lastViewedAt: r.last_viewed_at,
      })),
    };
    return c.json(body);
  })
  .delete('/:id', async (c) => {
    const done = await revokeShare(c.env.DB, c.get('auth').userId, c.req.param('id'), new Date().toISOString());
    if (!done) notFound('No such share.');
    return c.body(null, 204);
  });
