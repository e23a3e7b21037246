/**
 * extension/db/search.ts: full-text search (MiniSearch index and the substring
 * fallback) and the library's filters, on seeded realistic evidence.
 */
import { describe, expect, it } from 'vitest';
import { Evidence } from '../../shared/schemas';
import {
  activeFilterCount,
  EvidenceIndex,
  filterEvidence,
  isShortQuery,
  NO_FILTERS,
  scanSearch,
  searchDoc,
} from '../../extension/db/search';
import { seedEvidence } from './helpers/seed';

const items = seedEvidence(2000);
const byId = new Map(items.map((e) => [e.id, e]));
const own = (e: Evidence) => e.competencies;

function built(list = items): EvidenceIndex {
  const idx = new EvidenceIndex();
  idx.sync(list);
  return idx;
}

function text(e: Evidence): string {
  const d = searchDoc(e);
  return `${d.title} ${d.claim} ${d.impact} ${d.tags} ${d.people} ${d.source}`.toLowerCase();
}

describe('seeded evidence', () => {
  it('is valid against the Evidence schema', () => {
    for (const e of items) expect(Evidence.safeParse(e).success).toBe(true);
  });
});

describe('EvidenceIndex', () => {
  it('finds every item whose words start with each query term (AND), and nothing else', () => {
    const idx = built();
    const hits = idx.search('ledger mei')!;
    const expected = items.filter((e) => /\bledger/.test(text(e)) && /\bmei\b/.test(text(e)));
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.length).toBeLessThan(items.filter((e) => /\bledger/.test(text(e))).length);
    expect([...hits.keys()].sort()).toEqual(expected.map((e) => e.id).sort());
  });

  it('searches the source ids in meta: GitHub repo and PR number, Jira key', () => {
    const idx = built();
    const pr = items.find((e) => e.source === 'github-pr')!;
    const hits = idx.search(`${String(pr.meta.repo)} ${String(pr.meta.number)}`)!;
    expect([...hits.keys()]).toContain(pr.id);
    for (const id of hits.keys()) expect(byId.get(id)!.meta.repo).toBe(pr.meta.repo);

    const ticket = items.find((e) => e.source === 'jira')!;
    const keyHits = idx.search(String(ticket.meta.key))!;
    expect([...keyHits.keys()][0]).toBe(ticket.id);
  });

  it('searches people and tags, but not the internal signal links', () => {
    const tagged = items.map((e, i) => (i === 0 ? { ...e, tags: ['h2-review', 'signal:ownership:0'] } : e));
    const idx = built(tagged);
    expect([...idx.search('h2-review')!.keys()]).toEqual([tagged[0]!.id]);
    expect(idx.search('signal')!.size).toBe(0);
    const mentoring = items.find((e) => e.people.length > 0)!;
    expect([...idx.search(mentoring.people[0]!)!.keys()]).toContain(mentoring.id);
  });

  it('returns null for an empty query (no text filter)', () => {
    expect(built().search('   ')).toBeNull();
  });

  it('sync re-indexes only changed records and drops removed ones', () => {
    const idx = built();
    expect(idx.sync(items)).toBe(0);
    const changed = {
      ...items[0]!,
      title: 'Zanzibar quorum protocol',
      updatedAt: items[0]!.updatedAt.replace('SEED', 'SEEX'),
    };
    const next = [changed, ...items.slice(2)];
    expect(idx.sync(next)).toBe(2); // one replaced, one removed
    expect(idx.size).toBe(items.length - 1);
    expect([...idx.search('zanzibar')!.keys()]).toEqual([changed.id]);
    expect(idx.search(items[1]!.title)!.has(items[1]!.id)).toBe(false);
  });

  it('buildAsync gives the same answers as sync', async () => {
    const a = built();
    const b = new EvidenceIndex();
    await b.buildAsync(items, 100);
    expect([...b.search('ledger recon')!.keys()].sort()).toEqual([...a.search('ledger recon')!.keys()].sort());
    await expect(b.buildAsync(items)).rejects.toThrow('empty index');
  });
});

describe('scanSearch', () => {
  it('matches substrings of every term, case-insensitive', () => {
    const hits = scanSearch(items, 'LEDGER job')!;
    const expected = items.filter((e) => text(e).includes('ledger') && text(e).includes('job'));
    expect([...hits.keys()].sort()).toEqual(expected.map((e) => e.id).sort());
  });

  it('knows which queries are too short for the index', () => {
    expect(isShortQuery('a')).toBe(true);
    expect(isShortQuery('a b')).toBe(true);
    expect(isShortQuery('ab')).toBe(false);
    expect(isShortQuery('')).toBe(false);
  });
});

describe('filterEvidence', () => {
  it('applies source, kind, role, date range, competency and untagged together', () => {
    const f = {
      ...NO_FILTERS,
      source: 'github-pr' as const,
      role: 'author' as const,
      from: '2026-06-01',
      to: '2026-09-30',
    };
    const out = filterEvidence(items, f, null, 'newest', own);
    expect(out.length).toBeGreaterThan(0);
    for (const e of out) {
      expect(e.source).toBe('github-pr');
      expect(e.role).toBe('author');
      expect(e.occurredOn >= '2026-06-01' && e.occurredOn <= '2026-09-30').toBe(true);
    }
    const untagged = filterEvidence(items, { ...NO_FILTERS, untagged: true }, null, 'newest', own);
    expect(untagged.length).toBe(items.filter((e) => e.competencies.length === 0).length);
    const comm = filterEvidence(items, { ...NO_FILTERS, competency: 'communication' }, null, 'newest', own);
    expect(comm.every((e) => e.competencies.includes('communication'))).toBe(true);
    expect(activeFilterCount(f)).toBe(4);
  });

  it('sorts oldest first, by title, by last edit and by relevance', () => {
    const sorted = [...items].sort((a, b) => b.occurredOn.localeCompare(a.occurredOn));
    const oldest = filterEvidence(sorted, NO_FILTERS, null, 'oldest', own);
    expect(oldest[0]!.occurredOn <= oldest[oldest.length - 1]!.occurredOn).toBe(true);
    const titles = filterEvidence(sorted, NO_FILTERS, null, 'title', own).map((e) => e.title.toLowerCase());
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
    const hits = new Map([
      [items[5]!.id, 1],
      [items[3]!.id, 9],
    ]);
    expect(filterEvidence(items, NO_FILTERS, hits, 'relevance', own).map((e) => e.id)).toEqual([
      items[3]!.id,
      items[5]!.id,
    ]);
  });
});
