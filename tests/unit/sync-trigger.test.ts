/**
 * extension/sync/trigger.ts with the store's local-write event (extension/db/events.ts):
 * a committed write from db/ (write.ts, bulk.ts) runs the registered sync handler
 * once after the quiet period; a refused write and a cleared trigger run nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveEvidence, RecordValidationError } from '../../extension/db/write';
import { addCompetency } from '../../extension/db/bulk';
import { onLocalWrite } from '../../extension/db/events';
import { setSyncTrigger } from '../../extension/sync/trigger';
import type { CasebookDB } from '../../extension/db/index';
import { freshDb, prEvidence } from './helpers/evidence';

const T0 = Date.parse('2026-11-20T09:15:02.114Z');
let db: CasebookDB | undefined;

afterEach(async () => {
  vi.useRealTimers();
  setSyncTrigger(null);
  await db?.delete();
  db = undefined;
});

/**
 * Registers a counting sync handler with a 1.5 s debounce. Only the trigger's
 * timers are faked (IndexedDB and Dexie keep theirs): no timing assumption.
 */
function fakeTrigger(): { runs: number } {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const counter = { runs: 0 };
  setSyncTrigger(() => {
    counter.runs++;
  }, 1500);
  return counter;
}

describe('sync trigger on local writes', () => {
  it('runs the handler once after a burst of committed writes (db/write.ts and db/bulk.ts)', async () => {
    db = freshDb();
    const trigger = fakeTrigger();
    const saved = await saveEvidence(prEvidence(), { db, now: () => T0 });
    expect(await addCompetency([saved.id], 'execution', { db, now: () => T0 + 1 })).toBe(1);
    vi.advanceTimersByTime(1499);
    expect(trigger.runs).toBe(0); // debounced: nothing before the quiet period after the last write
    vi.advanceTimersByTime(1);
    await Promise.resolve();
    expect(trigger.runs).toBe(1);
  });

  it('a write refused by its schema announces nothing', async () => {
    db = freshDb();
    let events = 0;
    const off = onLocalWrite(() => events++);
    try {
      await expect(saveEvidence({ ...prEvidence(), title: '' }, { db, now: () => T0 })).rejects.toBeInstanceOf(
        RecordValidationError,
      );
      expect(events).toBe(0);
      await saveEvidence(prEvidence(), { db, now: () => T0 });
      expect(events).toBe(1);
    } finally {
      off();
    }
  });

  it('after setSyncTrigger(null) a write neither runs the handler nor keeps a pending run', async () => {
    db = freshDb();
    const trigger = fakeTrigger();
    await saveEvidence(prEvidence(), { db, now: () => T0 });
    setSyncTrigger(null); // cancels the pending run and unsubscribes
    await saveEvidence(prEvidence(2), { db, now: () => T0 + 1 });
    vi.advanceTimersByTime(10_000);
    await Promise.resolve();
    expect(trigger.runs).toBe(0);
  });

  it('a listener that throws does not fail the write', async () => {
    db = freshDb();
    const off = onLocalWrite(() => {
      throw new Error('listener broke');
    });
    try {
      const saved = await saveEvidence(prEvidence(), { db, now: () => T0 });
      expect(await db.evidence.get(saved.id)).toEqual(saved);
    } finally {
      off();
    }
  });
});
