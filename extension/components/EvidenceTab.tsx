/**
 * Evidence tab: the saved evidence, newest first, with a filter box, coverage
 * per competency, and delete (with undo).
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Evidence } from '../../shared/schemas';
import { getRubric } from '../../shared/rubric';
import { isHttpUrl } from '../../shared/url';
import { formatDay, ROLE_LABELS, SOURCE_LABELS } from '../../shared/case';
import { getSettings, listEvidence } from '../db/queries';
import { deleteEvidence, restoreEvidence } from '../db/write';
import { metaChips } from '../capture/chips';
import { errorMessage } from './format';

const PAGE = 200;

/** Evidence tab. */
export function EvidenceTab() {
  const items = useLiveQuery(() => listEvidence(), []);
  const settings = useLiveQuery(() => getSettings(), []);
  const rubric = getRubric(settings?.rubricId);
  const [query, setQuery] = useState('');
  const [competency, setCompetency] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [undo, setUndo] = useState<Evidence | null>(null);
  const [error, setError] = useState<string | null>(null);
  const deferred = useDeferredValue(query);

  const names = useMemo(() => new Map(rubric.competencies.map((c) => [c.id, c.name])), [rubric]);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const e of items ?? []) for (const c of e.competencies) m.set(c, (m.get(c) ?? 0) + 1);
    return m;
  }, [items]);
  const filtered = useMemo(() => {
    const q = deferred.trim().toLowerCase();
    return (items ?? []).filter(
      (e) =>
        (!competency || e.competencies.includes(competency)) &&
        (!q || `${e.title}\n${e.claim}\n${e.impact}\n${e.url}`.toLowerCase().includes(q)),
    );
  }, [items, deferred, competency]);

  async function remove(e: Evidence) {
    setError(null);
    try {
      await deleteEvidence(e.id);
      setUndo(e);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function restore() {
    if (!undo) return;
    try {
      await restoreEvidence(undo.id);
    } catch (err) {
      setError(errorMessage(err));
    }
    setUndo(null);
  }

  if (!items) return <p className="muted pad">Loading…</p>;

  return (
    <div className="evidence">
      <div className="coverage" aria-label="Evidence per competency">
        {rubric.competencies.map((c) => {
          const n = counts.get(c.id) ?? 0;
          return (
            <button
              key={c.id}
              type="button"
              className={`coverage-chip${n === 0 ? ' empty' : ''}${competency === c.id ? ' active' : ''}`}
              aria-pressed={competency === c.id}
              title={n === 0 ? `No evidence yet for ${c.name}` : `Show only ${c.name}`}
              onClick={() => setCompetency(competency === c.id ? null : c.id)}
            >
              <span className="coverage-name">{c.name}</span> <span className="count">{n}</span>
            </button>
          );
        })}
      </div>
      <label className="field">
        <span className="visually-hidden">Filter evidence</span>
        <input
          className="input"
          type="search"
          value={query}
          placeholder={`Filter ${items.length} item${items.length === 1 ? '' : 's'}…`}
          onChange={(e) => {
            setQuery(e.target.value);
            setShown(PAGE);
          }}
        />
      </label>
      {undo && (
        <div className="toast" role="status">
          Deleted “{undo.title}”.{' '}
          <button type="button" className="link-button" onClick={() => void restore()}>
            Undo
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>No evidence yet.</strong>
          </p>
          <p className="muted">
            Open a PR you merged or reviewed, a design doc or a ticket, and clip it from the Capture tab. One a week
            builds a case.
          </p>
        </div>
      ) : (
        <ul className="evidence-list" data-testid="evidence-list">
          {filtered.slice(0, shown).map((e) => (
            <li key={e.id} className="evidence-item" data-testid="evidence-item">
              <div className="item-head">
                {isHttpUrl(e.url) ? (
                  <a className="item-title" href={e.url} target="_blank" rel="noreferrer noopener">
                    {e.title}
                  </a>
                ) : (
                  <span className="item-title">{e.title}</span>
                )}
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Delete “${e.title}”`}
                  title="Delete"
                  onClick={() => void remove(e)}
                >
                  ×
                </button>
              </div>
              <p className="item-meta">
                {formatDay(e.occurredOn)} · {SOURCE_LABELS[e.source]} · {ROLE_LABELS[e.role]}
                {metaChips(e).length > 0 && e.source !== 'web' && e.source !== 'manual' ? ` · ${metaChips(e)[0]}` : ''}
              </p>
              {e.claim && <p className="item-claim">{e.claim}</p>}
              {e.impact && <p className="item-impact">{e.impact}</p>}
              {e.competencies.length > 0 ? (
                <ul className="chips" aria-label="Competencies">
                  {e.competencies.map((c) => (
                    <li key={c} className="chip">
                      {names.get(c) ?? c}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="untagged">Untagged: map it to a competency</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {filtered.length > shown && (
        <button type="button" className="button secondary wide" onClick={() => setShown(shown + PAGE)}>
          Show more ({filtered.length - shown} left)
        </button>
      )}
      {items.length > 0 && filtered.length === 0 && <p className="muted pad">Nothing matches this filter.</p>}
    </div>
  );
}
