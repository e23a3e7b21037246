/**
 * `/unsubscribe/:token` (no auth), the digest's List-Unsubscribe target.
 * - `POST` (RFC 8058 one-click, body `List-Unsubscribe=One-Click`, or the
 *   confirmation form): turns the weekly digest off; 200 page.
 * - `GET`: a confirmation page with a button that POSTs; it changes nothing
 *   itself, since mail scanners follow links.
 * Unknown token: 404 page. Capability-page headers (form-action 'self');
 * rate limited per client IP (IPv6 /64) like the share pages.
 */
import { Hono } from 'hono';
import { findDigestByUnsubscribeTokenHash } from '../db/digests';
import { setDigestEnabled } from '../db/users';
import type { AppEnv } from '../env';
import { sha256Hex } from '../lib/crypto';
import { capabilityPageHeaders } from '../lib/headers';
import { limitByIp } from '../lib/rate-limit';
import { isTokenShaped } from '../lib/urls';
import { Layout, LinkProblemPage, renderDocument } from '../pages/layout';

async function ownerOf(db: D1Database, token: string): Promise<string | null> {
  if (!isTokenShaped(token)) return null;
  return (await findDigestByUnsubscribeTokenHash(db, await sha256Hex(token)))?.user_id ?? null;
}

const unknown = () =>
  renderDocument(<LinkProblemPage title="Link not found" message="This unsubscribe link does not exist." />);

/** Unsubscribe router, mounted at `/unsubscribe`: GET asks, POST (one-click) turns the digest off. */
export const unsubscribe = new Hono<AppEnv>()
  .use('*', capabilityPageHeaders({ formAction: "'self'" }))
  .use('*', limitByIp('RL_SHARE_IP', 'unsubscribe'))
  .get('/:token', async (c) => {
    if (!(await ownerOf(c.env.DB, c.req.param('token')))) return c.html(await unknown(), 404);
    const page = (
      <Layout title="Unsubscribe from the weekly digest">
        <h1>Unsubscribe from the weekly digest?</h1>
        <p>You will stop getting the Casebook weekly e-mail. You can turn it back on in the side panel's settings.</p>
        <form method="post">
          <button type="submit">Unsubscribe</button>
        </form>
      </Layout>
    );
    return c.html(await renderDocument(page));
  })
  .post('/:token', async (c) => {
    const userId = await ownerOf(c.env.DB, c.req.param('token'));
    if (!userId) return c.html(await unknown(), 404);
    await setDigestEnabled(c.env.DB, userId, false);
    const page = (
      <Layout title="Unsubscribed">
        <h1>You are unsubscribed</h1>
        <p>No more weekly digests. Turn them back on any time in the side panel's settings.</p>
      </Layout>
    );
    return c.html(await renderDocument(page));
  });
