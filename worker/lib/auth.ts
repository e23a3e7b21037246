/**
 * Bearer-token authentication: `Authorization: Bearer <token>`; the token's
 * SHA-256 hex must match a device that is not revoked.
 */
import { createMiddleware } from 'hono/factory';
import { findDeviceByTokenHash, touchDevice } from '../db/devices';
import type { AppEnv } from '../env';
import { sha256Hex } from './crypto';
import { ApiFailure } from './errors';

const BEARER = /^Bearer +([A-Za-z0-9_-]{16,256})$/i;
/** `last_seen_at` is refreshed when older than this (ms). */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

function unauthorized(message: string): ApiFailure {
  return new ApiFailure(401, 'unauthorized', message, { headers: { 'WWW-Authenticate': 'Bearer' } });
}

/**
 * Middleware requiring a valid device token; sets `c.var.auth`
 * (`{ userId, email, deviceId, deviceName }`).
 * @throws ApiFailure 401 `unauthorized` when the header is missing or malformed,
 *   or the token is unknown or its device revoked.
 */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const match = BEARER.exec(c.req.header('authorization') ?? '');
  if (!match) throw unauthorized('Sign in first: missing bearer token.');
  const device = await findDeviceByTokenHash(c.env.DB, await sha256Hex(match[1]!));
  if (!device) throw unauthorized('This token is not valid (signed out or revoked).');
  c.set('auth', {
    userId: device.user_id,
    email: device.email,
    deviceId: device.device_id,
    deviceName: device.device_name,
  });
  const now = Date.now();
  if (!device.last_seen_at || now - Date.parse(device.last_seen_at) > TOUCH_EVERY_MS) {
    await touchDevice(c.env.DB, device.device_id, new Date(now).toISOString());
  }
  await next();
});
