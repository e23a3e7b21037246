/**
 * `/t/:token` (no auth): the colleague's page behind a testimonial request
 * (docs/DESIGN.md "Peer testimonials"). `GET` shows who asks, the evidence
 * (title, date, role, claim; never private notes) and the form; `POST`
 * (form-encoded `name`, `relationship`, `text`, optional `competencies`, the
 * hidden `version`) stores the one testimonial of the request, or updates it
 * until the link expires, and answers a thank-you page. Text that is too
 * short or only generic praise comes back with the text kept, an explanation
 * and an example (shared/generic-praise.ts). 404 for an unknown or revoked
 * link, 410 for an expired one. Capability-page headers (form-action 'self')
 * on every answer; both methods rate limited per client IP.
 *
 * Resolving a token does the same work whether or not it exists: always
 * hashed, looked up once on the UNIQUE token_hash index, compared in constant
 * time, then classified with no early return in between.
 *
 * Refused forms store nothing: a cross-site `Sec-Fetch-Site` or `Origin` (403), a body over
 * 32 KiB (413), a missing or malformed field (400), an out-of-date `version`
 * from a replayed or stale form (409, the current answer shown), the owner's
 * storage quota reached (507; testimonials count toward it).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ulid } from 'ulid';
import * as z from 'zod/mini';
import { checkSpecificity, SPECIFIC_EXAMPLE } from '../../shared/generic-praise';
import { toCard } from '../../shared/packet';
import { CompetencyId, Evidence } from '../../shared/schemas';
import { TESTIMONIAL_NAME_MAX, TESTIMONIAL_RELATIONSHIP_MAX, TESTIMONIAL_TEXT_MAX } from '../../shared/testimonials';
import {
  findEvidenceData,
  findRequestByTokenHash,
  testimonialBytes,
  upsertTestimonial,
  type RequestByToken,
  type TestimonialRequestRow,
  type TestimonialRow,
} from '../db/testimonials';
import { displayNameOf, type UserRow } from '../db/users';
import type { AppEnv } from '../env';
import { resolveToken } from '../db/capability';
import { capabilityPageHeaders } from '../lib/headers';
import { clientIp, limitByIp, rateLimit } from '../lib/rate-limit';
import { quotaOf } from '../lib/limits';
import { getUsage } from '../db/push-checks';
import { parseStored } from '../lib/parse-stored';
import {
  PeerFormPage,
  PeerProblemPage,
  PeerThanksPage,
  renderPeerDocument,
  type PeerFormValues,
  type PeerPageInput,
} from '../render/peer-page';
import { rubricOf } from '../share/load';
import { parseIdList } from './testimonials';

/** Largest form body accepted (bytes): 2,000 characters of text, escaped, fit many times over. */
export const MAX_FORM_BYTES = 32 * 1024;

/** What a token resolves to: a live request with its owner, or the status of the problem page. */
export type RequestResolution =
  | { ok: true; request: TestimonialRequestRow; owner: UserRow; testimonial: TestimonialRow | null }
  | { ok: false; status: 404 | 410 };

/**
 * Resolves `token` at `now`: 404 when unknown, malformed, revoked or its
 * owner is gone; 410 when expired; else the request, owner and testimonial.
 */
export async function resolveRequestToken(db: D1Database, token: string, now: Date): Promise<RequestResolution> {
  const r = await resolveToken(
    token,
    now,
    (hash): Promise<RequestByToken | null> => findRequestByTokenHash(db, hash),
    (f) => f.request,
  );
  return r.ok ? { ok: true, ...r.found } : r;
}

/** The form as posted: every field a single string (competencies a list), lengths capped. */
const PeerForm = z.object({
  name: z.string().check(z.trim(), z.minLength(1, 'Please give your name.'), z.maxLength(TESTIMONIAL_NAME_MAX)),
  relationship: z
    .string()
    .check(z.trim(), z.minLength(1, 'Please say how you work together.'), z.maxLength(TESTIMONIAL_RELATIONSHIP_MAX)),
  text: z.string().check(z.maxLength(TESTIMONIAL_TEXT_MAX * 2)),
  competencies: z.array(CompetencyId).check(z.maxLength(50)),
  version: z.string().check(z.maxLength(40)),
});

function html(c: Context<AppEnv>, body: string, status: ContentfulStatusCode = 200): Response {
  return c.html(body, status);
}

