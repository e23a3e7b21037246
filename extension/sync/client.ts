/**
 * The sync client (DESIGN.md "Local store and sync"): push the outbox, then pull.
 *
 * Push: see push.ts (batches, acknowledgement, renumbering, set-aside changes,
 * quota, clock re-stamping).
 * Pull: `GET /sync/pull?since=rev` page by page while `more`; each page is applied
 * in one transaction together with the new cursor. Last writer wins by HLC string
 * (which ends with the device id, so ties break on `(hlc, deviceId)`); tombstones
 * set `deletedAt`; remote clocks are merged into the local HLC. Pending local
 * writes are re-applied on top: a pulled change older than the record's pending
 * write is ignored (the pending write will win on the server too); a newer one is
 * applied, exactly as the server's last-writer-wins will treat the pending write
 * once pushed, so every device converges on the later clock. The pending entry
 * itself stays in the outbox until the server acknowledges it.
 * A pulled change that fails its schema (corrupt, or foreign: unknown collection,
 * bad clock, data of another record) is logged with console.error, reported in
 * the result and skipped; the rest of the page is applied and nothing local is lost.
 */
import * as z from 'zod/mini';
import { collectionSchemas, PullChange } from '../../shared/schemas';
import { hlcMillis, receiveHlc } from '../../shared/hlc';
import type { CasebookDB, OutboxEntry } from '../db/index';
import { ensureDeviceId, getDeviceState, setDeviceState } from '../db/device-state';
import { clockCorrection } from './clock';
import { pushOutbox } from './push';
import {
  syncTables,
  SyncProtocolError,
  type PullPage,
  type SkippedRecord,
  type SyncDeps,
  type SyncResult,
} from './types';

export type { PullPage, PushResult, SkippedRecord, SyncApi, SyncDeps, SyncResult } from './types';
export { SyncProtocolError } from './types';
export { isFutureClockError, pushOutbox, restampFutureChanges, RESTAMP_LEAD_MS } from './push';

/** Pushes, then pulls. Throws the first failure (ApiError, SyncProtocolError); what completed before it stays done. */
export async function syncOnce(deps: SyncDeps): Promise<SyncResult> {
  const push = await pushOutbox(deps);
  await storeClockCorrection(deps);
  const pull = await pullChanges(deps);
  return { ...push, ...pull };
}

/**
 * Stores the correction this device's clock needs (device state `clockOffset`, ms, 0 when
 * within 30 s of the server's) as measured by `deps.clock`; no-op without one.
 */
async function storeClockCorrection(deps: SyncDeps): Promise<void> {
  const offset = deps.clock?.offsetMs();
  if (offset === undefined || offset === null) return;
  const correction = clockCorrection(offset);
  if (correction !== ((await getDeviceState(deps.db, 'clockOffset')) ?? 0)) {
    await setDeviceState(deps.db, 'clockOffset', correction);
  }
}

/**
 * Pulls every change after the stored cursor, page by page while `more`, applying
 * each page (and its new cursor) in one transaction.
 * @throws ApiError from the API; SyncProtocolError when `more` never ends.
 */
export async function pullChanges(
  deps: SyncDeps,
): Promise<{ applied: number; ignored: number; pullRequests: number; skipped: SkippedRecord[] }> {
  const { db, api } = deps;
  const limit = deps.pullPageSize ?? 500;
  let applied = 0;
  let ignored = 0;
  let pullRequests = 0;
  const skipped: SkippedRecord[] = [];
  for (;;) {
    const since = (await getDeviceState(db, 'rev')) ?? 0;
    const page = await api.pull(since, limit);
    pullRequests++;
    const r = await applyPulledChanges(db, page, deps.now());
    applied += r.applied;
    ignored += r.ignored;
    skipped.push(...r.skipped);
    if (!page.more) break;
    if (page.changes.length === 0 && page.rev <= since) {
      throw new SyncProtocolError(`The server said more changes follow rev ${since} but sent none.`);
    }
  }
  return { applied, ignored, pullRequests, skipped };
}

/** Builds the local record a pulled change stands for, or a reason it cannot be used. */
function incomingRecord(change: PullChange): { record: Record<string, unknown> | null } | { error: string } {
  const schema = collectionSchemas[change.collection];
  if (change.data === null) {
    return change.deleted ? { record: null } : { error: 'upsert without data' };
  }
  const deletedAt = change.deleted
    ? ((change.data.deletedAt as string | null | undefined) ?? new Date(hlcMillis(change.hlc)).toISOString())
    : null;
  const parsed = schema.safeParse({ ...change.data, updatedAt: change.hlc, deletedAt });
  if (!parsed.success) return { error: z.prettifyError(parsed.error) };
  if ((parsed.data as { id: string }).id !== change.id) return { error: `data.id does not match id ${change.id}` };
  return { record: parsed.data as Record<string, unknown> };
}

