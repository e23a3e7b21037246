/**
 * Queries on `digests`: one row per (user, ISO week). A queue consumer claims
 * the row before sending, so a redelivered message never sends twice; the
 * view-in-browser and unsubscribe tokens are stored as SHA-256 hex.
 */

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
}

/** A claim older than this (ms) whose send never finished may be taken over. */
export const STALE_CLAIM_MS = 15 * 60 * 1000;

/**
 * Claims (user, week) for sending: inserts the row, or takes over a stale
 * unsent claim. True when this caller now owns the send; false when the
 * digest was sent already or another attempt is sending it.
 */
export async function claimDigest(
  db: D1Database,
  claim: { id: string; userId: string; isoWeek: string; claimId: string; now: Date },
): Promise<boolean> {
  const now = claim.now.toISOString();
  const staleBefore = new Date(claim.now.getTime() - STALE_CLAIM_MS).toISOString();
  const res = await db
    .prepare(
      `INSERT INTO digests (id, user_id, iso_week, claim_id, claimed_at, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?5)
       ON CONFLICT (user_id, iso_week) DO UPDATE SET claim_id = excluded.claim_id, claimed_at = excluded.claimed_at
       WHERE digests.sent_at IS NULL AND (digests.claimed_at IS NULL OR digests.claimed_at < ?6)`,
    )
    .bind(claim.id, claim.userId, claim.isoWeek, claim.claimId, now, staleBefore)
    .run();
  return res.meta.changes > 0;
}

/** Gives up an unsent claim (after a failed send) so a retry can claim it again. */
export async function releaseDigestClaim(
  db: D1Database,
  userId: string,
  isoWeek: string,
  claimId: string,
): Promise<void> {
  await db
    .prepare('DELETE FROM digests WHERE user_id = ?1 AND iso_week = ?2 AND claim_id = ?3 AND sent_at IS NULL')
    .bind(userId, isoWeek, claimId)
    .run();
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
  await db
    .prepare(
      `UPDATE digests SET subject = ?4, html = ?5, text = ?6, view_token_hash = ?7, unsubscribe_token_hash = ?8
       WHERE user_id = ?1 AND iso_week = ?2 AND claim_id = ?3`,
    )
    .bind(d.userId, d.isoWeek, d.claimId, d.subject, d.html, d.text, d.viewTokenHash, d.unsubscribeTokenHash)
    .run();
}

/** Marks the claimed digest sent with the mailer's message id. */
export async function markDigestSent(
  db: D1Database,
  d: { userId: string; isoWeek: string; claimId: string; mailId: string; now: string },
): Promise<void> {
  await db
    .prepare(
      'UPDATE digests SET sent_at = ?4, mail_id = ?5, claimed_at = NULL WHERE user_id = ?1 AND iso_week = ?2 AND claim_id = ?3',
    )
    .bind(d.userId, d.isoWeek, d.claimId, d.now, d.mailId)
    .run();
}

/** Which of `pairs` already have a digests row (sent or being sent), as `userId|isoWeek` keys. */
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
