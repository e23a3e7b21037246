/**
 * Queries on `devices`: per-browser bearer tokens (stored as SHA-256 hex),
 * the push cursor (`last_seq`) and revocation.
 */
import { all, run } from './d1';

/** A `devices` row as stored. */
export interface DeviceRow {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  last_seq: number;
  revoked: number;
  created_at: string;
  last_seen_at: string | null;
}

/** A device joined with its owner's e-mail, as the auth middleware needs it. */
export interface AuthenticatedDevice {
  device_id: string;
  device_name: string;
  user_id: string;
  email: string;
  last_seen_at: string | null;
  created_at: string;
  /** The device's push cursor (sync push reads it to spot renumbered changes). */
  last_seq: number;
  /** The owner's live records and their bytes (sync push checks the quota with them). */
  usage_records: number;
  usage_bytes: number;
}

/** Records a new signed-in device; `tokenHash` is the SHA-256 hex of its bearer token. */
export async function insertDevice(
  db: D1Database,
  device: { id: string; userId: string; name: string; tokenHash: string; now: string },
): Promise<void> {
  await run(
    db,
    'INSERT INTO devices (id, user_id, name, token_hash, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)',
    [device.id, device.userId, device.name, device.tokenHash, device.now],
  );
}

/** The non-revoked device whose token hashes to `tokenHash`, with its user, or null. */
export async function findDeviceByTokenHash(db: D1Database, tokenHash: string): Promise<AuthenticatedDevice | null> {
  return db
    .prepare(
      `SELECT d.id AS device_id, d.name AS device_name, d.user_id, u.email, d.last_seen_at, d.created_at,
              d.last_seq, u.usage_records, u.usage_bytes
       FROM devices d JOIN users u ON u.id = d.user_id
       WHERE d.token_hash = ?1 AND d.revoked = 0`,
    )
    .bind(tokenHash)
    .first<AuthenticatedDevice>();
}

/** Sets `last_seen_at` to `now` (called at most about once an hour per device). */
export async function touchDevice(db: D1Database, deviceId: string, now: string): Promise<void> {
  await run(db, 'UPDATE devices SET last_seen_at = ?2 WHERE id = ?1', [deviceId, now]);
}

/** The user's devices that are not revoked, oldest first. */
export async function listDevices(db: D1Database, userId: string): Promise<DeviceRow[]> {
  return all<DeviceRow>(db, 'SELECT * FROM devices WHERE user_id = ?1 AND revoked = 0 ORDER BY created_at, id', [
    userId,
  ]);
}

/** Revokes device `deviceId` if it belongs to `userId`; false when it does not. */
export async function revokeDevice(db: D1Database, userId: string, deviceId: string): Promise<boolean> {
  const res = await run(db, 'UPDATE devices SET revoked = 1 WHERE id = ?1 AND user_id = ?2', [deviceId, userId]);
  return res.meta.changes > 0;
}
