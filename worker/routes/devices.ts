/**
 * `/api/v1/devices` (bearer): the account's signed-in browsers.
 * - `GET /` -> `DeviceListResponse` `{ devices: [{ id, name, createdAt, lastSeenAt, current }] }`
 *   (shared/api-responses.ts)
 * - `DELETE /:id` -> 204 (revokes its token); 404 when not the caller's.
 */
import { Hono } from 'hono';
import type { DeviceListResponse } from '../../shared/api-responses';
import { listDevices, revokeDevice } from '../db/devices';
import type { AppEnv } from '../env';
import { requireAuth } from '../lib/auth';
import { notFound } from '../lib/errors';

/** Devices router, mounted at `/api/v1/devices` (bearer). */
export const devices = new Hono<AppEnv>()
  .use('*', requireAuth)
  .get('/', async (c) => {
    const auth = c.get('auth');
    const rows = await listDevices(c.env.DB, auth.userId);
    const body: DeviceListResponse = {
      devices: rows.map((d) => ({
        id: d.id,
        name: d.name,
        createdAt: d.created_at,
        lastSeenAt: d.last_seen_at,
        current: d.id === auth.deviceId,
      })),
    };
    return c.json(body);
  })
  .delete('/:id', async (c) => {
    if (!(await revokeDevice(c.env.DB, c.get('auth').userId, c.req.param('id')))) notFound('No such device.');
    return c.body(null, 204);
  });
