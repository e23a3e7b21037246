/**
 * Queries on `users`: accounts, their server-side settings and the sync
 * revision counter. Every function takes the D1 database first.
 */
import { all, run } from './d1';
import type { AccountSettings } from '../../shared/schemas';

/** A `users` row as stored (booleans as 0/1). */
export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  timezone: string;
  digest_day: number;
  digest_hour: number;
  digest_enabled: number;
  rev: number;
  created_at: string;
}

/** The account settings (`AccountSettings` shape) of a row. */
export function toAccountSettings(row: UserRow): AccountSettings {
  return {
    displayName: row.display_name,
    timezone: row.timezone,
    digestDay: row.digest_day,
    digestHour: row.digest_hour,
    digestEnabled: row.digest_enabled === 1,
  };
}

/** Name shown to others: the display name, or the e-mail's local part. */
export function displayNameOf(row: Pick<UserRow, 'display_name' | 'email'>): string {
  return row.display_name.trim() || row.email.split('@')[0] || row.email;
}

/** The user with `id`, or null. */
export async function getUserById(db: D1Database, id: string): Promise<UserRow | null> {
  return db.prepare('SELECT * FROM users WHERE id = ?1').bind(id).first<UserRow>();
}

/**
 * The user with `email` (normalised, lower-case), created with default
 * settings when absent. Safe under concurrent calls (UNIQUE email).
 */
export async function ensureUser(db: D1Database, email: string, newId: string, now: string): Promise<UserRow> {
  const [, found] = await db.batch<UserRow>([
    db
      .prepare('INSERT INTO users (id, email, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (email) DO NOTHING')
      .bind(newId, email, now),
    db.prepare('SELECT * FROM users WHERE email = ?1').bind(email),
  ]);
  const row = found?.results[0];
  if (!row) throw new Error('user row missing after insert');
  return row;
}

/** Applies a partial settings change; returns the updated row (null when the user is gone). */
export async function updateAccountSettings(
  db: D1Database,
  userId: string,
  patch: Partial<AccountSettings>,
): Promise<UserRow | null> {
  const columns: [string, string | number][] = [];
  if (patch.displayName !== undefined) columns.push(['display_name', patch.displayName]);
  if (patch.timezone !== undefined) columns.push(['timezone', patch.timezone]);
  if (patch.digestDay !== undefined) columns.push(['digest_day', patch.digestDay]);
  if (patch.digestHour !== undefined) columns.push(['digest_hour', patch.digestHour]);
  if (patch.digestEnabled !== undefined) columns.push(['digest_enabled', patch.digestEnabled ? 1 : 0]);
  if (columns.length === 0) return getUserById(db, userId);
  const set = columns.map(([name], i) => `${name} = ?${i + 2}`).join(', ');
  return db
    .prepare(`UPDATE users SET ${set} WHERE id = ?1 RETURNING *`)
    .bind(userId, ...columns.map(([, value]) => value))
    .first<UserRow>();
}

/** Turns the weekly digest on or off for `userId`. */
export async function setDigestEnabled(db: D1Database, userId: string, enabled: boolean): Promise<void> {
  await run(db, 'UPDATE users SET digest_enabled = ?2 WHERE id = ?1', [userId, enabled ? 1 : 0]);
}

/** What the digest scheduler needs about a user. */
export type DigestScheduleRow = Pick<UserRow, 'id' | 'timezone' | 'digest_day' | 'digest_hour'>;

/**
 * One page of users with the digest enabled, ordered by id, after `afterId`
 * (keyset pagination; pass '' for the first page).
 */
export async function listDigestUsers(db: D1Database, afterId: string, limit: number): Promise<DigestScheduleRow[]> {
  return all<DigestScheduleRow>(
    db,
    'SELECT id, timezone, digest_day, digest_hour FROM users WHERE digest_enabled = 1 AND id > ?1 ORDER BY id LIMIT ?2',
    [afterId, limit],
  );
}
