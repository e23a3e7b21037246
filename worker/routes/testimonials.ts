/**
 * Peer testimonials, the engineer's side (bearer; docs/DESIGN.md "Peer
 * testimonials"). Mounted twice under `/api/v1`:
 * - `testimonialRequests` at `/testimonial-requests`:
 *   `POST /` TestimonialRequestCreate -> 201 `{ id, url, expiresAt, emailed }`
 *   (404 when an evidence item is not the caller's live evidence; 400 past 20
 *   items; 429 past 20 request e-mails a day or the per-account rate limit);
 *   `DELETE /:id` -> 204 revokes (404 when not the caller's).
 * - `testimonials` at `/testimonials`: `GET /` -> `{ testimonials, requests }`;
 *   `PATCH /:id` `{ hidden }` -> `{ testimonial }` (404 when not the caller's).
 * The token is in `url` and nowhere else (only its SHA-256 is stored); a
 * peer's e-mail address is used to send the request and never stored.
 */
import { Hono } from 'hono';
import type { TestimonialResponse } from '../../shared/api-responses';
import { createMiddleware } from 'hono/factory';
import { ulid } from 'ulid';
import {
  requestStatus,
  Testimonial,
  TestimonialPatch,
  TestimonialRequestCreate,
  type TestimonialList,
  type TestimonialRequestCreated,
  type TestimonialRequestSummary,
} from '../../shared/testimonials';
import {
  countEmailedSince,
  findEvidenceData,
  insertTestimonialRequest,
  listTestimonialRequests,
  listTestimonials,
  markEmailed,
  revokeTestimonialRequest,
  setTestimonialHidden,
  type TestimonialRow,
} from '../db/testimonials';
import { getUserById, displayNameOf } from '../db/users';
import type { AppEnv } from '../env';
import { requireAuth } from '../lib/auth';
import { randomToken, sha256Hex } from '../lib/crypto';
import { ApiFailure, notFound } from '../lib/errors';
import { rateLimit } from '../lib/rate-limit';
import { appUrl } from '../lib/urls';
import { validate } from '../lib/validate';
import { mailerFor } from '../mail';
import { testimonialRequestMail } from '../mail/testimonial-request';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Most request e-mails one user may have sent in any 24 hours. */
export const MAX_REQUEST_EMAILS_PER_DAY = 20;

/** A stored JSON array of strings ([] when unreadable). */
export function parseIdList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** The API shape of a stored testimonial (parsed with its schema). */
export function toTestimonial(row: TestimonialRow, evidenceIds: string[]): Testimonial {
  return Testimonial.parse({
    id: row.id,
    requestId: row.request_id,
    evidenceIds,
    name: row.name,
    relationship: row.relationship,
    text: row.text,
    competencies: parseIdList(row.competencies),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    hidden: row.hidden === 1,
  });
}

/**
 * Per-account limit on creating requests (the RL_AUTH_VERIFY binding, 10 a
 * minute, under its own key prefix). Counted before the body is read, so a
 * flood of bad bodies is limited too.
 */
const limitRequests = createMiddleware<AppEnv>(async (c, next) => {
  await rateLimit(c.env.RL_AUTH_VERIFY, `testimonial-request:user:${c.get('auth').userId}`);
  await next();
});

