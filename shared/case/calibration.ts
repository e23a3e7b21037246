/**
 * The calibration summary: the committee's four questions (next level, team
 * impact, technical leadership, sustained) answered from the evidence itself,
 * each with the items behind it. Pure; see shared/case.ts.
 */
import { formatDay, halfOfQuarter, lastQuarters, quarterOf } from '../dates';
import type { Rubric } from '../rubric';
import type { Kind, Role } from '../schemas';
import { sortNewestFirst, type CaseItem } from './items';

/** Competencies whose evidence shows work at the next level (scope, ambiguity, technical direction). */
export const NEXT_LEVEL_COMPETENCIES = ['ownership', 'ambiguity', 'technical-leadership'] as const;
/** Competencies whose evidence shows impact on the team. */
export const TEAM_IMPACT_COMPETENCIES = ['multiplier', 'communication'] as const;
/** Roles that act on other people's work (reviews, approvals, mentoring). */
export const TEAM_IMPACT_ROLES: readonly Role[] = ['reviewer', 'approver', 'mentor'];
/** Kinds that are about other people's work. */
export const TEAM_IMPACT_KINDS: readonly Kind[] = ['code-review', 'mentoring'];

/** The committee's four questions, by id. */
export type CalibrationQuestionId = 'next-level' | 'team-impact' | 'technical-leadership' | 'sustained';

/** One answered calibration question. */
export interface CalibrationAnswer<T extends CaseItem> {
  id: CalibrationQuestionId;
  /** The question as the committee asks it. */
  question: string;
  /** True when at least one item (or, for `sustained`, 2 of the last 4 quarters) supports it. */
  supported: boolean;
  /** One honest sentence; "No evidence yet." when nothing supports it. */
  answer: string;
  /** The evidence behind the answer, newest first (for `sustained`: the newest item of each active quarter). */
  evidence: T[];
}

/** Per-quarter totals behind the `sustained` answer. */
export interface SustainedDetail {
  quarters: { quarter: string; count: number }[];
  /** Distinct half-years (`2026-H1`) among the last 4 quarters that hold evidence. */
  halves: string[];
}

