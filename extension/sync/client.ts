/**
 * The sync client (DESIGN.md "Local store and sync"): push the outbox, then pull.
 *
 * Push: outbox entries in `seq` order, at most 500 per `POST /sync/push`; an entry
 * is deleted only after the server acknowledged its seq (`lastSeq`). A failed
 * request leaves the outbox as it was.
 * Pull: `GET /sync/pull?since=rev` page by page while `more`; each page is applied
 * in one transaction together with the new cursor. Last writer wins by HLC string
 * (which ends with the device id, so ties break on `(hlc, deviceId)`); tombstones
 * set `deletedAt`; remote clocks are merged into the local HLC. A pulled change
 * never overwrites a record with a pending local write: the local write stays and,
 * if the remote clock is newer, is re-staged with a fresh clock so it wins on the
 * server too (everyone converges on it). A pulled record that fails its schema is
 * reported and skipped; nothing local is lost.
 */
import { z } from 'zod';
import {
  collectionSchemas,
  MAX_PUSH_CHANGES,
  type Collection,
  type PullChange,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '../../shared/schemas';
import { hlcMillis, receiveHlc } from '../../shared/hlc';
import type { CasebookDB, OutboxEntry } from '../db/index';
import { ensureDeviceId, getMeta, setMeta } from '../db/meta';
import { RecordValidationError, stageLocalWrite } from '../db/write';

/** The two API calls sync needs (`CasebookApi` satisfies it; tests pass an in-process server). */
export interface SyncApi {
  push(body: PushRequest): Promise<PushResponse>;
  pull(since: number, limit: number): Promise<PullResponse>;
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

const ALL_TABLES = (db: CasebookDB) => [db.evidence, db.weeklyLogs, db.goals, db.settings, db.outbox, db.meta];

/** Pushes, then pulls. Throws the first failure (ApiError, SyncProtocolError); what completed before it stays done. */
export async function syncOnce(deps: SyncDeps): Promise<SyncResult> {
  const push = await pushOutbox(deps);
  const pull = await pullChanges(deps);
  return { ...push, ...pull };
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
  for (;;) {
    const batch = await db.outbox.orderBy('seq').limit(size).toArray();
    const first = batch[0];
    const last = batch[batch.length - 1];
    if (!first || !last) break;
    const offset = (await getMeta(db, 'seqOffset')) ?? 0;
    const sentBefore = (await getMeta(db, 'lastSentSeq')) ?? 0;
    // Recorded before sending: an entry at or below lastSentSeq may already be on the server.
    await setMeta(db, 'lastSentSeq', Math.max(sentBefore, last.seq));

    const res = await api.push({ changes: batch.map((e) => toWire(e, offset)) });
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

/**
 * Applies one pull page in a single transaction: LWW per record, tombstones,
 * HLC merge, pending-write protection, then stores `page.rev` as the cursor.
 * @param now wall clock (ms) for the HLC merge.
 */
export async function applyPulledChanges(
  db: CasebookDB,
  page: Pick<PullResponse, 'changes' | 'rev'>,
  now: number,
): Promise<{ applied: number; ignored: number; skipped: SkippedRecord[] }> {
  return db.transaction('rw', ALL_TABLES(db), async () => {
    await ensureDeviceId(db);
    let clock = (await getMeta(db, 'hlc')) ?? { millis: 0, counter: 0 };
    const pending = new Map<string, OutboxEntry>();
    for (const e of await db.outbox.toArray()) pending.set(`${e.collection}\u0000${e.id}`, e);
    const restage: { collection: Collection; id: string; op: OutboxEntry['op'] }[] = [];
    let applied = 0;
    let ignored = 0;
    const skipped: SkippedRecord[] = [];

    for (const change of page.changes) {
      clock = receiveHlc(clock, change.hlc, now);
      const incoming = incomingRecord(change);
      if ('error' in incoming) {
        console.warn(`casebook: skipping pulled ${change.collection} ${change.id}: ${incoming.error}`);
        skipped.push({ collection: change.collection, id: change.id, reason: incoming.error });
        continue;
      }
      const waiting = pending.get(`${change.collection}\u0000${change.id}`);
      if (waiting) {
        // Never overwrite a pending local write. If the remote one is newer, the local
        // write would lose on the server: re-stage it with a clock after the remote one.
        if (change.hlc > waiting.hlc) restage.push({ collection: change.collection, id: change.id, op: waiting.op });
        ignored++;
        continue;
      }
      const table = db.recordTable(change.collection);
      const current = (await table.get(change.id as never)) as { updatedAt?: unknown; deletedAt?: unknown } | undefined;
      if (current && typeof current.updatedAt === 'string' && current.updatedAt >= change.hlc) {
        ignored++;
        continue;
      }
      if (incoming.record) {
        await table.put(incoming.record as never);
        applied++;
      } else if (current) {
        // Tombstone without data: keep the local fields, mark deleted at the remote time.
        const deletedAt = (current.deletedAt as string | null) ?? new Date(hlcMillis(change.hlc)).toISOString();
        await table.put({ ...current, updatedAt: change.hlc, deletedAt } as never);
        applied++;
      } else {
        ignored++; // tombstone of a record this device never had
      }
    }

    await setMeta(db, 'hlc', clock);
    await setMeta(db, 'rev', Math.max((await getMeta(db, 'rev')) ?? 0, page.rev));
    for (const r of restage) {
      const current = await db.recordTable(r.collection).get(r.id as never);
      if (!current) continue;
      try {
        await stageLocalWrite(db, r.collection, r.op, (hlc) => ({ ...current, updatedAt: hlc }), now);
      } catch (err) {
        // Only a local record that no longer passes its schema lands here (validation runs
        // before any write): keep it and its outbox entry as they are, and report it.
        if (!(err instanceof RecordValidationError)) throw err;
        skipped.push({ collection: r.collection, id: r.id, reason: `local pending write: ${err.message}` });
      }
    }
    return { applied, ignored, skipped };
  });
}
