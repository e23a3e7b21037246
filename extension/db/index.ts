/**
 * The extension's local store: one Dexie database on IndexedDB.
 *
 * Tables (see DESIGN.md "Local store and sync"):
 * - `evidence`, `weeklyLogs`, `goals`, `settings`: the synced records, exactly as
 *   their zod schemas in shared/schemas.ts describe them; deletions are kept as
 *   tombstones (`deletedAt` set) so last-writer-wins can compare against them.
 * - `outbox`: local changes not yet acknowledged by the server, in write order
 *   (`seq` auto-increments, never reused).
 * - `deviceState` (version 5; `meta` before): small key/value state of this
 *   device: device id, HLC state, pull cursor, sync status (./device-state.ts).
 *   Renamed so the name no longer collides with evidence's `meta` field.
 * - `dismissals` (version 2): synced like the records above; canonical URLs of
 *   dismissed import candidates, so no device imports them again.
 * - `candidates` (version 2): history-import candidates waiting in the inbox,
 *   keyed by canonical URL. Local only, never synced (./candidates.ts).
 * - `importRuns` (version 2): one row per history import run, with its resume
 *   cursor and counts. Local only.
 * - `stories` (version 3): synced like evidence; several evidence items told
 *   as one piece of work (shared/story.ts).
 * - `testimonials`: a cache of the server's peer testimonials (not synced).
 *
 * Never write the synced tables directly: go through ./write.ts, which writes the
 * record and its outbox entry in one transaction.
 */
import Dexie, { type EntityTable } from 'dexie';
import {
  Collection as CollectionEnum,
  type Collection,
  type Dismissal,
  type Evidence,
  type Goal,
  type Story,
  type UserSettingsRecord,
  type WeeklyLog,
} from '../../shared/schemas';
import type { Candidate } from '../../shared/import';
import type { HlcState } from '../../shared/hlc';
import type { Testimonial } from '../../shared/testimonials';

/** One pending local change, pushed to `POST /api/v1/sync/push` in `seq` order. */
export interface OutboxEntry {
  /** Auto-increment, positive, strictly increasing per database (assigned by IndexedDB). */
  seq: number;
  collection: Collection;
  /** Record id (ULID, or `settings`). */
  id: string;
  op: 'upsert' | 'delete';
  /** The record's `updatedAt` for this change (HLC string). */
  hlc: string;
  /** The full record for `upsert`; absent for `delete`. */
  data?: Record<string, unknown>;
  /**
   * Set when the server (or the client's own check) refused this change on its own:
   * the entry is set aside, never pushed, until the user retries or discards it
   * (extension/sync/attention.ts). Not indexed: no schema version needed.
   */
  attention?: OutboxAttention;
}

/** Why an outbox entry was set aside: the refusal's HTTP status (0 for the client's own check), code and message, and when. */
export interface OutboxAttention {
  status: number;
  code: string;
  message: string;
  /** ISO 8601 UTC time it was set aside. */
  at: string;
}

/** Sync status the panel shows; written by the sync runner after every attempt. */
export interface SyncStatus {
  /** ISO time of the last sync that pushed and pulled everything, or null. */
  lastSyncedAt: string | null;
  /** ISO time of the last attempt (successful or not), or null. */
  lastAttemptAt: string | null;
  /** Outbox entries still waiting for the server, as of the last attempt. */
  pending: number;
  /** Human-readable message of the last failure, or null after a success. */
  lastError: string | null;
  /** Machine code of the last failure (`network`, `unauthorized`, API codes...), or null. */
  lastErrorCode: string | null;
  /** Consecutive failed attempts (0 after a success). */
  failures: number;
  /** ISO time of the scheduled retry, or null. */
  nextRetryAt: string | null;
  /** Pulled records that failed validation in the last sync (reported, skipped, nothing local lost). */
  skipped: { collection: string; id: string; reason: string }[];
}

/** Values kept in the `deviceState` table, by key. */
export interface DeviceStateValues {
  /** This installation's id (ULID), made once; the last part of every local HLC. */
  deviceId: string;
  /** Hybrid logical clock state after the last local event. */
  hlc: HlcState;
  /** Pull cursor: the server `rev` up to which changes have been applied. */
  rev: number;
  /**
   * The server's push cursor for this device: the greatest wire `seq` it has taken.
   * Absent in a new or wiped store: the next push first asks the server (sync/push.ts).
   */
  lastSeq: number;
  /** Added to local outbox seqs on the wire; raised to renumber pending changes above the server's cursor. */
  seqOffset: number;
  /**
   * Milliseconds added to this device's wall clock for new HLCs: the server's time
   * minus ours, measured during sync (0 while within 30 s; see sync/clock.ts).
   */
  clockOffset: number;
  /** What the panel shows about sync. */
  syncStatus: SyncStatus;
  /** The account whose records this local store holds (set at the first sign-in). */
  account: { userId: string; email: string };
}

/** One row of the `deviceState` table: `{ key, value }` typed by key. */
export type DeviceStateRecord = {
  [K in keyof DeviceStateValues]: { key: K; value: DeviceStateValues[K] };
}[keyof DeviceStateValues];

