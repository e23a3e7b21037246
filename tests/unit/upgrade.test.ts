/**
 * Dexie schema upgrades with data preserved, in fake-indexeddb.
 *
 * The shipped schema versions of extension/db/index.ts are frozen below as they
 * were released; each is created with data in every table by a plain Dexie of
 * that version, closed, then opened by today's CasebookDB, which must read back
 * every record unchanged (and each still passes its zod schema) with the indexes
 * queries rely on. Version 2 added the history import's tables (`dismissals`,
 * synced; `candidates` and `importRuns`, local); version 3 added `stories`
 * (synced); version 4 the testimonial cache; version 5 renamed the device's
 * key/value table `meta` to `deviceState` (rows copied, `meta` dropped) and
 * dropped evidence's unused `capturedAt` index. A new
 * version adds its frozen stores to SHIPPED.
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
  2: {
    evidence: 'id, occurredOn, capturedAt, url',
    weeklyLogs: 'id, week',
    goals: 'id, competency',
    settings: 'id',
    outbox: '++seq, [collection+id]',
    meta: 'key',
    dismissals: 'id, url',
    candidates: 'url, occurredOn, reason, importRunId',
    importRuns: 'id, startedAt',
  },
  3: {
    evidence: 'id, occurredOn, capturedAt, url',
    weeklyLogs: 'id, week',
    goals: 'id, competency',
    settings: 'id',
    outbox: '++seq, [collection+id]',
    meta: 'key',
    dismissals: 'id, url',
    candidates: 'url, occurredOn, reason, importRunId',
    importRuns: 'id, startedAt',
    stories: 'id, updatedAt',
  },
  // Version 4 adds the testimonial cache.
  4: {
    evidence: 'id, occurredOn, capturedAt, url',
    weeklyLogs: 'id, week',
    goals: 'id, competency',
    settings: 'id',
    outbox: '++seq, [collection+id]',
    meta: 'key',
    dismissals: 'id, url',
    candidates: 'url, occurredOn, reason, importRunId',
    importRuns: 'id, startedAt',
    stories: 'id, updatedAt',
    testimonials: 'id, requestId',
  },
  // Version 5 renames `meta` (the device's key/value state) to `deviceState`.
  5: {
    evidence: 'id, occurredOn, url',
    weeklyLogs: 'id, week',
    goals: 'id, competency',
    settings: 'id',
    outbox: '++seq, [collection+id]',
    deviceState: 'key',
    dismissals: 'id, url',
    candidates: 'url, occurredOn, reason, importRunId',
    importRuns: 'id, startedAt',
    stories: 'id, updatedAt',
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
    dismissals: {
      id: '01JD3K8Q2VZ7000000000000D1',
      url: 'https://github.com/artsy/emission/pull/327',
      dismissedAt: '2026-11-20T09:00:00.000Z',
      updatedAt: HLC,
      deletedAt: null,
    },
    stories: {
      id: '01JD3K8Q2VZ7000000000000S1',
      title: 'Versioned sync API',
      problem: 'Two devices overwrote each other; support noticed first.',
      approach: 'I wrote the design doc and drove the HLC decision.',
      outcome: 'Lost edits went from 12 a week to 0.',
      evidenceIds: ['01JD3K8Q2VZ7000000000000E1'],
      scope: ['architecture', 'cross-team'],
      privateNote: 'not for the share page',
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
      // The collections whose table exists in that version.
      const all = records();
      const data = { ...Object.fromEntries(Object.entries(all).filter(([c]) => c in stores)), evidence: all.evidence };
      for (const [collection, record] of Object.entries(data)) await old.table(collection).put(record);
      await old
        .table('outbox')
        .add({ collection: 'evidence', id: data.evidence.id, op: 'upsert', hlc: HLC, data: data.evidence });
      // The device's key/value state: `meta` up to version 4, `deviceState` from 5.
      await old.table('deviceState' in stores ? 'deviceState' : 'meta').bulkPut([
        { key: 'deviceId', value: '01JD3K8Q2VZ7' },
        { key: 'rev', value: 42 },
        { key: 'lastSeq', value: 7 },
      ]);
      old.close();

      const db = new CasebookDB(name);
      await db.open();
      expect(db.verno).toBeGreaterThanOrEqual(Number(version));
      expect(Object.keys(data).length).toBeGreaterThanOrEqual(4);
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
      expect(await db.deviceState.get('rev')).toEqual({ key: 'rev', value: 42 });
      expect(await db.deviceState.toArray()).toEqual([
        { key: 'deviceId', value: '01JD3K8Q2VZ7' },
        { key: 'lastSeq', value: 7 },
        { key: 'rev', value: 42 },
      ]);
      // The old table is gone: `meta` now names only evidence's field.
      expect(db.backendDB().objectStoreNames.contains('meta')).toBe(false);
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
