/**
 * The Inbox tab (docs/DESIGN.md "History import and the inbox"): candidates
 * from the history import, grouped by the month the work happened with counts
 * per reason, triaged from the keyboard.
 *
 * The list is one listbox (focus stays on it; `aria-activedescendant` names
 * the current row): `j`/`k` (or arrows) move, `a` or Enter opens the accept
 * form (claim and impact; focus moves into it and comes back after), `d`
 * dismisses (synced: it never comes back on any device), `x` (or Space)
 * selects; the selection can be accepted as drafts ("Needs claim") in one go.
 * Candidates already in the Library or dismissed are never listed.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatDay, KIND_LABELS } from '../../../shared/case';
import { acceptAsDrafts, acceptCandidate, dismissCandidates, listInbox } from '../../db/candidates';
import type { StoredCandidate } from '../../db/index';
import { describeSaveError, errorMessage, localToday } from '../format';
import { AcceptForm, type AcceptValues } from './AcceptForm';
import { ImportCard } from './ImportCard';
import { countsLine, groupByMonth } from './months';
import './inbox.css';
import { openStory } from '../stories/open';
import { FormStatus } from '../form/FormStatus';

const REASON_LABELS: Record<StoredCandidate['reason'], string> = {
  authored: 'Written',
  reviewed: 'Reviewed',
  assigned: 'Ticket',
  reported: 'Reported',
};

function optionId(url: string): string {
  return `cand-${encodeURIComponent(url).replace(/%/g, '_')}`;
}

/** Inbox tab. `onOpenConnections` switches to Account → Connections. */
export function InboxTab({ onOpenConnections }: { onOpenConnections: () => void }) {
  const items = useLiveQuery(() => listInbox(), []);
  const [active, setActive] = useState(0);
  const [picked, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [accepting, setAccepting] = useState<StoredCandidate | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const today = localToday();

  const list = useMemo(() => items ?? [], [items]);
  const groups = useMemo(() => groupByMonth(list, today), [list, today]);
  const indexOf = useMemo(() => new Map(list.map((c, i) => [c.url, i])), [list]);
  // The current row stays in range, and the selection holds only rows still in the inbox
  // (accepted, dismissed or clipped elsewhere, on this device or another).
  const activeIndex = Math.max(0, Math.min(active, list.length - 1));
  const current = list[activeIndex];
  const selected = useMemo(() => new Set([...picked].filter((u) => indexOf.has(u))), [picked, indexOf]);
  // Scroll the current row into view when the keyboard moved it (not on first paint).
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current || !current) return;
    moved.current = false;
    document.getElementById(optionId(current.url))?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  const focusList = useCallback(() => requestAnimationFrame(() => listRef.current?.focus()), []);

  async function dismiss(urls: string[]) {
    setError(null);
    try {
      await dismissCandidates(urls);
      setStatus(urls.length === 1 ? 'Dismissed.' : `Dismissed ${urls.length} items.`);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function acceptDrafts() {
    const urls = list.filter((c) => selected.has(c.url)).map((c) => c.url);
    if (urls.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await acceptAsDrafts(urls);
      setSelected(new Set());
      setStatus(
        `${saved.length} ${saved.length === 1 ? 'item' : 'items'} added to your Library as drafts (Needs claim).`,
      );
      focusList();
    } catch (err) {
      setError(describeSaveError(err));
    } finally {
      setBusy(false);
    }
  }

  async function acceptOne(c: StoredCandidate, values: AcceptValues) {
    try {
      await acceptCandidate(c.url, values);
    } catch (err) {
      throw new Error(describeSaveError(err));
    }
    setAccepting(null);
    setStatus(`Accepted “${c.title}”${values.claim.trim() ? '' : ' as a draft'}.`);
    focusList();
  }

  /** `s`: accept the selected items (or the current one) as drafts and add them to a story. */
  async function toStory(urls: string[]) {
    setError(null);
    try {
      const saved = await acceptAsDrafts(urls);
      setSelected(new Set());
      openStory({ mode: 'pick', evidenceIds: saved.map((e) => e.id) });
    } catch (err) {
      setError(describeSaveError(err));
    }
  }

  function toggle(url: string) {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(url)) next.delete(url);
      else next.add(url);
      return next;
    });
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.ctrlKey || e.metaKey || e.altKey || list.length === 0) return;
    const key = e.key;
    let handled = true;
    if (key === 'j' || key === 'ArrowDown') setActive(Math.min(list.length - 1, activeIndex + 1));
    else if (key === 'k' || key === 'ArrowUp') setActive(Math.max(0, activeIndex - 1));
    else if (key === 'Home') setActive(0);
    else if (key === 'End') setActive(list.length - 1);
    else if ((key === 'a' || key === 'Enter') && current) setAccepting(current);
    else if ((key === 'd' || key === 'Delete') && current) void dismiss([current.url]);
    else if ((key === 'x' || key === ' ') && current) toggle(current.url);
    else if (key === 's' && current) void toStory(selected.size > 0 ? [...selected] : [current.url]);
    else handled = false;
    if (handled) {
      e.preventDefault();
      moved.current = true;
    }
  }

  if (items === undefined) return <p className="muted pad">Loading…</p>;

  return (
    <div className="inbox">
      <ImportCard onOpenConnections={onOpenConnections} />

      {accepting && (
        <AcceptForm
          key={accepting.url}
          candidate={accepting}
          onSave={(values) => acceptOne(accepting, values)}
          onCancel={() => {
            setAccepting(null);
            focusList();
          }}
        />
      )}

      <p className="visually-hidden" role="status" aria-live="polite" data-testid="inbox-status">
        {status ?? ''}
      </p>
      {status && (
        <p className="toast small" aria-hidden="true">
          {status}
        </p>
      )}
      <FormStatus message={error} />

      {list.length === 0 ? (
        <div className="empty-state small-empty" data-testid="inbox-empty">
          <p>
            <strong>Your inbox is empty.</strong>
          </p>
          <p className="muted">
            Import a year of pull requests you wrote and reviewed and the tickets you resolved, then keep what tells
            your story. Items already in your Library or dismissed never show up here.
          </p>
        </div>
      ) : (
        <>
          <div className="inbox-head">
            <p className="small muted" data-testid="inbox-count">
              {list.length.toLocaleString('en-US')} to triage · <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>a</kbd> accept ·{' '}
              <kbd>d</kbd> dismiss · <kbd>x</kbd> select · <kbd>s</kbd> story
            </p>
            <button
              type="button"
              className="link-button small push-right"
              onClick={() => setSelected(selected.size === list.length ? new Set() : new Set(list.map((c) => c.url)))}
            >
              {selected.size === list.length ? 'Select none' : `Select all ${list.length.toLocaleString('en-US')}`}
            </button>
          </div>
          {selected.size > 0 && (
            <div className="card bulk-bar" role="region" aria-label="Selected items" data-testid="inbox-bulk">
              <p className="bulk-title">
                <strong>{selected.size.toLocaleString('en-US')}</strong> selected
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="button primary"
                  disabled={busy}
                  data-testid="inbox-accept-drafts"
                  onClick={() => void acceptDrafts()}
                >
                  {busy ? 'Accepting…' : 'Accept as drafts'}
                </button>
                <button
                  type="button"
                  className="button secondary"
                  disabled={busy}
                  onClick={() => void dismiss([...selected]).then(() => setSelected(new Set()))}
                >
                  Dismiss
                </button>
                <button type="button" className="link-button small" onClick={() => setSelected(new Set())}>
                  Clear
                </button>
              </div>
            </div>
          )}
          {current && (
            <div className="inbox-actions" role="toolbar" aria-label="Current item">
              <span className="inbox-current" title={current.title}>
                {current.title}
              </span>
              <button
                type="button"
                className="button primary small"
                data-testid="inbox-accept"
                onClick={() => setAccepting(current)}
              >
                Accept <kbd>a</kbd>
              </button>
              <button
                type="button"
                className="button secondary small"
                data-testid="inbox-dismiss"
                onClick={() => void dismiss([current.url])}
              >
                Dismiss <kbd>d</kbd>
              </button>
              <button
                type="button"
                className="button secondary small"
                aria-pressed={selected.has(current.url)}
                onClick={() => toggle(current.url)}
              >
                Select <kbd>x</kbd>
              </button>
            </div>
          )}
          <div
            ref={listRef}
            className="inbox-list"
            role="listbox"
            tabIndex={0}
            aria-label="Imported items to triage"
            aria-multiselectable="true"
            aria-activedescendant={current ? optionId(current.url) : undefined}
            data-testid="inbox-list"
            onKeyDown={onKeyDown}
          >
            {groups.map((g) => (
              <div key={g.key} role="group" aria-labelledby={`month-${g.key}`} className="inbox-month">
                <div className="month-head" id={`month-${g.key}`}>
                  <span className="month-name">{g.label}</span>
                  <span className="month-counts">{countsLine(g.counts)}</span>
                </div>
                {g.items.map((c) => {
                  const i = indexOf.get(c.url) ?? 0;
                  return (
                    // The listbox above takes focus and keys (aria-activedescendant); an option only takes clicks.
                    // oxlint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/interactive-supports-focus
                    <div
                      key={c.url}
                      id={optionId(c.url)}
                      role="option"
                      aria-selected={selected.has(c.url)}
                      className={`candidate${i === activeIndex ? ' active' : ''}${selected.has(c.url) ? ' selected' : ''}`}
                      data-testid="inbox-item"
                      data-url={c.url}
                      onClick={() => {
                        setActive(i);
                        listRef.current?.focus();
                      }}
                    >
                      <span className="candidate-check" aria-hidden="true">
                        {selected.has(c.url) ? '✓' : ''}
                      </span>
                      <span className="candidate-body">
                        <span className="candidate-title">{c.title}</span>
                        <span className="candidate-meta">
                          <span className={`reason reason-${c.reason}`}>{REASON_LABELS[c.reason]}</span>
                          {c.occurredOn ? formatDay(c.occurredOn) : 'No date'} · {KIND_LABELS[c.kind]}
                          {typeof c.meta.repo === 'string' ? ` · ${c.meta.repo}` : ''}
                        </span>
                      </span>
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
