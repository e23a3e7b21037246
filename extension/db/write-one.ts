/**
 * One local write of one record in ONE native IndexedDB transaction, with the
 * same steps and guarantees as ./write.ts `stageLocalWrite` (tick the HLC kept
 * in `deviceState`, validate with the zod schema and the size limit, store the
 * record, replace its pending outbox entry), in two request rounds instead of
 * Dexie's five or six: the save path of a capture (bench/RESULTS.md, "local
 * save"; docs/DESIGN.md "Local store and sync").
 *
 * Round 1 reads the clock state (`clockOffset`, `deviceId`, `hlc`: one key range
 * of `deviceState`), the record's pending outbox keys and, when asked, the stored
 * record. Round 2, issued from the last read's callback, writes the record, the
 * clock, the outbox deletions and the new outbox entry. A failed check aborts the
 * transaction: nothing is written.
 *
 * Dexie does not see native writes, so after the commit they are announced the
 * way Dexie announces writes made in another tab (its `x-storagemutated-1`
 * BroadcastChannel): Dexie's live queries in this context and in the others
 * (background, other panels) re-run, and its query cache drops what the write
 * touched. tests/unit/write-one.test.ts checks a live query sees the write.
 */
import Dexie, { RangeSet } from 'dexie';
import { ulid } from 'ulid';
import type { Collection } from '../../shared/schemas';
import { formatHlc, tickHlc, type HlcState } from '../../shared/hlc';
import type { CasebookDB, CollectionRecords, OutboxEntry } from './index';
import { readDeviceValue } from './device-state';
import { validateRecord } from './validate';

/** Dexie 4's channel for writes made elsewhere (node_modules/dexie: STORAGE_MUTATED_DOM_EVENT_NAME). */
const DEXIE_MUTATIONS_CHANNEL = 'x-storagemutated-1';

let channel: BroadcastChannel | null | undefined;

/**
 * Tells Dexie (here and in every other context of the extension) that `tables`
 * of database `dbName` changed: every key and index of each, as Dexie itself
 * does for a database it did not write.
 */
function announce(db: CasebookDB, tables: readonly string[]): void {
  if (channel === undefined)
    channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(DEXIE_MUTATIONS_CHANNEL);
  const parts: Record<string, RangeSet> = {};
  const all = () => new RangeSet(-Infinity, [[[]]]);
  for (const name of tables) {
    const base = `idb://${db.name}/${name}/`;
    parts[base] = all();
    parts[`${base}:dels`] = all();
    for (const idx of db.table(name).schema.indexes) if (idx.name) parts[`${base}${idx.name}`] = all();
  }
  if (channel) channel.postMessage(parts);
  else Dexie.on('storagemutated').fire(parts);
}

/** Options of `writeOne`. */
export interface WriteOneOptions<C extends Collection> {
  /** Outbox operation recorded for the change. */
  op: OutboxEntry['op'];
  /** Id of the record written (known before the write: a new ULID, or the record updated). */
  id: string;
  /** Read the stored record first and pass it to `make` (updates and tombstones). */
  readExisting: boolean;
  /**
   * The id was just made (a new ULID): no stored record and no pending outbox
   * entry can have it, so neither is read.
   */
  fresh?: boolean;
  /**
   * Builds the record from the stored one (undefined when absent or not read)
   * and the write's HLC string. May throw (e.g. RecordNotFoundError): nothing
   * is written and `writeOne` rejects with that error.
   */
  make: (existing: CollectionRecords[C] | undefined, hlc: string) => unknown;
}

/** Resolves once `db` is open (Dexie opens lazily on first use). */
async function opened(db: CasebookDB): Promise<IDBDatabase> {
  if (!db.isOpen()) await db.open();
  return db.backendDB();
}

/** The clock state a write starts from: device id, stored HLC and clock offset (ms, 0 when unset). */
interface ClockState {
  deviceId: string;
  hlc: HlcState;
  offset: number;
}

/** The clock state this context last wrote or read, per database: the guess of the one-round path. */
const lastClock = new WeakMap<CasebookDB, ClockState>();

/** Thrown inside `attempt` when the guessed clock state was not the stored one (another context wrote). */
const STALE = Symbol('stale clock guess');

/** The clock state in the rows of `deviceState` read by `attempt` (unreadable values count as absent). */
function clockFrom(rows: readonly { key: string; value: unknown }[]): Partial<ClockState> {
  const m = new Map(rows.map((r) => [r.key, r.value]));
  return {
    deviceId: m.has('deviceId') ? readDeviceValue('deviceId', m.get('deviceId')) : undefined,
    hlc: m.has('hlc') ? readDeviceValue('hlc', m.get('hlc')) : undefined,
    offset: (m.has('clockOffset') ? readDeviceValue('clockOffset', m.get('clockOffset')) : undefined) ?? 0,
  };
}

/** True when the stored clock state is exactly `guess`. */
function same(stored: Partial<ClockState>, guess: ClockState): boolean {
  return (
    stored.deviceId === guess.deviceId &&
    stored.hlc?.millis === guess.hlc.millis &&
    stored.hlc.counter === guess.hlc.counter &&
    stored.offset === guess.offset
  );
}

