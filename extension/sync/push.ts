/**
 * Pushing the outbox (DESIGN.md "Local store and sync"; docs/SECURITY.md "What the
 * extension does when a limit is hit").
 *
 * - Entries go in `seq` order, at most 500 per `POST /sync/push`; an entry is deleted
 *   only after the server acknowledged its seq (`lastSeq`). A failed request leaves
 *   the outbox as it was.
 * - Numbering: the wire seq is the local seq plus the stored `seqOffset`. Before the
 *   first push with no stored cursor (a new install, or IndexedDB wiped while the
 *   session survived) the client asks the server for its cursor with a push of zero
 *   changes and numbers above it. On `409 seq_conflict` (the server already applied
 *   something else under one of these seqs) it renumbers the pending entries from the
 *   answer's `lastSeq + 1` and pushes again.
 * - One bad change never jams the rest: an entry over the 512 KiB change limit is set
 *   aside without a request; when a batch is refused for what a change holds (400 or
 *   413 other than `quota_exceeded` from the server, or the transport's own schema
 *   check, `invalid_input`, which costs no request), the batch is split in halves until
 *   the refused change is alone, which is set aside (sync/attention.ts), and the rest
 *   is pushed.
 * - `413 quota_exceeded` (the account is full): the pending deletes are still pushed
 *   (the server always takes them), the rest waits, and the error is thrown so the
 *   panel shows "storage full".
 * - `400 hlc_in_future`: the pending changes are re-stamped from the server's time
 *   (its `Date` header, see clock.ts) and the push is retried once.
 */
import { formatHlc, hlcMillis, type HlcState } from '../../shared/hlc';
import { MAX_PUSH_CHANGES, type PushRequest, type PushResponse } from '../../shared/schemas';
import { ApiError } from '../api/client';
import type { CasebookDB, OutboxEntry } from '../db/index';
import { ensureDeviceId, getDeviceState, setDeviceState } from '../db/device-state';
import { isPushable, localRefusal, nextPushable, setAside } from './attention';
import { clockCorrection } from './clock';
import { syncTables, SyncProtocolError, type PushResult, type SyncDeps } from './types';

/** How far ahead of the server's time (ms) re-stamped changes are placed: well inside the server's 5-minute limit. */
export const RESTAMP_LEAD_MS = 60_000;

