/**
 * Queries on `shares`: read-only capability links to a scoped case. Only the
 * SHA-256 hex of a share's token is stored.
 */
import { all, run } from './d1';
import { findByTokenHash } from './capability';
import type { UserRow } from './users';

/** A `shares` row as stored (`scope` is ShareScope JSON). */
export interface ShareRow {
  id: string;
  user_id: string;
  label: string;
  token_hash: string;
  scope: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  view_count: number;
  last_viewed_at: string | null;
}

/** Stores a new share link. */
export async function insertShare(
  db: D1Database,
  share: {
    id: string;
    userId: string;
    label: string;
    tokenHash: string;
    scope: string;
    createdAt: string;
    expiresAt: string;
  },
): Promise<void> {
  await run(
    db,
    `INSERT INTO shares (id, user_id, label, token_hash, scope, created_at, expires_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
    [share.id, share.userId, share.label, share.tokenHash, share.scope, share.createdAt, share.expiresAt],
  );
}

/** The user's shares, newest first. */
export async function listShares(db: D1Database, userId: string): Promise<ShareRow[]> {
  return all<ShareRow>(db, 'SELECT * FROM shares WHERE user_id = ?1 ORDER BY created_at DESC, id DESC', [userId]);
}

/**
 * Revokes share `id` if it belongs to `userId` (keeping the first revocation
 * time); false when there is no such share of theirs.
 */
export async function revokeShare(db: D1Database, userId: string, id: string, now: string): Promise<boolean> {
  const res = await run(db, 'UPDATE shares SET revoked_at = coalesce(revoked_at, ?3) WHERE id = ?1 AND user_id = ?2', [
    id,
    userId,
    now,
  ]);
  return res.meta.changes > 0;
}

/** A share row with its owner's account row (null when the owner is gone), from one lookup. */
export interface ShareWithOwner {
  share: ShareRow;
  owner: UserRow | null;
}

/** The columns of a `shares` row, in `ShareRow` order. */
const SHARE_COLUMNS = [
  'id',
  'user_id',
  'label',
  'token_hash',
  'scope',
  'created_at',
  'expires_at',
  'revoked_at',
  'view_count',
  'last_viewed_at',
] as const satisfies readonly (keyof ShareRow)[];

/**
 * The share whose token hashes to `tokenHash` (revoked or expired included)
 * and its owner, in one query on the UNIQUE token_hash index; null when none.
 */
export async function findShareByTokenHash(db: D1Database, tokenHash: string): Promise<ShareWithOwner | null> {
  const found = await findByTokenHash<ShareRow>(db, { table: 'shares', alias: 's', columns: SHARE_COLUMNS }, tokenHash);
  return found && { share: found.row, owner: found.owner };
}

/** Counts one view of share `id` at `now`. */
export async function recordShareView(db: D1Database, id: string, now: string): Promise<void> {
  await run(db, 'UPDATE shares SET view_count = view_count + 1, last_viewed_at = ?2 WHERE id = ?1', [id, now]);
}
