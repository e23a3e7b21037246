/**
 * Queries on `testimonial_requests` and `testimonials` (docs/DESIGN.md "Peer
 * testimonials"). Only the SHA-256 hex of a request's token is stored; a
 * peer's e-mail address never is. Every function takes the D1 database first
 * and, except the token lookup, the owner's user id, so one user never
 * reaches another's rows.
 */
import { all, run } from './d1';
import { findByTokenHash } from './capability';
import type { UserRow } from './users';

/** A `testimonial_requests` row as stored (`evidence_ids` is a JSON array of ids). */
export interface TestimonialRequestRow {
  id: string;
  user_id: string;
  token_hash: string;
  peer_name: string;
  evidence_ids: string;
  question: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  emailed_at: string | null;
}

/** A `testimonials` row as stored (`competencies` JSON, `hidden` 0/1). */
export interface TestimonialRow {
  id: string;
  request_id: string;
  user_id: string;
  name: string;
  relationship: string;
  text: string;
  competencies: string;
  created_at: string;
  updated_at: string;
  hidden: number;
}

/** Stores a new request. */
export async function insertTestimonialRequest(db: D1Database, row: TestimonialRequestRow): Promise<void> {
  await run(
    db,
    `INSERT INTO testimonial_requests
         (id, user_id, token_hash, peer_name, evidence_ids, question, created_at, expires_at, revoked_at, emailed_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
    [
      row.id,
      row.user_id,
      row.token_hash,
      row.peer_name,
      row.evidence_ids,
      row.question,
      row.created_at,
      row.expires_at,
      row.revoked_at,
      row.emailed_at,
    ],
  );
}

/** How many requests `userId` had e-mailed at or after `since` (ISO time). */
export async function countEmailedSince(db: D1Database, userId: string, since: string): Promise<number> {
  const row = await db
    .prepare('SELECT count(*) AS n FROM testimonial_requests WHERE user_id = ?1 AND emailed_at >= ?2')
    .bind(userId, since)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Stamps request `id` as e-mailed at `now`. */
export async function markEmailed(db: D1Database, id: string, now: string): Promise<void> {
  await run(db, 'UPDATE testimonial_requests SET emailed_at = ?2 WHERE id = ?1', [id, now]);
}

/** Removes request `id` (used when its e-mail could not be sent, so nothing half-made stays). */
export async function deleteTestimonialRequest(db: D1Database, id: string): Promise<void> {
  await run(db, 'DELETE FROM testimonial_requests WHERE id = ?1', [id]);
}

/** The user's requests, newest first. */
export async function listTestimonialRequests(db: D1Database, userId: string): Promise<TestimonialRequestRow[]> {
  return all<TestimonialRequestRow>(
    db,
    'SELECT * FROM testimonial_requests WHERE user_id = ?1 ORDER BY created_at DESC, id DESC',
    [userId],
  );
}

/** The user's testimonials, newest first. */
export async function listTestimonials(db: D1Database, userId: string): Promise<TestimonialRow[]> {
  return all<TestimonialRow>(db, 'SELECT * FROM testimonials WHERE user_id = ?1 ORDER BY created_at DESC, id DESC', [
    userId,
  ]);
}

/**
 * The user's testimonials that may be shown to others (not hidden), each with
 * its request's `evidence_ids`, newest first. Revoking a request closes its
 * link; an answer already given stays until the user hides it.
 */
export async function listShownTestimonials(
  db: D1Database,
  userId: string,
): Promise<(TestimonialRow & { evidence_ids: string })[]> {
  return all<TestimonialRow & { evidence_ids: string }>(
    db,
    `SELECT t.*, r.evidence_ids FROM testimonials t JOIN testimonial_requests r ON r.id = t.request_id
       WHERE t.user_id = ?1 AND t.hidden = 0
       ORDER BY t.created_at DESC, t.id DESC`,
    [userId],
  );
}

/** Sets `hidden` on testimonial `id` of `userId`; the updated row, or null when it is not theirs. */
export async function setTestimonialHidden(
  db: D1Database,
  userId: string,
  id: string,
  hidden: boolean,
): Promise<TestimonialRow | null> {
  return db
    .prepare('UPDATE testimonials SET hidden = ?3 WHERE id = ?1 AND user_id = ?2 RETURNING *')
    .bind(id, userId, hidden ? 1 : 0)
    .first<TestimonialRow>();
}

/** Revokes request `id` of `userId` (keeping the first time); false when it is not theirs. */
export async function revokeTestimonialRequest(
  db: D1Database,
  userId: string,
  id: string,
  now: string,
): Promise<boolean> {
  const res = await run(
    db,
    'UPDATE testimonial_requests SET revoked_at = coalesce(revoked_at, ?3) WHERE id = ?1 AND user_id = ?2',
    [id, userId, now],
  );
  return res.meta.changes > 0;
}

/** A request found by its token's hash, with its owner and its testimonial (either may be null). */
export interface RequestByToken {
  request: TestimonialRequestRow;
  owner: UserRow | null;
  testimonial: TestimonialRow | null;
}

/** The columns of a `testimonial_requests` row, in `TestimonialRequestRow` order. */
const REQUEST_COLUMNS = [
  'id',
  'user_id',
  'token_hash',
  'peer_name',
  'evidence_ids',
  'question',
  'created_at',
  'expires_at',
  'revoked_at',
  'emailed_at',
] as const satisfies readonly (keyof TestimonialRequestRow)[];

/** The columns of a `testimonials` row read with its request (its request and user ids are the request's). */
const ANSWER_COLUMNS = [
  'id',
  'name',
  'relationship',
  'text',
  'competencies',
  'created_at',
  'updated_at',
  'hidden',
] as const satisfies readonly (keyof TestimonialRow)[];

/**
 * The request whose token hashes to `tokenHash` (revoked or expired
 * included), its owner and its testimonial, in one query on the UNIQUE
 * token_hash index; null when none.
 */
export async function findRequestByTokenHash(db: D1Database, tokenHash: string): Promise<RequestByToken | null> {
  const found = await findByTokenHash<TestimonialRequestRow>(
    db,
    {
      table: 'testimonial_requests',
      alias: 'r',
      columns: REQUEST_COLUMNS,
      join: { sql: 'LEFT JOIN testimonials t ON t.request_id = r.id', alias: 't', columns: ANSWER_COLUMNS },
    },
    tokenHash,
  );
  if (!found) return null;
  const { row: request, owner, joined } = found;
  const testimonial = joined
    ? ({ id: joined.id, request_id: request.id, user_id: request.user_id, ...joined } as unknown as TestimonialRow)
    : null;
  return { request, owner, testimonial };
}

/**
 * The bytes a testimonial counts toward its owner's storage quota: the UTF-8
 * length of its name, relationship, text and competencies JSON.
 */
export function testimonialBytes(t: {
  name: string;
  relationship: string;
  text: string;
  competencies: string;
}): number {
  const encoder = new TextEncoder();
  return [t.name, t.relationship, t.text, t.competencies].reduce((n, s) => n + encoder.encode(s).length, 0);
}

/**
 * Stores the peer's testimonial for `requestId`: inserts it, or, when the
 * request already has one, updates its text fields (keeping id, created_at
 * and hidden), and moves the owner's storage counters by `usage` in the same
 * batch. Answers the stored row.
 */
export async function upsertTestimonial(
  db: D1Database,
  t: {
    id: string;
    requestId: string;
    userId: string;
    name: string;
    relationship: string;
    text: string;
    competencies: string;
    now: string;
    /** Change to the owner's quota counters: +1 record and its bytes when new, the byte difference when edited. */
    usage: { records: number; bytes: number };
  },
): Promise<TestimonialRow> {
  const row = db
    .prepare(
      `INSERT INTO testimonials (id, request_id, user_id, name, relationship, text, competencies, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
       ON CONFLICT (request_id) DO UPDATE SET name = excluded.name, relationship = excluded.relationship,
         text = excluded.text, competencies = excluded.competencies, updated_at = excluded.updated_at
       RETURNING *`,
    )
    .bind(t.id, t.requestId, t.userId, t.name, t.relationship, t.text, t.competencies, t.now);
  // The owner's storage counters (users.usage_records, usage_bytes) move in the same batch.
  const [result] = await db.batch<TestimonialRow>([
    row,
    db
      .prepare('UPDATE users SET usage_records = usage_records + ?2, usage_bytes = usage_bytes + ?3 WHERE id = ?1')
      .bind(t.userId, t.usage.records, t.usage.bytes),
  ]);
  const stored = result?.results[0];
  if (!stored) throw new Error('testimonial row missing after upsert');
  return stored;
}

/** The live evidence records (`id`, `data` JSON) of `userId` among `ids`. */
export async function findEvidenceData(
  db: D1Database,
  userId: string,
  ids: readonly string[],
): Promise<{ id: string; data: string }[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT id, data FROM records
       WHERE user_id = ?1 AND collection = 'evidence' AND deleted = 0 AND data IS NOT NULL
         AND id IN (SELECT value FROM json_each(?2))`,
    )
    .bind(userId, JSON.stringify(ids))
    .all<{ id: string; data: string }>();
  return results;
}
