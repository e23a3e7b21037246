/**
 * The outbox's "needs attention" list (DESIGN.md "Local store and sync"; docs/SECURITY.md
 * "What the extension does when a limit is hit"). A change the server refuses on its
 * own (400 or 413 `record_too_large` for that change), or that fails the client's own
 * checks before sending (the shared schema, the 512 KiB change limit), is set aside: its
 * outbox entry gets an `attention` field and is skipped by every later push, so the
 * changes behind it keep flowing. The panel lists these entries; the user retries
 * one (it goes to the back of the outbox with a fresh seq) or discards it (the
 * change stays on this device only and is never sent).
 */
import { MAX_CHANGE_BYTES, utf8Bytes } from '../../shared/limits';
import type { CasebookDB, OutboxAttention, OutboxEntry } from '../db/index';
import { notifyLocalWrite } from './trigger';

/** True for an entry that waits to be pushed (not set aside). */
export function isPushable(entry: OutboxEntry): boolean {
  return !entry.attention;
}

/** Outbox entries waiting to be pushed (set-aside ones excluded). */
export function countPushable(db: CasebookDB): Promise<number> {
  return db.outbox.filter(isPushable).count();
}

/**
 * The first `limit` pushable entries in seq order. Reads key ranges of `limit` rows
 * (one `getAll` each, not a row-by-row cursor) and skips set-aside ones.
 */
export async function nextPushable(db: CasebookDB, limit: number): Promise<OutboxEntry[]> {
  const out: OutboxEntry[] = [];
  let after = 0;
  while (out.length < limit) {
    const chunk = await db.outbox.where('seq').above(after).limit(limit).toArray();
    const last = chunk[chunk.length - 1];
    if (!last) break;
    for (const e of chunk) if (isPushable(e) && out.length < limit) out.push(e);
    after = last.seq;
  }
  return out;
}

/** Set-aside entries, oldest first. */
export function listAttention(db: CasebookDB): Promise<OutboxEntry[]> {
  return db.outbox
    .orderBy('seq')
    .filter((e) => !isPushable(e))
    .toArray();
}

/** Marks entry `seq` as set aside (a no-op when the entry was replaced or acknowledged meanwhile). */
export async function setAside(db: CasebookDB, seq: number, attention: OutboxAttention): Promise<void> {
  await db.outbox.update(seq, { attention });
}

/**
 * Why `wire` (a change as it would be pushed) cannot be sent, checked without the
 * server: larger than the 512 KiB the server takes for one change. Null when it can be
 * sent. (A change failing the schema is found by the transport's own check of the
 * request, which the push splits down to that change like a refusal from the server.)
 */
export function localRefusal(wire: unknown, now: number): OutboxAttention | null {
  const json = JSON.stringify(wire);
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most changes need no encoding to know they fit.
  const bytes = json.length * 3 <= MAX_CHANGE_BYTES ? json.length : utf8Bytes(json);
  if (bytes <= MAX_CHANGE_BYTES) return null;
  return {
    status: 0,
    code: 'record_too_large',
    message: `This change is ${Math.ceil(bytes / 1024)} KiB; the server takes at most ${MAX_CHANGE_BYTES / 1024} KiB.`,
    at: new Date(now).toISOString(),
  };
}

/**
 * Puts set-aside entry `seq` back in line: it is re-added without `attention` at the
 * back of the outbox (a fresh seq, so it is numbered above everything already sent).
 * (A newer local write of the same record replaces the entry anyway: write.ts.)
 * @returns false when there is no such set-aside entry.
 */
export async function retryAttention(db: CasebookDB, seq: number): Promise<boolean> {
  const ok = await db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(seq);
    if (!entry?.attention) return false;
    await db.outbox.delete(seq);
    await db.outbox.add({
      collection: entry.collection,
      id: entry.id,
      op: entry.op,
      hlc: entry.hlc,
      ...(entry.data ? { data: entry.data } : {}),
    } as OutboxEntry);
    return true;
  });
  if (ok) notifyLocalWrite();
  return ok;
}

/**
 * Drops set-aside entry `seq` from the outbox: the change is never sent; the local
 * record keeps it on this device only (a later edit of the record syncs again).
 * @returns false when there is no such set-aside entry.
 */
export async function discardAttention(db: CasebookDB, seq: number): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(seq);
    if (!entry?.attention) return false;
    await db.outbox.delete(seq);
    return true;
  });
}
