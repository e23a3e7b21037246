/**
 * extension/search/index.ts: full-text search (substring, case and accent
 * insensitive, AND, field-weighted ranking), highlighting and the library's
 * filters, on seeded realistic evidence.
 */
import { describe, expect, it } from 'vitest';
import { Evidence } from '../../shared/schemas';
import {
  activeFilterCount,
  EvidenceIndex,
  filterEvidence,
  fold,
  highlight,
  NO_FILTERS,
  queryTerms,
  searchDoc,
} from '../../extension/search';
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
  return fold(`${d.title}\n${d.claim}\n${d.impact}\n${d.tags}\n${d.people}\n${d.source}`);
}

describe('seeded evidence', () => {
  it('is valid against the Evidence schema', () => {
    for (const e of items) expect(Evidence.safeParse(e).success).toBe(true);
  });
});

describe('EvidenceIndex', () => {
  it('finds every item containing each query term (AND), as a substring, and nothing else', () => {
    const idx = built();
    const hits = idx.search('ledger mei')!;
    const expected = items.filter((e) => text(e).includes('ledger') && text(e).includes('mei'));
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.length).toBeLessThan(items.filter((e) => text(e).includes('ledger')).length);
    expect([...hits.keys()].sort()).toEqual(expected.map((e) => e.id).sort());
  });

  it('matches inside words, case-insensitively: "tracing" finds "OpenTracing"', () => {
    const list = [
      { ...items[0]!, title: 'Adopted OpenTracing in gitserver' },
      { ...items[1]!, title: 'Wrote the tracing guide' },
      { ...items[2]!, title: 'Fixed the deploy pipeline', claim: 'No trace of it', impact: '', tags: [] },
    ];
    const idx = built(list);
    expect([...idx.search('tracing')!.keys()].sort()).toEqual([list[0]!.id, list[1]!.id].sort());
    expect([...idx.search('TRACING')!.keys()].sort()).toEqual([list[0]!.id, list[1]!.id].sort());
    expect([...idx.search('opentr GITSERV')!.keys()]).toEqual([list[0]!.id]);
  });

  it('ignores accents on both sides: "resume" finds "Résumé", "résumé" finds "resume"', () => {
    const list = [
      { ...items[0]!, title: 'Résumé review for the new hires' },
      { ...items[1]!, title: 'Plain resume template', claim: '', impact: '' },
      { ...items[2]!, title: 'Naïve Bayes spam filter for Zoë', claim: '', impact: '' },
    ];
    const idx = built(list);
    expect([...idx.search('resume')!.keys()].sort()).toEqual([list[0]!.id, list[1]!.id].sort());
    expect([...idx.search('RÉSUMÉ')!.keys()].sort()).toEqual([list[0]!.id, list[1]!.id].sort());
    expect([...idx.search('naive zoe')!.keys()]).toEqual([list[2]!.id]);
  });

  it('ranks a title match above a claim match above an impact match above a tag match', () => {
    const base = { ...items[0]!, title: 'Untitled', claim: 'x', impact: 'y', tags: [], people: [], meta: {}, url: '' };
    const list = [
      { ...base, id: '01TAG000000000000000000000', tags: ['zephyr'] },
      { ...base, id: '01IMPACT000000000000000000', impact: 'Cut zephyr costs' },
      { ...base, id: '01CLAIM0000000000000000000', claim: 'Led zephyr rollout' },
      { ...base, id: '01TITLE0000000000000000000', title: 'Zephyr migration' },
    ];
    const idx = built(list);
    const hits = idx.search('zephyr')!;
    const ranked = filterEvidence(list, NO_FILTERS, hits, 'relevance', own).map((e) => e.id);
    expect(ranked).toEqual([
      '01TITLE0000000000000000000',
      '01CLAIM0000000000000000000',
      '01IMPACT000000000000000000',
      '01TAG000000000000000000000',
    ]);
  });

  it('searches the source ids in meta: GitHub repo and PR number, Jira key', () => {
    const idx = built();
    const pr = items.find((e) => e.source === 'github-pr')!;
    const hits = idx.search(`${String(pr.meta.repo)} #${String(pr.meta.number)}`)!;
    expect([...hits.keys()]).toContain(pr.id);
    for (const id of hits.keys()) expect(byId.get(id)!.meta.repo).toBe(pr.meta.repo);

    const ticket = items.find((e) => e.source === 'jira')!;
    const keyHits = idx.search(String(ticket.meta.key))!;
    expect([...keyHits.keys()]).toContain(ticket.id);
  });

  it('searches people and tags, but not the internal signal links', () => {
    const tagged = items.map((e, i) => (i === 0 ? { ...e, tags: ['h2-review', 'signal:ownership:0'] } : e));
    const idx = built(tagged);
    expect([...idx.search('h2-review')!.keys()]).toEqual([tagged[0]!.id]);
    expect(idx.search('signal:')!.size).toBe(0);
    const mentoring = items.find((e) => e.people.length > 0)!;
    expect([...idx.search(mentoring.people[0]!)!.keys()]).toContain(mentoring.id);
  });

  it('returns null for an empty query (no text filter)', () => {
    expect(built().search('   ')).toBeNull();
  });

  it('sync refolds only changed records and drops removed ones', () => {
    const idx = built();
    expect(idx.sync(items)).toBe(0);
    expect(idx.sync([...items])).toBe(0);
    const changed = {
      ...items[0]!,
      title: 'Zanzibar quorum protocol',
      updatedAt: items[0]!.updatedAt.replace('SEED', 'SEEX'),
    };
    const next = [changed, ...items.slice(2)];
    expect(idx.sync(next)).toBe(2); // one refolded, one removed
    expect(idx.size).toBe(items.length - 1);
    expect([...idx.search('zanzibar')!.keys()]).toEqual([changed.id]);
    expect(idx.search(items[1]!.title)!.has(items[1]!.id)).toBe(false);
  });
});

