/**
 * Stories in the JSON backup (shared/backup.ts): exported with the rest,
 * imported with known links kept and unknown ones dropped and reported, and
 * through the panel's importer (extension/db/bulk.ts) into Dexie.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { makeBackup, planImport } from '../../shared/backup';
import type { Story } from '../../shared/schemas';
import { importBackup } from '../../extension/db/bulk';
import { exportBackup } from '../../extension/db/backup';
import { saveEvidence, saveStory } from '../../extension/db/write';
import { freshDb, prEvidence } from './helpers/evidence';
import { IDS, syncWork } from './helpers/story-fixtures';

const UNKNOWN = '01JD3K8Q2VZ70000000000XXXX';
const { rfc, ticket, pr } = syncWork();

function story(over: Partial<Story> = {}): Story {
  return {
    id: '01JD3K8Q2VZ70000000000STRY',
    title: 'Versioned sync API',
    problem: 'Lost edits.',
    approach: 'HLC per record.',
    outcome: '0 lost edits.',
    evidenceIds: [IDS.rfc, IDS.ticket, UNKNOWN, IDS.pr],
    scope: ['architecture'],
    privateNote: 'mine',
    updatedAt: '2026-11-20T09:00:00.000Z-0000-01JD3K8Q2VZ7',
    deletedAt: null,
    ...over,
  };
}

describe('stories in the backup', () => {
  it('a story is exported, and imported with its known links; unknown evidence is reported', () => {
    const file = makeBackup(
      { evidence: [rfc, ticket], weeklyLogs: [], goals: [], settings: [], stories: [story()] },
      new Date('2026-11-20T10:00:00Z'),
    );
    expect(file.stories).toHaveLength(1);
    // PR is not in the file but is stored; UNKNOWN is nowhere.
    const plan = planImport(JSON.stringify(file), (c, id) =>
      c === 'evidence' && id === IDS.pr ? { updatedAt: pr.updatedAt } : undefined,
    );
    const written = plan.writes.find((w) => w.collection === 'stories')?.record as Story;
    expect(written.evidenceIds).toEqual([IDS.rfc, IDS.ticket, IDS.pr]);
    expect(written.privateNote).toBe('mine');
    expect(plan.report.unlinked).toEqual([
      { storyId: story().id, title: 'Versioned sync API', evidenceIds: [UNKNOWN] },
    ]);
    expect(plan.report.added).toBe(3);
  });

  it('a backup made before stories imports as before, with no unlinked report', () => {
    const file = makeBackup({ evidence: [rfc], weeklyLogs: [], goals: [], settings: [] }, new Date());
    const { stories: _s, ...old } = file;
    const plan = planImport(old, () => undefined);
    expect(plan.report).toEqual({ added: 1, updated: 0, skipped: 0, invalid: [] });
  });

  it('an invalid story is reported and does not block the others', () => {
    const file = makeBackup(
      {
        evidence: [],
        weeklyLogs: [],
        goals: [],
        settings: [],
        stories: [story({ title: 'x\u202E' }), story({ id: '01JD3K8Q2VZ70000000000STR2', evidenceIds: [] })],
      },
      new Date(),
    );
    const plan = planImport(file, () => undefined);
    expect(plan.report.invalid).toEqual([
      { collection: 'stories', index: 0, message: expect.stringContaining('text-direction') },
    ]);
    expect(plan.writes.map((w) => (w.record as Story).id)).toEqual(['01JD3K8Q2VZ70000000000STR2']);
  });

  const names: string[] = [];
  afterEach(async () => {
    for (const n of names.splice(0)) await Dexie.delete(n);
  });

  it('round-trips through Dexie: export from one store, import into an empty one', async () => {
    const a = freshDb();
    const b = freshDb();
    names.push(a.name, b.name);
    const e1 = await saveEvidence(prEvidence(1), { db: a });
    const s = await saveStory({ ...story(), evidenceIds: [e1.id] }, { db: a });
    const file = await exportBackup(new Date(), a);
    expect(file.stories?.map((x) => x.id)).toEqual([s.id]);
    const outcome = await importBackup(JSON.stringify(file), { db: b });
    expect(outcome.report.added).toBe(2);
    expect((await b.stories.get(s.id))?.evidenceIds).toEqual([e1.id]);
    expect(await b.outbox.where('[collection+id]').equals(['stories', s.id]).count()).toBe(1);
  });
});
