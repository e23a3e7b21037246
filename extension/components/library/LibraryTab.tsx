/**
 * The evidence library: a virtualised list that stays fast at 10,000 items,
 * full-text search, filters (competency, source, kind, role, date range,
 * untagged, drafts marked "Needs claim"), sort, inline edit, delete with
 * undo, bulk tagging of the selected items and "Make a story" from them. `/` focuses the search box; Escape clears it.
 * The state is one reducer (useLibraryState.ts), the search runs in
 * useLibraryResults.ts, the filters and the bulk bar are LibraryFilters.tsx and BulkBar.tsx.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import type { Evidence } from '../../../shared/schemas';
import { NEEDS_CLAIM } from '../../../shared/draft';
import { addCompetency, addTag } from '../../db/bulk';
import { NO_FILTERS } from '../../search';
import { useCaseData } from '../../hooks/useCaseData';
import { useQuotesByEvidence } from '../../hooks/useTestimonials';
import { useSession } from '../../hooks/useSession';
import { FormStatus } from '../form/FormStatus';
import { openStory } from '../stories/open';
import { AskColleague } from '../testimonials/AskColleague';
import { BulkBar } from './BulkBar';
import { EvidenceCard } from './EvidenceCard';
import { EvidenceEditor } from './EvidenceEditor';
import { CoverageChips, LibraryFilters, LibraryToolbar } from './LibraryFilters';
import { useLibraryResults } from './useLibraryResults';
import { useLibraryState } from './useLibraryState';

/** Estimated height (px) of one card before it is measured. */
const ESTIMATED_ROW = 128;

