/**
 * Full-text search and filters over the evidence library (docs/DESIGN.md,
 * "Library").
 *
 * No index: at 10,000 items a scan over one pre-folded haystack string per
 * item is faster than any inverted index and finds more (bench/RESULTS.md,
 * search rows). Folding is lower case plus accents removed (NFD, combining
 * marks dropped), so "resume" finds "Résumé". Every query term must occur
 * (AND) as a substring anywhere, also inside a word: "tracing" finds
 * "OpenTracing", `emis 32` finds `artsy/emission #327`.
 *
 * Matches are ranked by the best field each term occurs in (title, then claim,
 * then impact, then tags, then people and source ids), a match at the start of
 * a word counting a little more. `highlight` splits a text into marked and
 * plain parts for the results (plain strings: the caller renders them as text).
 *
 * Filters and sorting are plain functions of the list, so the panel and the
 * tests share them.
 */
import type { Evidence, Kind, Role, Source } from '../../shared/schemas';
import { isDraft } from '../../shared/draft';

/** The text fields of one item, as searched. */
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

// oxlint-disable-next-line no-control-regex -- printable ASCII and controls: nothing to fold but case.
const ASCII = /^[\x00-\x7f]*$/;
const MARKS = /[\u0300-\u036f]/g;

/**
 * `s` in lower case without accents (NFD, combining marks U+0300–U+036F dropped):
 * "Résumé" -> "resume", "ÅSA" -> "asa". ASCII text only lower-cases.
 */
