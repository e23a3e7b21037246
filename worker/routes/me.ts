/**
 * `/api/v1/me` (bearer): the account and its server-side settings.
 * Answers are the types of shared/api-responses.ts.
 * - `GET /` -> MeResponse `{ user: { id, email }, settings, usage: { records, bytes, maxRecords, maxBytes } }`
 *   (usage: the account's live records and their UTF-8 bytes against its quota)
 * - `PATCH /settings` AccountSettingsPatch -> SettingsResponse `{ settings }`
 */
import { Hono } from 'hono';
import type { MeResponse, SettingsResponse } from '../../shared/api-responses';
import { AccountSettingsPatch } from '../../shared/schemas';
import { getUsage } from '../db/push-checks';
import { getUserById, toAccountSettings, updateAccountSettings } from '../db/users';
import type { AppEnv } from '../env';
import { requireAuth } from '../lib/auth';
import { ApiFailure } from '../lib/errors';
import { quotaOf } from '../lib/limits';
import { validate } from '../lib/validate';

const gone = () => new ApiFailure(401, 'unauthorized', 'This account no longer exists.');

/** Account router, mounted at `/api/v1/me` (bearer). */
export const me = new Hono<AppEnv>()
  .use('*', requireAuth)
  .get('/', async (c) => {
    const user = await getUserById(c.env.DB, c.get('auth').userId);
    if (!user) throw gone();
    const quota = quotaOf(c.env);
    const usage = await getUsage(c.env.DB, user.id);
    const body: MeResponse = {
      user: { id: user.id, email: user.email },
      settings: toAccountSettings(user),
      usage: { records: usage.records, bytes: usage.bytes, maxRecords: quota.maxRecords, maxBytes: quota.maxBytes },
    };
    return c.json(body);
  })
  .patch('/settings', validate('json', AccountSettingsPatch), async (c) => {
    const user = await updateAccountSettings(c.env.DB, c.get('auth').userId, c.req.valid('json'));
    if (!user) throw gone();
    const body: SettingsResponse = { settings: toAccountSettings(user) };
    return c.json(body);
  });
