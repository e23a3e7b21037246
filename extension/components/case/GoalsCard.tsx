/**
 * Goals agreed with the manager: competency, description, due date, status.
 * Add, edit in place, change status, delete (synced like evidence).
 */
import { useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Goal } from '../../../shared/schemas';
import { formatDay } from '../../../shared/case';
import { listGoals } from '../../db/queries';
import { deleteGoal, saveGoal } from '../../db/write';
import { useCaseData } from '../../hooks/useCaseData';
import { describeSaveError, errorMessage, localToday } from '../format';
import { FormStatus } from '../form/FormStatus';
import { Options, SelectField, type Choice } from '../form/SelectField';
import { TextAreaField, TextField } from '../form/TextField';
import { Card } from '../common/Card';

type Status = Goal['status'];
const STATUS_LABELS: Record<Status, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};
const STATUS_CHOICES: readonly Choice<Status>[] = Goal.shape.status.options.map((s) => ({
  value: s,
  label: STATUS_LABELS[s],
}));

/** Goals card of the case view. */
export function GoalsCard() {
  const goals = useLiveQuery(() => listGoals(), []);
  const { competencyNames: names } = useCaseData();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function setStatus(g: Goal, status: Status) {
    setError(null);
    try {
      await saveGoal({ id: g.id, competency: g.competency, description: g.description, dueOn: g.dueOn, status });
    } catch (err) {
      setError(describeSaveError(err));
    }
  }

  async function remove(g: Goal) {
    setError(null);
    try {
      await deleteGoal(g.id);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Card titleId="goals-title" title="Goals agreed with your manager" testId="goals">
      {goals && goals.length === 0 && !adding && (
        <p className="muted small">
          Write down what you and your manager agreed you need to show: it turns the gaps into a plan.
        </p>
      )}
      {goals && goals.length > 0 && (
        <ul className="goal-list">
          {goals.map((g) =>
            editing === g.id ? (
              <li key={g.id}>
                <GoalForm goal={g} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li key={g.id} className={`goal ${g.status}`} data-testid="goal">
                <div className="goal-main">
                  <p className="goal-text">{g.description}</p>
                  <p className="muted small">
                    {names.get(g.competency) ?? g.competency}
                    {g.dueOn ? ` · due ${formatDay(g.dueOn, localToday())}` : ''}
                  </p>
                </div>
                <label className="goal-status">
                  <span className="visually-hidden">Status of “{g.description}”</span>
                  <select
                    className="input small-select"
                    value={g.status}
                    onChange={(e) => void setStatus(g, Goal.shape.status.parse(e.target.value))}
                  >
                    <Options options={STATUS_CHOICES} />
                  </select>
                </label>
                <button
                  type="button"
                  className="icon-button edit"
                  aria-label={`Edit goal “${g.description}”`}
                  onClick={() => setEditing(g.id)}
                >
                  ✎
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Delete goal “${g.description}”`}
                  onClick={() => void remove(g)}
                >
                  ×
                </button>
              </li>
            ),
          )}
        </ul>
      )}
      <FormStatus message={error} />
      {adding ? (
        <GoalForm onDone={() => setAdding(false)} />
      ) : (
        <button type="button" className="button secondary small" data-testid="goal-add" onClick={() => setAdding(true)}>
          Add a goal
        </button>
      )}
    </Card>
  );
}

/** Form to add (no `goal`) or edit a goal. */
function GoalForm({ goal, onDone }: { goal?: Goal; onDone: () => void }) {
  const { rubric } = useCaseData();
  const [competency, setCompetency] = useState(goal?.competency ?? rubric.competencies[0]?.id ?? '');
  const [description, setDescription] = useState(goal?.description ?? '');
  const [dueOn, setDueOn] = useState(goal?.dueOn ?? '');
  const [status, setStatus] = useState<Status>(goal?.status ?? 'open');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await saveGoal({ id: goal?.id, competency, description: description.trim(), dueOn: dueOn || null, status });
      onDone();
    } catch (err) {
      setError(describeSaveError(err));
    }
  }

  return (
    <form className="goal-form" onSubmit={(e) => void submit(e)} aria-label={goal ? 'Edit goal' : 'New goal'}>
      <TextAreaField
        label="Goal"
        rows={2}
        required
        maxLength={2000}
        testId="goal-description"
        value={description}
        placeholder="Lead the design review for multi-currency settlement"
        autoFocus
        onChange={setDescription}
      />
      <div className="row">
        <SelectField
          label="Competency"
          testId="goal-competency"
          value={competency}
          options={rubric.competencies.map((c) => ({ value: c.id, label: c.name }))}
          onChange={setCompetency}
        />
        <TextField label="Due" type="date" value={dueOn} onChange={setDueOn} />
        <SelectField label="Status" value={status} options={STATUS_CHOICES} onChange={setStatus} />
      </div>
      <FormStatus message={error} />
      <div className="actions">
        <button type="submit" className="button primary small" data-testid="goal-save" disabled={!description.trim()}>
          {goal ? 'Save goal' : 'Add goal'}
        </button>
        <button type="button" className="button secondary small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
