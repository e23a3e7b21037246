/**
 * extension/db/candidates.ts: the history-import inbox in fake-indexeddb.
 * Candidates stay local; accepting writes evidence and dismissing writes a
 * synced dismissal, each with its outbox entry in the same transaction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Candidate } from '../../shared/import';
import { Dismissal, Evidence } from '../../shared/schemas';
import { isDraft } from '../../shared/draft';
import {
  acceptAsDrafts,
  acceptCandidate,
  addCandidates,
  CandidateNotFoundError,
  dismissCandidates,
  listInbox,
} from '../../extension/db/candidates';
import { finishImportRun, lastImportRun, startImportRun } from '../../extension/db/import-runs';
import { saveEvidence } from '../../extension/db/write';
import { exportBackup } from '../../extension/db/backup';
import { importBackup } from '../../extension/db/bulk';
import { applyPulledChanges } from '../../extension/sync/client';
import type { CasebookDB } from '../../extension/db/index';
import { freshDb, prEvidence } from './helpers/evidence';

const T0 = Date.parse('2026-11-20T09:15:02.114Z');
let db: CasebookDB;

afterEach(async () => {
  await db?.delete();
});

/** A merged PR found by the importer (shapes as importHistory returns them). */
function authored(n: number, occurredOn = '2026-03-02'): Candidate {
  return {
    source: 'github-pr',
    kind: 'pull-request',
    role: 'author',
    url: `https://github.com/artsy/emission/pull/${n}`,
    title: `Gene view part ${n}`,
    occurredOn,
    suggestedCompetencies: ['ownership'],
    metrics: [],
    meta: { repo: 'artsy/emission', number: n, state: 'merged' },
    reason: 'authored',
  };
}

/** A PR the user reviewed (two reviews). */
function reviewed(n: number): Candidate {
  return {
    ...authored(n, '2026-04-10'),
    kind: 'code-review',
    role: 'reviewer',
    url: `https://github.com/hub4j/github-api/pull/${n}`,
    title: `Review of ${n}`,
    suggestedCompetencies: ['multiplier'],
    metrics: [{ label: 'Reviews', value: 2 }],
    meta: { repo: 'hub4j/github-api', number: n, state: 'merged' },
    reason: 'reviewed',
  };
}

const deps = () => ({ db, now: () => T0 });

describe('addCandidates', () => {
  it('stores valid candidates by canonical URL, counts invalid ones and never stores them', async () => {
    db = freshDb();
    const bad = { ...authored(3), title: '' };
    const out = await addCandidates([authored(1), reviewed(2), bad, { nonsense: true }], 'RUN1', deps());
    expect(out).toEqual({ added: 2, waiting: 0, known: 0, skipped: 2 });
    const inbox = await listInbox(db);
    expect(inbox.map((c) => c.url)).toEqual([
      'https://github.com/hub4j/github-api/pull/2',
      'https://github.com/artsy/emission/pull/1',
    ]);
    expect(inbox[0]).toMatchObject({ importRunId: 'RUN1', importedAt: '2026-11-20T09:15:02.114Z' });
    // Local only: nothing was queued for sync.
    expect(await db.outbox.count()).toBe(0);
  });

  it('leaves out candidates already in the Library or dismissed', async () => {
    db = freshDb();
    await saveEvidence({ ...prEvidence(), url: 'https://github.com/artsy/emission/pull/1' }, deps());
    await addCandidates([authored(2)], 'RUN1', deps());
    await dismissCandidates(['https://github.com/artsy/emission/pull/2'], deps());
    await addCandidates([authored(3)], 'RUN1', deps());
    const out = await addCandidates([authored(1), authored(2), authored(3), authored(4)], 'RUN2', deps());
    expect(out).toEqual({ added: 1, waiting: 1, known: 2, skipped: 0 });
    expect((await db.candidates.get('https://github.com/artsy/emission/pull/3'))?.importRunId).toBe('RUN2');
    expect((await listInbox(db)).map((c) => c.url)).toEqual([
      'https://github.com/artsy/emission/pull/3',
      'https://github.com/artsy/emission/pull/4',
    ]);
  });

  it('hides a stored candidate once the same URL is clipped as evidence', async () => {
    db = freshDb();
    await addCandidates([authored(1), authored(2)], 'RUN1', deps());
    await saveEvidence({ ...prEvidence(), url: 'https://github.com/artsy/emission/pull/2?tab=files#x' }, deps());
    expect((await listInbox(db)).map((c) => c.url)).toEqual(['https://github.com/artsy/emission/pull/1']);
  });
});

