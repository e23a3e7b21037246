/**
 * Queries on `digests`: one row per (user, ISO week). A queue consumer claims
 * the row before sending, so a redelivered message never sends twice; the
 * view-in-browser and unsubscribe tokens are stored as SHA-256 hex.
 */
import { run } from './d1';

/** A `digests` row as stored. */
export interface DigestRow {
  id: string;
  user_id: string;
  iso_week: string;
  subject: string;
  html: string;
  text: string;
  view_token_hash: string | null;
  unsubscribe_token_hash: string | null;
  claim_id: string | null;
  claimed_at: string | null;
  mail_id: string | null;
  created_at: string;
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
  failed_at: string | null;
  dead_at: string | null;
}

/** A claim older than this (ms) whose send never finished may be taken over. */
export const STALE_CLAIM_MS = 15 * 60 * 1000;

/** Outcome of {@link claimDigest}. */
export type ClaimResult = 'claimed' | 'sent' | 'busy';

/**
 * Claims (user, week) for sending under the table's UNIQUE (user_id,
 * iso_week): inserts the row, or takes over an unsent row that is unclaimed
 * (a failed attempt) or whose claim is stale. `claimed` when this caller now
 * owns the send; `sent` when the digest went out already; `busy` when another
 * attempt holds a fresh claim (it may still be sending, or may have died: try
 * again after {@link STALE_CLAIM_MS}).
 */
export async function claimDigest(
  db: D1Database,
  claim: { id: string; userId: string; isoWeek: string; claimId: string; now: Date },
): Promise<ClaimResult> {
  const now = claim.now.toISOString();
  const staleBefore = new Date(claim.now.getTime() - STALE_CLAIM_MS).toISOString();
  const [, row] = await db.batch<{ claim_id: string | null; sent_at: string | null }>([
    db
      .prepare(
        `INSERT INTO digests (id, user_id, iso_week, claim_id, claimed_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)
         ON CONFLICT (user_id, iso_week) DO UPDATE SET claim_id = excluded.claim_id, claimed_at = excluded.claimed_at
         WHERE digests.sent_at IS NULL AND (digests.claimed_at IS NULL OR digests.claimed_at < ?6)`,
      )
      .bind(claim.id, claim.userId, claim.isoWeek, claim.claimId, now, staleBefore),
    db
      .prepare('SELECT claim_id, sent_at FROM digests WHERE user_id = ?1 AND iso_week = ?2')
      .bind(claim.userId, claim.isoWeek),
  ]);
  const found = row?.results[0];
  if (found?.sent_at) return 'sent';
  return found?.claim_id === claim.claimId ? 'claimed' : 'busy';
}

/** Longest error text kept on a failed digest row (characters). */
export const MAX_ERROR_CHARS = 500;

/**
 * Records a failed send and gives up the claim, keeping the row: the queue's
 * retry can claim it again, while the hourly cron (which skips weeks that have
 * a row) does not enqueue a second message. Counts the attempt and keeps the
 * error text (cut to {@link MAX_ERROR_CHARS}; callers pass messages without
 * secrets). A row already sent is never touched.
 */
export async function recordDigestFailure(
  db: D1Database,
  f: { userId: string; isoWeek: string; claimId: string; error: string; now: string },
): Promise<void> {
  await run(
    db,
    `UPDATE digests SET claim_id = NULL, claimed_at = NULL, attempts = attempts + 1, last_error = ?4, failed_at = ?5
       WHERE user_id = ?1 AND iso_week = ?2 AND claim_id = ?3 AND sent_at IS NULL`,
    [f.userId, f.isoWeek, f.claimId, f.error.slice(0, MAX_ERROR_CHARS), f.now],
  );
}

/**
 * Marks (user, week) dead-lettered at `now` (the queue gave up on it), creating
 * the row when it is missing; a digest already sent is left alone.
 */
export async function markDigestDead(
  db: D1Database,
  d: { id: string; userId: string; isoWeek: string; attempts: number; now: string },
): Promise<void> {
  await run(
    db,
    `INSERT INTO digests (id, user_id, iso_week, created_at, dead_at, attempts, last_error)
       VALUES (?1, ?2, ?3, ?4, ?4, ?5, 'dead-lettered before any recorded attempt')
       ON CONFLICT (user_id, iso_week) DO UPDATE SET dead_at = excluded.dead_at, claim_id = NULL, claimed_at = NULL
       WHERE digests.sent_at IS NULL`,
    [d.id, d.userId, d.isoWeek, d.now, d.attempts],
  );
}

/** One dead-lettered digest, as the dead-letter views list it (no tokens, no content). */
export interface DeadLetter {
  userId: string;
  isoWeek: string;
  attempts: number;
  lastError: string | null;
  failedAt: string | null;
  deadAt: string;
}

