/**
 * A select over the active rubric's competencies (library filter, bulk
 * tagging): one option per competency, in the rubric's order, optionally
 * preceded by "Any" (value `''`).
 */
import type { Rubric } from '../../../shared/schemas';

/**
 * The select. `label` is shown, or read out only when `hideLabel`;
 * `anyLabel` adds a first option with the value `''`.
 */
export function CompetencySelect({
  label,
  rubric,
  value,
  onChange,
  anyLabel,
  hideLabel = false,
  testId,
  className = 'field',
}: {
  label: string;
  rubric: Pick<Rubric, 'competencies'>;
  value: string;
  onChange: (id: string) => void;
  anyLabel?: string;
  hideLabel?: boolean;
  testId?: string;
  className?: string;
}) {
  return (
    <label className={className}>
      <span className={hideLabel ? 'visually-hidden' : 'label'}>{label}</span>
      <select className="input" data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {rubric.competencies.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
