/**
 * Weekly log: one entry per ISO week with the four prompts (shipped,
 * decisions, helped: who and how, impact), that week's evidence beside it,
 * the streak of weeks with at least one item, and the last weeks at a glance.
 * Changing week saves what was typed; Ctrl/Cmd+Enter saves.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { WeeklyLog } from '../../../shared/schemas';
import { formatDay, previousIsoWeek, weekStreak, addDays } from '../../../shared/case';
import { evidenceOfWeek, isoWeekOf, isoWeekRange } from '../../../shared/week';
import { isDraft, NEEDS_CLAIM } from '../../../shared/draft';
import { listWeeklyLogs } from '../../db/queries';
import { saveWeeklyLog } from '../../db/write';
import { useCaseData } from '../../hooks/useCaseData';
import { describeSaveError, localToday } from '../format';
import { EvidenceLink } from '../form/EvidenceLink';
import { FormStatus } from '../form/FormStatus';
import { WEEKLY_LOG_LIMITS } from '../form/limits';
import { useSubmitShortcut } from '../form/useSubmitShortcut';
import { FollowUps } from './FollowUps';

/** The four prompts, in the digest's order. */
export const WEEKLY_PROMPTS = [
  { key: 'shipped', label: 'What did you ship?', placeholder: 'Merged the retry budget for the payment client…' },
  {
    key: 'decisions',
    label: 'What decisions did you make?',
    placeholder: 'Chose a per-merchant token bucket because…',
  },
  { key: 'helped', label: 'Who did you help, and how?', placeholder: 'Paired with Mei on the reconciliation job…' },
  { key: 'impact', label: 'What was the impact?', placeholder: 'Duplicate refunds down from 14 a week to 0…' },
] as const;

type Answers = Pick<WeeklyLog, 'shipped' | 'decisions' | 'helped' | 'impact'>;
const EMPTY: Answers = { shipped: '', decisions: '', helped: '', impact: '' };

function nextIsoWeek(week: string): string {
  return isoWeekOf(addDays(isoWeekRange(week).start, 7));
}

/** `16 – 22 Nov 2026` for an ISO week. */
export function weekLabel(week: string): string {
  const { start, end } = isoWeekRange(week);
  const s = formatDay(start).split(' ');
  const e = formatDay(end);
  return s[1] === e.split(' ')[1] ? `${s[0]} – ${e}` : `${formatDay(start).replace(/ \d{4}$/, '')} – ${e}`;
}

/**
 * Weekly log tab. `initialWeek` (`2026-W47`) opens that week, else the current
 * one; `followUp` (an evidence id, from `#followup=ID`) focuses that item in
 * "What happened after?".
 */
