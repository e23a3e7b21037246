/**
 * `/s/:token` (no auth): the read-only case page a manager opens, and
 * `/s/:token/packet.md`, the same as Markdown. 404 for an unknown or revoked
 * token, 410 for an expired one (both small HTML pages). Views are counted
 * without logging the token. Capability-page headers on every answer.
 */
import { Hono, type Context } from 'hono';
import { findShareByTokenHash, recordShareView, type ShareRow } from '../db/shares';
import { getUserById, type UserRow } from '../db/users';
import type { AppEnv } from '../env';
import { sha256Hex } from '../lib/crypto';
import { capabilityPageHeaders } from '../lib/headers';
import { appUrl, isTokenShaped } from '../lib/urls';
import { LinkProblemPage, renderDocument } from '../pages/layout';
import { packetMarkdown } from '../render/packet';
import { renderSharePage } from '../render/share-page';
import { loadShareCase } from '../share/load';

type Found = { ok: true; share: ShareRow; owner: UserRow } | { ok: false; response: Response };

async function problem(c: Context<AppEnv>, status: 404 | 410): Promise<Response> {
  const page =
    status === 410 ? (
      <LinkProblemPage title="This link has expired" message="The share link you opened is past its expiry date." />
    ) : (
      <LinkProblemPage title="Link not found" message="This share link does not exist or has been revoked." />
    );
  return c.html(await renderDocument(page), status);
}

/** Resolves `token` to a live share and its owner, or the 404/410 page. */
async function resolveShare(c: Context<AppEnv>, token: string, now: Date): Promise<Found> {
  if (!isTokenShaped(token)) return { ok: false, response: await problem(c, 404) };
  const share = await findShareByTokenHash(c.env.DB, await sha256Hex(token));
  if (!share || share.revoked_at) return { ok: false, response: await problem(c, 404) };
  if (Date.parse(share.expires_at) <= now.getTime()) return { ok: false, response: await problem(c, 410) };
  const owner = await getUserById(c.env.DB, share.user_id);
  if (!owner) return { ok: false, response: await problem(c, 404) };
  return { ok: true, share, owner };
}

/** Share page router, mounted at `/s`: HTML case page and Markdown packet, 404/410 pages. */
export const publicShare = new Hono<AppEnv>()
  .use('*', capabilityPageHeaders())
  .get('/:token', async (c) => {
    const now = new Date();
    const token = c.req.param('token');
    const found = await resolveShare(c, token, now);
    if (!found.ok) return found.response;
    const input = await loadShareCase(c.env.DB, found.share, found.owner, {
      packetUrl: appUrl(c.env, `/s/${token}/packet.md`),
      now,
    });
    await recordShareView(c.env.DB, found.share.id, now.toISOString());
    return c.html(renderSharePage(input));
  })
  .get('/:token/packet.md', async (c) => {
    const now = new Date();
    const token = c.req.param('token');
    const found = await resolveShare(c, token, now);
    if (!found.ok) return found.response;
    const input = await loadShareCase(c.env.DB, found.share, found.owner, {
      packetUrl: appUrl(c.env, `/s/${token}/packet.md`),
      now,
    });
    const filename = `casebook-${found.share.label.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'packet'}.md`;
    return c.body(packetMarkdown(input), 200, {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `inline; filename="${filename}"`,
    });
  });
