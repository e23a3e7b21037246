/**
 * Queries on `auth_codes`: e-mailed one-time sign-in codes, stored as
 * SHA-256 hex of `email:code`, valid 15 minutes, single use, 5 attempts.
 */

/** How long a code is valid, in milliseconds. */
export const CODE_TTL_MS = 15 * 60 * 1000;
/** Wrong or right guesses allowed per code. */
export const MAX_CODE_ATTEMPTS = 5;

/**
 * Stores a new code for `email` and invalidates the email's earlier unused
 * codes (only the newest code can be used), in one transaction.
 */
export async function insertAuthCode(
  db: D1Database,
  code: { email: string; codeHash: string; now: Date },
): Promise<void> {
  const now = code.now.toISOString();
  const expires = new Date(code.now.getTime() + CODE_TTL_MS).toISOString();
  await db.batch([
    db.prepare('UPDATE auth_codes SET used = 1 WHERE email = ?1 AND used = 0').bind(code.email),
    db
      .prepare('INSERT INTO auth_codes (email, code_hash, expires_at, created_at) VALUES (?1, ?2, ?3, ?4)')
      .bind(code.email, code.codeHash, expires, now),
  ]);
}

/** Codes issued for `email` since `since` (ISO time), and the oldest one's time. */
export async function recentCodeCount(
  db: D1Database,
  email: string,
  since: string,
): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .prepare('SELECT count(*) AS count, min(created_at) AS oldest FROM auth_codes WHERE email = ?1 AND created_at > ?2')
    .bind(email, since)
    .first<{ count: number; oldest: string | null }>();
  return row ?? { count: 0, oldest: null };
}

/**
 * Spends one attempt on the newest live code of `email` (unused, unexpired,
 * fewer than 5 attempts) and returns its id and hash, or null when there is
 * no such code. The attempt is counted before the caller compares hashes.
 */
export async function takeCodeAttempt(
  db: D1Database,
  email: string,
  now: string,
): Promise<{ id: number; code_hash: string } | null> {
  return db
    .prepare(
      `UPDATE auth_codes SET attempts = attempts + 1
       WHERE id = (SELECT id FROM auth_codes WHERE email = ?1 AND used = 0 AND expires_at > ?2 ORDER BY id DESC LIMIT 1)
         AND attempts < ?3
       RETURNING id, code_hash`,
    )
    .bind(email, now, MAX_CODE_ATTEMPTS)
    .first<{ id: number; code_hash: string }>();
}

/** Marks code `id` used; false when it was already used (a concurrent verify won). */
export async function markCodeUsed(db: D1Database, id: number): Promise<boolean> {
  const res = await db.prepare('UPDATE auth_codes SET used = 1 WHERE id = ?1 AND used = 0').bind(id).run();
  return res.meta.changes > 0;
}