/** The newest `limit` dead-lettered digests and how many there are in all. */
export async function listDeadLetters(db: D1Database, limit = 100): Promise<{ total: number; items: DeadLetter[] }> {
  const [count, rows] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT count(*) AS n FROM digests WHERE dead_at IS NOT NULL AND sent_at IS NULL'),
    db
      .prepare(
        `SELECT user_id AS userId, iso_week AS isoWeek, attempts, last_error AS lastError, failed_at AS failedAt,
                dead_at AS deadAt
         FROM digests WHERE dead_at IS NOT NULL AND sent_at IS NULL ORDER BY dead_at DESC LIMIT ?1`,
      )
      .bind(limit),
  ]);
  return {
    total: Number((count?.results[0] as { n?: number } | undefined)?.n ?? 0),
    items: (rows?.results ?? []) as unknown as DeadLetter[],
  };
}

/** Stores the composed digest and its token hashes on the claimed row. */
export async function storeComposedDigest(
  db: D1Database,
  d: {
    userId: string;
    isoWeek: string;
    claimId: string;
    subject: string;
    html: string;
    text: string;
    viewTokenHash: string;
    unsubscribeTokenHash: string;
  },
): Promise<void> {
  await run(
    db,
    `UPDATE digests SET subject = ?4, html = ?5, text = ?6, view_token_hash = ?7, unsubscribe_token_hash = ?8
       WHERE user_id = ?1 AND iso_week = ?2 AND claim_id = ?3`,
    [d.userId, d.isoWeek, d.claimId, d.subject, d.html, d.text, d.viewTokenHash, d.unsubscribeTokenHash],
  );
}

/** Marks the claimed digest sent with the mailer's message id. */
export async function markDigestSent(
  db: D1Database,
  d: { userId: string; isoWeek: string; claimId: string; mailId: string; now: string },
): Promise<void> {
  await run(
    db,
    'UPDATE digests SET sent_at = ?4, mail_id = ?5, claimed_at = NULL WHERE user_id = ?1 AND iso_week = ?2 AND claim_id = ?3',
    [d.userId, d.isoWeek, d.claimId, d.now, d.mailId],
  );
}

/**
 * Which of `pairs` already have a digests row (sent, being sent, failed and
 * being retried, or dead-lettered), as `userId|isoWeek` keys. One query for
 * the whole page (the pairs travel as one JSON parameter).
 */
export async function existingDigestKeys(
  db: D1Database,
  pairs: { userId: string; isoWeek: string }[],
): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const { results } = await db
    .prepare(
      `SELECT d.user_id, d.iso_week FROM digests d
       JOIN json_each(?1) AS p
         ON d.user_id = json_extract(p.value, '$.userId') AND d.iso_week = json_extract(p.value, '$.isoWeek')`,
    )
    .bind(JSON.stringify(pairs))
    .all<{ user_id: string; iso_week: string }>();
  return new Set(results.map((r) => `${r.user_id}|${r.iso_week}`));
}

/** The user's sent digests, newest week first. */
export async function listSentDigests(
  db: D1Database,
  userId: string,
): Promise<Pick<DigestRow, 'iso_week' | 'subject' | 'created_at' | 'sent_at'>[]> {
  const { results } = await db
    .prepare(
      'SELECT iso_week, subject, created_at, sent_at FROM digests WHERE user_id = ?1 AND sent_at IS NOT NULL ORDER BY iso_week DESC',
    )
    .bind(userId)
    .all<Pick<DigestRow, 'iso_week' | 'subject' | 'created_at' | 'sent_at'>>();
  return results;
}

/** The user's sent digest for `isoWeek`, or null. */
export async function getSentDigest(db: D1Database, userId: string, isoWeek: string): Promise<DigestRow | null> {
  return db
    .prepare('SELECT * FROM digests WHERE user_id = ?1 AND iso_week = ?2 AND sent_at IS NOT NULL')
    .bind(userId, isoWeek)
    .first<DigestRow>();
}

/** The sent digest whose view-in-browser token hashes to `tokenHash`, or null. */
export async function findDigestByViewTokenHash(db: D1Database, tokenHash: string): Promise<DigestRow | null> {
  return db
    .prepare('SELECT * FROM digests WHERE view_token_hash = ?1 AND sent_at IS NOT NULL')
    .bind(tokenHash)
    .first<DigestRow>();
}

/** The digest whose unsubscribe token hashes to `tokenHash` (its user id), or null. */
export async function findDigestByUnsubscribeTokenHash(
  db: D1Database,
  tokenHash: string,
): Promise<Pick<DigestRow, 'user_id' | 'iso_week'> | null> {
  return db
    .prepare('SELECT user_id, iso_week FROM digests WHERE unsubscribe_token_hash = ?1')
    .bind(tokenHash)
    .first<Pick<DigestRow, 'user_id' | 'iso_week'>>();
}
