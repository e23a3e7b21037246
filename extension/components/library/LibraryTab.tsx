/**
 * The evidence library: a virtualised list that stays fast at 10,000 items,
 * full-text search, filters (competency, source, kind, role, date range,
 * untagged, drafts marked "Needs claim"), sort, inline edit, delete with
 * undo, bulk tagging of the selected items and "Make a story" from them. `/` focuses the search box; Escape clears it.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { Kind, Role, Source, type Evidence } from '../../../shared/schemas';
import { KIND_LABELS, ROLE_LABELS, SOURCE_LABELS } from '../../../shared/case';
import { deleteEvidence, restoreEvidence } from '../../db/write';
import { addCompetency, addTag } from '../../db/bulk';
import {
  activeFilterCount,
  filterEvidence,
  NO_FILTERS,
  type EvidenceFilters,
  type EvidenceSort,
} from '../../db/search';
import { useCaseData } from '../../hooks/useCaseData';
import { useEvidenceSearch } from '../../hooks/useEvidenceSearch';
import { EvidenceCard } from './EvidenceCard';
import { EvidenceEditor } from './EvidenceEditor';
import { AskColleague } from '../testimonials/AskColleague';
import { useQuotesByEvidence } from '../../hooks/useTestimonials';
import { useSession } from '../../hooks/useSession';
import { errorMessage } from '../format';
import { EnumSelect } from '../fields';
import { isDraft, NEEDS_CLAIM } from '../../../shared/draft';
import { openStory } from '../stories/open';

/** Estimated height (px) of one card before it is measured. */
const ESTIMATED_ROW = 128;

const SORTS: { id: EvidenceSort; label: string }[] = [
  { id: 'newest', label: 'Newest first' },
  { id: 'oldest', label: 'Oldest first' },
  { id: 'updated', label: 'Recently edited' },
  { id: 'title', label: 'Title A–Z' },
  { id: 'relevance', label: 'Best match' },
];

