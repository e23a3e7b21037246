/**
 * The whole case at once ({@link buildCase}): what the share page, the packet
 * and the panel's case view render. Pure; see shared/case.ts.
 */
import type { Rubric } from '../rubric';
import { calibrationSorted, type CalibrationSummary } from './calibration';
import {
  consistency,
  coverage,
  gapsFrom,
  type CompetencyCoverage,
  type CompetencyGap,
  type Consistency,
} from './coverage';
import {
  groupSorted,
  sortNewestFirst,
  untaggedSorted,
  weekStreak,
  type CaseItem,
  type CompetencyGroup,
  type Streak,
} from './items';

/** Everything derived from the evidence at once (see each field's function). */
export interface CaseView<T extends CaseItem> {
  asOf: string;
  groups: CompetencyGroup<T>[];
  untagged: T[];
  coverage: CompetencyCoverage[];
  consistency: Consistency;
  gaps: CompetencyGap[];
  streak: Streak;
  calibration: CalibrationSummary<T>;
}

/**
 * The case for `items` against `rubric` as of `asOf` (`YYYY-MM-DD`): groups,
 * untagged items, coverage, consistency over the last 4 quarters, gaps over
 * the last 4 weeks, weekly streak and the calibration summary.
 */
export function buildCase<T extends CaseItem>(items: readonly T[], rubric: Rubric, asOf: string): CaseView<T> {
  // Sorted once, coverage counted once: the parts below take them as they are.
  const sorted = sortNewestFirst(items);
  const cov = coverage(sorted, rubric);
  return {
    asOf,
    groups: groupSorted(sorted, rubric),
    untagged: untaggedSorted(sorted, rubric),
    coverage: cov,
    consistency: consistency(sorted, rubric, asOf),
    gaps: gapsFrom(cov, sorted, asOf),
    streak: weekStreak(sorted, asOf),
    calibration: calibrationSorted(sorted, rubric, asOf),
  };
}
