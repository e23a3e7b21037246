/**
 * Logging out of this browser: revoke this device's token on the server (now, or on a
 * later sync when the server cannot be reached: ./revoke.ts), forget the session, and,
 * when the user asked for it (a shared computer), remove Casebook's data from this
 * browser: every IndexedDB table and Casebook's other `storage.local` keys (importer
 * tokens, the digest badge schedule), keeping only the sync server setting and the
 * tokens still waiting for revocation.
 */
import { browser } from 'wxt/browser';
import type { CasebookDB } from '../db/index';
import { ApiError, type CasebookApi } from './client';
import { REVOKE_KEY } from './revoke';
import { clearSession, SERVER_KEY } from './session';

/** What `signOut` did with the token. */
export type SignOutResult = { token: 'revoked' | 'queued'; cleared: boolean };

/**
 * Empties every table of `db` (records, outbox, sync state and any table a later
 * version adds) in one transaction.
 */
export async function clearLocalData(db: CasebookDB): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });
}

/** Removes Casebook's `storage.local` keys (`casebook.*`) except the server setting and the revocation list. */
export async function clearLocalSettings(b: typeof browser = browser): Promise<void> {
  const all = await b.storage.local.get(null);
  const keep = new Set([SERVER_KEY, REVOKE_KEY]);
  const drop = Object.keys(all).filter((k) => k.startsWith('casebook.') && !keep.has(k));
  if (drop.length > 0) await b.storage.local.remove(drop);
}

/**
 * Logs this browser out. `api` must still carry the session's token.
 * @param clearData also remove Casebook's data from this browser (unsynced changes are lost:
 *   the caller confirms that with the user first).
 * @throws nothing for an unreachable server (the token is queued instead); rethrows other
 *   API failures only after the session is forgotten and the token queued.
 */
export async function signOut(api: CasebookApi, db: CasebookDB, clearData: boolean): Promise<SignOutResult> {
  let token: SignOutResult['token'] = 'queued';
  let failure: unknown = null;
  try {
    await api.logout();
    token = 'revoked';
  } catch (err) {
    if (err instanceof ApiError && err.status === 401)
      token = 'revoked'; // already invalid
    else if (!(err instanceof ApiError && err.retryable)) failure = err;
  }
  await clearSession({ revoke: token !== 'revoked' });
  if (clearData) {
    await clearLocalData(db);
    await clearLocalSettings();
  }
  if (failure) throw failure;
  return { token, cleared: clearData };
}