describe('accept', () => {
  it('writes evidence with the claim, impact and suggested competencies, queues it for sync, and empties the slot', async () => {
    db = freshDb();
    await addCandidates([authored(1), reviewed(2)], 'RUN1', deps());
    const e = await acceptCandidate(
      'https://github.com/hub4j/github-api/pull/2',
      { claim: 'I asked for pagination and a test cassette.', impact: 'Shipped with tests.' },
      deps(),
    );
    expect(Evidence.parse(e)).toEqual(e);
    expect(e).toMatchObject({
      source: 'github-pr',
      kind: 'code-review',
      role: 'reviewer',
      occurredOn: '2026-04-10',
      claim: 'I asked for pagination and a test cassette.',
      competencies: ['multiplier'],
      metrics: [{ label: 'Reviews', value: 2 }],
      capturedAt: '2026-11-20T09:15:02.114Z',
    });
    expect(await db.evidence.get(e.id)).toEqual(e);
    const outbox = await db.outbox.toArray();
    expect(outbox).toEqual([
      expect.objectContaining({ collection: 'evidence', id: e.id, op: 'upsert', hlc: e.updatedAt }),
    ]);
    expect((await listInbox(db)).map((c) => c.url)).toEqual(['https://github.com/artsy/emission/pull/1']);
    expect(await db.candidates.count()).toBe(1);
  });

  it('writes nothing when a candidate is gone or a record is invalid', async () => {
    db = freshDb();
    await addCandidates([authored(1)], 'RUN1', deps());
    await expect(
      acceptAsDrafts(['https://github.com/artsy/emission/pull/1', 'https://github.com/artsy/emission/pull/9'], deps()),
    ).rejects.toBeInstanceOf(CandidateNotFoundError);
    await expect(
      acceptCandidate('https://github.com/artsy/emission/pull/1', { claim: 'x'.repeat(5001), impact: '' }, deps()),
    ).rejects.toThrow(/claim/);
    expect(await db.evidence.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.candidates.count()).toBe(1);
  });

  it('accepts 500 candidates as drafts in one call: 500 evidence items needing a claim, 500 outbox entries', async () => {
    db = freshDb();
    const many = Array.from({ length: 500 }, (_, i) => authored(1000 + i, `2026-0${1 + (i % 9)}-15`));
    await addCandidates(many, 'RUN1', deps());
    const urls = (await listInbox(db)).map((c) => c.url);
    expect(urls).toHaveLength(500);
    const saved = await acceptAsDrafts(urls, deps());
    expect(saved).toHaveLength(500);
    expect(saved.every(isDraft)).toBe(true);
    expect(saved.every((e) => e.competencies.join() === 'ownership')).toBe(true);
    expect(await db.evidence.count()).toBe(500);
    expect(await db.outbox.count()).toBe(500);
    expect(new Set((await db.outbox.toArray()).map((o) => o.hlc)).size).toBe(500);
    expect(await listInbox(db)).toEqual([]);
  });
});

