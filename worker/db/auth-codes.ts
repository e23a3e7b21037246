/**
 * Queries on `auth_codes`: e-mailed one-time sign-in codes, stored as
 * SHA-256 hex of `email:code`, valid 15 minutes, single use, 5 attempts.
 * Each code remembers its requester (IPv4 address or IPv6 /64, see
 * worker/lib/rate-limit.ts `requesterOf`) so that caps count per address AND
 * requester, and a code nobody has tried is never invalidated by someone
 * else asking for another (docs/SECURITY.md, "Sign-in").
 */
import { all, run } from './d1';

/** How long a code is valid, in milliseconds. */
export const CODE_TTL_MS = 15 * 60 * 1000;
/** Wrong or right guesses allowed per code. */
export const MAX_CODE_ATTEMPTS = 5;
/** Live (unused, unexpired, not out of attempts) codes one address may have at once. */
export const MAX_LIVE_CODES = 3;

/** A live code as verify compares it. */
export interface LiveCode {
  id: number;
  code_hash: string;
  requester: string;
  created_at: string;
  expires_at: string;
}

const LIVE = 'email = ?1 AND used = 0 AND expires_at > ?2 AND attempts < ' + MAX_CODE_ATTEMPTS;

/** The live codes of `email` at `now` (ISO), oldest first. */
export async function liveCodes(db: D1Database, email: string, now: string): Promise<LiveCode[]> {
  return all<LiveCode>(
    db,
    `SELECT id, code_hash, requester, created_at, expires_at FROM auth_codes WHERE ${LIVE} ORDER BY id`,
    [email, now],
  );
}

/**
 * Stores a new code for `email` asked for by `requester`. Earlier codes of
 * the same address and requester that were already tried are invalidated;
 * `evictId`, when given, is a live code to retire to stay within
 * {@link MAX_LIVE_CODES} (chosen by routes/auth.ts `evictionFor`). No other
 * untried code is touched.
 */
export async function insertAuthCode(
  db: D1Database,
  code: { email: string; codeHash: string; requester: string; now: Date; evictId?: number },
): Promise<void> {
  const now = code.now.toISOString();
  const expires = new Date(code.now.getTime() + CODE_TTL_MS).toISOString();
  await db.batch([
    db
      .prepare(
        'UPDATE auth_codes SET used = 1 WHERE email = ?1 AND used = 0 AND ((requester = ?2 AND attempts > 0) OR id = ?3)',
      )
      .bind(code.email, code.requester, code.evictId ?? -1),
    db
      .prepare(
        'INSERT INTO auth_codes (email, code_hash, expires_at, created_at, requester) VALUES (?1, ?2, ?3, ?4, ?5)',
      )
      .bind(code.email, code.codeHash, expires, now, code.requester),
  ]);
}

/** Codes issued for `email` to `requester` since `since` (ISO time), and the newest one's time. */
export async function recentCodeCount(
  db: D1Database,
  email: string,
  requester: string,
  since: string,
): Promise<{ count: number; newest: string | null }> {
  const row = await db
    .prepare(
      `SELECT count(*) AS count, max(created_at) AS newest FROM auth_codes
       WHERE email = ?1 AND requester = ?2 AND created_at > ?3`,
    )
    .bind(email, requester, since)
    .first<{ count: number; newest: string | null }>();
  return row ?? { count: 0, newest: null };
}

/**
 * Spends one attempt on every live code of `email` at `now` and returns them
 * (id and hash), oldest first; empty when there is none. Attempts are counted
 * before the caller compares hashes, so concurrent guesses cannot exceed them.
 */
export async function takeCodeAttempts(
  db: D1Database,
  email: string,
  now: string,
): Promise<{ id: number; code_hash: string }[]> {
  const { results } = await db
    .prepare(`UPDATE auth_codes SET attempts = attempts + 1 WHERE ${LIVE} RETURNING id, code_hash`)
    .bind(email, now)
    .all<{ id: number; code_hash: string }>();
  return results.sort((a, b) => a.id - b.id);
}

/**
 * Marks code `id` used and retires the address's other unused codes (the
 * sign-in happened); false when `id` was already used (a concurrent verify won).
 */
export async function markCodeUsed(db: D1Database, email: string, id: number): Promise<boolean> {
  const [mine] = await db.batch([
    db.prepare('UPDATE auth_codes SET used = 1 WHERE id = ?1 AND used = 0').bind(id),
    db.prepare('UPDATE auth_codes SET used = 1 WHERE email = ?1 AND used = 0').bind(email),
  ]);
  return (mine?.meta.changes ?? 0) > 0;
}

/** Deletes codes that expired before `before` (ISO); returns how many. */
export async function deleteExpiredCodes(db: D1Database, before: string): Promise<number> {
  const res = await run(db, 'DELETE FROM auth_codes WHERE expires_at < ?1', [before]);
  return res.meta.changes;
}