function problem(c: Context<AppEnv>, status: 403 | 404 | 410 | 400 | 413 | 429 | 507): Response {
  const pages: Record<typeof status, { title: string; message: string }> = {
    404: {
      title: 'Link not found',
      message: 'This link does not exist or was withdrawn. Nothing more is needed from you.',
    },
    410: {
      title: 'This link has expired',
      message: 'The request is past its date. If you still want to answer, ask for a new link.',
    },
    403: {
      title: 'Form refused',
      message:
        'This form was not sent from its own page, so nothing was stored. Open the link again and send it from there.',
    },
    400: {
      title: 'Form not readable',
      message:
        'Something in the form was not as expected, so nothing was stored. Open the link again and send it from there.',
    },
    413: {
      title: 'Too long',
      message:
        'The form was larger than this page accepts, so nothing was stored. Shorten your answer and send it again.',
    },
    507: {
      title: 'Their Casebook is full',
      message:
        'The person who asked has used all the storage their Casebook allows, so your answer could not be stored. Let them know, and try again once they have made room.',
    },
    429: {
      title: 'Too many tries',
      message: 'Too many forms from here in a minute. Wait a minute and send it again; nothing was lost on this page.',
    },
  };
  const page = pages[status];
  return html(c, renderPeerDocument(<PeerProblemPage title={page.title} message={page.message} />), status);
}

/** The form page's input for a live request (evidence loaded in the order it was asked about). */
async function pageInput(
  db: D1Database,
  found: Extract<RequestResolution, { ok: true }>,
  values: PeerFormValues,
  notice?: PeerPageInput['notice'],
): Promise<PeerPageInput> {
  const ids = parseIdList(found.request.evidence_ids);
  const [rows, rubric] = await Promise.all([findEvidenceData(db, found.owner.id, ids), rubricOf(db, found.owner.id)]);
  const { records } = parseStored(
    rows.map((r) => r.data),
    Evidence,
  );
  const byId = new Map(records.map((e) => [e.id, e]));
  const evidence = ids.flatMap((id) => {
    const e = byId.get(id);
    return e ? [toCard(e)] : [];
  });
  return {
    ownerName: displayNameOf(found.owner),
    peerName: found.request.peer_name,
    question: found.request.question,
    evidence,
    competencies: rubric.competencies.map((c) => ({ id: c.id, name: c.name })),
    values,
    version: found.testimonial?.updated_at ?? '',
    expiresAt: found.request.expires_at,
    editing: found.testimonial !== null,
    ...(notice ? { notice } : {}),
  };
}

function storedValues(t: TestimonialRow | null, peerName: string): PeerFormValues {
  if (!t) return { name: peerName, relationship: '', text: '', competencies: [] };
  return { name: t.name, relationship: t.relationship, text: t.text, competencies: parseIdList(t.competencies) };
}

/** A single string from a parsed form field ('' when absent; null when a file or repeated). */
function one(value: unknown): string | null {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : null;
}

/**
 * True when the browser says another site sent the form. `Sec-Fetch-Site`
 * decides when present (only `same-origin` and `none` pass); otherwise a
 * real `Origin` must be this origin. The page's `Referrer-Policy:
 * no-referrer` makes browsers send `Origin: null` for its own form, so `null`
 * alone is not a refusal. Without either header (an old browser, a script)
 * the capability token in the URL is what guards the form.
 */
function crossSite(c: Context<AppEnv>): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = c.req.header('origin');
  return origin !== undefined && origin !== 'null' && origin !== new URL(c.req.url).origin;
}

