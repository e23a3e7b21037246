/**
 * The outbox's "needs attention" list (DESIGN.md "Local store and sync"; docs/SECURITY.md
 * "What the extension does when a limit is hit"). A change the server refuses on its
 * own (400 or 413 `record_too_large` for that change), or that fails the client's own
 * check before sending (its schema, the 512 KiB change limit), is set aside: its
 * outbox entry gets an `attention` field and is skipped by every later push, so the
 * changes behind it keep flowing. The panel lists these entries; the user retries
 * one (it goes to the back of the outbox with a fresh seq) or discards it (the
 * change stays on this device only and is never sent).
 */
import { z } from 'zod';
import { PushChange } from '../../shared/schemas';
import { jsonBytes, MAX_CHANGE_BYTES } from '../../shared/limits';
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

/** The first `limit` pushable entries in seq order. */
export function nextPushable(db: CasebookDB, limit: number): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('seq').filter(isPushable).limit(limit).toArray();
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
 * server: the `PushChange` schema (record schema, depth) and the 512 KiB change
 * limit. Null when it can be sent.
 */
export function localRefusal(wire: unknown, now: number): OutboxAttention | null {
  const at = new Date(now).toISOString();
  const parsed = PushChange.safeParse(wire);
  if (!parsed.success) {
    return { status: 0, code: 'invalid_record', message: z.prettifyError(parsed.error).slice(0, 2000), at };
  }
  const bytes = jsonBytes(wire);
  if (bytes > MAX_CHANGE_BYTES) {
    return {
      status: 0,
      code: 'record_too_large',
      message: `This change is ${Math.ceil(bytes / 1024)} KiB; the server takes at most ${MAX_CHANGE_BYTES / 1024} KiB.`,
      at,
    };
  }
  return null;
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
