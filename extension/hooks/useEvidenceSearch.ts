/**
 * React hook: full-text search over the live evidence list
 * (extension/search/index.ts). Each record is folded once (lower case, accents
 * removed) in the background after the list has painted, and refolded only
 * when its `updatedAt` changes; a query then scans the folded haystacks.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Evidence } from '../../shared/schemas';
import { EvidenceIndex, queryTerms, type SearchHits } from '../search';

/**
 * The items matching `query` with their relevance (null when the query is empty),
 * the folded query terms (for highlighting; the same array while the query is
 * unchanged), and whether the whole list has been folded. `items` is the live
 * list (undefined while loading). Results are complete either way: a query
 * before the background fold folds what it needs itself.
 */
export function useEvidenceSearch(
  items: readonly Evidence[] | undefined,
  query: string,
): { hits: SearchHits | null; terms: readonly string[]; indexReady: boolean } {
  // One index per mounted component; a mutable object kept in state (never replaced).
  const [index] = useState(() => new EvidenceIndex());
  const latest = useRef(items);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    latest.current = items;
    if (!items || ready) return;
    // First list: fold it after this paint so the first keystroke finds it ready.
    const t = setTimeout(() => {
      if (latest.current) index.sync(latest.current);
      setReady(true);
    }, 0);
    return () => clearTimeout(t);
  }, [items, index, ready]);

  const terms = useMemo(() => queryTerms(query), [query]);
  const hits = useMemo(() => {
    if (!items || terms.length === 0) return null;
    index.sync(items); // free for the same list; refolds only changed records
    return index.search(query);
  }, [items, query, terms, index]);

  return { hits, terms, indexReady: ready };
}
