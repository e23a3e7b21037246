/**
 * Types shared by the sync client's modules (client.ts: pull and `syncOnce`;
 * push.ts: the outbox push). See DESIGN.md "Local store and sync".
 */
import type { PullResponse, PushRequest, PushResponse } from '../../shared/schemas';
import type { CasebookDB } from '../db/index';
import type { ServerClock } from './clock';

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

/** What one push of the outbox did. */
export interface PushResult {
  /** Outbox entries acknowledged by the server. */
  pushed: number;
  pushRequests: number;
  /** Entries set aside as needing attention during this push (sync/attention.ts). */
  setAside: number;
}

/** What one sync did. */
export interface SyncResult extends PushResult {
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

/** The tables a sync transaction that touches records, the outbox and the device state spans. */
export const syncTables = (db: CasebookDB) => [...db.syncedTables(), db.outbox, db.deviceState];
