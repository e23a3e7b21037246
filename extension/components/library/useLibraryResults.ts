/**
 * What the library shows for its filters: the one place the library calls the
 * search (`useEvidenceSearch`, extension/db/search.ts) and `filterEvidence`,
 * plus the counts beside the filters (per competency, untagged, drafts).
 */
import { useMemo } from 'react';
import type { Evidence } from '../../../shared/schemas';
import { isDraft } from '../../../shared/draft';
import { filterEvidence, type EvidenceFilters, type EvidenceSort } from '../../search';
import type { CaseData } from '../../hooks/useCaseData';
import { useEvidenceSearch } from '../../hooks/useEvidenceSearch';

/** The filtered, sorted list, the search's terms (for highlighting) and the counts. */
export interface LibraryResults {
  filtered: Evidence[];
  /** Folded query terms, for highlighting matches. */
  terms: readonly string[];
  /** True once the whole list has been folded for search. */
  indexReady: boolean;
  counts: { byId: Map<string, number>; untagged: number; drafts: number };
}

/**
 * Results for `filters` and `sort` over `items` (the first page until `evidence`,
 * the whole live list, is in; `loadingAll` says which). "Best match" falls back
 * to newest first when there is no text query.
 */
export function useLibraryResults(
  evidence: Evidence[] | undefined,
  items: Evidence[] | undefined,
  loadingAll: boolean,
  filters: EvidenceFilters,
  sort: EvidenceSort,
  competenciesOf: CaseData['competenciesOf'],
): LibraryResults {
  // Not deferred: the search answers in a few ms (bench/RESULTS.md), so results render in the
  // keystroke's own frame; deferring cost a second render and a second frame (about 31 ms a key).
  const query = filters.query;
  const { hits, terms, indexReady } = useEvidenceSearch(evidence, query);
  const effectiveSort: EvidenceSort = sort === 'relevance' && !hits ? 'newest' : sort;
  // Keyed on each filter, not the filters object, so an unrelated state change does not re-filter.
  const { competency, source, kind, role, from, to, untagged, drafts } = filters;
  const filtered = useMemo(
    () =>
      filterEvidence(
        // Until the whole list is in, a text search has nothing complete to search: show nothing yet.
        loadingAll && query.trim() ? [] : (items ?? []),
        { query, competency, source, kind, role, from, to, untagged, drafts },
        hits,
        effectiveSort,
        competenciesOf,
      ),
    [
      items,
      loadingAll,
      query,
      competency,
      source,
      kind,
      role,
      from,
      to,
      untagged,
      drafts,
      hits,
      effectiveSort,
      competenciesOf,
    ],
  );
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    let untagged = 0;
    let drafts = 0;
    for (const e of items ?? []) {
      const ids = competenciesOf(e);
      if (ids.length === 0) untagged++;
      if (isDraft(e)) drafts++;
      for (const c of ids) m.set(c, (m.get(c) ?? 0) + 1);
    }
    return { byId: m, untagged, drafts };
  }, [items, competenciesOf]);
  return { filtered, terms, indexReady, counts };
}
