/**
 * The library's filters: the coverage chips (evidence per competency, click to
 * filter), the toolbar (search box, filter toggle, sort) and the filter panel
 * (competency, source, kind, role, date range, untagged, drafts). `/` focuses
 * the search box from anywhere in the tab; Escape clears it. They only report
 * changes: the search itself runs in useLibraryResults.ts.
 */
import { useEffect, useRef } from 'react';
import type { Rubric } from '../../../shared/schemas';
import { NEEDS_CLAIM } from '../../../shared/draft';
import { activeFilterCount, NO_FILTERS, type EvidenceFilters, type EvidenceSort } from '../../search';
import { EnumSelect } from '../fields';
import { CompetencySelect } from '../form/CompetencySelect';
import { EvidenceEnumSelect, type EvidenceEnumField, type EvidenceEnumValue } from '../form/EnumFields';
import { TextField } from '../form/TextFields';
import type { LibraryResults } from './useLibraryResults';

/** The sort options, in the menu's order, and their labels. */
const SORT_LABELS: Record<EvidenceSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  updated: 'Recently edited',
  title: 'Title A–Z',
  relevance: 'Best match',
};
const SORTS = Object.keys(SORT_LABELS) as EvidenceSort[];

/** Sets one filter. */
type SetFilter = <K extends keyof EvidenceFilters>(key: K, value: EvidenceFilters[K]) => void;

/** One chip per competency with its count; clicking filters to it (again: any competency). */
export function CoverageChips({
  rubric,
  counts,
  competency,
  setFilter,
}: {
  rubric: Rubric;
  counts: LibraryResults['counts'];
  competency: string | null;
  setFilter: SetFilter;
}) {
  return (
    <div className="coverage" aria-label="Evidence per competency: click to filter">
      {rubric.competencies.map((c) => {
        const n = counts.byId.get(c.id) ?? 0;
        return (
          <button
            key={c.id}
            type="button"
            className={`coverage-chip${n === 0 ? ' empty' : ''}${competency === c.id ? ' active' : ''}`}
            aria-pressed={competency === c.id}
            title={n === 0 ? `No evidence yet for ${c.name}` : `Show only ${c.name}`}
            onClick={() => setFilter('competency', competency === c.id ? null : c.id)}
          >
            <span className="coverage-name">{c.name}</span> <span className="count">{n}</span>
          </button>
        );
      })}
    </div>
  );
}

/** The search box (`/` focuses it, Escape clears it), the filter panel's toggle and the sort. */
export function LibraryToolbar({
  filters,
  setFilter,
  sort,
  setSort,
  showFilters,
  toggleFilters,
  indexReady,
  total,
}: {
  filters: EvidenceFilters;
  setFilter: SetFilter;
  sort: EvidenceSort;
  setSort: (sort: EvidenceSort) => void;
  showFilters: boolean;
  toggleFilters: () => void;
  indexReady: boolean;
  /** How many items there are; `null` while the whole list loads. */
  total: number | null;
}) {
  const searchRef = useRef<HTMLInputElement>(null);
  // "/" focuses the search box from anywhere in the tab.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (!searchRef.current || searchRef.current.offsetParent === null) return;
      e.preventDefault();
      searchRef.current.focus();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const nFilters = activeFilterCount(filters);
  return (
    <div className="toolbar">
      <label className="field grow search-field">
        <span className="visually-hidden">Search evidence</span>
        <input
          ref={searchRef}
          className="input"
          type="search"
          data-testid="library-search"
          data-index-ready={indexReady ? 'true' : 'false'}
          value={filters.query}
          placeholder={
            total === null
              ? 'Search  ( / )'
              : `Search ${total.toLocaleString('en-US')} ${total === 1 ? 'item' : 'items'}  ( / )`
          }
          onChange={(e) => setFilter('query', e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && filters.query) {
              e.preventDefault();
              setFilter('query', '');
            }
          }}
        />
      </label>
      <button
        type="button"
        className={`button secondary${nFilters ? ' has-filters' : ''}`}
        aria-expanded={showFilters}
        aria-controls="library-filters"
        data-testid="library-filters-toggle"
        onClick={toggleFilters}
      >
        Filters{nFilters ? ` (${nFilters})` : ''}
      </button>
      <EnumSelect
        label="Sort"
        hideLabel
        className="field sort-field"
        testId="library-sort"
        value={sort}
        options={SORTS}
        labels={SORT_LABELS}
        onChange={(v) => setSort(v as EvidenceSort)}
      />
    </div>
  );
}

/** The filter panel; "Clear filters" keeps the typed search. */
export function LibraryFilters({
  rubric,
  filters,
  setFilter,
  setFilters,
  counts,
}: {
  rubric: Rubric;
  filters: EvidenceFilters;
  setFilter: SetFilter;
  setFilters: (filters: EvidenceFilters) => void;
  counts: LibraryResults['counts'];
}) {
  return (
    <div id="library-filters" className="card filters" role="group" aria-label="Filters">
      <div className="row">
        <CompetencySelect
          label="Competency"
          anyLabel="Any"
          rubric={rubric}
          value={filters.competency ?? ''}
          onChange={(id) => setFilter('competency', id || null)}
          testId="filter-competency"
        />
        <EnumFilter field="source" filters={filters} setFilter={setFilter} />
      </div>
      <div className="row">
        <EnumFilter field="kind" filters={filters} setFilter={setFilter} />
        <EnumFilter field="role" filters={filters} setFilter={setFilter} />
      </div>
      <div className="row">
        <TextField
          label="From"
          type="date"
          testId="filter-from"
          value={filters.from}
          onChange={(v) => setFilter('from', v)}
        />
        <TextField label="To" type="date" testId="filter-to" value={filters.to} onChange={(v) => setFilter('to', v)} />
      </div>
      <div className="actions">
        <CheckFilter
          testId="filter-untagged"
          checked={filters.untagged}
          onChange={(on) => setFilter('untagged', on)}
          label={`Only untagged (${counts.untagged})`}
        />
        <CheckFilter
          testId="filter-drafts"
          checked={filters.drafts}
          onChange={(on) => setFilter('drafts', on)}
          label={`Only ${NEEDS_CLAIM.toLowerCase()} (${counts.drafts})`}
        />
        <button
          type="button"
          className="link-button push-right"
          disabled={activeFilterCount(filters) === 0}
          onClick={() => setFilters({ ...NO_FILTERS, query: filters.query })}
        >
          Clear filters
        </button>
      </div>
    </div>
  );
}

/** A select over one evidence enum with "Any" first (`''`). */
function EnumFilter<F extends EvidenceEnumField>(p: { field: F; filters: EvidenceFilters; setFilter: SetFilter }) {
  return (
    <EvidenceEnumSelect
      field={p.field}
      testId={`filter-${p.field}`}
      anyLabel="Any"
      value={p.filters[p.field] as EvidenceEnumValue<F> | ''}
      onChange={(v) => p.setFilter(p.field, v as EvidenceFilters[F])}
    />
  );
}

/** A checkbox filter with its label after the box. */
function CheckFilter(p: { label: string; testId: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="inline-check">
      <input
        type="checkbox"
        data-testid={p.testId}
        checked={p.checked}
        onChange={(e) => p.onChange(e.target.checked)}
      />
      {p.label}
    </label>
  );
}
