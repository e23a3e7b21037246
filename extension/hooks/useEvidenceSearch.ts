/**
 * React hook: full-text search over the live evidence list. The MiniSearch
 * index (extension/db/search.ts) is built in chunks after the list has painted
 * and then brought up to date with the list before each search (only changed
 * records are re-indexed); until it is ready, and for one-letter
 * queries, a substring scan answers instead, so results are always complete.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Evidence } from '../../shared/schemas';
import { EvidenceIndex, isShortQuery, scanSearch } from '../db/search';

/**
 * The ids matching `query` with scores (null when the query is empty), and
 * whether the index is ready. `items` is the live list (undefined while loading).
 */
export function useEvidenceSearch(
  items: readonly Evidence[] | undefined,
  query: string,
): { hits: Map<string, number> | null; indexReady: boolean } {
  // One index per mounted component; a mutable object kept in state (never replaced).
  const [index] = useState(() => new EvidenceIndex());
  const latest = useRef(items);
  const started = useRef(false);
  const mounted = useRef(true);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    latest.current = items;
    if (!items) return;
    if (!started.current) {
      // First list: build in the background after this paint; later lists are caught up when it ends.
      started.current = true;
      setTimeout(() => {
        void index.buildAsync(items).then(() => {
          if (!mounted.current) return;
          if (latest.current) index.sync(latest.current);
          setReady(true);
        });
      }, 0);
    }
  }, [items, index]);

  const hits = useMemo(() => {
    if (!items || !query.trim()) return null;
    if (!ready || isShortQuery(query)) return scanSearch(items, query);
    // Bring the index up to this list first (only records whose updatedAt changed are re-indexed).
    index.sync(items);
    return index.search(query);
  }, [items, query, ready, index]);

  return { hits, indexReady: ready };
}