/** Library tab. `active` is true while the tab is shown; `onCapture` switches to the Capture tab (empty state). */
export function LibraryTab({ active, onCapture }: { active: boolean; onCapture: () => void }) {
  const { evidence, firstPage, rubric, competenciesOf } = useCaseData();
  // The first screen paints from the quick first page; everything else waits for the whole list.
  const loadingAll = evidence === undefined;
  const items = evidence ?? firstPage;
  const [filters, setFilters] = useState<EvidenceFilters>(NO_FILTERS);
  const [sort, setSort] = useState<EvidenceSort>('newest');
  const [showFilters, setShowFilters] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [undo, setUndo] = useState<Evidence | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<readonly string[] | null>(null);
  const session = useSession();
  const quotesOf = useQuotesByEvidence();
  const onAsk = useCallback((id: string) => setAsking((a) => (a ? [...new Set([...a, id])] : [id])), []);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  // Not deferred: the search answers in a few ms (bench/RESULTS.md), so results render in the
  // keystroke's own frame; deferring cost a second render and a second frame (about 31 ms a key).
  const query = filters.query;
  const { hits, terms, indexReady } = useEvidenceSearch(evidence, query);
  const names = useMemo(() => new Map(rubric.competencies.map((c) => [c.id, c.name])), [rubric]);
  const effectiveSort: EvidenceSort = sort === 'relevance' && !hits ? 'newest' : sort;
  // Keyed on the filters other than the typed text, so a keystroke only re-filters once the deferred query moves.
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

  // Drop selections of items that are gone (deleted here or on another device).
  useEffect(() => {
    if (!items || selected.size === 0) return;
    const live = new Set(items.map((e) => e.id));
    if ([...selected].some((id) => !live.has(id))) setSelected(new Set([...selected].filter((id) => live.has(id))));
  }, [items, selected]);

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

  const set = <K extends keyof EvidenceFilters>(key: K, value: EvidenceFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));

  const onSelect = useCallback((id: string, on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const onDelete = useCallback(async (e: Evidence): Promise<void> => {
    setError(null);
    setMessage(null);
    try {
      await deleteEvidence(e.id);
      setUndo(e);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  const onDeleteClick = useCallback((e: Evidence) => void onDelete(e), [onDelete]);

  async function restore() {
    if (!undo) return;
    try {
      await restoreEvidence(undo.id);
    } catch (err) {
      setError(errorMessage(err));
    }
    setUndo(null);
  }

  async function bulk(run: (ids: string[]) => Promise<number>, what: string) {
    setBusy(true);
    setError(null);
    try {
      const n = await run([...selected]);
      setMessage(`${what}: ${n} item${n === 1 ? '' : 's'} changed.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

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

  const nFilters = activeFilterCount(filters);
  const rows = virtualizer.getVirtualItems();

  return (
    <div className="library">
      <div className="coverage" aria-label="Evidence per competency: click to filter">
        {rubric.competencies.map((c) => {
          const n = counts.byId.get(c.id) ?? 0;
          return (
            <button
              key={c.id}
              type="button"
              className={`coverage-chip${n === 0 ? ' empty' : ''}${filters.competency === c.id ? ' active' : ''}`}
              aria-pressed={filters.competency === c.id}
              title={n === 0 ? `No evidence yet for ${c.name}` : `Show only ${c.name}`}
              onClick={() => set('competency', filters.competency === c.id ? null : c.id)}
            >
              <span className="coverage-name">{c.name}</span> <span className="count">{n}</span>
            </button>
          );
        })}
      </div>

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
              loadingAll
                ? 'Search  ( / )'
                : `Search ${items.length.toLocaleString('en-US')} ${items.length === 1 ? 'item' : 'items'}  ( / )`
            }
            onChange={(e) => set('query', e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && filters.query) {
                e.preventDefault();
                set('query', '');
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
          onClick={() => setShowFilters(!showFilters)}
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

      {showFilters && (
        <div id="library-filters" className="card filters" role="group" aria-label="Filters">
          <div className="row">
            <label className="field">
              <span className="label">Competency</span>
              <select
                className="input"
                data-testid="filter-competency"
                value={filters.competency ?? ''}
                onChange={(e) => set('competency', e.target.value || null)}
              >
                <option value="">Any</option>
                {rubric.competencies.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <EnumSelect
              label="Source"
              testId="filter-source"
              anyLabel="Any"
              value={filters.source}
              options={Source.options}
              labels={SOURCE_LABELS}
              onChange={(v) => set('source', v === '' ? '' : Source.parse(v))}
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
              onChange={(v) => set('kind', v === '' ? '' : Kind.parse(v))}
            />
            <EnumSelect
              label="My role"
              testId="filter-role"
              anyLabel="Any"
              value={filters.role}
              options={Role.options}
              labels={ROLE_LABELS}
              onChange={(v) => set('role', v === '' ? '' : Role.parse(v))}
            />
          </div>
          <div className="row">
            <label className="field">
              <span className="label">From</span>
              <input
                className="input"
                type="date"
                data-testid="filter-from"
                value={filters.from}
                onChange={(e) => set('from', e.target.value)}
              />
            </label>
            <label className="field">
              <span className="label">To</span>
              <input
                className="input"
                type="date"
                data-testid="filter-to"
                value={filters.to}
                onChange={(e) => set('to', e.target.value)}
              />
            </label>
          </div>
          <div className="actions">
            <label className="inline-check">
              <input
                type="checkbox"
                data-testid="filter-untagged"
                checked={filters.untagged}
                onChange={(e) => set('untagged', e.target.checked)}
              />
              Only untagged ({counts.untagged})
            </label>
            <label className="inline-check">
              <input
                type="checkbox"
                data-testid="filter-drafts"
                checked={filters.drafts}
                onChange={(e) => set('drafts', e.target.checked)}
              />
              Only {NEEDS_CLAIM.toLowerCase()} ({counts.drafts})
            </label>
            <button
              type="button"
              className="link-button push-right"
              disabled={nFilters === 0}
              onClick={() => setFilters({ ...NO_FILTERS, query: filters.query })}
            >
              Clear filters
            </button>
          </div>
        </div>
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
            onClick={() => set('drafts', !filters.drafts)}
          >
            {NEEDS_CLAIM}: {counts.drafts.toLocaleString('en-US')}
          </button>
        )}
        {filtered.length > 0 && (
          <button
            type="button"
            className="link-button small push-right"
            onClick={() =>
              setSelected(selected.size === filtered.length ? new Set() : new Set(filtered.map((e) => e.id)))
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
          competencies={rubric.competencies.map((c) => ({ id: c.id, name: c.name }))}
          onAddCompetency={(id) => void bulk((ids) => addCompetency(ids, id), `Tagged ${names.get(id) ?? id}`)}
          onAddTag={(tag) => void bulk((ids) => addTag(ids, tag), `Added #${tag}`)}
          onAsk={() => setAsking([...selected])}
          onClear={() => setSelected(new Set())}
          onMakeStory={() => openStory({ mode: 'new', evidenceIds: [...selected] })}
        />
      )}

      {asking && (
        <AskColleague
          key={asking.join()}
          items={asking.flatMap((id) => items.filter((e) => e.id === id))}
          session={session}
          onClose={() => setAsking(null)}
        />
      )}

      {undo && (
        <div className="toast" role="status">
          Deleted “{undo.title}”.{' '}
          <button type="button" className="link-button" data-testid="undo-delete" onClick={() => void restore()}>
            Undo
          </button>
        </div>
      )}
      {message && !undo && (
        <p className="toast" role="status">
          {message}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      {filtered.length === 0 && !loadingAll ? (
        <div className="empty-state small-empty" data-testid="library-no-match">
          <p>
            <strong>Nothing matches.</strong>
          </p>
          <p className="muted">Try fewer words, or clear the filters.</p>
          <button type="button" className="button secondary" onClick={() => setFilters(NO_FILTERS)}>
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
                <EvidenceEditor item={e} onDone={() => setEditing(null)} />
              ) : (
                <EvidenceCard
                  item={e}
                  competencies={competenciesOf(e)}
                  names={names}
                  terms={terms}
                  selected={selected.has(e.id)}
                  onSelect={onSelect}
                  onEdit={setEditing}
                  onDelete={onDeleteClick}
                  quotes={quotesOf.get(e.id)}
                  onAsk={onAsk}
                />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The bar shown while items are selected: make them a story, or tag them all with a competency or a tag. */
function BulkBar({
  count,
  busy,
  competencies,
  onAddCompetency,
  onAddTag,
  onAsk,
  onClear,
  onMakeStory,
}: {
  count: number;
  busy: boolean;
  competencies: { id: string; name: string }[];
  onAddCompetency: (id: string) => void;
  onAddTag: (tag: string) => void;
  onAsk: () => void;
  onClear: () => void;
  onMakeStory: () => void;
}) {
  const [competency, setCompetency] = useState(competencies[0]?.id ?? '');
  const [tag, setTag] = useState('');
  return (
    <div className="card bulk-bar" role="region" aria-label="Bulk tagging" data-testid="bulk-bar">
      <p className="bulk-title">
        <strong>{count.toLocaleString('en-US')}</strong> selected
        <button type="button" className="button primary small" data-testid="make-story" onClick={onMakeStory}>
          Make a story
        </button>
        <button type="button" className="link-button small push-right" onClick={onClear}>
          Clear selection
        </button>
      </p>
      <div className="bulk-row">
        <label className="field grow">
          <span className="visually-hidden">Competency to add</span>
          <select
            className="input"
            value={competency}
            data-testid="bulk-competency"
            onChange={(e) => setCompetency(e.target.value)}
          >
            {competencies.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button secondary"
          data-testid="bulk-apply"
          disabled={busy || !competency}
          onClick={() => onAddCompetency(competency)}
        >
          Tag
        </button>
      </div>
      <form
        className="bulk-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (tag.trim()) onAddTag(tag.trim());
          setTag('');
        }}
      >
        <label className="field grow">
          <span className="visually-hidden">Tag to add</span>
          <input
            className="input"
            value={tag}
            maxLength={60}
            placeholder="Add a tag, e.g. h2-review"
            onChange={(e) => setTag(e.target.value)}
          />
        </label>
        <button type="submit" className="button secondary" disabled={busy || !tag.trim()}>
          Add tag
        </button>
      </form>
      <div className="bulk-row">
        <button type="button" className="button secondary grow" data-testid="bulk-ask" onClick={onAsk}>
          Ask a colleague about {count === 1 ? 'this item' : `these ${count.toLocaleString('en-US')}`}
        </button>
      </div>
    </div>
  );
}