/** `/api/v1/testimonial-requests` (bearer): create and revoke requests. */
export const testimonialRequests = new Hono<AppEnv>()
  .use('*', requireAuth)
  .post('/', limitRequests, validate('json', TestimonialRequestCreate), async (c) => {
    const req = c.req.valid('json');
    const { userId } = c.get('auth');
    const now = new Date();
    const found = await findEvidenceData(c.env.DB, userId, req.evidenceIds);
    if (found.length !== req.evidenceIds.length) {
      notFound('One or more of these evidence items do not exist in your case (or were deleted).');
    }
    if (req.peerEmail) {
      const sent = await countEmailedSince(c.env.DB, userId, new Date(now.getTime() - DAY_MS).toISOString());
      if (sent >= MAX_REQUEST_EMAILS_PER_DAY) {
        throw new ApiFailure(
          429,
          'email_limit',
          `At most ${MAX_REQUEST_EMAILS_PER_DAY} request e-mails a day. Create the link without an e-mail address and send it yourself.`,
          { headers: { 'Retry-After': '3600' } },
        );
      }
    }
    const token = randomToken();
    const id = ulid();
    const expiresAt = new Date(now.getTime() + req.expiresInDays * DAY_MS).toISOString();
    const url = appUrl(c.env, `/t/${token}`);
    await insertTestimonialRequest(c.env.DB, {
      id,
      user_id: userId,
      token_hash: await sha256Hex(token),
      peer_name: req.peerName,
      evidence_ids: JSON.stringify(req.evidenceIds),
      question: req.question ? req.question : null,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
      emailed_at: null,
    });
    let emailed = false;
    if (req.peerEmail) {
      const owner = await getUserById(c.env.DB, userId);
      const mail = await testimonialRequestMail({
        ownerName: owner ? displayNameOf(owner) : 'A colleague',
        peerName: req.peerName,
        items: req.evidenceIds.length,
        question: req.question ? req.question : null,
        url,
        expiresAt,
      });
      try {
        await mailerFor(c.env).send({ to: req.peerEmail, from: c.env.MAIL_FROM, ...mail });
        await markEmailed(c.env.DB, id, now.toISOString());
        emailed = true;
      } catch (err) {
        // The link still works; the panel offers it to copy. Neither the address nor the URL is logged.
        console.error('testimonial request mail failed', err instanceof Error ? err.message : String(err));
      }
    }
    const body: TestimonialRequestCreated = { id, url, expiresAt, emailed };
    return c.json(body, 201);
  })
  .delete('/:id', async (c) => {
    const done = await revokeTestimonialRequest(
      c.env.DB,
      c.get('auth').userId,
      c.req.param('id'),
      new Date().toISOString(),
    );
    if (!done) notFound('No such testimonial request.');
    return c.body(null, 204);
  });

/** `/api/v1/testimonials` (bearer): list, hide and show. */
export const testimonials = new Hono<AppEnv>()
  .use('*', requireAuth)
  .get('/', async (c) => {
    const { userId } = c.get('auth');
    const [requestRows, rows] = await Promise.all([
      listTestimonialRequests(c.env.DB, userId),
      listTestimonials(c.env.DB, userId),
    ]);
    const idsOf = new Map(requestRows.map((r) => [r.id, parseIdList(r.evidence_ids)]));
    const answered = new Set(rows.map((r) => r.request_id));
    const now = Date.now();
    const requests: TestimonialRequestSummary[] = requestRows.map((r) => {
      const summary = {
        id: r.id,
        peerName: r.peer_name,
        evidenceIds: idsOf.get(r.id) ?? [],
        question: r.question,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
        revokedAt: r.revoked_at,
        emailed: r.emailed_at !== null,
      };
      return { ...summary, status: requestStatus(summary, answered.has(r.id), now) };
    });
    const body: TestimonialList = {
      testimonials: rows.map((r) => toTestimonial(r, idsOf.get(r.request_id) ?? [])),
      requests,
    };
    return c.json(body);
  })
  .patch('/:id', validate('json', TestimonialPatch), async (c) => {
    const { userId } = c.get('auth');
    const row = await setTestimonialHidden(c.env.DB, userId, c.req.param('id'), c.req.valid('json').hidden);
    if (!row) notFound('No such testimonial.');
    const request = await c.env.DB.prepare(
      'SELECT evidence_ids FROM testimonial_requests WHERE id = ?1 AND user_id = ?2',
    )
      .bind(row.request_id, userId)
      .first<{ evidence_ids: string }>();
    const body: TestimonialResponse = { testimonial: toTestimonial(row, parseIdList(request?.evidence_ids ?? '[]')) };
    return c.json(body);
  });
