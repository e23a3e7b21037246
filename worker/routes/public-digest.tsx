/**
 * `/d/:token` (no auth): a sent digest in the browser (its "view in browser"
 * capability link); 404 page for an unknown token. Capability-page headers on
 * every answer; rate limited per client IP. Like share links, the token is
 * always hashed and looked up once, whatever its shape, and compared in
 * constant time.
 */
import { Hono } from 'hono';
import { findDigestByViewTokenHash } from '../db/digests';
import type { AppEnv } from '../env';
import { digestsEqual, sha256Hex } from '../lib/crypto';
import { capabilityPageHeaders } from '../lib/headers';
import { limitByIp } from '../lib/rate-limit';
import { isTokenShaped } from '../lib/urls';
import { LinkProblemPage, renderDocument } from '../pages/layout';

const NO_MATCH = '0'.repeat(64);

/** View-in-browser router, mounted at `/d`: the stored digest HTML or a 404 page. */
export const publicDigest = new Hono<AppEnv>()
  .use('*', capabilityPageHeaders())
  .use('*', limitByIp('RL_SHARE_IP', 'digest'))
  .get('/:token', async (c) => {
    const token = c.req.param('token');
    const hash = await sha256Hex(token);
    const row = await findDigestByViewTokenHash(c.env.DB, hash);
    const matches = digestsEqual(row?.view_token_hash ?? NO_MATCH, hash);
    if (!row || !matches || !isTokenShaped(token)) {
      const page = <LinkProblemPage title="Digest not found" message="This digest link does not exist." />;
      return c.html(await renderDocument(page), 404);
    }
    return c.html(row.html);
  });
