/**
 * The library's filters: the coverage chips (evidence per competency, click to
 * filter), the toolbar (search box, filter toggle, sort) and the filter panel
 * (competency, source, kind, role, date range, untagged, drafts). `/` focuses
 * the search box from anywhere in the tab; Escape clears it. They only report
 * changes: the search itself runs in useLibraryResults.ts.
 */
import { useEffect, useRef } from 'react';
import { Kind, Role, Source, type Rubric } from '../../../shared/schemas';
import { KIND_LABELS, ROLE_LABELS, SOURCE_LABELS } from '../../../shared/case';
import { NEEDS_CLAIM } from '../../../shared/draft';
import { activeFilterCount, NO_FILTERS, type EvidenceFilters, type EvidenceSort } from '../../db/search';
import { EnumSelect } from '../fields';
import { CompetencySelect } from '../form/CompetencySelect';
import type { LibraryResults } from './useLibraryResults';

const SORTS: { id: EvidenceSort; label: string }[] = [
  { id: 'newest', label: 'Newest first' },
  { id: 'oldest', label: 'Oldest first' },
  { id: 'updated', label: 'Recently edited' },
  { id: 'title', label: 'Title A–Z' },
  { id: 'relevance', label: 'Best match' },
];

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
      <label className="field sort-field">
        <span className="visually-hidden">Sort</span>
        <select
          className="input"
          value={sort}
          data-testid="library-sort"
          onChange={(e) => setSort(e.target.value as EvidenceSort)}
        >
          {SORTS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
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
        <EnumSelect
          label="Source"
          testId="filter-source"
          anyLabel="Any"
          value={filters.source}
          options={Source.options}
          labels={SOURCE_LABELS}
          onChange={(v) => setFilter('source', v === '' ? '' : Source.parse(v))}
        />
      </div>
      <div className="row">
        <EnumSelect
          label="Kind"
          testId="filter-kind"
          anyLabel="Any"
          value={filters.kind}
          options={Kind.options}
          labels={KIND_LABELS}
          onChange={(v) => setFilter('kind', v === '' ? '' : Kind.parse(v))}
        />
        <EnumSelect
          label="My role"
          testId="filter-role"
          anyLabel="Any"
          value={filters.role}
          options={Role.options}
          labels={ROLE_LABELS}
          onChange={(v) => setFilter('role', v === '' ? '' : Role.parse(v))}
        />
      </div>
      <div className="row">
        <DateFilter label="From" testId="filter-from" value={filters.from} onChange={(v) => setFilter('from', v)} />
        <DateFilter label="To" testId="filter-to" value={filters.to} onChange={(v) => setFilter('to', v)} />
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

/** A labelled date input (`YYYY-MM-DD`, `''` for none). */
function DateFilter(p: { label: string; testId: string; value: string; onChange: (value: string) => void }) {
  return (
    <label className="field">
      <span className="label">{p.label}</span>
      <input
        className="input"
        type="date"
        data-testid={p.testId}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </label>
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
