/**
 * The case: a derived view of the evidence against a rubric. Coverage per
 * competency, consistency across the last four quarters, gaps, untagged items,
 * the weekly streak and a calibration summary that answers the committee's
 * questions from the evidence itself.
 *
 * Pure functions of plain data: no DOM, no Workers APIs, no clock (every
 * function that needs "today" takes an `asOf` date). Used by the worker's share
 * page, Markdown packet and digest, and by the extension's case view.
 *
 * This module is the entry; the code lives in shared/case/:
 * - `labels.ts`: display names of sources, kinds and roles;
 * - `items.ts`: the fields read ({@link CaseItem}), order, grouping, untagged
 *   items, weekly streak, monthly counts;
 * - `coverage.ts`: coverage, consistency per quarter, gaps;
 * - `calibration.ts`: the committee's four questions answered;
 * - `build.ts`: {@link buildCase}, all of it at once.
 * Dates, weeks and quarters come from shared/dates.ts (re-exported here for
 * the importers that have always found them in this module).
 */
export { SOURCE_LABELS, KIND_LABELS, ROLE_LABELS } from './case/labels';
export { addDays, formatDay, formatMonth, halfOfQuarter, lastQuarters, previousIsoWeek } from './dates';
export {
  groupByCompetency,
  monthlyCounts,
  sortNewestFirst,
  untaggedItems,
  weekStreak,
  type CaseItem,
  type CompetencyGroup,
  type Streak,
} from './case/items';
export {
  consistency,
  coverage,
  gaps,
  strengthOf,
  type CompetencyCoverage,
  type CompetencyGap,
  type Consistency,
  type Strength,
} from './case/coverage';
export {
  calibrationSummary,
  NEXT_LEVEL_COMPETENCIES,
  TEAM_IMPACT_COMPETENCIES,
  TEAM_IMPACT_KINDS,
  TEAM_IMPACT_ROLES,
  type CalibrationAnswer,
  type CalibrationQuestionId,
  type CalibrationSummary,
  type SustainedDetail,
} from './case/calibration';
export { buildCase, type CaseView } from './case/build';
