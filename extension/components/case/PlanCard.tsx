/**
 * The 90-day plan (shared/plan.ts `ninetyDayPlan`): days 1-30 baseline, 31-60
 * deliberate ownership, 61-90 stakeholder surface, from a start date kept on
 * this device (`browser.storage.local`, key `casebook.planStart`).
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { IsoDate } from '../../../shared/schemas';
import { formatDay } from '../../../shared/case';
import { ninetyDayPlan } from '../../../shared/plan';
import { listGoals, listWeeklyLogs } from '../../db/queries';
import { useCaseData } from '../../hooks/useCaseData';
import { useStoredValue } from '../../hooks/useStoredValue';
import { Card } from '../common/Card';

/** storage.local key of the plan's start date. */
export const PLAN_START_KEY = 'casebook.planStart';

/** Plan card. `today` is `YYYY-MM-DD`. */
export function PlanCard({ today }: { today: string }) {
  const { mapped, rubric, competencyNames: names } = useCaseData();
  const goals = useLiveQuery(() => listGoals(), []);
  const logs = useLiveQuery(() => listWeeklyLogs(), []);
  const [start, setStart] = useStoredValue(PLAN_START_KEY, IsoDate);
  const plan = useMemo(
    () =>
      start && mapped && goals
        ? ninetyDayPlan({ startDate: start, today, rubric, evidence: mapped, goals, weeklyLogs: logs ?? [] })
        : null,
    [start, mapped, goals, logs, today, rubric],
  );

  return (
    <Card titleId="plan-title" title="90-day plan" testId="plan">
      <div className="actions">
        <label className="inline-field">
          <span className="label">Starts on</span>
          <input
            className="input"
            type="date"
            data-testid="plan-start"
            value={start ?? ''}
            onChange={(e) => void setStart(e.target.value ? IsoDate.parse(e.target.value) : null)}
          />
        </label>
        {!start && (
          <button type="button" className="button secondary small" onClick={() => void setStart(today)}>
            Start today
          </button>
        )}
      </div>
      {!plan ? (
        <p className="muted small">
          Pick a start date (for example the day you told your manager you are going for senior) to get three 30-day
          phases built from your gaps and goals.
        </p>
      ) : (
        <>
          <p className="muted small" data-testid="plan-day">
            {plan.day === 0
              ? `Starts ${formatDay(plan.startDate, today)}.`
              : plan.day > 90
                ? `Ended ${formatDay(plan.endDate, today)}.`
                : `Day ${plan.day} of 90.`}
            {plan.focusCompetencies.length > 0 &&
              ` Focus: ${plan.focusCompetencies.map((id) => names.get(id) ?? id).join(', ')}.`}
          </p>
          <ol className="phases">
            {plan.phases.map((p) => (
              <li key={p.id} className={`phase ${p.status}`} aria-current={p.status === 'current' ? 'step' : undefined}>
                <p className="phase-title">
                  <strong>{p.title}</strong> <span className="muted small">{p.days}</span>
                  {p.status === 'current' && <span className="badge ok">Now</span>}
                  {p.status === 'done' && <span className="badge">Done</span>}
                </p>
                <p className="small">{p.focus}</p>
                {p.actions.length > 0 && (
                  <ul className="plan-actions">
                    {p.actions.map((a) => (
                      <li key={a}>{a}</li>
                    ))}
                  </ul>
                )}
                <p className="muted small">
                  {p.evidence.length} item{p.evidence.length === 1 ? '' : 's'} in this phase
                  {p.goals.length > 0 ? ` · ${p.goals.length} goal${p.goals.length === 1 ? '' : 's'} due` : ''}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </Card>
  );
}
