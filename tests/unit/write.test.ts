/**
 * extension/db/write.ts: every local write stores the record and its outbox entry
 * in one transaction, validated, with an HLC that orders successive writes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Evidence, Hlc, UserSettingsRecord } from '../../shared/schemas';
import { parseHlc } from '../../shared/hlc';
import {
  deleteEvidence,
  RecordNotFoundError,
  RecordValidationError,
  restoreEvidence,
  saveEvidence,
  saveSettings,
  saveWeeklyLog,
} from '../../extension/db/write';
import { getDeviceState } from '../../extension/db/device-state';
import { listEvidence } from '../../extension/db/queries';
import type { CasebookDB } from '../../extension/db/index';
import { freshDb, prEvidence } from './helpers/evidence';

const T0 = Date.parse('2026-11-20T09:15:02.114Z');
let db: CasebookDB;

afterEach(async () => {
  await db?.delete();
});

describe('saveEvidence', () => {
  it('writes the validated record and one outbox entry carrying the same clock', async () => {
    db = freshDb();
    const saved = await saveEvidence(prEvidence(), { db, now: () => T0 });

    expect(Evidence.parse(saved)).toEqual(saved);
    expect(saved.url).toBe('https://github.com/artsy/emission/pull/327');
    expect(saved.capturedAt).toBe('2026-11-20T09:15:02.114Z');
    expect(saved.deletedAt).toBeNull();
    expect(await db.evidence.get(saved.id)).toEqual(saved);

    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ collection: 'evidence', id: saved.id, op: 'upsert', hlc: saved.updatedAt });
    expect(outbox[0]!.data).toEqual(saved);
    expect(outbox[0]!.seq).toBeGreaterThan(0);
  });

  it('stores http(s) URLs in canonical form', async () => {
    db = freshDb();
    const saved = await saveEvidence(
      { ...prEvidence(), url: 'https://github.com/artsy/emission/pull/327/files?utm_source=x#diff-1' },
      { db, now: () => T0 },
    );
    expect(saved.url).toBe('https://github.com/artsy/emission/pull/327');
  });

  it('rejects an invalid record and writes nothing: no record, no outbox entry, no clock tick', async () => {
    db = freshDb();
    await saveEvidence(prEvidence(1), { db, now: () => T0 });
    const hlcBefore = await getDeviceState(db, 'hlc');

    const bad = { ...prEvidence(), title: '', competencies: ['Not A Competency'] };
    const err = await saveEvidence(bad, { db, now: () => T0 + 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordValidationError);
    expect((err as RecordValidationError).issues.map((i) => i.path[0])).toEqual(
      expect.arrayContaining(['title', 'competencies']),
    );

    expect(await db.evidence.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect(await getDeviceState(db, 'hlc')).toEqual(hlcBefore);
  });

  it('rolls the record back when the outbox write fails (one transaction)', async () => {
    db = freshDb();
    db.outbox.hook('creating', () => {
      throw new Error('quota exceeded');
    });
    await expect(saveEvidence(prEvidence(), { db, now: () => T0 })).rejects.toThrow('quota exceeded');
    expect(await db.evidence.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await getDeviceState(db, 'hlc')).toBeUndefined();
  });

  it('keeps one pending outbox entry per record (the newest) and keeps capturedAt on update', async () => {
    db = freshDb();
    const first = await saveEvidence(prEvidence(), { db, now: () => T0 });
    const second = await saveEvidence(
      { ...prEvidence(), id: first.id, claim: 'I led it.' },
      { db, now: () => T0 + 60_000 },
    );
    expect(second.capturedAt).toBe(first.capturedAt);
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.hlc).toBe(second.updatedAt);
    expect(outbox[0]!.data).toMatchObject({ claim: 'I led it.' });
  });
});

describe('HLC of successive writes', () => {
  it('orders writes strictly, even with a frozen or backwards wall clock, all from one device id', async () => {
    db = freshDb();
    const times = [T0, T0, T0, T0 - 5_000, T0 + 1, T0 + 1];
    const clocks: string[] = [];
    for (const [i, t] of times.entries()) {
      clocks.push((await saveEvidence(prEvidence(i + 1), { db, now: () => t })).updatedAt);
    }
    for (const c of clocks) expect(Hlc.safeParse(c).success).toBe(true);
    expect([...clocks].sort()).toEqual(clocks);
    expect(new Set(clocks).size).toBe(clocks.length);
    const devices = new Set(clocks.map((c) => parseHlc(c).deviceId));
    expect(devices.size).toBe(1);
    expect([...devices][0]).toBe(await getDeviceState(db, 'deviceId'));
    // Outbox order (seq) follows clock order.
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((e) => e.hlc)).toEqual(clocks);
  });
});

describe('deleteEvidence / restoreEvidence', () => {
  it('tombstones the record (kept locally, hidden from the list) and queues a delete without data', async () => {
    db = freshDb();
    const saved = await saveEvidence(prEvidence(), { db, now: () => T0 });
    const deleted = await deleteEvidence(saved.id, { db, now: () => T0 + 1000 });

    expect(deleted.deletedAt).toBe('2026-11-20T09:15:03.114Z');
    expect(deleted.updatedAt > saved.updatedAt).toBe(true);
    expect(await db.evidence.get(saved.id)).toMatchObject({ deletedAt: deleted.deletedAt, title: saved.title });
    expect(await listEvidence(db)).toEqual([]);

    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ op: 'delete', id: saved.id, hlc: deleted.updatedAt });
    expect(outbox[0]!.data).toBeUndefined();

    const restored = await restoreEvidence(saved.id, { db, now: () => T0 + 2000 });
    expect(restored.deletedAt).toBeNull();
    expect((await listEvidence(db)).map((e) => e.id)).toEqual([saved.id]);
  });

  it('throws RecordNotFoundError for an unknown id and writes nothing', async () => {
    db = freshDb();
    await expect(deleteEvidence('01JD3K8Q2VZ7ABCDEFGHJKMNPQ', { db, now: () => T0 })).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('other collections', () => {
  it('saves one weekly log per ISO week and merges settings into the synced record', async () => {
    db = freshDb();
    const a = await saveWeeklyLog(
      { week: '2026-W47', shipped: 'Billing v2', decisions: '', helped: '', impact: '' },
      { db, now: () => T0 },
    );
    const b = await saveWeeklyLog(
      { week: '2026-W47', shipped: 'Billing v2', decisions: 'Chose Postgres', helped: 'Paired with Ana', impact: '' },
      { db, now: () => T0 + 1 },
    );
    expect(b.id).toBe(a.id);
    expect(await db.weeklyLogs.count()).toBe(1);

    await saveSettings({ githubLogin: '  orta ' }, { db, now: () => T0 + 2 });
    const s = await saveSettings({ atlassianName: 'Orta Therox' }, { db, now: () => T0 + 3 });
    expect(UserSettingsRecord.parse(s)).toMatchObject({
      id: 'settings',
      githubLogin: 'orta',
      atlassianName: 'Orta Therox',
      rubricId: 'senior-software-engineer',
    });
    expect((await db.outbox.toArray()).map((e) => e.collection).sort()).toEqual(['settings', 'weeklyLogs']);
  });
});
