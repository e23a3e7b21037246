/**
 * The senior-behaviour checklist: every signal of every competency of the
 * active rubric, with the evidence the user linked to it. A link is stored as
 * the tag `signal:<competency>:<index>` on the evidence (see db/bulk.ts
 * `signalTag`), so it syncs and backs up with the item.
 */
import { useMemo, useState } from 'react';
import type { Evidence } from '../../../shared/schemas';
import { formatDay } from '../../../shared/case';
import { setSignalLink, signalTag } from '../../db/bulk';
import { useCaseData } from '../../hooks/useCaseData';
import { errorMessage, localToday } from '../format';
import { FormStatus } from '../form/FormStatus';

/** Candidates offered when linking: items of the competency first, newest first, at most this many. */
const MAX_CANDIDATES = 60;

/**
 * Signals checklist card. It starts collapsed to the signals not shown yet
 * (so gaps, goals and the plan stay near the top); "Show all signals" lists
 * every one. A signal linked while collapsed stays in view until the view changes.
 */
export function SignalsChecklist() {
  const { evidence, rubric, competenciesOf } = useCaseData();
  const [error, setError] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [justLinked, setJustLinked] = useState<ReadonlySet<string>>(() => new Set());
  const today = localToday();
  const linked = useMemo(() => {
    const m = new Map<string, Evidence[]>();
    for (const e of evidence ?? []) {
      for (const t of e.tags) {
        if (!t.startsWith('signal:')) continue;
        const list = m.get(t);
        if (list) list.push(e);
        else m.set(t, [e]);
      }
    }
    return m;
  }, [evidence]);

  // Per competency: its own items first, then the rest, newest first (a bounded list for the picker).
  const pool = useMemo(() => {
    const m = new Map<string, Evidence[]>();
    const list = evidence ?? [];
    for (const c of rubric.competencies) {
      const own: Evidence[] = [];
      const rest: Evidence[] = [];
      for (const e of list) {
        if (own.length >= MAX_CANDIDATES * 2) break;
        if (competenciesOf(e).includes(c.id)) own.push(e);
        else if (rest.length < MAX_CANDIDATES * 2) rest.push(e);
      }
      m.set(c.id, [...own, ...rest]);
    }
    return m;
  }, [evidence, rubric, competenciesOf]);

  const total = rubric.competencies.reduce((n, c) => n + c.signals.length, 0);
  const shown = rubric.competencies.reduce(
    (n, c) => n + c.signals.filter((_, i) => (linked.get(signalTag(c.id, i))?.length ?? 0) > 0).length,
    0,
  );

  async function link(id: string, competencyId: string, index: number, on: boolean) {
    setError(null);
    try {
      await setSignalLink(id, competencyId, index, on);
      if (on) setJustLinked((s) => new Set([...s, signalTag(competencyId, index)]));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="signals-title">
      <h2 className="card-title" id="signals-title">
        Signals checklist{' '}
        <span className="muted" data-testid="signals-progress">
          ({shown} of {total} shown)
        </span>
      </h2>
      <p className="muted small">
        {showAll ? 'Every signal of the rubric.' : `The ${total - shown} signals with no evidence yet.`}{' '}
        <button
          type="button"
          className="link-button small"
          data-testid="signals-toggle"
          aria-expanded={showAll}
          onClick={() => {
            setShowAll(!showAll);
            setJustLinked(new Set());
          }}
        >
          {showAll ? 'Show only the missing ones' : `Show all ${total} signals`}
        </button>
      </p>
      <FormStatus message={error} />
      {rubric.competencies.map((c) => {
        const visible = (i: number) =>
          showAll || justLinked.has(signalTag(c.id, i)) || (linked.get(signalTag(c.id, i))?.length ?? 0) === 0;
        if (!c.signals.some((_, i) => visible(i))) return null;
        return (
          <div key={c.id} className="signal-group">
            <h3 className="signal-competency">{c.name}</h3>
            <ul className="signals">
              {c.signals.map((signal, i) => {
                const tag = signalTag(c.id, i);
                const items = linked.get(tag) ?? [];
                if (!visible(i)) return null;
                return (
                  <li
                    key={tag}
                    className={items.length > 0 ? 'signal done' : 'signal'}
                    data-testid={`signal-${c.id}-${i}`}
                  >
                    <span className="signal-mark" aria-hidden="true">
                      {items.length > 0 ? '✓' : '○'}
                    </span>
                    <div className="signal-body">
                      <p className="signal-text">
                        {signal}
                        <span className="visually-hidden">{items.length > 0 ? ' (shown)' : ' (not shown yet)'}</span>
                      </p>
                      {items.length > 0 && (
                        <ul className="linked">
                          {items.map((e) => (
                            <li key={e.id}>
                              <span className="linked-title">{e.title}</span>{' '}
                              <span className="muted small">{formatDay(e.occurredOn, today)}</span>
                              <button
                                type="button"
                                className="link-button small"
                                aria-label={`Unlink “${e.title}” from “${signal}”`}
                                onClick={() => void link(e.id, c.id, i, false)}
                              >
                                Unlink
                              </button>
                            </li>
                          ))}
                        </ul>
                      )}
                      <LinkPicker
                        label={signal}
                        candidates={(pool.get(c.id) ?? [])
                          .filter((e) => !e.tags.includes(tag))
                          .slice(0, MAX_CANDIDATES)}
                        onLink={(id) => void link(id, c.id, i, true)}
                      />
                    </div>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

function LinkPicker({
  label,
  candidates: list,
  onLink,
}: {
  label: string;
  candidates: Evidence[];
  onLink: (id: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState('');
  if (list.length === 0) return null;
  if (!open) {
    return (
      <button type="button" className="link-button small" onClick={() => setOpen(true)}>
        + Link evidence
      </button>
    );
  }
  return (
    <form
      className="link-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) onLink(choice);
        setOpen(false);
        setChoice('');
      }}
    >
      <label className="field grow">
        <span className="visually-hidden">Evidence that shows “{label}”</span>
        <select className="input" value={choice} autoFocus onChange={(e) => setChoice(e.target.value)}>
          <option value="">Choose evidence…</option>
          {list.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title} ({e.occurredOn})
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button secondary small" disabled={!choice}>
        Link
      </button>
      <button type="button" className="link-button small" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