/** The calibration summary: the four answers in the committee's order, plus the per-quarter detail. */
export interface CalibrationSummary<T extends CaseItem> {
  answers: CalibrationAnswer<T>[];
  sustained: SustainedDetail;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function namesIn(rubric: Rubric, ids: readonly string[]): string[] {
  return rubric.competencies.filter((c) => ids.includes(c.id)).map((c) => c.name);
}

/** Names (rubric order) of those of `ids` that at least one of `items` is tagged with. */
function usedNamesIn(rubric: Rubric, ids: readonly string[], items: readonly CaseItem[]): string[] {
  return namesIn(
    rubric,
    ids.filter((id) => items.some((e) => e.competencies.includes(id))),
  );
}

/**
 * Answers the calibration committee's questions from the evidence:
 * 1. `next-level`: work clearly at the next level: items tagged ownership,
 *    ambiguity or technical-leadership (only the ids `rubric` has).
 * 2. `team-impact`: impact beyond their own tasks: items tagged multiplier or
 *    communication, or where the role is reviewer/approver/mentor, or the kind
 *    is a code review or mentoring.
 * 3. `technical-leadership`: technical leadership beyond their own code:
 *    items tagged technical-leadership, or design docs.
 * 4. `sustained`: sustained across halves: evidence in at least 2 of the last
 *    4 quarters ending with the quarter of `asOf`.
 * Each answer says honestly "No evidence yet." when nothing supports it.
 */
export function calibrationSummary<T extends CaseItem>(
  items: readonly T[],
  rubric: Rubric,
  asOf: string,
): CalibrationSummary<T> {
  return calibrationSorted(sortNewestFirst(items), rubric, asOf);
}

/** {@link calibrationSummary} of items already newest first. */
export function calibrationSorted<T extends CaseItem>(
  sorted: readonly T[],
  rubric: Rubric,
  asOf: string,
): CalibrationSummary<T> {
  const has = (e: CaseItem, ids: readonly string[]) => e.competencies.some((id) => ids.includes(id));
  const rubricIds = new Set(rubric.competencies.map((c) => c.id));

  const nextIds = NEXT_LEVEL_COMPETENCIES.filter((id) => rubricIds.has(id));
  const next = sorted.filter((e) => has(e, nextIds));
  const nextNames = usedNamesIn(rubric, nextIds, next);

  const teamIds = TEAM_IMPACT_COMPETENCIES.filter((id) => rubricIds.has(id));
  const team = sorted.filter(
    (e) => has(e, teamIds) || TEAM_IMPACT_ROLES.includes(e.role) || TEAM_IMPACT_KINDS.includes(e.kind),
  );
  const teamTagged = team.filter((e) => has(e, teamIds)).length;
  const teamRoles = team.filter((e) => TEAM_IMPACT_ROLES.includes(e.role) || TEAM_IMPACT_KINDS.includes(e.kind)).length;

  const leadIds = rubricIds.has('technical-leadership') ? ['technical-leadership'] : [];
  const lead = sorted.filter((e) => has(e, leadIds) || e.kind === 'design-doc');
  const docs = lead.filter((e) => e.kind === 'design-doc').length;
  const leadTagged = lead.filter((e) => has(e, leadIds)).length;

  const quarters = lastQuarters(asOf, 4);
  const perQuarter = quarters.map((quarter) => ({ quarter, items: [] as T[] }));
  const quarterIndex = new Map(quarters.map((q, i) => [q, i]));
  for (const e of sorted) perQuarter[quarterIndex.get(quarterOf(e.occurredOn)) ?? -1]?.items.push(e);
  const active = perQuarter.filter((q) => q.items.length > 0);
  const halves = [...new Set(active.map((q) => halfOfQuarter(q.quarter)))];

  const none = 'No evidence yet.';
  const answers: CalibrationAnswer<T>[] = [
    {
      id: 'next-level',
      question: 'What have they done that is clearly at the next level?',
      supported: next.length > 0,
      answer:
        next.length > 0
          ? `${plural(next.length, 'item')} tagged ${listNames(nextNames)}, most recently on ${formatDay(next[0]?.occurredOn ?? '')}.`
          : none,
      evidence: next,
    },
    {
      id: 'team-impact',
      question: 'Where is their impact on the team, beyond their own tasks?',
      supported: team.length > 0,
      answer:
        team.length > 0
          ? [
              teamTagged > 0
                ? `${plural(teamTagged, 'item')} tagged ${listNames(usedNamesIn(rubric, teamIds, team))}`
                : '',
              teamRoles > 0
                ? `${plural(teamRoles, 'review, approval or mentoring item', 'review, approval or mentoring items')}`
                : '',
            ]
              .filter(Boolean)
              .join('; ') + '.'
          : none,
      evidence: team,
    },
    {
      id: 'technical-leadership',
      question: 'Where is their technical leadership beyond their own code?',
      supported: lead.length > 0,
      answer:
        lead.length > 0
          ? [
              leadTagged > 0 ? `${plural(leadTagged, 'item')} tagged ${listNames(namesIn(rubric, leadIds))}` : '',
              docs > 0 ? plural(docs, 'design doc') : '',
            ]
              .filter(Boolean)
              .join('; ') + '.'
          : none,
      evidence: lead,
    },
    {
      id: 'sustained',
      question: 'Is this sustained performance, or one good quarter?',
      supported: active.length >= 2,
      answer:
        active.length === 0
          ? none
          : `Evidence in ${active.length} of the last 4 quarters (${perQuarter.map((q) => `${q.quarter}: ${q.items.length}`).join(', ')})` +
            (halves.length >= 2
              ? `, across ${halves.length} half-years.`
              : active.length >= 2
                ? '.'
                : ': one quarter only so far.'),
      evidence: active.map((q) => q.items[0] as T).reverse(),
    },
  ];
  return {
    answers,
    sustained: { quarters: perQuarter.map((q) => ({ quarter: q.quarter, count: q.items.length })), halves },
  };
}