export function WeekTab({ initialWeek, followUp }: { initialWeek?: string; followUp?: string }) {
  const { evidence } = useCaseData();
  const logs = useLiveQuery(() => listWeeklyLogs(), []);
  const today = localToday();
  const thisWeek = isoWeekOf(today);
  const [week, setWeek] = useState(() => (initialWeek && initialWeek <= thisWeek ? initialWeek : thisWeek));
  const log = logs?.find((l) => l.week === week);
  const [answers, setAnswers] = useState<Answers>(EMPTY);
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadedFor = useRef<string | null>(null);

  // Load the stored answers when the week changes or when the stored log changes (another device) while clean.
  useEffect(() => {
    if (logs === undefined) return;
    const key = `${week}|${log?.updatedAt ?? ''}`;
    if (loadedFor.current === key || (dirty && loadedFor.current?.startsWith(`${week}|`))) return;
    loadedFor.current = key;
    setAnswers(
      log ? { shipped: log.shipped, decisions: log.decisions, helped: log.helped, impact: log.impact } : EMPTY,
    );
    setDirty(false);
  }, [logs, log, week, dirty]);

  // The digest's definition of the week (shared/week.ts): when the work happened.
  const weekItems = useMemo(() => evidenceOfWeek(evidence ?? [], week), [evidence, week]);
  const streak = useMemo(() => weekStreak(evidence ?? [], today), [evidence, today]);
  const recent = useMemo(() => {
    const weeks: string[] = [];
    let w = thisWeek;
    for (let i = 0; i < 8; i++) {
      weeks.unshift(w);
      w = previousIsoWeek(w);
    }
    const logged = new Set((logs ?? []).map((l) => l.week));
    const counts = new Map<string, number>();
    for (const e of evidence ?? []) {
      const wk = isoWeekOf(e.occurredOn);
      if (wk >= (weeks[0] ?? '')) counts.set(wk, (counts.get(wk) ?? 0) + 1);
    }
    return weeks.map((wk) => ({ week: wk, count: counts.get(wk) ?? 0, logged: logged.has(wk) }));
  }, [evidence, logs, thisWeek]);

  async function save(): Promise<boolean> {
    setError(null);
    try {
      await saveWeeklyLog({ week, ...answers });
      setDirty(false);
      setStatus('Saved');
      return true;
    } catch (err) {
      setError(describeSaveError(err));
      return false;
    }
  }

  async function go(next: string) {
    if (next > thisWeek) return;
    if (dirty && !(await save())) return;
    setStatus(null);
    setWeek(next);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void save();
  }

  const onKeyDown = useSubmitShortcut(() => void save());

  return (
    <div className="week">
      <div className="week-nav">
        <button
          type="button"
          className="button secondary small"
          aria-label="Previous week"
          data-testid="week-prev"
          onClick={() => void go(previousIsoWeek(week))}
        >
          ‹
        </button>
        <div className="week-title">
          <h2 className="card-title" data-testid="week-title">
            {week === thisWeek ? 'This week' : `Week ${Number(week.slice(6))}`}{' '}
            <span className="muted">· {weekLabel(week)}</span>
          </h2>
        </div>
        <button
          type="button"
          className="button secondary small"
          aria-label="Next week"
          data-testid="week-next"
          disabled={week >= thisWeek}
          onClick={() => void go(nextIsoWeek(week))}
        >
          ›
        </button>
      </div>

      <div className="streak-strip" aria-label="Last 8 weeks">
        <p className="streak" data-testid="week-streak">
          <strong>{streak.weeks}</strong> week{streak.weeks === 1 ? '' : 's'} in a row with evidence
        </p>
        <ol className="weeks">
          {recent.map((r) => (
            <li key={r.week}>
              <button
                type="button"
                className={`week-dot${r.count > 0 ? ' has-items' : ''}${r.logged ? ' logged' : ''}${r.week === week ? ' current' : ''}`}
                aria-label={`Week ${Number(r.week.slice(6))}: ${r.count} item${r.count === 1 ? '' : 's'}${r.logged ? ', log written' : ''}`}
                aria-current={r.week === week ? 'date' : undefined}
                title={`${weekLabel(r.week)}: ${r.count} item${r.count === 1 ? '' : 's'}${r.logged ? ' · log written' : ''}`}
                onClick={() => void go(r.week)}
              >
                {r.count}
              </button>
            </li>
          ))}
        </ol>
      </div>

      <form className="card" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-label={`Weekly log for ${weekLabel(week)}`}>
        {WEEKLY_PROMPTS.map((p) => (
          <label key={p.key} className="field">
            <span className="label prompt">{p.label}</span>
            <textarea
              className="input"
              rows={2}
              maxLength={WEEKLY_LOG_LIMITS[p.key]}
              data-testid={`week-${p.key}`}
              value={answers[p.key]}
              placeholder={p.placeholder}
              onChange={(e) => {
                setAnswers({ ...answers, [p.key]: e.target.value });
                setDirty(true);
                setStatus(null);
              }}
            />
          </label>
        ))}
        <FormStatus message={error} />
        <div className="actions">
          <button type="submit" className="button primary" data-testid="week-save" disabled={!dirty}>
            {log ? 'Save changes' : 'Save weekly log'}
          </button>
          {dirty ? (
            <span className="muted small">Unsaved changes</span>
          ) : (
            <FormStatus inline tone="saved" check testId="week-saved" message={status} />
          )}
        </div>
      </form>

      <FollowUps evidence={evidence ?? []} focusId={followUp} />

      <h2 className="section-title">
        Evidence this week <span className="muted">({weekItems.length})</span>
      </h2>
      {weekItems.length === 0 ? (
        <p className="muted small" data-testid="week-empty">
          Nothing clipped for this week yet. A merged PR, a review that changed someone's approach or a decision you
          wrote down all count.
        </p>
      ) : (
        <ul className="compact-list" data-testid="week-evidence">
          {weekItems.map((e) => (
            <li key={e.id}>
              <EvidenceLink item={e} /> <span className="muted small">{formatDay(e.occurredOn, today)}</span>
              {isDraft(e) && <span className="draft-badge static">{NEEDS_CLAIM}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
