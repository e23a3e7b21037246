/**
 * Tokens to revoke: when this browser forgets a session it could not revoke at once
 * (the server was unreachable while logging out, or the user switched to another sync
 * server), the old token and the origin that issued it wait in `browser.storage.local`
 * under `casebook.revoke` (trusted extension contexts only, like the session itself).
 * Every sync attempt (sync/index.ts, `beforeSync`) sends `POST /api/v1/auth/logout`
 * for each; the entry is dropped once the server revoked it or says the token is no
 * longer valid. At most `MAX_PENDING_REVOCATIONS` are kept (oldest dropped first);
 * tokens are never logged.
 */
import * as z from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { ApiError, CasebookApi } from './client';

/** storage.local key of the list. */
export const REVOKE_KEY = 'casebook.revoke';

/** Most tokens kept waiting for revocation. */
export const MAX_PENDING_REVOCATIONS = 20;

/** One token waiting: the server origin that issued it, the token, and when it was queued (ISO 8601 UTC). */
export const PendingRevocation = z.object({
  origin: z.string().check(z.minLength(1), z.maxLength(2048)),
  token: z.string().check(z.minLength(1), z.maxLength(512)),
  queuedAt: z.string(),
});
export type PendingRevocation = z.infer<typeof PendingRevocation>;

const item = storage.defineItem<unknown>(`local:${REVOKE_KEY}`, { fallback: [] });

/** The waiting tokens (unreadable entries are dropped). */
export async function pendingRevocations(): Promise<PendingRevocation[]> {
  const raw = await item.getValue();
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((r) => {
    const parsed = PendingRevocation.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Adds `token` of `origin` to the list (once; the oldest go past `MAX_PENDING_REVOCATIONS`). */
export async function queueRevocation(origin: string, token: string, now: number = Date.now()): Promise<void> {
  const list = (await pendingRevocations()).filter((r) => r.token !== token);
  list.push({ origin, token, queuedAt: new Date(now).toISOString() });
  await item.setValue(list.slice(-MAX_PENDING_REVOCATIONS));
}

/**
 * Revokes `token` on `origin` now (`POST /api/v1/auth/logout`).
 * @returns true when it is gone (revoked, or the server says it is not valid: 401/403/404);
 *   false when it must be tried again (unreachable, 429, 5xx).
 */
export async function revokeToken(origin: string, token: string, fetchImpl?: typeof fetch): Promise<boolean> {
  const api = new CasebookApi({ baseUrl: origin, getToken: async () => token, fetch: fetchImpl });
  try {
    await api.logout();
    return true;
  } catch (err) {
    return err instanceof ApiError && [401, 403, 404].includes(err.status);
  }
}

/**
 * Tries every waiting token once and keeps those that could not be revoked (entries
 * queued meanwhile are kept too).
 * @returns how many were revoked and how many still wait.
 */
export async function flushRevocations(fetchImpl?: typeof fetch): Promise<{ revoked: number; waiting: number }> {
  const list = await pendingRevocations();
  if (list.length === 0) return { revoked: 0, waiting: 0 };
  const done = new Set<string>();
  for (const r of list) if (await revokeToken(r.origin, r.token, fetchImpl)) done.add(r.token);
  const left = (await pendingRevocations()).filter((r) => !done.has(r.token));
  await item.setValue(left);
  return { revoked: done.size, waiting: left.length };
}
