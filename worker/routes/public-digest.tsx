/**
 * `/d/:token` (no auth): a sent digest in the browser (its "view in browser"
 * capability link); 404 page for an unknown token. Capability-page headers.
 */
import { Hono } from 'hono';
import { findDigestByViewTokenHash } from '../db/digests';
import type { AppEnv } from '../env';
import { sha256Hex } from '../lib/crypto';
import { capabilityPageHeaders } from '../lib/headers';
import { isTokenShaped } from '../lib/urls';
import { LinkProblemPage, renderDocument } from '../pages/layout';

/** View-in-browser router, mounted at `/d`: the stored digest HTML or a 404 page. */
export const publicDigest = new Hono<AppEnv>().use('*', capabilityPageHeaders()).get('/:token', async (c) => {
  const token = c.req.param('token');
  const row = isTokenShaped(token) ? await findDigestByViewTokenHash(c.env.DB, await sha256Hex(token)) : null;
  if (!row) {
    const page = <LinkProblemPage title="Digest not found" message="This digest link does not exist." />;
    return c.html(await renderDocument(page), 404);
  }
  return c.html(row.html);
});
