/**
 * The library tab's state in one reducer: the filters and sort, whether the
 * filter panel is open, the item being edited, the selection, the item that
 * can be undeleted, the last bulk message or error, and the items a
 * testimonial request is being written for. Deleting, undeleting and bulk
 * changes go through the write modules (extension/db/write.ts, db/bulk.ts).
 */
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { Evidence } from '../../../shared/schemas';
import { deleteEvidence, restoreEvidence } from '../../db/write';
import { NO_FILTERS, type EvidenceFilters, type EvidenceSort } from '../../search';
import { errorMessage } from '../format';

/** Everything the library tab remembers between renders. */
export interface LibraryState {
  filters: EvidenceFilters;
  sort: EvidenceSort;
  showFilters: boolean;
  /** Id of the item open in the inline editor. */
  editing: string | null;
  selected: ReadonlySet<string>;
  /** The item just deleted, until it is undeleted or another action replaces it. */
  undo: Evidence | null;
  message: string | null;
  error: string | null;
  /** True while a bulk change runs. */
  busy: boolean;
  /** Ids of the items "Ask a colleague" is open for. */
  asking: readonly string[] | null;
}

/** The library's first state: no filters, newest first, nothing selected. */
export const INITIAL_LIBRARY_STATE: LibraryState = {
  filters: NO_FILTERS,
  sort: 'newest',
  showFilters: false,
  editing: null,
  selected: new Set(),
  undo: null,
  message: null,
  error: null,
  busy: false,
  asking: null,
};

/** A change of the library's state. */
export type LibraryAction =
  | { type: 'filters'; filters: EvidenceFilters }
  | { type: 'filter'; patch: Partial<EvidenceFilters> }
  | { type: 'sort'; sort: EvidenceSort }
  | { type: 'toggle-filters' }
  | { type: 'edit'; id: string | null }
  | { type: 'select'; id: string; on: boolean }
  | { type: 'selection'; ids: ReadonlySet<string> }
  | { type: 'ask'; ids: readonly string[] | null }
  | { type: 'ask-more'; id: string }
  | { type: 'patch'; patch: Partial<Pick<LibraryState, 'undo' | 'message' | 'error' | 'busy'>> };

/** The library's reducer (pure; exported for tests). */
export function libraryReducer(s: LibraryState, a: LibraryAction): LibraryState {
  switch (a.type) {
    case 'filters':
      return { ...s, filters: a.filters };
    case 'filter':
      return { ...s, filters: { ...s.filters, ...a.patch } };
    case 'sort':
      return { ...s, sort: a.sort };
    case 'toggle-filters':
      return { ...s, showFilters: !s.showFilters };
    case 'edit':
      return { ...s, editing: a.id };
    case 'select': {
      const selected = new Set(s.selected);
      if (a.on) selected.add(a.id);
      else selected.delete(a.id);
      return { ...s, selected };
    }
    case 'selection':
      return { ...s, selected: a.ids };
    case 'ask':
      return { ...s, asking: a.ids };
    case 'ask-more':
      return { ...s, asking: s.asking ? [...new Set([...s.asking, a.id])] : [a.id] };
    case 'patch':
      return { ...s, ...a.patch };
  }
}

/**
 * The state and its actions. `items` is the live list: selections of items
 * that are gone (deleted here or on another device) are dropped.
 */
export function useLibraryState(items: readonly Evidence[] | undefined) {
  const [state, dispatch] = useReducer(libraryReducer, INITIAL_LIBRARY_STATE);
  const { selected, undo } = state;

  useEffect(() => {
    if (!items || selected.size === 0) return;
    const live = new Set(items.map((e) => e.id));
    if ([...selected].some((id) => !live.has(id)))
      dispatch({ type: 'selection', ids: new Set([...selected].filter((id) => live.has(id))) });
  }, [items, selected]);

  const onSelect = useCallback((id: string, on: boolean) => dispatch({ type: 'select', id, on }), []);
  const onAsk = useCallback((id: string) => dispatch({ type: 'ask-more', id }), []);
  const onEdit = useCallback((id: string | null) => dispatch({ type: 'edit', id }), []);
  const onDelete = useCallback(async (e: Evidence): Promise<void> => {
    dispatch({ type: 'patch', patch: { error: null, message: null } });
    try {
      await deleteEvidence(e.id);
      dispatch({ type: 'patch', patch: { undo: e } });
    } catch (err) {
      dispatch({ type: 'patch', patch: { error: errorMessage(err) } });
    }
  }, []);

  const actions = useMemo(
    () => ({
      setFilter: <K extends keyof EvidenceFilters>(key: K, value: EvidenceFilters[K]) =>
        dispatch({ type: 'filter', patch: { [key]: value } as Partial<EvidenceFilters> }),
      setFilters: (filters: EvidenceFilters) => dispatch({ type: 'filters', filters }),
      setSort: (sort: EvidenceSort) => dispatch({ type: 'sort', sort }),
      toggleFilters: () => dispatch({ type: 'toggle-filters' }),
      setSelection: (ids: ReadonlySet<string>) => dispatch({ type: 'selection', ids }),
      setAsking: (ids: readonly string[] | null) => dispatch({ type: 'ask', ids }),
      /** Runs a bulk change over the selection and reports "`what`: n items changed." */
      bulk: async (run: (ids: string[]) => Promise<number>, what: string, ids: string[]) => {
        dispatch({ type: 'patch', patch: { busy: true, error: null } });
        try {
          const n = await run(ids);
          dispatch({ type: 'patch', patch: { message: `${what}: ${n} item${n === 1 ? '' : 's'} changed.` } });
        } catch (err) {
          dispatch({ type: 'patch', patch: { error: errorMessage(err) } });
        } finally {
          dispatch({ type: 'patch', patch: { busy: false } });
        }
      },
    }),
    [],
  );

  /** Undeletes the last deleted item. */
  const restore = useCallback(async () => {
    if (!undo) return;
    try {
      await restoreEvidence(undo.id);
    } catch (err) {
      dispatch({ type: 'patch', patch: { error: errorMessage(err) } });
    }
    dispatch({ type: 'patch', patch: { undo: null } });
  }, [undo]);

  return { state, ...actions, onSelect, onAsk, onEdit, onDelete, restore };
}
