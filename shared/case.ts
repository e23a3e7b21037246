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
 * Dates are `YYYY-MM-DD` strings (the evidence's `occurredOn`); comparing two
 * such strings compares the dates. Weeks are ISO weeks (`2026-W47`), quarters
 * are calendar quarters (`2026-Q4`).
 */
import type { Rubric } from './rubric';
import type { Evidence, Kind, Role, Source } from './schemas';
import { isoWeekOf, isoWeekRange, quarterOf } from './week';

/**
 * The fields of an evidence item the case logic reads. Both a full `Evidence`
 * and a public one (without `privateNote`) satisfy it.
 */
export type CaseItem = Pick<Evidence, 'id' | 'kind' | 'role' | 'title' | 'occurredOn' | 'competencies'>;

// ---------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------

/** Display names of evidence sources, e.g. `github-pr` -> `GitHub PR`. */
export const SOURCE_LABELS: Record<Source, string> = {
  'github-pr': 'GitHub PR',
  jira: 'Jira',
  confluence: 'Confluence',
  'google-docs': 'Google Docs',
  notion: 'Notion',
  web: 'Web page',
  manual: 'Manual entry',
};

/** Display names of evidence kinds, e.g. `design-doc` -> `Design doc`. */
export const KIND_LABELS: Record<Kind, string> = {
  'pull-request': 'Pull request',
  'code-review': 'Code review',
  'design-doc': 'Design doc',
  ticket: 'Ticket',
  incident: 'Incident',
  mentoring: 'Mentoring',
  talk: 'Talk',
  other: 'Other',
};

/** Display names of roles, e.g. `reviewer` -> `Reviewer`. */
export const ROLE_LABELS: Record<Role, string> = {
  author: 'Author',
  reviewer: 'Reviewer',
  approver: 'Approver',
  owner: 'Owner',
  assignee: 'Assignee',
  reporter: 'Reporter',
  contributor: 'Contributor',
  mentor: 'Mentor',
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * `2019-04-08` -> `8 Apr 2019`; with `sameYearAs` (a date) in the same year,
 * just `8 Apr` (the panel passes today: the year shows only when it is not the
 * current one). Returns the input unchanged when it is not a `YYYY-MM-DD` date.
 */
export function formatDay(date: string, sameYearAs?: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return date;
  const day = `${Number(m[3])} ${month.slice(0, 3)}`;
  return sameYearAs?.slice(0, 4) === m[1] ? day : `${day} ${m[1]}`;
}

/** `2026-10-03` -> `October 2026`; with `sameYearAs` in the same year, just `October`. Unchanged input when not a date. */
export function formatMonth(date: string, sameYearAs?: string): string {
  const month = MONTHS[Number(date.slice(5, 7)) - 1];
  if (!/^\d{4}-\d{2}/.test(date) || !month) return date;
  return sameYearAs && sameYearAs.slice(0, 4) === date.slice(0, 4) ? month : `${month} ${date.slice(0, 4)}`;
}

// ---------------------------------------------------------------------------
// Date helpers
// ---------------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** `date` (`YYYY-MM-DD`) plus `days` (may be negative), as `YYYY-MM-DD` (UTC calendar arithmetic). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The last `n` quarter ids ending with the quarter of `asOf`, oldest first:
 * `lastQuarters('2026-11-20')` -> `['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']`.
 */
export function lastQuarters(asOf: string, n = 4): string[] {
  const current = quarterOf(asOf);
  let year = Number(current.slice(0, 4));
  let q = Number(current.slice(6));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.unshift(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

/** Half-year id (`2026-H2`) of a quarter id (`2026-Q4`). */
export function halfOfQuarter(quarter: string): string {
  return `${quarter.slice(0, 4)}-H${Number(quarter.slice(6)) <= 2 ? 1 : 2}`;
}

/** The ISO week before `week` (`2026-W01` -> `2025-W52` or `-W53`). */
export function previousIsoWeek(week: string): string {
  return isoWeekOf(addDays(isoWeekRange(week).start, -7));
}

/** Newest first by `occurredOn`, then by title for a stable order. Returns a new array. */
export function sortNewestFirst<T extends CaseItem>(items: readonly T[]): T[] {
  // Plain code-unit comparison: the same in every runtime and far cheaper than localeCompare.
  return [...items].sort((a, b) =>
    a.occurredOn !== b.occurredOn
      ? a.occurredOn < b.occurredOn
        ? 1
        : -1
      : a.title < b.title
        ? -1
        : a.title > b.title
          ? 1
          : 0,
  );
}

// ---------------------------------------------------------------------------
// Grouping, coverage, consistency, gaps
// ---------------------------------------------------------------------------

/** One rubric competency with the evidence tagged with it (newest first). */
export interface CompetencyGroup<T extends CaseItem> {
  competencyId: string;
  name: string;
  items: T[];
}

/**
 * The evidence grouped by competency, in rubric order, one group per rubric
 * competency (empty groups included). An item tagged with several
 * competencies appears in each of their groups; tags that are not in the
 * rubric are ignored here (see {@link untaggedItems}).
 */
export function groupByCompetency<T extends CaseItem>(items: readonly T[], rubric: Rubric): CompetencyGroup<T>[] {
  const sorted = sortNewestFirst(items);
  return rubric.competencies.map((c) => ({
    competencyId: c.id,
    name: c.name,
    items: sorted.filter((e) => e.competencies.includes(c.id)),
  }));
}

/**
 * Items tagged with no competency of `rubric` (no tags at all, or only ids the
 * rubric does not know), newest first.
 */
export function untaggedItems<T extends CaseItem>(items: readonly T[], rubric: Rubric): T[] {
  const known = new Set(rubric.competencies.map((c) => c.id));
  return sortNewestFirst(items.filter((e) => !e.competencies.some((id) => known.has(id))));
}

/**
 * How well a competency is evidenced:
 * - `none`: no item;
 * - `thin`: 1 or 2 items;
 * - `developing`: 3 or more items, but fewer than 5 or all in one quarter;
 * - `strong`: 5 or more items spread over at least 2 quarters.
 */
export type Strength = 'none' | 'thin' | 'developing' | 'strong';

/** Coverage of one competency. `lastOn` is the newest `occurredOn` (`YYYY-MM-DD`) or null when there is none. */
export interface CompetencyCoverage {
  competencyId: string;
  name: string;
  count: number;
  lastOn: string | null;
  strength: Strength;
}

/** The {@link Strength} of a competency with `count` items spread over `quarters` distinct quarters. */
export function strengthOf(count: number, quarters: number): Strength {
  if (count === 0) return 'none';
  if (count <= 2) return 'thin';
  if (count >= 5 && quarters >= 2) return 'strong';
  return 'developing';
}

/** Coverage (count, last date, strength) of every rubric competency, in rubric order. */
export function coverage(items: readonly CaseItem[], rubric: Rubric): CompetencyCoverage[] {
  return rubric.competencies.map((c) => {
    let count = 0;
    let lastOn: string | null = null;
    const quarters = new Set<string>();
    for (const e of items) {
      if (!e.competencies.includes(c.id)) continue;
      count += 1;
      quarters.add(quarterOf(e.occurredOn));
      if (lastOn === null || e.occurredOn > lastOn) lastOn = e.occurredOn;
    }
    return { competencyId: c.id, name: c.name, count, lastOn, strength: strengthOf(count, quarters.size) };
  });
}

/** Evidence per competency per quarter: `counts[i]` belongs to `quarters[i]`. */
export interface Consistency {
  /** Quarter ids, oldest first, e.g. `['2026-Q1', ..., '2026-Q4']`. */
  quarters: string[];
  rows: { competencyId: string; name: string; counts: number[] }[];
  /** Items of any competency (or none) per quarter, same order as `quarters`. */
  totals: number[];
}

/**
 * Evidence per competency per quarter over the last `n` quarters (4 by
 * default) ending with the quarter of `asOf`, rubric order. Items outside the
 * window are not counted; an item with two competencies counts in both rows
 * and once in `totals`.
 */
export function consistency(items: readonly CaseItem[], rubric: Rubric, asOf: string, n = 4): Consistency {
  const quarters = lastQuarters(asOf, n);
  const index = new Map(quarters.map((q, i) => [q, i]));
  const rows = rubric.competencies.map((c) => ({ competencyId: c.id, name: c.name, counts: quarters.map(() => 0) }));
  const byId = new Map(rows.map((r) => [r.competencyId, r]));
  const totals = quarters.map(() => 0);
  for (const e of items) {
    const i = index.get(quarterOf(e.occurredOn));
    if (i === undefined) continue;
    totals[i] = (totals[i] ?? 0) + 1;
    for (const id of new Set(e.competencies)) {
      const row = byId.get(id);
      if (row) row.counts[i] = (row.counts[i] ?? 0) + 1;
    }
  }
  return { quarters, rows, totals };
}

/** A competency with no evidence in the recent window. `lastOn` is its newest item ever, or null. */
export interface CompetencyGap {
  competencyId: string;
  name: string;
  lastOn: string | null;
}

/**
 * Competencies with no evidence dated in the last `weeks` weeks (4 by default:
 * the 28 days ending on `asOf`, inclusive; items dated after `asOf` count as
 * recent). Ordered by how long they have been silent: never-evidenced first,
 * then oldest `lastOn` first, then rubric order.
 */
export function gaps(items: readonly CaseItem[], rubric: Rubric, asOf: string, weeks = 4): CompetencyGap[] {
  const since = addDays(asOf, -(weeks * 7 - 1));
  const cov = coverage(items, rubric);
  const recent = new Set<string>();
  for (const e of items) if (e.occurredOn >= since) for (const id of e.competencies) recent.add(id);
  return cov
    .map((c, order) => ({ competencyId: c.competencyId, name: c.name, lastOn: c.lastOn, order }))
    .filter((c) => !recent.has(c.competencyId))
    .sort((a, b) => {
      if (a.lastOn === b.lastOn) return a.order - b.order;
      if (a.lastOn === null) return -1;
      if (b.lastOn === null) return 1;
      return a.lastOn < b.lastOn ? -1 : 1;
    })
    .map(({ competencyId, name, lastOn }) => ({ competencyId, name, lastOn }));
}

/** The weekly streak: consecutive ISO weeks with at least one item. */
export interface Streak {
  /** Number of consecutive weeks; 0 when neither this week nor last week has an item. */
  weeks: number;
  /** The newest week of the streak (this week, or last week if this week is still empty), or null. */
  throughWeek: string | null;
}

/**
 * Consecutive ISO weeks, ending this week (the week of `asOf`), that hold at
 * least one item by `occurredOn`. A still-empty current week does not break
 * the streak: it then ends with last week.
 */
export function weekStreak(items: readonly Pick<CaseItem, 'occurredOn'>[], asOf: string): Streak {
  const days = new Set(items.map((e) => e.occurredOn));
  // Walk back week by week from asOf, looking up the week's 7 days: cost grows with the streak, not the evidence.
  const hasItem = (week: string) => {
    const { start } = isoWeekRange(week);
    for (let i = 0; i < 7; i++) if (days.has(addDays(start, i))) return true;
    return false;
  };
  let week = isoWeekOf(asOf);
  if (!hasItem(week)) week = previousIsoWeek(week);
  if (!hasItem(week)) return { weeks: 0, throughWeek: null };
  const throughWeek = week;
  let count = 0;
  while (hasItem(week)) {
    count += 1;
    week = previousIsoWeek(week);
  }
  return { weeks: count, throughWeek };
}

/**
 * Evidence per calendar month from the first to the last month with an item
 * (months without items included with `count: 0`), oldest first. `month` is
 * `YYYY-MM`. Empty input gives an empty array.
 */
export function monthlyCounts(items: readonly Pick<CaseItem, 'occurredOn'>[]): { month: string; count: number }[] {
  if (items.length === 0) return [];
  const counts = new Map<string, number>();
  for (const e of items) {
    const m = e.occurredOn.slice(0, 7);
    counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  const months = [...counts.keys()].sort();
  const first = months[0] as string;
  const last = months[months.length - 1] as string;
  const out: { month: string; count: number }[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ month: key, count: counts.get(key) ?? 0 });
    if (key >= last) break;
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Calibration summary
// ---------------------------------------------------------------------------

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
  const sorted = sortNewestFirst(items);
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
  const perQuarter = quarters.map((quarter) => ({
    quarter,
    items: sorted.filter((e) => quarterOf(e.occurredOn) === quarter),
  }));
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

// ---------------------------------------------------------------------------
// The whole case
// ---------------------------------------------------------------------------

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
  // Sorted once here; the sorts inside each function then see ordered input, which is cheap.
  items = sortNewestFirst(items);
  return {
    asOf,
    groups: groupByCompetency(items, rubric),
    untagged: untaggedItems(items, rubric),
    coverage: coverage(items, rubric),
    consistency: consistency(items, rubric, asOf),
    gaps: gaps(items, rubric, asOf),
    streak: weekStreak(items, asOf),
    calibration: calibrationSummary(items, rubric, asOf),
  };
}
