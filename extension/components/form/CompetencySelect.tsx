/**
 * A select over the active rubric's competencies (library filter, bulk
 * tagging): one option per competency, in the rubric's order, optionally
 * preceded by "Any" (value `''`).
 */
import { useMemo } from 'react';
import type { Rubric } from '../../../shared/schemas';
import { EnumSelect } from '../fields';

/**
 * The select. `label` is shown, or read out only when `hideLabel`;
 * `anyLabel` adds a first option with the value `''`.
 */
export function CompetencySelect({
  rubric,
  onChange,
  ...rest
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
  const { ids, names } = useMemo(
    () => ({
      ids: rubric.competencies.map((c) => c.id),
      names: Object.fromEntries(rubric.competencies.map((c) => [c.id, c.name])),
    }),
    [rubric],
  );
  return <EnumSelect {...rest} options={ids} labels={names} onChange={onChange} />;
}
