/**
 * Bearer-token authentication: `Authorization: Bearer <token>`; the token's
 * SHA-256 hex must match a device that is not revoked.
 */
import { createMiddleware } from 'hono/factory';
import { findDeviceByTokenHash, revokeDevice, touchDevice } from '../db/devices';
import type { AppEnv } from '../env';
import { sha256Hex } from './crypto';
import { ApiFailure } from './errors';

const BEARER = /^Bearer +([A-Za-z0-9_-]{16,256})$/i;
/** `last_seen_at` is refreshed when older than this (ms). */
const TOUCH_EVERY_MS = 60 * 60 * 1000;
/** A device token unused this long (ms, 90 days) is refused and revoked; the device signs in again. */
export const TOKEN_IDLE_MS = 90 * 24 * 60 * 60 * 1000;

function unauthorized(message: string): ApiFailure {
  return new ApiFailure(401, 'unauthorized', message, { headers: { 'WWW-Authenticate': 'Bearer' } });
}

/**
 * Middleware requiring a valid device token; sets `c.var.auth`
 * (`{ userId, email, deviceId, deviceName }`).
 * Also sets `c.var.device` (the push cursor and the account's usage, read
 * in the same query).
 * @throws ApiFailure 401 `unauthorized` when the header is missing or malformed,
 *   the token is unknown, its device revoked, or it went unused for 90 days
 *   ({@link TOKEN_IDLE_MS}; the device is then revoked).
 */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const match = BEARER.exec(c.req.header('authorization') ?? '');
  if (!match) throw unauthorized('Sign in first: missing bearer token.');
  const device = await findDeviceByTokenHash(c.env.DB, await sha256Hex(match[1]!));
  if (!device) throw unauthorized('This token is not valid (signed out or revoked).');
  const now = Date.now();
  const lastUsed = Date.parse(device.last_seen_at ?? device.created_at);
  if (!(now - lastUsed <= TOKEN_IDLE_MS)) {
    await revokeDevice(c.env.DB, device.user_id, device.device_id);
    throw unauthorized('This token expired after 90 days without use; sign in again.');
  }
  c.set('device', { lastSeq: device.last_seq, usageRecords: device.usage_records, usageBytes: device.usage_bytes });
  c.set('auth', {
    userId: device.user_id,
    email: device.email,
    deviceId: device.device_id,
    deviceName: device.device_name,
  });
  if (!device.last_seen_at || now - Date.parse(device.last_seen_at) > TOUCH_EVERY_MS) {
    await touchDevice(c.env.DB, device.device_id, new Date(now).toISOString());
  }
  await next();
});
