/**
 * Dexie schema upgrades with data preserved, in fake-indexeddb.
 *
 * extension/db/index.ts has shipped one schema version so far (version 1). The
 * shipped versions are frozen below as they were released; each is created with
 * data in every table by a plain Dexie of that version, closed, then opened by
 * today's CasebookDB, which must read back every record unchanged (and each still
 * passes its zod schema) with the indexes queries rely on. When version(2) lands,
 * add its frozen stores to SHIPPED and this test upgrades from 1 and from 2.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CasebookDB } from '../../extension/db/index';
import { collectionSchemas, type Collection } from '../../shared/schemas';
import { freshDb, prEvidence } from './helpers/evidence';

/** Every schema version that shipped, exactly as released (never edit an entry). */
const SHIPPED: Record<number, Record<string, string>> = {
  1: {
    evidence: 'id, occurredOn, capturedAt, url',
    weeklyLogs: 'id, week',
    goals: 'id, competency',
    settings: 'id',
    outbox: '++seq, [collection+id]',
    meta: 'key',
  },
  // Version 4 adds the testimonial cache (versions 2 and 3 are the inbox's and the stories').
  4: {
    evidence: 'id, occurredOn, capturedAt, url',
    weeklyLogs: 'id, week',
    goals: 'id, competency',
    settings: 'id',
    outbox: '++seq, [collection+id]',
    meta: 'key',
    testimonials: 'id, requestId',
  },
};

const HLC = '2026-11-20T09:00:00.000Z-0000-01JD3K8Q2VZ7';
const names: string[] = [];

afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** One record of each collection, each valid under its schema, with unknown meta keys a newer client wrote. */
function records(): Record<Collection, Record<string, unknown>> {
  return {
    evidence: {
      ...prEvidence(1),
      id: '01JD3K8Q2VZ7000000000000E1',
      capturedAt: '2026-11-20T09:00:00.000Z',
      meta: { ...prEvidence(1).meta, fromNewerClient: { nested: [1, 2, 3] } },
      updatedAt: HLC,
      deletedAt: null,
    },
    weeklyLogs: {
      id: '01JD3K8Q2VZ7000000000000W1',
      week: '2026-W47',
      shipped: 'Versioned sync API',
      decisions: 'Chose LWW per record',
      helped: 'Paired with Sam on the migration',
      impact: 'No lost edits since',
      updatedAt: HLC,
      deletedAt: null,
    },
    goals: {
      id: '01JD3K8Q2VZ7000000000000G1',
      competency: 'technical-leadership',
      description: 'Write the RFC for the events pipeline',
      dueOn: '2027-01-31',
      status: 'in-progress',
      updatedAt: HLC,
      deletedAt: null,
    },
    settings: {
      id: 'settings',
      githubLogin: 'ada',
      atlassianName: 'Ada L',
      rubricId: 'senior-software-engineer',
      updatedAt: HLC,
      deletedAt: null,
    },
  };
}

describe('Dexie upgrade from every shipped schema version', () => {
  for (const [version, stores] of Object.entries(SHIPPED)) {
    it(`a version-${version} database with data opens in today's CasebookDB with every record intact`, async () => {
      const name = freshDb().name;
      names.push(name);
      const old = new Dexie(name);
      old.version(Number(version)).stores(stores);
      await old.open();
      const data = records();
      for (const [collection, record] of Object.entries(data)) await old.table(collection).put(record);
      await old
        .table('outbox')
        .add({ collection: 'evidence', id: data.evidence.id, op: 'upsert', hlc: HLC, data: data.evidence });
      await old.table('meta').bulkPut([
        { key: 'deviceId', value: '01JD3K8Q2VZ7' },
        { key: 'rev', value: 42 },
        { key: 'lastSeq', value: 7 },
      ]);
      old.close();

      const db = new CasebookDB(name);
      await db.open();
      expect(db.verno).toBeGreaterThanOrEqual(Number(version));
      for (const [collection, record] of Object.entries(data) as [Collection, Record<string, unknown>][]) {
        const stored = await db.recordTable(collection).get(record.id as string);
        expect(stored).toEqual(record);
        expect(collectionSchemas[collection].safeParse(stored).success).toBe(true);
      }
      // Unknown meta keys written by a newer client survive.
      expect((await db.evidence.get(data.evidence.id as string))?.meta).toHaveProperty('fromNewerClient');
      // The outbox and the sync cursor survive: nothing pending is lost.
      expect(await db.outbox.toArray()).toEqual([
        expect.objectContaining({ seq: 1, collection: 'evidence', id: data.evidence.id, op: 'upsert' }),
      ]);
      expect(await db.meta.get('rev')).toEqual({ key: 'rev', value: 42 });
      // Indexes the queries use still answer.
      expect(await db.evidence.where('occurredOn').above('2000-01-01').count()).toBe(1);
      expect(await db.weeklyLogs.where('week').equals('2026-W47').count()).toBe(1);
      expect(
        await db.outbox
          .where('[collection+id]')
          .equals(['evidence', data.evidence.id as string])
          .count(),
      ).toBe(1);
      db.close();
    });
  }

  it('the newest shipped version is the one CasebookDB declares (a schema change needs a new version here)', async () => {
    const db = freshDb();
    names.push(db.name);
    await db.open();
    const newest = Math.max(...Object.keys(SHIPPED).map(Number));
    expect(db.verno).toBe(newest);
    const declared = Object.fromEntries(
      db.tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ')]),
    );
    const frozen = Object.fromEntries(
      Object.entries(SHIPPED[newest]!).map(([table, spec]) => [
        table,
        spec
          .split(',')
          .map((s) => s.trim())
          .join(', '),
      ]),
    );
    expect(declared).toEqual(frozen);
    db.close();
  });
});
