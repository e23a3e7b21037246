/**
 * The story record (shared/schemas.ts `Story`), its logic (shared/story.ts)
 * and its writes through the one write module (extension/db/write.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { Story } from '../../shared/schemas';
import {
  SCOPE_LABELS,
  storiesCiting,
  storiesForShare,
  storyCompetencies,
  storyPeople,
  storyTimeline,
  suggestScope,
} from '../../shared/story';
import {
  deleteEvidence,
  deleteStory,
  RecordValidationError,
  saveEvidence,
  saveStory,
  type StoryInput,
} from '../../extension/db/write';
import { freshDb, prEvidence } from './helpers/evidence';
import { fromDraft, IDS, syncWork } from './helpers/story-fixtures';

const HLC = '2026-11-20T09:00:00.000Z-0000-01JD3K8Q2VZ7';

function story(over: Partial<Story> = {}): Story {
  return {
    id: '01JD3K8Q2VZ70000000000STRY',
    title: 'Versioned sync API',
    problem: 'Two devices overwrote each other; support noticed first.',
    approach: 'I wrote the RFC and drove the decision to use hybrid logical clocks.',
    outcome: 'Lost edits went from 12 a week to 0.',
    evidenceIds: [IDS.rfc, IDS.ticket, IDS.pr],
    scope: ['architecture'],
    privateNote: 'Ask Min for a quote.',
    updatedAt: HLC,
    deletedAt: null,
    ...over,
  };
}

describe('Story schema', () => {
  it('accepts a full story and an empty one', () => {
    expect(Story.safeParse(story()).success).toBe(true);
    expect(Story.safeParse(story({ evidenceIds: [], scope: [], problem: '', approach: '', outcome: '' })).success).toBe(
      true,
    );
  });

  it.each([
    ['an empty title', { title: '   ' }, 'a story needs a title'],
    ['a title over 500 characters', { title: 'x'.repeat(501) }, 'title'],
    ['a title with a bidi override', { title: 'Fixed \u202Egnissecorp\u202C' }, 'text-direction'],
    ['a title with a NUL', { title: 'Sync\u0000API' }, 'control'],
    ['a title with a newline', { title: 'Sync\n# Injected' }, 'control'],
    ['an outcome over 5,000 characters', { outcome: 'y'.repeat(5001) }, 'outcome'],
    ['a private note over 10,000 characters', { privateNote: 'z'.repeat(10001) }, 'privateNote'],
    ['an evidence id that is not a ULID', { evidenceIds: ['../../etc'] }, 'ULID'],
    ['the same evidence twice', { evidenceIds: [IDS.pr, IDS.pr] }, 'linked twice'],
    [
      'more than 200 evidence items',
      { evidenceIds: Array.from({ length: 201 }, (_, i) => `01JD3K8Q2VZ7${String(i).padStart(14, '0')}`) },
      'evidenceIds',
    ],
    ['an unknown scope signal', { scope: ['heroic'] }, 'scope'],
    ['a scope signal twice', { scope: ['incident', 'incident'] }, 'listed twice'],
  ])('rejects %s', (_name, over, expected) => {
    const parsed = Story.safeParse(story(over as Partial<Story>));
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain(expected);
  });

  it('keeps markup in a title as text (escaped where it is shown)', () => {
    expect(Story.safeParse(story({ title: '<img src=x onerror=alert(1)> [x](javascript:alert(1))' })).success).toBe(
      true,
    );
  });
});

describe('story logic', () => {
  const { rfc, ticket, pr } = syncWork();
  const byId = new Map([rfc, ticket, pr].map((e) => [e.id, e]));

  it('orders the timeline doc → ticket → PR → incident and counts missing evidence', () => {
    const incident = fromDraft('confluence--server-page-only-handwritten', IDS.doc, {
      kind: 'incident',
      occurredOn: '2026-09-01',
    });
    const all = new Map([...byId, [incident.id, incident]]);
    const s = story({ evidenceIds: [IDS.pr, IDS.doc, IDS.ticket, IDS.rfc, IDS.artsy] });
    const { items, missing } = storyTimeline(s, all);
    expect(items.map((e) => e.kind)).toEqual(['design-doc', 'ticket', 'pull-request', 'incident']);
    expect(missing).toBe(1);
    expect(storyTimeline(story({ evidenceIds: [IDS.artsy] }), all)).toEqual({ items: [], missing: 1 });
  });

  it('unions competencies and people (without the engineer)', () => {
    expect(storyCompetencies([rfc, ticket, pr])).toEqual(['technical-leadership', 'communication', 'ownership']);
    expect(storyPeople([rfc, ticket, pr], ['Dana Okafor', 'octo-dev'])).toEqual(['Min Lee', 'ada-reviews', 'lin-qa']);
  });

  it('suggests scope signals from the evidence', () => {
    const scopes = suggestScope([rfc, ticket, pr], ['Dana Okafor', 'octo-dev']);
    expect(scopes.map((s) => s.scope)).toEqual(['cross-team', 'architecture', 'ambiguous']);
    expect(scopes[0]!.reason).toBe('spans PLAT, casebook-demo');
    const review = { ...pr, kind: 'code-review' as const, role: 'reviewer' as const };
    const incident = { ...ticket, meta: { ...ticket.meta, issueType: 'Incident' } };
    expect(suggestScope([review, incident]).map((s) => s.scope)).toEqual(['cross-team', 'incident', 'mentoring']);
    for (const s of scopes) expect(SCOPE_LABELS[s.scope]).toBeTruthy();
  });

  it('a share shows a story only with its in-scope items, and never its private note', () => {
    const shown = storiesForShare(
      [story(), story({ id: '01JD3K8Q2VZ70000000000OUT1', evidenceIds: [IDS.artsy] })],
      new Set([IDS.pr]),
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]!.evidenceIds).toEqual([IDS.pr]);
    expect(shown[0]).not.toHaveProperty('privateNote');
    expect(JSON.stringify(shown)).not.toContain('Ask Min');
    expect(storiesForShare([story({ deletedAt: '2026-11-21T00:00:00.000Z' })], new Set([IDS.pr]))).toEqual([]);
  });

  it('finds the stories an answer cites', () => {
    expect(storiesCiting([story()], [IDS.ticket])).toHaveLength(1);
    expect(storiesCiting([story()], [IDS.artsy])).toHaveLength(0);
  });
});

describe('saveStory / deleteStory', () => {
  const names: string[] = [];
  afterEach(async () => {
    for (const n of names.splice(0)) await Dexie.delete(n);
  });
  function input(over: Partial<StoryInput> = {}): StoryInput {
    const { id: _id, updatedAt: _u, deletedAt: _d, ...rest } = story();
    return { ...rest, evidenceIds: [], ...over };
  }

  it('stores a story with its outbox entry; a story whose evidence is deleted keeps the rest', async () => {
    const db = freshDb();
    names.push(db.name);
    const a = await saveEvidence(prEvidence(1), { db });
    const b = await saveEvidence(prEvidence(2), { db });
    const saved = await saveStory(input({ title: '  Gene page  ', evidenceIds: [a.id, b.id] }), { db });
    expect(saved.title).toBe('Gene page');
    expect(await db.stories.get(saved.id)).toEqual(saved);
    expect(await db.outbox.where('[collection+id]').equals(['stories', saved.id]).count()).toBe(1);
    await deleteEvidence(a.id, { db });
    const live = new Map((await db.evidence.toArray()).filter((e) => e.deletedAt === null).map((e) => [e.id, e]));
    const stored = (await db.stories.get(saved.id))!;
    expect(stored.evidenceIds).toEqual([a.id, b.id]);
    expect(storyTimeline(stored, live)).toMatchObject({ items: [{ id: b.id }], missing: 1 });
    await deleteEvidence(b.id, { db });
    const none = new Map((await db.evidence.toArray()).filter((e) => e.deletedAt === null).map((e) => [e.id, e]));
    expect(storyTimeline((await db.stories.get(saved.id))!, none)).toEqual({ items: [], missing: 2 });
    const gone = await deleteStory(saved.id, { db });
    expect(gone.deletedAt).not.toBeNull();
    expect((await db.outbox.where('[collection+id]').equals(['stories', saved.id]).first())?.op).toBe('delete');
  });

  it.each([
    ['a hostile title', { title: 'Ship it\u202E' }],
    ['a problem over the limit', { problem: 'p'.repeat(5001) }],
  ])('refuses %s with a clear error and stores nothing', async (_n, over) => {
    const db = freshDb();
    names.push(db.name);
    const err = await saveStory(input(over), { db }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordValidationError);
    expect((err as Error).message).toMatch(/Invalid stories record/);
    expect(await db.stories.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});