describe('dismiss', () => {
  it('writes a synced dismissal (record and outbox entry) and the URL never comes back', async () => {
    db = freshDb();
    await addCandidates([authored(1), authored(2)], 'RUN1', deps());
    const [d] = await dismissCandidates(['https://github.com/artsy/emission/pull/1'], deps());
    expect(Dismissal.parse(d)).toEqual(d);
    expect(d).toMatchObject({
      url: 'https://github.com/artsy/emission/pull/1',
      dismissedAt: '2026-11-20T09:15:02.114Z',
    });
    expect(await db.outbox.toArray()).toEqual([
      expect.objectContaining({ collection: 'dismissals', id: d!.id, op: 'upsert', data: d }),
    ]);
    // Dismissing again writes nothing new.
    expect(await dismissCandidates(['https://github.com/artsy/emission/pull/1'], deps())).toEqual([]);
    expect((await addCandidates([authored(1)], 'RUN2', deps())).known).toBe(1);
    expect((await listInbox(db)).map((c) => c.url)).toEqual(['https://github.com/artsy/emission/pull/2']);
  });

  it('a dismissal pulled from another device hides the candidate here and keeps it out of later imports', async () => {
    db = freshDb();
    await addCandidates([authored(1), authored(2)], 'RUN1', deps());
    const hlc = '2026-11-20T09:20:00.000Z-0000-OTHERDEVICE1';
    const other: Dismissal = {
      id: '01JD3K8Q2VZ7000000000000D9',
      url: 'https://github.com/artsy/emission/pull/2',
      dismissedAt: '2026-11-20T09:20:00.000Z',
      updatedAt: hlc,
      deletedAt: null,
    };
    const res = await applyPulledChanges(
      db,
      { changes: [{ collection: 'dismissals', id: other.id, rev: 1, hlc, deleted: false, data: other }], rev: 1 },
      T0,
    );
    expect(res.applied).toBe(1);
    expect((await listInbox(db)).map((c) => c.url)).toEqual(['https://github.com/artsy/emission/pull/1']);
    expect((await addCandidates([authored(2)], 'RUN2', deps())).added).toBe(0);
  });
});

describe('import runs', () => {
  it('records a run, its counts and its resume cursor while incomplete; the last run is the newest', async () => {
    db = freshDb();
    const first = await startImportRun({ source: 'github', from: '2025-11-20', to: '2026-11-20' }, T0, db);
    await finishImportRun(
      first.id,
      {
        complete: false,
        resume: 'CURSOR',
        counts: { found: 3, added: 2, known: 1, skipped: 0, requests: 4 },
        errors: [],
      },
      T0 + 1000,
      db,
    );
    expect(await lastImportRun('github', db)).toMatchObject({
      complete: false,
      resume: 'CURSOR',
      finishedAt: '2026-11-20T09:15:03.114Z',
    });
    const second = await startImportRun({ source: 'github', from: '2025-11-20', to: '2026-11-20' }, T0 + 5000, db);
    const done = await finishImportRun(
      second.id,
      { complete: true, resume: 'IGNORED', counts: first.counts, errors: [] },
      T0 + 6000,
      db,
    );
    expect(done?.resume).toBeNull();
    expect((await lastImportRun(undefined, db))?.id).toBe(second.id);
    expect(await lastImportRun('jira', db)).toBeUndefined();
  });
});

describe('backup', () => {
  it('exports dismissals with the rest and imports them back as synced records', async () => {
    db = freshDb();
    await addCandidates([authored(1)], 'RUN1', deps());
    const [d] = await dismissCandidates(['https://github.com/artsy/emission/pull/1'], deps());
    const file = await exportBackup(new Date(T0), db);
    expect(file.dismissals).toEqual([d]);

    const other = freshDb();
    try {
      const out = await importBackup(JSON.stringify(file), { db: other, now: () => T0 + 1000 });
      expect(out.report).toMatchObject({ added: 1, invalid: [] });
      const back = await other.dismissals.toArray();
      expect(back.map((x) => x.url)).toEqual(['https://github.com/artsy/emission/pull/1']);
      expect(await other.outbox.toArray()).toEqual([expect.objectContaining({ collection: 'dismissals', id: d!.id })]);
      // A backup made before dismissals existed still imports.
      const { dismissals: _gone, ...old } = file;
      expect((await importBackup(JSON.stringify(old), { db: other, now: () => T0 + 2000 })).report.invalid).toEqual([]);
    } finally {
      await other.delete();
    }
  });
});
