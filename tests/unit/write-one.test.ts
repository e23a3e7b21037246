/**
 * extension/db/write-one.ts, the native single-record write behind saveEvidence
 * and the other one-record writes: Dexie's live queries (what the panel's lists
 * use) see its commits, a save inside a caller's Dexie transaction joins it, and
 * the first write of a device stores the device id it stamps.
 */
import { liveQuery } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { saveEvidence, deleteEvidence } from '../../extension/db/write';
import { getDeviceState } from '../../extension/db/device-state';
import { listEvidence } from '../../extension/db/queries';
import { parseHlc } from '../../shared/hlc';
import { CasebookDB } from '../../extension/db/index';
import { freshDb, prEvidence } from './helpers/evidence';

const T0 = Date.parse('2026-11-20T09:15:02.114Z');
let db: CasebookDB | undefined;

afterEach(async () => {
  await db?.delete();
  db = undefined;
});

describe('native single write', () => {
  it('a live query of the evidence list sees each save and delete', async () => {
    const store = (db = freshDb());
    const seen: number[] = [];
    let next: (() => void) | null = null;
    const sub = liveQuery(() => listEvidence(store)).subscribe((list) => {
      seen.push(list.length);
      next?.();
    });
    const change = () => new Promise<void>((r) => (next = r));
    try {
      await change(); // the first answer: empty
      let wait = change();
      const saved = await saveEvidence(prEvidence(), { db: store, now: () => T0 });
      await wait;
      wait = change();
      await saveEvidence(prEvidence(1), { db: store, now: () => T0 + 1 });
      await wait;
      wait = change();
      await deleteEvidence(saved.id, { db: store, now: () => T0 + 2 });
      await wait;
      expect(seen).toEqual([0, 1, 2, 1]);
    } finally {
      sub.unsubscribe();
    }
  });

  it('inside a caller’s Dexie transaction the save joins it (and rolls back with it)', async () => {
    const store = (db = freshDb());
    const attempt = store.transaction('rw', [store.evidence, store.outbox, store.deviceState], async () => {
      await saveEvidence(prEvidence(), { db: store, now: () => T0 });
      expect(await store.evidence.count()).toBe(1);
      throw new Error('caller gives up');
    });
    await expect(attempt).rejects.toThrow('caller gives up');
    expect(await store.evidence.count()).toBe(0);
    expect(await store.outbox.count()).toBe(0);
  });

  it('the first write stores the device id its HLC carries, and later writes reuse it', async () => {
    const store = (db = freshDb());
    const a = await saveEvidence(prEvidence(), { db: store, now: () => T0 });
    const b = await saveEvidence(prEvidence(1), { db: store, now: () => T0 });
    const deviceId = await getDeviceState(store, 'deviceId');
    expect(deviceId).toMatch(/^[0-9A-Z]{26}$/);
    expect(parseHlc(a.updatedAt).deviceId).toBe(deviceId);
    expect(parseHlc(b.updatedAt).deviceId).toBe(deviceId);
    expect(b.updatedAt > a.updatedAt).toBe(true);
  });

  it('two contexts writing in turn (each guessing from its own last write) never reuse or lower the clock', async () => {
    const a = (db = freshDb());
    const b = new CasebookDB(a.name); // a second connection, as the background beside the panel
    try {
      const stamps: string[] = [];
      for (let n = 0; n < 6; n++) {
        const store = n % 3 === 2 ? b : a; // a, a, b, a, a, b: a's guess is stale after each b
        stamps.push((await saveEvidence(prEvidence(n + 1), { db: store, now: () => T0 })).updatedAt);
      }
      expect([...stamps].sort()).toEqual(stamps);
      expect(new Set(stamps).size).toBe(6);
      expect(await a.outbox.count()).toBe(6);
      expect(await getDeviceState(a, 'hlc')).toEqual({ millis: T0, counter: 5 });
    } finally {
      b.close();
    }
  });
});