/** The synced record type of each collection. */
export interface CollectionRecords {
  evidence: Evidence;
  weeklyLogs: WeeklyLog;
  goals: Goal;
  settings: UserSettingsRecord;
  dismissals: Dismissal;
  stories: Story;
}

/**
 * One import candidate waiting in the inbox: the importer's `Candidate`
 * (shared/import.ts: a CaptureDraft with a canonical `url` and a `reason`)
 * plus when it was stored and by which run. Key: `url`. Never synced.
 */
export type StoredCandidate = Candidate & {
  /** ISO time the candidate was stored. */
  importedAt: string;
  /** Id of the `importRuns` row that found it. */
  importRunId: string;
};

/** A problem an import run reported (from `ImportResult.errors`). */
export interface ImportRunError {
  source: 'github' | 'jira';
  code: string;
  message: string;
  fix?: string;
}

/**
 * One history import run (local only). `from`/`to` are `YYYY-MM-DD`; times ISO.
 * `complete` is false while running, after a cancel, or after a long rate
 * limit; then `resume` is the importer's opaque cursor to continue it.
 */
export interface ImportRun {
  /** ULID. */
  id: string;
  source: 'github' | 'jira';
  from: string;
  to: string;
  startedAt: string;
  /** Null while the run is in progress. */
  finishedAt: string | null;
  complete: boolean;
  resume: string | null;
  /** Candidates the importer found, stored in the inbox, already evidence/dismissed, or invalid (skipped). */
  counts: { found: number; added: number; known: number; skipped: number; requests: number };
  errors: ImportRunError[];
}

/** Casebook's IndexedDB database (default name `casebook`). */
export class CasebookDB extends Dexie {
  evidence!: EntityTable<Evidence, 'id'>;
  weeklyLogs!: EntityTable<WeeklyLog, 'id'>;
  goals!: EntityTable<Goal, 'id'>;
  settings!: EntityTable<UserSettingsRecord, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  deviceState!: EntityTable<DeviceStateRecord, 'key'>;
  dismissals!: EntityTable<Dismissal, 'id'>;
  candidates!: EntityTable<StoredCandidate, 'url'>;
  importRuns!: EntityTable<ImportRun, 'id'>;
  stories!: EntityTable<Story, 'id'>;
  /**
   * Peer testimonials (docs/DESIGN.md "Peer testimonials"): a local copy of
   * `GET /api/v1/testimonials` for offline viewing; the server is the source,
   * the table is replaced on every refresh and never synced.
   */
  testimonials!: EntityTable<Testimonial, 'id'>;

  /** @param name IndexedDB database name; tests pass a fresh one per test. */
  constructor(name = 'casebook') {
    // No live-query cache: Dexie 4's default keeps every cached query result and
    // hands each subscriber a deep clone, two more copies of the 10,000-item list
    // (bench/RESULTS.md, memory row); live queries re-read instead.
    super(name, { cache: 'disabled' });
    // Version 1 is shipped: never edit it, add version(2) with an upgrade instead.
    this.version(1).stores({
      evidence: 'id, occurredOn, capturedAt, url',
      weeklyLogs: 'id, week',
      goals: 'id, competency',
      settings: 'id',
      outbox: '++seq, [collection+id]',
      meta: 'key',
    });
    // Version 2 (history import): only adds tables; version 1's rows stay as they are.
    this.version(2).stores({
      dismissals: 'id, url',
      candidates: 'url, occurredOn, reason, importRunId',
      importRuns: 'id, startedAt',
    });
    // Version 3 (stories): only adds a table; earlier rows stay as they are.
    this.version(3).stores({
      stories: 'id, updatedAt',
    });
    // Version 4 (testimonials): only adds a table, a cache never synced.
    this.version(4).stores({ testimonials: 'id, requestId' });
    // Version 5: the device's key/value state moves from `meta` to `deviceState`
    // (same rows, same key), so `meta` names only evidence's field. The old table
    // is dropped after the copy, in the same upgrade transaction. Evidence drops
    // its `capturedAt` index, which no query reads (one index less per save).
    this.version(5)
      .stores({ deviceState: 'key', meta: null, evidence: 'id, occurredOn, url' })
      .upgrade(async (tx) => {
        const rows = await tx.table('meta').toArray();
        await tx.table('deviceState').bulkPut(rows);
      });
  }

  /** The tables of every synced collection (the order of the `Collection` enum). */
  syncedTables(): EntityTable<CollectionRecords[Collection], 'id'>[] {
    return CollectionEnum.options.map((c) => this.recordTable(c)) as EntityTable<CollectionRecords[Collection], 'id'>[];
  }

  /** The Dexie table holding `collection`'s records. */
  recordTable<C extends Collection>(collection: C): EntityTable<CollectionRecords[C], 'id'> {
    return this.table(collection) as unknown as EntityTable<CollectionRecords[C], 'id'>;
  }
}

/** The one database instance every extension context uses. */
export const db = new CasebookDB();