/** Peer page router, mounted at `/t`. */
export const peer = new Hono<AppEnv>()
  .use('*', capabilityPageHeaders({ formAction: "'self'" }))
  .use('*', limitByIp('RL_SHARE_IP', 'peer'))
  .get('/:token', async (c) => {
    const found = await resolveRequestToken(c.env.DB, c.req.param('token'), new Date());
    if (!found.ok) return problem(c, found.status);
    const input = await pageInput(c.env.DB, found, storedValues(found.testimonial, found.request.peer_name));
    return html(c, renderPeerDocument(<PeerFormPage input={input} />));
  })
  .post(
    '/:token',
    async (c, next) => {
      const ip = clientIp(c);
      if (ip) {
        try {
          await rateLimit(c.env.RL_AUTH_START_IP, `peer-post:ip:${ip}`);
        } catch {
          return problem(c, 429);
        }
      }
      await next();
    },
    bodyLimit({ maxSize: MAX_FORM_BYTES, onError: (c) => problem(c as Context<AppEnv>, 413) }),
    async (c) => {
      if (crossSite(c)) return problem(c, 403);
      const now = new Date();
      const found = await resolveRequestToken(c.env.DB, c.req.param('token'), now);
      if (!found.ok) return problem(c, found.status);
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/x-www-form-urlencoded\b/i.test(type) && !/^multipart\/form-data\b/i.test(type)) {
        return problem(c, 400);
      }
      let body: Record<string, unknown>;
      try {
        body = await c.req.parseBody({ all: true });
      } catch {
        return problem(c, 400);
      }
      const rawCompetencies = body.competencies;
      const competencies =
        rawCompetencies === undefined ? [] : Array.isArray(rawCompetencies) ? rawCompetencies : [rawCompetencies];
      const fields = {
        name: one(body.name),
        relationship: one(body.relationship),
        text: one(body.text),
        competencies,
        // A form from this page always carries it (empty before the first answer).
        version: body.version === undefined ? null : one(body.version),
      };
      const parsed = PeerForm.safeParse(fields);
      if (!parsed.success) {
        // Fields that were readable strings are kept so nothing typed is lost.
        const kept: PeerFormValues = {
          name: fields.name ?? '',
          relationship: fields.relationship ?? '',
          text: fields.text ?? '',
          competencies: [],
        };
        if (typeof fields.name !== 'string' || typeof fields.text !== 'string' || fields.version === null) {
          return problem(c, 400);
        }
        const issue = parsed.error.issues[0];
        const message =
          issue && (issue.path[0] === 'name' || issue.path[0] === 'relationship')
            ? issue.code === 'too_big'
              ? `Please keep your ${issue.path[0] === 'name' ? 'name' : 'relationship'} under 100 characters.`
              : issue.message
            : 'Something in the form was not as expected. Check it and send it again.';
        const input = await pageInput(c.env.DB, found, kept, { message });
        return html(c, renderPeerDocument(<PeerFormPage input={input} />), 400);
      }
      const form = parsed.data;
      const rubric = await rubricOf(c.env.DB, found.owner.id);
      const known = new Set(rubric.competencies.map((x) => x.id));
      const values: PeerFormValues = {
        name: form.name,
        relationship: form.relationship,
        text: form.text,
        competencies: [...new Set(form.competencies)].filter((id) => known.has(id)),
      };
      const current = found.testimonial?.updated_at ?? '';
      if (form.version !== current) {
        const input = await pageInput(c.env.DB, found, values, {
          message:
            'This answer was changed since this page was opened (perhaps in another tab), so nothing was stored. Your words are below: check them and send again.',
        });
        return html(c, renderPeerDocument(<PeerFormPage input={input} />), 409);
      }
      const check = checkSpecificity(form.text);
      if (!check.ok) {
        const input = await pageInput(c.env.DB, found, values, {
          message: check.message,
          ...(check.problem === 'too_long' ? {} : { example: SPECIFIC_EXAMPLE }),
        });
        return html(c, renderPeerDocument(<PeerFormPage input={input} />), 422);
      }
      const answer = {
        name: values.name,
        relationship: values.relationship,
        text: form.text.trim(),
        competencies: JSON.stringify(values.competencies),
      };
      // Testimonials count toward the owner's storage quota (docs/DESIGN.md "Accounts and limits").
      const before = found.testimonial ? testimonialBytes(found.testimonial) : 0;
      const usage = { records: found.testimonial ? 0 : 1, bytes: testimonialBytes(answer) - before };
      const quota = quotaOf(c.env);
      const used = await getUsage(c.env.DB, found.owner.id);
      if (
        (usage.records > 0 && used.records + usage.records > quota.maxRecords) ||
        (usage.bytes > 0 && used.bytes + usage.bytes > quota.maxBytes)
      ) {
        return problem(c, 507);
      }
      const stored = await upsertTestimonial(c.env.DB, {
        id: ulid(),
        requestId: found.request.id,
        userId: found.owner.id,
        ...answer,
        now: now.toISOString(),
        usage,
      });
      return html(
        c,
        renderPeerDocument(
          <PeerThanksPage
            ownerName={displayNameOf(found.owner)}
            text={stored.text}
            expiresAt={found.request.expires_at}
            updated={found.testimonial !== null}
          />,
        ),
      );
    },
  );