/**
 * Writes one `collection` record and its outbox entry in one native transaction
 * over the collection's store, `outbox` and `deviceState`, at wall time `now`
 * (ms; the stored `clockOffset` is added). The record's pending outbox entries
 * are replaced by the new one, so the outbox holds at most one change per record.
 *
 * A new record (`fresh`) whose context wrote last takes one request round: the
 * writes go out right behind the read of the clock state, computed from the
 * state this context last saw; the read's callback checks the guess and, when
 * another context wrote in between, aborts (nothing written) and the write runs
 * again in two rounds from the stored state. Either way the stored result is
 * what the two-round write gives.
 * @returns the stored record, after the transaction committed.
 * @throws RecordValidationError when the record fails its schema or size limit;
 *   whatever `make` throws; the IndexedDB error when the transaction fails.
 */
export async function writeOne<C extends Collection>(
  db: CasebookDB,
  collection: C,
  now: number,
  o: WriteOneOptions<C>,
): Promise<CollectionRecords[C]> {
  const idb = await opened(db);
  const guess = o.fresh ? lastClock.get(db) : undefined;
  if (guess) {
    try {
      return await attempt(idb, db, collection, now, o, guess);
    } catch (err) {
      if (err !== STALE) throw err;
      lastClock.delete(db);
    }
  }
  return attempt(idb, db, collection, now, o, undefined);
}

/** One transaction of `writeOne`: from `guess` in one round, or from the stored state in two. */
function attempt<C extends Collection>(
  idb: IDBDatabase,
  db: CasebookDB,
  collection: C,
  now: number,
  o: WriteOneOptions<C>,
  guess: ClockState | undefined,
): Promise<CollectionRecords[C]> {
  return new Promise<CollectionRecords[C]>((resolve, reject) => {
    let failure: unknown = null;
    let done: { record: CollectionRecords[C]; clock: ClockState } | undefined;
    /** Builds and checks the record at the clock `from` (throws: nothing is queued). */
    const build = (from: ClockState, existing: CollectionRecords[C] | undefined) => {
      const next = tickHlc(from.hlc, now + from.offset);
      const record = validateRecord(collection, o.make(existing, formatHlc(next, from.deviceId)));
      return { record, clock: { ...from, hlc: next } };
    };
    let early: typeof done;
    if (guess) {
      try {
        early = build(guess, undefined);
      } catch (err) {
        reject(err);
        return;
      }
    }
    const tx = idb.transaction([collection, 'outbox', 'deviceState'], 'readwrite');
    const records = tx.objectStore(collection);
    const outbox = tx.objectStore('outbox');
    const state = tx.objectStore('deviceState');
    /** Round 2 (or the tail of the one round): record, clock, outbox replacement, in this order. */
    const queue = (w: NonNullable<typeof done>, stale: readonly IDBValidKey[]) => {
      const { record, clock } = w;
      records.put(record);
      state.put({ key: 'hlc', value: clock.hlc });
      // The deletions are queued before the add, so they never see the new entry.
      for (const key of stale) outbox.delete(key);
      const hlc = record.updatedAt;
      outbox.add(
        o.op === 'upsert'
          ? { collection, id: record.id, op: o.op, hlc, data: record as unknown as Record<string, unknown> }
          : { collection, id: record.id, op: o.op, hlc },
      );
      done = w;
    };
    const fail = (err: unknown) => {
      failure = err;
      tx.abort();
    };

    // Round 1: one key range holds `clockOffset`, `deviceId` and `hlc` (any other key in it is ignored).
    const clock = state.getAll(IDBKeyRange.bound('clockOffset', 'hlc'));
    if (early) {
      queue(early, []);
      clock.onsuccess = () => {
        if (!same(clockFrom(clock.result as { key: string; value: unknown }[]), guess!)) fail(STALE);
      };
    } else {
      const existing = o.readExisting && !o.fresh ? records.get(o.id) : null;
      const pending = o.fresh ? null : outbox.index('[collection+id]').getAllKeys([collection, o.id]);
      // Requests of a transaction complete in order: the last one issued is the last read.
      (pending ?? existing ?? clock).onsuccess = () => {
        try {
          const stored = clockFrom(clock.result as { key: string; value: unknown }[]);
          let deviceId = stored.deviceId;
          if (!deviceId) {
            // The first write of a device makes its id, in this same transaction.
            deviceId = ulid();
            state.put({ key: 'deviceId', value: deviceId });
          }
          const from = { deviceId, hlc: stored.hlc ?? { millis: 0, counter: 0 }, offset: stored.offset ?? 0 };
          queue(build(from, existing?.result as CollectionRecords[C] | undefined), pending?.result ?? []);
        } catch (err) {
          fail(err);
        }
      };
    }
    tx.oncomplete = () => {
      lastClock.set(db, done!.clock);
      announce(db, [collection, 'outbox', 'deviceState']);
      resolve(done!.record);
    };
    tx.onabort = () => reject(failure ?? tx.error ?? new Error('casebook: local write aborted'));
  });
}
