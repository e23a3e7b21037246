/**
 * Typed access to the `deviceState` table: this device's key/value state
 * (`meta` before schema version 5). Every value read back is parsed with its
 * schema; an unreadable value is reported and treated as absent (the caller's
 * default applies), never thrown at the user.
 */
import * as z from 'zod/mini';
import { ulid } from 'ulid';
import type { CasebookDB, DeviceStateValues, SyncStatus } from './index';

const nonNegativeInt = z.int().check(z.nonnegative());

/** Schemas of the values stored under each device-state key. */
export const deviceStateSchemas = {
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
} satisfies { [K in keyof DeviceStateValues]: z.ZodMiniType<DeviceStateValues[K]> };

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
 * Reads device-state value `key`, or `undefined` when absent or unreadable.
 * Works inside or outside a transaction that includes `db.deviceState`.
 */
export async function getDeviceState<K extends keyof DeviceStateValues>(
  db: CasebookDB,
  key: K,
): Promise<DeviceStateValues[K] | undefined> {
  const row = await db.deviceState.get(key);
  return row ? readDeviceValue(key, row.value) : undefined;
}

/**
 * A stored device-state `value` of `key` parsed with its schema, or `undefined`
 * when unreadable (reported with console.warn, never thrown).
 */
export function readDeviceValue<K extends keyof DeviceStateValues>(
  key: K,
  value: unknown,
): DeviceStateValues[K] | undefined {
  const parsed = deviceStateSchemas[key].safeParse(value);
  if (!parsed.success) {
    console.warn(`casebook: ignoring unreadable device-state value ${key}: ${z.prettifyError(parsed.error)}`);
    return undefined;
  }
  return parsed.data as DeviceStateValues[K];
}

/** Writes device-state value `key` (inside or outside a transaction that includes `db.deviceState`). */
export async function setDeviceState<K extends keyof DeviceStateValues>(
  db: CasebookDB,
  key: K,
  value: DeviceStateValues[K],
): Promise<void> {
  await db.deviceState.put({ key, value } as never);
}

/**
 * This installation's device id (a ULID), made and stored on first use.
 * Runs in its own `rw` transaction (or joins the caller's), so two callers never make two ids.
 */
export async function ensureDeviceId(db: CasebookDB): Promise<string> {
  // Joins the caller's transaction when there is one (Dexie nests compatible transactions).
  return db.transaction('rw', db.deviceState, async () => {
    const existing = await getDeviceState(db, 'deviceId');
    if (existing) return existing;
    const id = ulid();
    await setDeviceState(db, 'deviceId', id);
    return id;
  });
}

/** The stored sync status, or the initial one. */
export async function getSyncStatus(db: CasebookDB): Promise<SyncStatus> {
  return (await getDeviceState(db, 'syncStatus')) ?? INITIAL_SYNC_STATUS;
}
