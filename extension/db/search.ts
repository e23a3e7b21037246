/**
 * Full-text search and filters over the evidence library.
 *
 * Search uses MiniSearch (an in-memory inverted index) over the fields a user
 * remembers: title, claim, impact, tags, people and the source's own ids (GitHub
 * `owner/repo` and `#number`, Jira key and project, doc id). Every query term
 * must match (AND), as a prefix of a word, so `emis 32` finds
 * `artsy/emission #327`. The index is kept in step with the live list by
 * `EvidenceIndex.sync`, which only re-indexes records whose `updatedAt` changed.
 *
 * Filters and sorting are plain functions of the list, so the panel and the
 * tests share them.
 */
import MiniSearch from 'minisearch';
import type { Evidence, Kind, Role, Source } from '../../shared/schemas';
import { isDraft } from '../../shared/draft';

/** The text fields of one item, as indexed. */
export interface SearchDoc {
  id: string;
  title: string;
  claim: string;
  impact: string;
  tags: string;
  people: string;
  source: string;
}

function str(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

/**
 * The searchable text of `e`: tags without the internal `signal:` links, and the
 * source ids from `meta` (`repo`, `number` as `#N`, Jira `key`/`project`/`epic`,
 * `docId`) plus the URL's host and path.
 */
export function searchDoc(e: Evidence): SearchDoc {
  const m = e.meta;
  const number = str(m.number);
  let urlText = '';
  if (e.url) {
    try {
      const u = new URL(e.url);
      urlText = `${u.hostname} ${u.pathname}`;
    } catch {
      urlText = e.url;
    }
  }
  return {
    id: e.id,
    title: e.title,
    claim: e.claim,
    impact: e.impact,
    tags: e.tags.filter((t) => !t.startsWith('signal:')).join(' '),
    people: e.people.join(' '),
    source: [
      str(m.repo),
      number ? `#${number} ${number}` : '',
      str(m.key),
      str(m.project),
      str(m.epic),
      str(m.docId),
      urlText,
    ]
      .filter(Boolean)
      .join(' '),
  };
}

const FIELDS = ['title', 'claim', 'impact', 'tags', 'people', 'source'] as const;

function newMiniSearch(): MiniSearch<SearchDoc> {
  return new MiniSearch<SearchDoc>({
    fields: [...FIELDS],
    storeFields: [],
    searchOptions: {
      prefix: true,
      combineWith: 'AND',
      boost: { title: 3, source: 2, tags: 2, people: 1.5 },
    },
  });
}

/**
 * A search index over evidence that follows the live list.
 * `search` answers ids with relevance scores (higher is better).
 */
export class EvidenceIndex {
  private mini = newMiniSearch();
  /** id -> `updatedAt` of the indexed version. */
  private indexed = new Map<string, string>();

  /** Number of indexed items. */
  get size(): number {
    return this.indexed.size;
  }

  /**
   * Indexes `items` into an empty index in chunks, yielding to the event loop
   * between chunks so the panel stays responsive (about 0.05 ms an item).
   * Call `sync` afterwards with the newest list to catch up with changes made meanwhile.
   * @throws Error when the index already holds documents.
   */
  async buildAsync(items: readonly Evidence[], chunkSize = 500): Promise<void> {
    if (this.indexed.size > 0) throw new Error('buildAsync needs an empty index');
    const docs = items.map(searchDoc);
    for (const e of items) {
      this.indexed.set(e.id, e.updatedAt);
      haystack(e); // warm the substring fallback's cache for one-letter queries
    }
    await this.mini.addAllAsync(docs, { chunkSize });
  }

  /**
   * Makes the index hold exactly `items`: adds new ones, re-indexes changed ones
   * (by `updatedAt`), removes those no longer present.
   * @returns the number of documents added, replaced or removed.
   */
  sync(items: readonly Evidence[]): number {
    let changes = 0;
    const seen = new Set<string>();
    const fresh: SearchDoc[] = [];
    for (const e of items) {
      seen.add(e.id);
      const at = this.indexed.get(e.id);
      if (at === e.updatedAt) continue;
      if (at !== undefined) this.mini.discard(e.id);
      fresh.push(searchDoc(e));
      this.indexed.set(e.id, e.updatedAt);
      changes++;
    }
    if (fresh.length > 0) this.mini.addAll(fresh);
    for (const id of this.indexed.keys()) {
      if (seen.has(id)) continue;
      this.mini.discard(id);
      this.indexed.delete(id);
      changes++;
    }
    return changes;
  }

  /**
   * Ids matching every term of `query` (prefix match, case-insensitive) with
   * their score; null for an empty query (no text filter).
   */
  search(query: string): Map<string, number> | null {
    const q = query.trim();
    if (!q) return null;
    const out = new Map<string, number>();
    for (const r of this.mini.search(q)) out.set(String(r.id), r.score);
    return out;
  }
}

const haystacks = new WeakMap<Evidence, string>();

/** The lower-cased searchable text of `e` (cached per record object). */
function haystack(e: Evidence): string {
  let h = haystacks.get(e);
  if (h === undefined) {
    const d = searchDoc(e);
    h = `${d.title}\n${d.claim}\n${d.impact}\n${d.tags}\n${d.people}\n${d.source}`.toLowerCase();
    haystacks.set(e, h);
  }
  return h;
}

/**
 * Substring search without an index: ids of the items whose searchable text
 * contains every whitespace-separated term of `query` (case-insensitive), each
 * with score 1; null for an empty query. Used before the index is built and for
 * one-letter queries (which would expand to most of the index's words).
 */
export function scanSearch(items: readonly Evidence[], query: string): Map<string, number> | null {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return null;
  const out = new Map<string, number>();
  for (const e of items) {
    const h = haystack(e);
    if (terms.every((t) => h.includes(t))) out.set(e.id, 1);
  }
  return out;
}

/** True when `query` is better served by `scanSearch` than by the index (no term longer than one character). */
export function isShortQuery(query: string): boolean {
  const terms = query.trim().split(/\s+/).filter(Boolean);
  return terms.length > 0 && terms.every((t) => t.length < 2);
}

/** The library's filters; empty strings / null mean "any". Dates are `YYYY-MM-DD`, inclusive. */
export interface EvidenceFilters {
  query: string;
  competency: string | null;
  source: Source | '';
  kind: Kind | '';
  role: Role | '';
  from: string;
  to: string;
  /** Only items with no competency of the active rubric. */
  untagged: boolean;
  /** Only drafts: items whose claim is still empty ("Needs claim", shared/draft.ts). */
  drafts: boolean;
}

/** No filter at all. */
export const NO_FILTERS: EvidenceFilters = {
  query: '',
  competency: null,
  source: '',
  kind: '',
  role: '',
  from: '',
  to: '',
  untagged: false,
  drafts: false,
};

/** How many filters other than the text query are set. */
export function activeFilterCount(f: EvidenceFilters): number {
  return [f.competency, f.source, f.kind, f.role, f.from, f.to, f.untagged, f.drafts].filter(Boolean).length;
}

/** Sort orders of the library. `relevance` falls back to `newest` without a query. */
export type EvidenceSort = 'newest' | 'oldest' | 'updated' | 'title' | 'relevance';

/**
 * Applies `filters` to `items` and sorts them.
 * @param items the live evidence, newest first.
 * @param hits the text search answer (`EvidenceIndex.search`), or null for no text filter.
 * @param competenciesOf the item's competency ids in the active rubric (after mapping).
 */
export function filterEvidence<T extends Evidence>(
  items: readonly T[],
  filters: EvidenceFilters,
  hits: Map<string, number> | null,
  sort: EvidenceSort,
  competenciesOf: (e: T) => readonly string[],
): T[] {
  const out = items.filter((e) => {
    if (hits && !hits.has(e.id)) return false;
    if (filters.source && e.source !== filters.source) return false;
    if (filters.kind && e.kind !== filters.kind) return false;
    if (filters.role && e.role !== filters.role) return false;
    if (filters.from && e.occurredOn < filters.from) return false;
    if (filters.to && e.occurredOn > filters.to) return false;
    if (filters.drafts && !isDraft(e)) return false;
    if (filters.competency || filters.untagged) {
      const ids = competenciesOf(e);
      if (filters.competency && !ids.includes(filters.competency)) return false;
      if (filters.untagged && ids.length > 0) return false;
    }
    return true;
  });
  switch (sort) {
    case 'newest':
      return out; // the live list is already newest first
    case 'oldest':
      return out.reverse();
    case 'updated':
      return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    case 'title':
      return out.sort((a, b) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base' }));
    case 'relevance':
      return hits ? out.sort((a, b) => (hits.get(b.id) ?? 0) - (hits.get(a.id) ?? 0)) : out;
  }
}