/** A short description of a raw pulled change for reports: its collection and id when it has them. */
function describeRaw(raw: unknown): { collection: string; id: string } {
  const o = (raw && typeof raw === 'object' ? raw : {}) as { collection?: unknown; id?: unknown };
  return {
    collection: typeof o.collection === 'string' ? o.collection.slice(0, 40) : '?',
    id: typeof o.id === 'string' ? o.id.slice(0, 64) : '?',
  };
}

/**
 * Applies one pull page in a single transaction: each change parsed with
 * `PullChange` and its record with the collection's schema (failures are logged
 * with console.error, reported and skipped), last writer wins per record against
 * the stored record and any pending local write, tombstones, HLC merge; then
 * stores `page.rev` as the cursor.
 * @param now wall clock (ms) for the HLC merge; the stored clock correction is added.
 */
export async function applyPulledChanges(
  db: CasebookDB,
  page: Pick<PullPage, 'changes' | 'rev'>,
  now: number,
): Promise<{ applied: number; ignored: number; skipped: SkippedRecord[] }> {
  return db.transaction('rw', syncTables(db), async () => {
    await ensureDeviceId(db);
    const corrected = now + ((await getDeviceState(db, 'clockOffset')) ?? 0);
    let clock = (await getDeviceState(db, 'hlc')) ?? { millis: 0, counter: 0 };
    const pending = new Map<string, OutboxEntry>();
    for (const e of await db.outbox.toArray()) pending.set(`${e.collection}\u0000${e.id}`, e);
    let applied = 0;
    let ignored = 0;
    const skipped: SkippedRecord[] = [];
    const reject = (raw: unknown, reason: string) => {
      const where = describeRaw(raw);
      console.error(`casebook: rejected pulled ${where.collection} ${where.id}: ${reason}`);
      skipped.push({ ...where, reason });
    };

    const valid: { change: PullChange; record: Record<string, unknown> | null }[] = [];
    for (const raw of page.changes) {
      const envelope = PullChange.safeParse(raw);
      if (!envelope.success) {
        reject(raw, z.prettifyError(envelope.error));
        continue;
      }
      const incoming = incomingRecord(envelope.data);
      if ('error' in incoming) {
        reject(raw, incoming.error);
        continue;
      }
      clock = receiveHlc(clock, envelope.data.hlc, corrected);
      valid.push({ change: envelope.data, record: incoming.record });
    }

    // Read the stored copies in bulk, decide per change, write in bulk (one pass per collection).
    type Stored = { id: string; updatedAt?: unknown; deletedAt?: unknown };
    for (const collection of new Set(valid.map((v) => v.change.collection))) {
      const table = db.recordTable(collection);
      const mine = valid.filter((v) => v.change.collection === collection);
      const ids = [...new Set(mine.map((v) => v.change.id))];
      const stored = new Map<string, Stored>();
      (await table.bulkGet(ids as never[])).forEach((row, i) => {
        if (row) stored.set(ids[i]!, row as unknown as Stored);
      });
      const writes = new Map<string, Stored>();
      for (const { change, record } of mine) {
        // A pending local write is re-applied on top: it stays when it is newer, and
        // gives way to a newer remote change just as the server will (last writer wins).
        const waiting = pending.get(`${change.collection}\u0000${change.id}`);
        if (waiting && waiting.hlc >= change.hlc) {
          ignored++;
          continue;
        }
        const current = stored.get(change.id);
        if (current && typeof current.updatedAt === 'string' && current.updatedAt >= change.hlc) {
          ignored++;
          continue;
        }
        let next: Stored;
        if (record) {
          next = record as Stored;
        } else if (current) {
          // Tombstone without data: keep the local fields, mark deleted at the remote time.
          const deletedAt = (current.deletedAt as string | null) ?? new Date(hlcMillis(change.hlc)).toISOString();
          next = { ...current, updatedAt: change.hlc, deletedAt };
        } else {
          ignored++; // tombstone of a record this device never had
          continue;
        }
        stored.set(change.id, next);
        writes.set(change.id, next);
        applied++;
      }
      if (writes.size > 0) await table.bulkPut([...writes.values()] as never[]);
    }

    await setDeviceState(db, 'hlc', clock);
    await setDeviceState(db, 'rev', Math.max((await getDeviceState(db, 'rev')) ?? 0, page.rev));
    return { applied, ignored, skipped };
  });
}
