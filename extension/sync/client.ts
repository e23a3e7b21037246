/**
 * The sync client (DESIGN.md "Local store and sync"): push the outbox, then pull.
 *
 * Push: outbox entries in `seq` order, at most 500 per `POST /sync/push`; an entry
 * is deleted only after the server acknowledged its seq (`lastSeq`). A failed
 * request leaves the outbox as it was.
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
 * Clock skew: when the server refuses a push as being from the future (400
 * `hlc_in_future`), the pending changes are re-stamped from the server's time
 * (its `Date` header, see clock.ts) and the push is retried once; the measured
 * correction is stored so later local clocks are not ahead either.
 */
import { z } from 'zod';
import {
  collectionSchemas,
  MAX_PUSH_CHANGES,
  PullChange,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../shared/schemas';
import { formatHlc, hlcMillis, receiveHlc, type HlcState } from '../../shared/hlc';
import { ApiError } from '../api/client';
import type { CasebookDB, OutboxEntry } from '../db/index';
import { ensureDeviceId, getMeta, setMeta } from '../db/meta';
import { clockCorrection, type ServerClock } from './clock';

/**
 * One pull page as the transport hands it over: the envelope checked, each change
 * still unparsed (`PullResponse` is assignable to it).
 */
export interface PullPage {
  changes: readonly unknown[];
  rev: number;
  more: boolean;
}

/**
 * The two API calls sync needs (`createSyncApi` in http.ts and `CasebookApi`
 * satisfy it; tests pass an in-process server).
 */
export interface SyncApi {
  push(body: PushRequest): Promise<PushResponse>;
  pull(since: number, limit: number): Promise<PullPage | PullResponse>;
}

/** Dependencies of one sync. */
export interface SyncDeps {
  db: CasebookDB;
  api: SyncApi;
  /** Wall clock, ms since the epoch. */
  now: () => number;
  /** Changes per push request (1 to 500, default 500). */
  pushBatchSize?: number;
  /** `limit` of each pull request (default 500). */
  pullPageSize?: number;
  /** The server's clock as seen in answers' `Date` headers (enables re-stamping after `hlc_in_future`). */
  clock?: ServerClock;
}

/** A pulled record that failed validation and was skipped. */
export interface SkippedRecord {
  collection: string;
  id: string;
  reason: string;
}

/** What one sync did. */
export interface SyncResult {
  /** Outbox entries acknowledged by the server. */
  pushed: number;
  pushRequests: number;
  /** Pulled changes written locally. */
  applied: number;
  /** Pulled changes not written (local copy newer or pending). */
  ignored: number;
  pullRequests: number;
  skipped: SkippedRecord[];
}

/** Thrown when the server's answers make no progress (so a loop would never end). */
export class SyncProtocolError extends Error {
  override readonly name = 'SyncProtocolError';
}

const ALL_TABLES = (db: CasebookDB) => [...db.syncedTables(), db.outbox, db.meta];

/** Pushes, then pulls. Throws the first failure (ApiError, SyncProtocolError); what completed before it stays done. */
export async function syncOnce(deps: SyncDeps): Promise<SyncResult> {
  const push = await pushOutbox(deps);
  await storeClockCorrection(deps);
  const pull = await pullChanges(deps);
  return { ...push, ...pull };
}

/** How far ahead of the server's time (ms) re-stamped changes are placed: well inside the server's 5-minute limit. */
export const RESTAMP_LEAD_MS = 60_000;

/** True for the server's refusal of a push whose clock is too far in its future. */
export function isFutureClockError(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 400 && err.code === 'hlc_in_future';
}

/**
 * Stores the correction this device's clock needs (meta `clockOffset`, ms, 0 when
 * within 30 s of the server's) as measured by `deps.clock`; no-op without one.
 */
async function storeClockCorrection(deps: SyncDeps): Promise<void> {
  const offset = deps.clock?.offsetMs();
  if (offset === undefined || offset === null) return;
  const correction = clockCorrection(offset);
  if (correction !== ((await getMeta(deps.db, 'clockOffset')) ?? 0)) {
    await setMeta(deps.db, 'clockOffset', correction);
  }
}

/**
 * Re-stamps, in one transaction, every pending change whose clock is more than
 * `RESTAMP_LEAD_MS` ahead of `serverNow` (ms): in outbox order, with clocks from
 * `serverNow + RESTAMP_LEAD_MS` upwards (same device id), on both the outbox entry
 * and the stored record; pulls the local HLC state back to that clock; stores
 * the clock correction `serverNow - localNow` (clock.ts `clockCorrection`).
 * @returns how many changes were re-stamped.
 */
export async function restampFutureChanges(db: CasebookDB, serverNow: number, localNow: number): Promise<number> {
  return db.transaction('rw', ALL_TABLES(db), async () => {
    const deviceId = await ensureDeviceId(db);
    const ceiling = serverNow + RESTAMP_LEAD_MS;
    let state: HlcState = { millis: ceiling, counter: 0 };
    let restamped = 0;
    for (const entry of await db.outbox.orderBy('seq').toArray()) {
      if (hlcMillis(entry.hlc) <= ceiling) continue;
      if (restamped > 0) {
        state =
          state.counter >= 0xffff ? { millis: state.millis + 1, counter: 0 } : { ...state, counter: state.counter + 1 };
      }
      const hlc = formatHlc(state, deviceId);
      await db.outbox.update(entry.seq, entry.data ? { hlc, data: { ...entry.data, updatedAt: hlc } } : { hlc });
      const table = db.recordTable(entry.collection);
      const record = await table.get(entry.id as never);
      if (record && record.updatedAt === entry.hlc) await table.put({ ...record, updatedAt: hlc } as never);
      restamped++;
    }
    const current = (await getMeta(db, 'hlc')) ?? { millis: 0, counter: 0 };
    if (current.millis > ceiling || restamped > 0) await setMeta(db, 'hlc', state);
    await setMeta(db, 'clockOffset', clockCorrection(serverNow - localNow));
    return restamped;
  });
}

/**
 * Pushes the whole outbox in `seq` order, `pushBatchSize` (<= 500) entries per request,
 * deleting entries once acknowledged.
 * @throws ApiError from the API; SyncProtocolError when the server acknowledges nothing.
 */
export async function pushOutbox(deps: SyncDeps): Promise<{ pushed: number; pushRequests: number }> {
  const { db, api } = deps;
  const size = Math.min(Math.max(1, deps.pushBatchSize ?? MAX_PUSH_CHANGES), MAX_PUSH_CHANGES);
  let pushed = 0;
  let pushRequests = 0;
  let resentAfterReset = false;
  let restamped = false;
  for (;;) {
    const batch = await db.outbox.orderBy('seq').limit(size).toArray();
    const first = batch[0];
    const last = batch[batch.length - 1];
    if (!first || !last) break;
    const offset = (await getMeta(db, 'seqOffset')) ?? 0;
    const sentBefore = (await getMeta(db, 'lastSentSeq')) ?? 0;
    // Recorded before sending: an entry at or below lastSentSeq may already be on the server.
    await setMeta(db, 'lastSentSeq', Math.max(sentBefore, last.seq));

    let res: PushResponse;
    try {
      res = await api.push({ changes: batch.map((e) => toWire(e, offset)) });
    } catch (err) {
      // Refused as being from the future: re-stamp from the server's clock and try once more.
      const serverNow = deps.clock?.serverNow() ?? null;
      if (!isFutureClockError(err) || restamped || serverNow === null) throw err;
      await restampFutureChanges(db, serverNow, deps.now());
      restamped = true;
      continue;
    }
    pushRequests++;

    const maxWire = last.seq + offset;
    const allFresh = first.seq > sentBefore;
    const serverAhead = res.lastSeq > Math.max(maxWire, sentBefore + offset);
    const allIgnoredFresh = allFresh && res.applied === 0 && res.ignored === batch.length && res.lastSeq >= maxWire;
    if (serverAhead || (allIgnoredFresh && !resentAfterReset)) {
      // The server's cursor for this device is ahead of seqs this database never sent
      // (the local store was reset while the session survived): renumber above it and resend.
      await setMeta(db, 'seqOffset', res.lastSeq + 1 - first.seq);
      resentAfterReset = true;
      continue;
    }

    const ackedLocal = Math.min(res.lastSeq - offset, last.seq);
    const removed = await db.transaction('rw', db.outbox, db.meta, async () => {
      const n = await db.outbox.where('seq').belowOrEqual(ackedLocal).delete();
      await setMeta(db, 'lastSeq', Math.max((await getMeta(db, 'lastSeq')) ?? 0, res.lastSeq));
      return n;
    });
    if (ackedLocal < first.seq) {
      throw new SyncProtocolError(
        `The server did not acknowledge pushed changes (lastSeq ${res.lastSeq}, sent from ${first.seq + offset}).`,
      );
    }
    pushed += removed;
  }
  return { pushed, pushRequests };
}

function toWire(e: OutboxEntry, offset: number): PushRequest['changes'][number] {
  return {
    seq: e.seq + offset,
    collection: e.collection,
    id: e.id,
    op: e.op,
    hlc: e.hlc,
    ...(e.op === 'upsert' && e.data ? { data: e.data } : {}),
  };
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
    const since = (await getMeta(db, 'rev')) ?? 0;
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
  return db.transaction('rw', ALL_TABLES(db), async () => {
    await ensureDeviceId(db);
    const corrected = now + ((await getMeta(db, 'clockOffset')) ?? 0);
    let clock = (await getMeta(db, 'hlc')) ?? { millis: 0, counter: 0 };
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

    await setMeta(db, 'hlc', clock);
    await setMeta(db, 'rev', Math.max((await getMeta(db, 'rev')) ?? 0, page.rev));
    return { applied, ignored, skipped };
  });
}
