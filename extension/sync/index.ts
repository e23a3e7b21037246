/**
 * Default wiring of the sync runner for the extension's contexts, and the
 * runtime message the panel uses to ask the background to sync.
 */
import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { db } from '../db/index';
import type { SyncStatus } from '../db/index';
import { deviceStateSchemas } from '../db/device-state';
import { clearSession, getServerOrigin, getSession } from '../api/session';
import { flushRevocations } from '../api/revoke';
import { ServerClock } from './clock';
import { createSyncApi } from './http';
import { SyncRunner } from './runner';

let runner: SyncRunner | null = null;

/**
 * This context's sync runner (made on first use): syncs the default database with
 * the configured server when a session is stored, observing the server's clock in
 * every answer; forgets the session on 401 (nothing to revoke then); first revokes
 * any old tokens still waiting (api/revoke.ts), signed in or not.
 */
export function getSyncRunner(): SyncRunner {
  if (runner) return runner;
  const clock = new ServerClock();
  const api = createSyncApi({
    baseUrl: getServerOrigin,
    getToken: async () => (await getSession())?.token ?? null,
    fetch: clock.wrap((input, init) => globalThis.fetch(input, init)),
  });
  runner = new SyncRunner({
    db,
    getApi: async () => ((await getSession()) ? api : null),
    onUnauthorized: () => clearSession({ revoke: false }),
    clock,
    beforeSync: async () => {
      await flushRevocations();
    },
  });
  return runner;
}

/** Runtime message: "sync now and answer the status". */
export const SyncNowMessage = z.object({ type: z.literal('sync-now') });
export type SyncNowMessage = z.infer<typeof SyncNowMessage>;

/** Answer to `SyncNowMessage`. */
export const SyncNowReply = z.object({ ok: z.literal(true), status: deviceStateSchemas.syncStatus });

/**
 * Asks the background to sync and returns the status it answers; syncs in this
 * context instead when the background cannot be reached.
 */
export async function requestSync(b: typeof browser = browser): Promise<SyncStatus> {
  try {
    const reply = SyncNowReply.safeParse(await b.runtime.sendMessage({ type: 'sync-now' } satisfies SyncNowMessage));
    if (reply.success) return reply.data.status;
  } catch {
    // no background listening (e.g. it is restarting): sync here
  }
  return getSyncRunner().sync();
}