describe('fold, queryTerms and highlight', () => {
  it('folds case and accents', () => {
    expect(fold('Résumé ÅSA Ünïcödé')).toBe('resume asa unicode');
    expect(fold('OpenTracing')).toBe('opentracing');
    expect(queryTerms('  Résumé   API ')).toEqual(['resume', 'api']);
    expect(queryTerms('   ')).toEqual([]);
  });

  it('marks every occurrence of every term, keeping the original text and accents', () => {
    const parts = highlight('Adopted OpenTracing; tracing docs', queryTerms('TRACING'));
    expect(parts).toEqual([
      { text: 'Adopted Open', mark: false },
      { text: 'Tracing', mark: true },
      { text: '; ', mark: false },
      { text: 'tracing', mark: true },
      { text: ' docs', mark: false },
    ]);
    const accented = highlight('Le Résumé de Zoë 🚀 résumé', queryTerms('resume zoe'));
    expect(accented.filter((p) => p.mark).map((p) => p.text)).toEqual(['Résumé', 'Zoë', 'résumé']);
    expect(accented.map((p) => p.text).join('')).toBe('Le Résumé de Zoë 🚀 résumé');
    // A decomposed accent (e + combining acute) is marked with its letter.
    expect(highlight('cafe\u0301 time', ['cafe']).find((p) => p.mark)!.text).toBe('cafe\u0301');
  });

  it('merges overlapping matches and leaves text without a match whole', () => {
    expect(highlight('billing api', ['bill', 'illing a'])).toEqual([
      { text: 'billing a', mark: true },
      { text: 'pi', mark: false },
    ]);
    expect(highlight('<b>nothing</b>', ['zzz'])).toEqual([{ text: '<b>nothing</b>', mark: false }]);
    expect(highlight('', ['a'])).toEqual([{ text: '', mark: false }]);
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
