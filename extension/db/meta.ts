/**
 * Typed access to the `meta` table. Every value read back is parsed with its
 * schema; an unreadable value is reported and treated as absent (the caller's
 * default applies), never thrown at the user.
 */
import * as z from 'zod/mini';
import { ulid } from 'ulid';
import type { CasebookDB, MetaValues, SyncStatus } from './index';

const nonNegativeInt = z.int().check(z.nonnegative());

/** Schemas of the values stored under each meta key. */
export const metaSchemas = {
  deviceId: z.string().check(z.regex(/^[0-9A-Za-z]{1,64}$/)),
  hlc: z.object({ millis: nonNegativeInt, counter: z.int().check(z.gte(0), z.lte(0xffff)) }),
  rev: nonNegativeInt,
  lastSeq: nonNegativeInt,
  seqOffset: nonNegativeInt,
  clockOffset: z.int(),
  syncStatus: z.object({
    lastSyncedAt: z.nullable(z.string()),
    lastAttemptAt: z.nullable(z.string()),
    pending: nonNegativeInt,
    lastError: z.nullable(z.string()),
    lastErrorCode: z.nullable(z.string()),
    failures: nonNegativeInt,
    nextRetryAt: z.nullable(z.string()),
    skipped: z.array(z.object({ collection: z.string(), id: z.string(), reason: z.string() })),
  }),
  account: z.object({ userId: z.string().check(z.minLength(1)), email: z.string().check(z.minLength(1)) }),
} satisfies { [K in keyof MetaValues]: z.ZodMiniType<MetaValues[K]> };

/** Status before the first sync attempt. */
export const INITIAL_SYNC_STATUS: SyncStatus = {
  lastSyncedAt: null,
  lastAttemptAt: null,
  pending: 0,
  lastError: null,
  lastErrorCode: null,
  failures: 0,
  nextRetryAt: null,
  skipped: [],
};

/**
 * Reads meta value `key`, or `undefined` when absent or unreadable.
 * Works inside or outside a transaction that includes `db.meta`.
 */
export async function getMeta<K extends keyof MetaValues>(db: CasebookDB, key: K): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  if (!row) return undefined;
  const parsed = metaSchemas[key].safeParse(row.value);
  if (!parsed.success) {
    console.warn(`casebook: ignoring unreadable meta value ${key}: ${z.prettifyError(parsed.error)}`);
    return undefined;
  }
  return parsed.data as MetaValues[K];
}

/** Writes meta value `key` (inside or outside a transaction that includes `db.meta`). */
export async function setMeta<K extends keyof MetaValues>(db: CasebookDB, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value } as never);
}

/**
 * This installation's device id (a ULID), made and stored on first use.
 * Runs in its own `rw` transaction (or joins the caller's), so two callers never make two ids.
 */
export async function ensureDeviceId(db: CasebookDB): Promise<string> {
  // Joins the caller's transaction when there is one (Dexie nests compatible transactions).
  return db.transaction('rw', db.meta, async () => {
    const existing = await getMeta(db, 'deviceId');
    if (existing) return existing;
    const id = ulid();
    await setMeta(db, 'deviceId', id);
    return id;
  });
}

/** The stored sync status, or the initial one. */
export async function getSyncStatus(db: CasebookDB): Promise<SyncStatus> {
  return (await getMeta(db, 'syncStatus')) ?? INITIAL_SYNC_STATUS;
}
