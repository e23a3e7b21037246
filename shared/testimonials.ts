/**
 * Peer testimonials (docs/DESIGN.md "Peer testimonials"): the wire schemas of
 * `/api/v1/testimonial-requests`, `/api/v1/testimonials` and the peer's form
 * at `/t/:token`, and the pure helpers the panel, the share page and the
 * packet use to show them. A testimonial belongs to the engineer's account on
 * the server; the panel caches it for offline viewing. Pure: no DOM, no
 * Workers API.
 */
import * as z from 'zod/mini';
import { TESTIMONIAL_TEXT_MAX } from './generic-praise';
import { CompetencyId, IsoDateTime, Ulid } from './schemas';

export { TESTIMONIAL_TEXT_MAX, TESTIMONIAL_TEXT_MIN } from './generic-praise';

/** Most evidence items one request may ask about. */
export const TESTIMONIAL_MAX_EVIDENCE = 20;
/** Most characters of a peer's name and of their relationship. */
export const TESTIMONIAL_NAME_MAX = 100;
export const TESTIMONIAL_RELATIONSHIP_MAX = 100;
/** Most characters of the engineer's own question. */
export const TESTIMONIAL_QUESTION_MAX = 500;
/** The one question the peer answers. */
export const TESTIMONIAL_QUESTION = 'What did you see them do, and what changed because of it?';

/**
 * `POST /api/v1/testimonial-requests` body: `peerName` (1 to 100), `peerEmail`
 * (optional: used once to send the request, never stored), `evidenceIds` (1 to
 * 20 of the caller's evidence ids, no duplicates), `question` (optional, up to
 * 500), `expiresInDays` (1 to 60, default 14).
 */
export const TestimonialRequestCreate = z.strictObject({
  peerName: z.string().check(z.trim(), z.minLength(1), z.maxLength(TESTIMONIAL_NAME_MAX)),
  peerEmail: z.optional(z.email().check(z.maxLength(254))),
  evidenceIds: z.array(Ulid).check(
    z.minLength(1),
    z.maxLength(TESTIMONIAL_MAX_EVIDENCE),
    z.refine((ids) => new Set(ids).size === ids.length, 'evidence ids must not repeat'),
  ),
  question: z.optional(z.string().check(z.trim(), z.maxLength(TESTIMONIAL_QUESTION_MAX))),
  expiresInDays: z._default(z.int().check(z.gte(1), z.lte(60)), 14),
});
export type TestimonialRequestCreate = z.infer<typeof TestimonialRequestCreate>;

/** `POST /api/v1/testimonial-requests` answer (201): the link holds the only copy of its token. */
export const TestimonialRequestCreated = z.object({
  id: z.string(),
  url: z.url(),
  expiresAt: IsoDateTime,
  /** True when the request was e-mailed to `peerEmail`. */
  emailed: z.optional(z.boolean()),
});
export type TestimonialRequestCreated = z.infer<typeof TestimonialRequestCreated>;

/** One testimonial as `GET /api/v1/testimonials` lists it (and the panel caches it). */
export const Testimonial = z.object({
  id: z.string(),
  requestId: z.string(),
  evidenceIds: z.array(z.string()).check(z.maxLength(TESTIMONIAL_MAX_EVIDENCE)),
  name: z.string().check(z.maxLength(TESTIMONIAL_NAME_MAX)),
  relationship: z.string().check(z.maxLength(TESTIMONIAL_RELATIONSHIP_MAX)),
  text: z.string().check(z.maxLength(TESTIMONIAL_TEXT_MAX)),
  competencies: z.array(CompetencyId).check(z.maxLength(50)),
  createdAt: IsoDateTime,
  /** ISO time of the peer's last edit (absent from servers that predate edits). */
  updatedAt: z.optional(IsoDateTime),
  hidden: z.boolean(),
});
export type Testimonial = z.infer<typeof Testimonial>;

