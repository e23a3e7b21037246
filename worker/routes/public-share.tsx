/**
 * `/s/:token` (no auth): the read-only case page a manager opens, and
 * `/s/:token/packet.md`, the same as Markdown (`?format=google|amazon|meta`
 * for a company framing, `&words=N` for the Meta-style word budget, 100 to
 * 20,000; anything else falls back to the default packet). 404 for an unknown or revoked
 * token, 410 for an expired one (both small HTML pages). Capability-page
 * headers on every answer, errors included; rate limited per client IP.
 *
 * Resolving a token does the same work whether or not it exists: it is
 * always hashed (whatever its shape), looked up once on the UNIQUE
 * token_hash index together with its owner, compared in constant time, and
 * only then classified, with no early return in between. Views are counted
 * by share id, for GET requests not made by a link unfurler
 * (worker/lib/unfurlers.ts); the token itself is never logged or stored.
 */
import { Hono, type Context } from 'hono';
import { findShareByTokenHash, recordShareView, type ShareRow } from '../db/shares';
import type { UserRow } from '../db/users';
import type { AppEnv } from '../env';
import { resolveToken } from '../db/capability';
import { capabilityPageHeaders } from '../lib/headers';
import { limitByIp } from '../lib/rate-limit';
import { isLinkUnfurler } from '../lib/unfurlers';
import { appUrl } from '../lib/urls';
import { LinkProblemPage, renderDocument } from '../pages/layout';
import { packetMarkdown } from '../render/packet';
import { parsePacketFormat } from '../../shared/packets/index';
import { renderSharePage } from '../render/share-page';
import type { ShareCaseInput } from '../render/types';
import { loadShareCase } from '../share/load';

/** What a token resolves to: a live share and its owner, or the status of the problem page. */
export type ShareResolution = { ok: true; share: ShareRow; owner: UserRow } | { ok: false; status: 404 | 410 };

/**
 * Resolves `token` at `now`: 404 when unknown, malformed, revoked or its
 * owner is gone; 410 when expired; else the share and its owner.
 */
export async function resolveShareToken(db: D1Database, token: string, now: Date): Promise<ShareResolution> {
  const r = await resolveToken(
    token,
    now,
    (hash) => findShareByTokenHash(db, hash),
    (f) => f.share,
  );
  return r.ok ? { ok: true, share: r.found.share, owner: r.found.owner } : r;
}

async function problem(c: Context<AppEnv>, status: 404 | 410): Promise<Response> {
  const page =
    status === 410 ? (
      <LinkProblemPage title="This link has expired" message="The share link you opened is past its expiry date." />
    ) : (
      <LinkProblemPage title="Link not found" message="This share link does not exist or has been revoked." />
    );
  return c.html(await renderDocument(page), status);
}

/**
 * The share behind the request's `:token` at `now` and its case as the page
 * and the packet render it; or the status of the problem page.
 */
async function openShare(
  c: Context<AppEnv>,
  now: Date,
): Promise<{ ok: true; share: ShareRow; input: ShareCaseInput } | { ok: false; status: 404 | 410 }> {
  const token = c.req.param('token') ?? '';
  const found = await resolveShareToken(c.env.DB, token, now);
  if (!found.ok) return found;
  const input = await loadShareCase(c.env.DB, found.share, found.owner, {
    packetUrl: appUrl(c.env, `/s/${token}/packet.md`),
    now,
  });
  return { ok: true, share: found.share, input };
}

/** Share page router, mounted at `/s`: HTML case page and Markdown packet, 404/410 pages. */
export const publicShare = new Hono<AppEnv>()
  .use('*', capabilityPageHeaders())
  .use('*', limitByIp('RL_SHARE_IP', 'share'))
  .get('/:token', async (c) => {
    const now = new Date();
    const found = await openShare(c, now);
    if (!found.ok) return problem(c, found.status);
    const { share, input } = found;
    // A view is a person's GET: HEAD (answered by this handler too) and link unfurlers do not count.
    if (c.req.method === 'GET' && !isLinkUnfurler(c.req.header('user-agent'))) {
      await recordShareView(c.env.DB, share.id, now.toISOString());
    }
    return c.html(renderSharePage(input));
  })
  .get('/:token/packet.md', async (c) => {
    const found = await openShare(c, new Date());
    if (!found.ok) return problem(c, found.status);
    const { share, input } = found;
    const format = parsePacketFormat(c.req.query('format'));
    const words = Number(c.req.query('words'));
    const wordBudget = Number.isInteger(words) && words >= 100 && words <= 20000 ? words : undefined;
    const suffix = format === 'senior' ? '' : `-${format}`;
    const filename = `casebook-${share.label.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'packet'}${suffix}.md`;
    return c.body(packetMarkdown(input, format, { wordBudget }), 200, {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `inline; filename="${filename}"`,
    });
  });