export function fold(s: string): string {
  return ASCII.test(s) ? s.toLowerCase() : s.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** The folded query terms of `query` (whitespace-separated, empty ones dropped). */
export function queryTerms(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

/** Field weights of the ranking: title above claim above impact above tags above the rest. */
const WEIGHTS = [16, 8, 4, 2, 1] as const;

/**
 * One item, folded once: the haystack (title, claim, impact, tags, then people
 * and source ids, in WEIGHTS order, joined by newlines) and where each of the
 * first four fields ends in it.
 */
interface Folded {
  id: string;
  updatedAt: string;
  all: string;
  ends: [number, number, number, number];
}

function foldItem(e: Evidence): Folded {
  const d = searchDoc(e);
  const title = fold(d.title);
  const claim = fold(d.claim);
  const impact = fold(d.impact);
  const tags = fold(d.tags);
  const t = title.length;
  const c = t + 1 + claim.length;
  const i = c + 1 + impact.length;
  const g = i + 1 + tags.length;
  return {
    id: e.id,
    updatedAt: e.updatedAt,
    all: `${title}\n${claim}\n${impact}\n${tags}\n${fold(`${d.people} ${d.source}`)}`,
    ends: [t, c, i, g],
  };
}

/** True for an ASCII digit or lower-case letter, or any non-ASCII unit (folded text has no upper case). */
function alnum(x: number): boolean {
  return (x >= 48 && x <= 57) || (x >= 97 && x <= 122) || x > 127;
}

/** True when `i` is the start of a word in the folded `s` (its start, or after a non-alphanumeric). */
function wordStart(s: string, i: number): boolean {
  return i === 0 || !alnum(s.charCodeAt(i - 1));
}

/**
 * Relevance of a matching item: per term, the weight of the best field it occurs
 * in (fields are in weight order, so that is the field of its first occurrence),
 * x1.5 when that occurrence starts a word.
 */
function score(f: Folded, terms: readonly string[]): number {
  let total = 0;
  for (const t of terms) {
    const at = f.all.indexOf(t);
    if (at < 0) continue;
    let k = 0;
    while (k < f.ends.length && at > f.ends[k]!) k++;
    total += WEIGHTS[k]! * (wordStart(f.all, at) ? 1.5 : 1);
  }
  return total;
}

/**
 * The search over the live list: folds each record once (kept by id and
 * `updatedAt`, so a changed list only refolds what changed) and scans the
 * folded haystacks per query.
 */
export class EvidenceIndex {
  /** Position of each id in `folded` (a new map per changed list: answers keep theirs). */
  private pos = new Map<string, number>();
  private list: readonly Evidence[] | null = null;
  private folded: Folded[] = [];

  /** Number of folded items. */
  get size(): number {
    return this.pos.size;
  }

  /**
   * Makes the index hold exactly `items`: folds new and changed ones (by
   * `updatedAt`), drops those no longer present. The same array object again is free.
   * @returns the number of records folded or dropped.
   */
  sync(items: readonly Evidence[]): number {
    if (items === this.list) return 0;
    let changes = 0;
    const next = new Map<string, number>();
    const folded: Folded[] = [];
    for (let i = 0; i < items.length; i++) {
      const e = items[i]!;
      const at = this.pos.get(e.id);
      let f = at === undefined ? undefined : this.folded[at];
      if (!f || f.updatedAt !== e.updatedAt) {
        f = foldItem(e);
        changes++;
      }
      next.set(e.id, folded.length);
      folded.push(f);
    }
    for (const id of this.pos.keys()) if (!next.has(id)) changes++;
    this.pos = next;
    this.folded = folded;
    this.list = items;
    return changes;
  }

  /**
   * The items (of the last `sync`) containing every term of `query` (substring,
   * case and accent insensitive); null for an empty query (no text filter).
   */
  search(query: string): SearchHits | null {
    const terms = queryTerms(query);
    if (terms.length === 0) return null;
    // One byte per item, not a map of the matches: a one-letter query matches most of the list.
    const folded = this.folded;
    const hit = new Uint8Array(folded.length);
    const n = terms.length;
    let count = 0;
    outer: for (let i = 0; i < folded.length; i++) {
      const all = folded[i]!.all;
      for (let k = 0; k < n; k++) if (!all.includes(terms[k]!)) continue outer;
      hit[i] = 1;
      count++;
    }
    return new SearchHits(folded, this.pos, hit, count, terms);
  }
}

/** What `filterEvidence` needs of a text search answer: membership and a relevance per id. */
export interface Hits {
  has(id: string): boolean;
  /** Relevance of a hit (higher is better); undefined for an id that is not a hit. */
  get(id: string): number | undefined;
}

/**
 * The answer of `EvidenceIndex.search`: the matching ids, each with a relevance
 * computed on first `get` (only the "Best match" sort asks, so a keystroke in
 * the default sort never ranks).
 */
export class SearchHits implements Hits {
  private scores = new Map<string, number>();
  /**
   * @param folded the index's folded items; `pos` their positions by id; `hit` 1 where an item matches.
   * @param size the number of 1s in `hit`.
   */
  constructor(
    private readonly folded: readonly Folded[],
    private readonly pos: ReadonlyMap<string, number>,
    private readonly hit: Uint8Array,
    readonly size: number,
    private readonly terms: readonly string[],
  ) {}

  has(id: string): boolean {
    const i = this.pos.get(id);
    return i !== undefined && this.hit[i] === 1;
  }

  /** Ids of the matching items, in list order. */
  *keys(): IterableIterator<string> {
    for (let i = 0; i < this.hit.length; i++) if (this.hit[i] === 1) yield this.folded[i]!.id;
  }

  get(id: string): number | undefined {
    let s = this.scores.get(id);
    if (s === undefined) {
      if (!this.has(id)) return undefined;
      s = score(this.folded[this.pos.get(id)!]!, this.terms);
      this.scores.set(id, s);
    }
    return s;
  }
}

/** One part of a highlighted text: `mark` is true for a match. */
export interface HighlightPart {
  text: string;
  mark: boolean;
}

/**
 * Splits `text` into plain and marked parts where any of the folded `terms`
 * occurs (case and accent insensitive; overlapping matches merge). The parts'
 * texts joined give `text` back unchanged; render them as text (never as HTML).
 */
export function highlight(text: string, terms: readonly string[]): HighlightPart[] {
  if (!text || terms.length === 0) return [{ text, mark: false }];
  // Fold per code point, remembering which source characters each folded unit came from.
  let folded = text;
  let from: number[] | null = null;
  let to: number[] | null = null;
  if (ASCII.test(text)) folded = text.toLowerCase();
  else {
    folded = '';
    from = [];
    to = [];
    let i = 0;
    for (const ch of text) {
      const f = fold(ch);
      // A character that folds to nothing (a combining accent) belongs to the unit before it.
      if (!f && to.length > 0) to[to.length - 1] = i + ch.length;
      folded += f;
      for (let k = 0; k < f.length; k++) {
        from.push(i);
        to.push(i + ch.length);
      }
      i += ch.length;
    }
  }
  const marked = new Uint8Array(text.length);
  let any = false;
  for (const t of terms) {
    if (!t) continue;
    for (let at = folded.indexOf(t); at >= 0; at = folded.indexOf(t, at + 1)) {
      const start = from ? from[at]! : at;
      const end = to ? to[at + t.length - 1]! : at + t.length;
      marked.fill(1, start, end);
      any = true;
    }
  }
  if (!any) return [{ text, mark: false }];
  const parts: HighlightPart[] = [];
  let s = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marked[i] !== marked[s]) {
      parts.push({ text: text.slice(s, i), mark: marked[s] === 1 });
      s = i;
    }
  }
  return parts;
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
 * @param hits the text search answer (`EvidenceIndex.search`, or any id -> relevance map), or null for no text filter.
 * @param competenciesOf the item's competency ids in the active rubric (after mapping).
 */
export function filterEvidence<T extends Evidence>(
  items: readonly T[],
  filters: EvidenceFilters,
  hits: Hits | null,
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