/** Where a request stands: no answer yet, answered, past its expiry, or revoked. */
export const TestimonialRequestStatus = z.enum(['waiting', 'answered', 'expired', 'revoked']);
export type TestimonialRequestStatus = z.infer<typeof TestimonialRequestStatus>;

/** One request as `GET /api/v1/testimonials` lists it beside the testimonials (never a token or an e-mail). */
export const TestimonialRequestSummary = z.object({
  id: z.string(),
  peerName: z.string(),
  evidenceIds: z.array(z.string()),
  question: z.nullable(z.string()),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  revokedAt: z.nullable(IsoDateTime),
  emailed: z.boolean(),
  status: TestimonialRequestStatus,
});
export type TestimonialRequestSummary = z.infer<typeof TestimonialRequestSummary>;

/**
 * `GET /api/v1/testimonials` answer: `testimonials` (the contract) and, added
 * for the panel's list, `requests` (every request of the caller, newest first).
 */
export const TestimonialList = z.object({
  testimonials: z.array(Testimonial),
  requests: z.optional(z.array(TestimonialRequestSummary)),
});
export type TestimonialList = z.infer<typeof TestimonialList>;

/** `PATCH /api/v1/testimonials/:id` body. */
export const TestimonialPatch = z.strictObject({ hidden: z.boolean() });

/** Status of a request with `expiresAt`, `revokedAt` and whether it has a testimonial, at `now` (ms). */
export function requestStatus(
  r: { expiresAt: string; revokedAt: string | null },
  answered: boolean,
  now: number,
): TestimonialRequestStatus {
  if (r.revokedAt) return 'revoked';
  if (answered) return 'answered';
  return Date.parse(r.expiresAt) <= now ? 'expired' : 'waiting';
}

/** A testimonial as a share page or packet quotes it: only shown ones reach here. */
export type PeerQuote = Pick<Testimonial, 'id' | 'evidenceIds' | 'name' | 'relationship' | 'text' | 'competencies'>;

/** The shown testimonials of `list` (hidden ones dropped), newest first. */
export function shownTestimonials<T extends Pick<Testimonial, 'hidden' | 'createdAt'>>(list: readonly T[]): T[] {
  return list.filter((t) => !t.hidden).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
}

/** Shown quotes by evidence id (a quote about three items appears under each of them). */
export function quotesByEvidence<T extends Pick<PeerQuote, 'evidenceIds'>>(quotes: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const q of quotes) {
    for (const id of q.evidenceIds) {
      const list = map.get(id) ?? [];
      list.push(q);
      map.set(id, list);
    }
  }
  return map;
}

/** "Sam Lee, staff engineer on Payments" (the relationship left out when empty). */
export function attribution(q: Pick<PeerQuote, 'name' | 'relationship'>): string {
  return q.relationship.trim() ? `${q.name}, ${q.relationship}` : q.name;
}

/**
 * The calibration question "What do their peers say?": the shown quotes, and
 * the competencies (of `competencyIds`, in order) that have evidence but no
 * peer voice: no shown testimonial names the competency or is about an item
 * tagged with it. `evidence` is the case's items with their competency ids in
 * the active rubric.
 */
export function peerVoice(
  evidence: readonly { id: string; competencies: readonly string[] }[],
  quotes: readonly PeerQuote[],
  competencyIds: readonly string[],
): { quotes: PeerQuote[]; withoutPeerVoice: string[] } {
  const voiced = new Set<string>();
  const byId = new Map(evidence.map((e) => [e.id, e.competencies]));
  for (const q of quotes) {
    for (const c of q.competencies) voiced.add(c);
    for (const id of q.evidenceIds) for (const c of byId.get(id) ?? []) voiced.add(c);
  }
  const withEvidence = new Set(evidence.flatMap((e) => e.competencies));
  return {
    quotes: [...quotes],
    withoutPeerVoice: competencyIds.filter((c) => withEvidence.has(c) && !voiced.has(c)),
  };
}
