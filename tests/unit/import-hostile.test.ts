/**
 * Hostile backup files and records from a future schema, through the real
 * import (extension/db/bulk.ts `importBackup`, which uses shared/backup.ts) into
 * a fake-indexeddb Dexie store.
 * - Property (fixed seed, bounded runs): a valid backup cut, bit-flipped, with
 *   fields replaced by hostile values, or replaced by random JSON or text, never
 *   throws, never changes or loses a record already stored unless the file holds
 *   a valid newer version of it, and never pollutes Object.prototype.
 * - A backup from a newer version is refused whole; records carrying fields a
 *   newer Casebook added are imported with their unknown `meta` keys kept.
 * - A record pulled from a newer client keeps its unknown `meta` keys through a
 *   local edit and the next push (an older client never destroys them).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_VERSION, makeBackup } from '../../shared/backup';
import { Evidence } from '../../shared/schemas';
import { importBackup } from '../../extension/db/bulk';
import type { CasebookDB } from '../../extension/db/index';
import { saveEvidence } from '../../extension/db/write';
import { applyPulledChanges } from '../../extension/sync/client';
import { formatHlc } from '../../shared/hlc';
import { freshDb, prEvidence } from './helpers/evidence';

const SEED = 20261120;
const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const dbs: CasebookDB[] = [];

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function storeWithTwo(): Promise<{ db: CasebookDB; stored: Evidence[] }> {
  const db = freshDb();
  dbs.push(db);
  const a = await saveEvidence(prEvidence(1), { db, now: () => T0 });
  const b = await saveEvidence(prEvidence(2), { db, now: () => T0 + 1000 });
  return { db, stored: [a, b] };
}

function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom<unknown>(
      null,
      '',
      'x'.repeat(100_000),
      -1,
      1e308,
      [],
      {},
      'javascript:alert(1)',
      '<script>',
      '9999-99-99',
    ),
  );
}

describe('corrupt backup files', () => {
  it('never throw and never lose or change a stored record, whatever the file holds', async () => {
    const { db, stored } = await storeWithTwo();
    // A valid backup: one new record, and an older copy of a stored one (must not win).
    const valid = JSON.stringify(
      makeBackup(
        {
          evidence: [
            { ...stored[0]!, title: 'OLDER COPY', updatedAt: formatHlc({ millis: T0 - 10_000, counter: 0 }, 'OLD') },
            { ...stored[1]!, id: '01JD3K8Q2VZ7000000000000N1', title: 'New from the file' },
          ],
          weeklyLogs: [],
          goals: [],
          settings: [],
        },
        new Date(T0),
      ),
    );
    const parsed = JSON.parse(valid) as Record<string, unknown>;
    const corrupt = fc.oneof(
      fc.nat({ max: valid.length }).map((n) => valid.slice(0, n)),
      fc
        .array(
          fc.record({
            at: fc.nat({ max: valid.length - 1 }),
            ch: fc.constantFrom('"', '{', ']', ',', '\\', '\u0000', 'x'),
          }),
          {
            minLength: 1,
            maxLength: 5,
          },
        )
        .map((flips) => flips.reduce((s, f) => s.slice(0, f.at) + f.ch + s.slice(f.at + 1), valid)),
      fc
        .record({
          key: fc.constantFrom(
            'format',
            'version',
            'exportedAt',
            'evidence',
            'weeklyLogs',
            'goals',
            'settings',
            '__proto__',
          ),
          value: hostileValue(),
        })
        .map(({ key, value }) => {
          const copy = { ...parsed };
          Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
          return JSON.stringify(copy);
        }),
      fc
        .record({
          index: fc.nat({ max: 1 }),
          key: fc.constantFrom(...Object.keys(stored[0]!), '__proto__', 'constructor'),
          value: hostileValue(),
        })
        .map(({ index, key, value }) => {
          const evidence = structuredClone(parsed.evidence) as Record<string, unknown>[];
          Object.defineProperty(evidence[index]!, key, { value, enumerable: true, writable: true, configurable: true });
          return JSON.stringify({ ...parsed, evidence });
        }),
      fc.json({ maxDepth: 4 }),
      fc.string({ maxLength: 300 }),
      fc.constant(`{"format":"casebook-backup","version":1,"evidence":${'['.repeat(5000)}${']'.repeat(5000)}}`),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(corrupt, async (text) => {
        n++;
        let outcome: Awaited<ReturnType<typeof importBackup>> | undefined;
        await expect(
          (async () => {
            outcome = await importBackup(text, { db, now: () => T0 + 60_000 });
          })(),
        ).resolves.toBeUndefined();
        expect(outcome).toBeDefined();
        // The stored records are never changed by an older copy, and never lost.
        for (const s of stored) {
          const now = await db.evidence.get(s.id);
          expect(now?.title).toBe(s.title);
          expect(now?.deletedAt).toBeNull();
        }
        // Whatever was imported passes its schema.
        for (const e of await db.evidence.toArray()) expect(Evidence.safeParse(e).success).toBe(true);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      { seed: SEED, numRuns: 150 },
    );
    expect(n).toBe(150);
  });

  it('prototype keys in a file pollute nothing', async () => {
    const { db } = await storeWithTwo();
    const text = `{"format":"casebook-backup","version":1,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"evidence":[{"__proto__":{"polluted":true}}]}`;
    const out = await importBackup(text, { db, now: () => T0 });
    expect(out.report.added).toBe(0);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('records from a future schema version', () => {
  it('a backup of a newer version is refused whole: nothing written, the reason given', async () => {
    const { db, stored } = await storeWithTwo();
    const file = makeBackup(
      { evidence: [{ ...stored[0]!, id: '01JD3K8Q2VZ7000000000000F1' }], weeklyLogs: [], goals: [], settings: [] },
      new Date(T0),
    );
    const newer = JSON.stringify({ ...file, version: BACKUP_VERSION + 1 });
    const before = await db.outbox.count();
    const out = await importBackup(newer, { db, now: () => T0 });
    expect(out.report.added).toBe(0);
    expect(out.report.invalid[0]?.message).toMatch(/newer Casebook/);
    expect(await db.evidence.count()).toBe(2);
    expect(await db.outbox.count()).toBe(before);
  });

  it('records with fields a newer Casebook added are imported; unknown meta keys are kept', async () => {
    const { db, stored } = await storeWithTwo();
    const future = {
      ...stored[0]!,
      id: '01JD3K8Q2VZ7000000000000F2',
      confidence: 'high',
      meta: { ...stored[0]!.meta, reviewThreads: [{ id: 1, resolved: true }], schemaVersion: 7 },
    };
    const text = JSON.stringify({
      ...makeBackup({ evidence: [], weeklyLogs: [], goals: [], settings: [] }, new Date(T0)),
      evidence: [future],
    });
    const out = await importBackup(text, { db, now: () => T0 + 5000 });
    expect(out.report.added).toBe(1);
    const got = await db.evidence.get(future.id);
    expect(got?.meta).toMatchObject({ reviewThreads: [{ id: 1, resolved: true }], schemaVersion: 7 });
    // Unknown top-level fields are dropped (docs/SECURITY.md: only meta is open to extension).
    expect(got).not.toHaveProperty('confidence');
  });

  it('a record pulled from a newer client keeps its unknown meta keys through a local edit and the next push', async () => {
    const db = freshDb();
    dbs.push(db);
    const mine = await saveEvidence(prEvidence(3), { db, now: () => T0 });
    await db.outbox.clear();
    const newer = { ...mine, meta: { ...mine.meta, fromNewerClient: { deep: ['kept'] } } };
    const hlc = formatHlc({ millis: T0 + 5_000, counter: 0 }, 'NEWER');
    const r = await applyPulledChanges(
      db,
      { changes: [{ collection: 'evidence', id: mine.id, rev: 1, hlc, deleted: false, data: newer }], rev: 1 },
      T0 + 6_000,
    );
    expect(r.applied).toBe(1);
    // The panel edits a record by saving it back whole (extension/db/write.ts saveEvidence).
    const { capturedAt: _c, updatedAt: _u, deletedAt: _d, ...current } = (await db.evidence.get(mine.id))!;
    await saveEvidence({ ...current, claim: 'Edited on the older client' }, { db, now: () => T0 + 10_000 });
    const [entry] = await db.outbox.toArray();
    expect(entry?.data).toMatchObject({
      claim: 'Edited on the older client',
      meta: { fromNewerClient: { deep: ['kept'] } },
    });
  });
});