/** True for the server's refusal of a push whose clock is too far in its future. */
export function isFutureClockError(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 400 && err.code === 'hlc_in_future';
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
  return db.transaction('rw', syncTables(db), async () => {
    const deviceId = await ensureDeviceId(db);
    const ceiling = serverNow + RESTAMP_LEAD_MS;
    let state: HlcState = { millis: ceiling, counter: 0 };
    let restamped = 0;
    for (const entry of await db.outbox.orderBy('seq').toArray()) {
      // Set-aside entries wait for the user; an unreadable clock is the push's schema check's to report.
      if (!isPushable(entry) || !(readMillis(entry.hlc) > ceiling)) continue;
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
    const current = (await getDeviceState(db, 'hlc')) ?? { millis: 0, counter: 0 };
    if (current.millis > ceiling || restamped > 0) await setDeviceState(db, 'hlc', state);
    await setDeviceState(db, 'clockOffset', clockCorrection(serverNow - localNow));
    return restamped;
  });
}
/** Wall time (ms) of an HLC string, or NaN when it cannot be read. */
function readMillis(hlc: string): number {
  try {
    return hlcMillis(hlc);
  } catch {
    return Number.NaN;
  }
}

/** True for `409 seq_conflict`: the server's cursor for this device is past seqs it never got from this store. */
export function isSeqConflict(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 409 && err.code === 'seq_conflict';
}

/** True for `413 quota_exceeded`: the account's storage is full (not a fault of any one change). */
export function isQuotaExceeded(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 413 && err.code === 'quota_exceeded';
}

/**
 * True when a push was refused because of what one (or more) of its changes holds:
 * 400 other than `hlc_in_future`, 413 other than `quota_exceeded` (`record_too_large`,
 * a body over the request limit), or the client's own `invalid_input` check.
 */
export function isChangeRefusal(err: unknown): err is ApiError {
  if (!(err instanceof ApiError)) return false;
  if (err.status === 400) return err.code !== 'hlc_in_future';
  if (err.status === 413) return err.code !== 'quota_exceeded';
  return err.status === 0 && err.code === 'invalid_input';
}

/** How many times one push renumbers after `seq_conflict` before giving up (the server keeps moving). */
const MAX_RENUMBERS = 3;

/**
 * Pushes every pushable outbox entry (set-aside ones are skipped), `pushBatchSize`
 * (<= 500) per request, as described at the top of this file.
 * @returns entries acknowledged, requests made, entries set aside.
 * @throws ApiError from the API (network, 401, 429 with `retryAfter`, 5xx,
 *   413 `quota_exceeded` after the deletes went out); SyncProtocolError when the
 *   server acknowledges nothing or keeps conflicting.
 */
export async function pushOutbox(deps: SyncDeps): Promise<PushResult> {
  const { db } = deps;
  const size = Math.min(Math.max(1, deps.pushBatchSize ?? MAX_PUSH_CHANGES), MAX_PUSH_CHANGES);
  const result: PushResult = { pushed: 0, pushRequests: 0, setAside: 0 };
  let restamped = false;
  let renumbers = 0;
  for (;;) {
    const batch = await nextPushable(db, size);
    if (batch.length === 0) break;
    try {
      if ((await getDeviceState(db, 'lastSeq')) === undefined) {
        // No cursor stored: this store may be new while the server already numbered this device.
        const cursor = await deps.api.push({ changes: [] });
        result.pushRequests++;
        await renumberAbove(db, cursor.lastSeq);
        continue;
      }
      await pushChecked(deps, batch, result);
    } catch (err) {
      if (isFutureClockError(err)) {
        const serverNow = deps.clock?.serverNow() ?? null;
        if (restamped || serverNow === null) throw err;
        await restampFutureChanges(db, serverNow, deps.now());
        restamped = true;
        continue;
      }
      if (isSeqConflict(err)) {
        const lastSeq = err.details['lastSeq'];
        if (typeof lastSeq !== 'number' || !Number.isInteger(lastSeq) || lastSeq < 0 || renumbers >= MAX_RENUMBERS) {
          throw new SyncProtocolError(`The server keeps refusing this device's numbering (${err.message}).`);
        }
        await renumberAbove(db, lastSeq);
        renumbers++;
        continue;
      }
      if (isQuotaExceeded(err)) await pushDeletes(deps, result);
      throw err;
    }
  }
  return result;
}

/**
 * Stores the server's cursor `serverLastSeq` and, when the first pushable entry would
 * be numbered at or below it, raises `seqOffset` so the pending entries are numbered
 * from `serverLastSeq + 1` (in one transaction).
 */
export async function renumberAbove(db: CasebookDB, serverLastSeq: number): Promise<void> {
  await db.transaction('rw', db.outbox, db.deviceState, async () => {
    const first = (await nextPushable(db, 1))[0];
    const offset = (await getDeviceState(db, 'seqOffset')) ?? 0;
    if (first && first.seq + offset <= serverLastSeq)
      await setDeviceState(db, 'seqOffset', serverLastSeq + 1 - first.seq);
    await setDeviceState(db, 'lastSeq', serverLastSeq);
  });
}

/** Sets aside the entries that fail the client's own check, then pushes the others (splitting on refusals). */
async function pushChecked(deps: SyncDeps, entries: OutboxEntry[], result: PushResult): Promise<void> {
  const offset = (await getDeviceState(deps.db, 'seqOffset')) ?? 0;
  const sendable: OutboxEntry[] = [];
  for (const entry of entries) {
    const refusal = localRefusal(toWire(entry, offset), deps.now());
    if (!refusal) {
      sendable.push(entry);
      continue;
    }
    console.warn(`casebook: set aside ${entry.collection} ${entry.id}: ${refusal.code}`);
    await setAside(deps.db, entry.seq, refusal);
    result.setAside++;
  }
  if (sendable.length > 0) await pushSplitting(deps, sendable, offset, result);
}

/**
 * Pushes `entries`; when the server refuses them for what a change holds, pushes each
 * half in turn, down to a single change, which is set aside with the server's reason.
 */
async function pushSplitting(deps: SyncDeps, entries: OutboxEntry[], offset: number, result: PushResult) {
  try {
    await pushBatch(deps, entries, offset, result);
  } catch (err) {
    if (!isChangeRefusal(err)) throw err;
    const only = entries.length === 1 ? entries[0] : undefined;
    if (only) {
      console.warn(`casebook: the server refused ${only.collection} ${only.id}: ${err.status} ${err.code}`);
      const at = new Date(deps.now()).toISOString();
      await setAside(deps.db, only.seq, {
        status: err.status,
        code: err.code,
        message: err.message.slice(0, 2000),
        at,
      });
      result.setAside++;
      return;
    }
    const mid = Math.ceil(entries.length / 2);
    await pushSplitting(deps, entries.slice(0, mid), offset, result);
    await pushSplitting(deps, entries.slice(mid), offset, result);
  }
}

/**
 * One push request of `entries` (seq order); deletes the acknowledged entries and
 * stores the server's `lastSeq`.
 * @throws ApiError 409 `seq_conflict` (made here) when the server's cursor is past these
 *   seqs and it ignored some of them (a server that does not answer 409 itself).
 */
async function pushBatch(deps: SyncDeps, entries: OutboxEntry[], offset: number, result: PushResult) {
  const { db } = deps;
  const last = entries[entries.length - 1];
  if (!last) return;
  const res: PushResponse = await deps.api.push({ changes: entries.map((e) => toWire(e, offset)) });
  result.pushRequests++;
  const maxWire = last.seq + offset;
  if (res.lastSeq > maxWire && res.ignored > 0) {
    throw new ApiError(
      409,
      'seq_conflict',
      'The server ignored changes numbered below its cursor.',
      undefined,
      undefined,
      {
        lastSeq: res.lastSeq,
      },
    );
  }
  const acked = entries.filter((e) => e.seq + offset <= res.lastSeq).map((e) => e.seq);
  if (acked.length === 0) {
    throw new SyncProtocolError(
      `The server did not acknowledge pushed changes (lastSeq ${res.lastSeq}, sent from ${entries[0]!.seq + offset}).`,
    );
  }
  await db.transaction('rw', db.outbox, db.deviceState, async () => {
    // One range delete when nothing else (a set-aside entry) lies between the acknowledged seqs.
    const range = db.outbox.where('seq').between(acked[0]!, acked[acked.length - 1]!, true, true);
    const ackedSet = new Set(acked);
    if ((await range.primaryKeys()).every((k) => ackedSet.has(k))) await range.delete();
    else await db.outbox.bulkDelete(acked);
    await setDeviceState(db, 'lastSeq', Math.max((await getDeviceState(db, 'lastSeq')) ?? 0, res.lastSeq));
  });
  result.pushed += acked.length;
}

/**
 * After `quota_exceeded`: pushes the pending deletes on their own (the server takes a
 * push made only of deletes even over quota), then numbers what is left above them.
 */
async function pushDeletes(deps: SyncDeps, result: PushResult): Promise<void> {
  const { db } = deps;
  const deletes = await db.outbox
    .orderBy('seq')
    .filter((e) => isPushable(e) && e.op === 'delete')
    .toArray();
  if (deletes.length === 0) return;
  const offset = (await getDeviceState(db, 'seqOffset')) ?? 0;
  for (let i = 0; i < deletes.length; i += MAX_PUSH_CHANGES) {
    await pushBatch(deps, deletes.slice(i, i + MAX_PUSH_CHANGES), offset, result);
  }
  await renumberAbove(db, (await getDeviceState(db, 'lastSeq')) ?? 0);
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