/** Library tab. `active` is true while the tab is shown; `onCapture` switches to the Capture tab (empty state). */
export function LibraryTab({ active, onCapture }: { active: boolean; onCapture: () => void }) {
  const { evidence, firstPage, rubric, competenciesOf, competencyNames: names } = useCaseData();
  // The first screen paints from the quick first page; everything else waits for the whole list.
  const loadingAll = evidence === undefined;
  const items = evidence ?? firstPage;
  const lib = useLibraryState(items);
  const { state } = lib;
  const { filters, showFilters, editing, selected, undo, message, error, busy, asking } = state;
  const query = filters.query;
  const { filtered, terms, indexReady, counts } = useLibraryResults(
    evidence,
    items,
    loadingAll,
    filters,
    state.sort,
    competenciesOf,
  );
  const session = useSession();
  const quotesOf = useQuotesByEvidence();
  const listRef = useRef<HTMLUListElement>(null);

  // The list's distance from the top of the document (the window scrolls, the header is sticky).
  const [scrollMargin, setScrollMargin] = useState(0);
  const hasSelection = selected.size > 0;
  const nothing = filtered.length === 0;
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el || !active) return;
    setScrollMargin(Math.round(el.getBoundingClientRect().top + window.scrollY));
    // Everything above the list that changes its height.
  }, [active, showFilters, hasSelection, undo, message, error, nothing, rubric, items, asking]);
  // oxlint-disable-next-line react/incompatible-library -- no React Compiler here; TanStack Virtual re-renders on scroll itself.
  const virtualizer = useWindowVirtualizer({
    count: filtered.length,
    enabled: active,
    estimateSize: () => ESTIMATED_ROW,
    overscan: 6,
    // A row that has no layout (hidden tab, or a DOM without layout) keeps the estimate instead of 0.
    measureElement: (el) => {
      const h = el.getBoundingClientRect().height;
      return h > 0 ? h : ESTIMATED_ROW;
    },
    scrollMargin,
    getItemKey: (i) => filtered[i]?.id ?? i,
  });

  const { onDelete } = lib;
  const onDeleteClick = useCallback((e: Evidence) => void onDelete(e), [onDelete]);

  if (!items) return <p className="muted pad">Loading…</p>;

  if (items.length === 0) {
    return (
      <div className="empty-state" data-testid="library-empty">
        <p>
          <strong>Your library is empty.</strong>
        </p>
        <p className="muted">
          Open a PR you merged or reviewed, a design doc or a ticket and clip it from the Capture tab. Anything without
          a page (a mentoring session, a talk) can be typed in there too. One item a week builds a case.
        </p>
        <button type="button" className="button primary" onClick={onCapture}>
          Clip this page
        </button>
      </div>
    );
  }

  const rows = virtualizer.getVirtualItems();

  return (
    <div className="library">
      <CoverageChips rubric={rubric} counts={counts} competency={filters.competency} setFilter={lib.setFilter} />
      <LibraryToolbar
        filters={filters}
        setFilter={lib.setFilter}
        sort={state.sort}
        setSort={lib.setSort}
        showFilters={showFilters}
        toggleFilters={lib.toggleFilters}
        indexReady={indexReady}
        total={loadingAll ? null : items.length}
      />
      {showFilters && (
        <LibraryFilters
          rubric={rubric}
          filters={filters}
          setFilter={lib.setFilter}
          setFilters={lib.setFilters}
          counts={counts}
        />
      )}

      <div className="list-head">
        <p className="muted small" role="status" data-testid="library-count" data-query={query}>
          {loadingAll
            ? 'Loading all items…'
            : filtered.length === items.length
              ? `${items.length.toLocaleString('en-US')} item${items.length === 1 ? '' : 's'}`
              : `${filtered.length.toLocaleString('en-US')} of ${items.length.toLocaleString('en-US')} match`}
        </p>
        {(counts.drafts > 0 || filters.drafts) && (
          <button
            type="button"
            className={`draft-chip${filters.drafts ? ' active' : ''}`}
            aria-pressed={filters.drafts}
            data-testid="library-drafts"
            title={filters.drafts ? 'Show every item' : 'Show only the items that still need a claim'}
            onClick={() => lib.setFilter('drafts', !filters.drafts)}
          >
            {NEEDS_CLAIM}: {counts.drafts.toLocaleString('en-US')}
          </button>
        )}
        {filtered.length > 0 && (
          <button
            type="button"
            className="link-button small push-right"
            onClick={() =>
              lib.setSelection(selected.size === filtered.length ? new Set() : new Set(filtered.map((e) => e.id)))
            }
          >
            {selected.size === filtered.length
              ? 'Select none'
              : `Select all ${filtered.length.toLocaleString('en-US')}`}
          </button>
        )}
      </div>

      {selected.size > 0 && (
        <BulkBar
          count={selected.size}
          busy={busy}
          rubric={rubric}
          onAddCompetency={(id) =>
            void lib.bulk((ids) => addCompetency(ids, id), `Tagged ${names.get(id) ?? id}`, [...selected])
          }
          onAddTag={(tag) => void lib.bulk((ids) => addTag(ids, tag), `Added #${tag}`, [...selected])}
          onAsk={() => lib.setAsking([...selected])}
          onClear={() => lib.setSelection(new Set())}
          onMakeStory={() => openStory({ mode: 'new', evidenceIds: [...selected] })}
        />
      )}

      {asking && (
        <AskColleague
          key={asking.join()}
          items={asking.flatMap((id) => items.filter((e) => e.id === id))}
          session={session}
          onClose={() => lib.setAsking(null)}
        />
      )}

      {undo && (
        <div className="toast" role="status">
          Deleted “{undo.title}”.{' '}
          <button type="button" className="link-button" data-testid="undo-delete" onClick={() => void lib.restore()}>
            Undo
          </button>
        </div>
      )}
      <FormStatus tone="note" className="toast" message={!undo && message} />
      <FormStatus message={error} />

      {filtered.length === 0 && !loadingAll ? (
        <div className="empty-state small-empty" data-testid="library-no-match">
          <p>
            <strong>Nothing matches.</strong>
          </p>
          <p className="muted">Try fewer words, or clear the filters.</p>
          <button type="button" className="button secondary" onClick={() => lib.setFilters(NO_FILTERS)}>
            Clear search and filters
          </button>
        </div>
      ) : null}
      <ul
        ref={listRef}
        className="evidence-list virtual"
        data-testid="evidence-list"
        aria-label="Evidence"
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {rows.map((row) => {
          const e = filtered[row.index];
          if (!e) return null;
          return (
            <li
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              className="evidence-item"
              data-testid="evidence-item"
              // Only the visible rows exist: tell assistive technology where this one sits in the whole list.
              aria-setsize={filtered.length}
              aria-posinset={row.index + 1}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)`,
              }}
            >
              {editing === e.id ? (
                <EvidenceEditor item={e} onDone={() => lib.onEdit(null)} />
              ) : (
                <EvidenceCard
                  item={e}
                  competencies={competenciesOf(e)}
                  names={names}
                  terms={terms}
                  selected={selected.has(e.id)}
                  onSelect={lib.onSelect}
                  onEdit={lib.onEdit}
                  onDelete={onDeleteClick}
                  quotes={quotesOf.get(e.id)}
                  onAsk={lib.onAsk}
                />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
