/**
 * The evidence as the case reads it: the fields it needs ({@link CaseItem}),
 * the one order (newest first), grouping by competency, untagged items, the
 * weekly streak and the monthly counts. Pure; see shared/case.ts.
 */
import { isoWeekNumber, isoWeekOf, isoWeekOfNumber, isoWeekRange } from '../dates';
import type { Rubric } from '../rubric';
import type { Evidence } from '../schemas';

/**
 * The fields of an evidence item the case logic reads. Both a full `Evidence`
 * and a public one (without `privateNote`) satisfy it.
 */
export type CaseItem = Pick<Evidence, 'id' | 'kind' | 'role' | 'title' | 'occurredOn' | 'competencies'>;

function newestFirst(a: CaseItem, b: CaseItem): number {
  // Plain code-unit comparison: the same in every runtime and far cheaper than localeCompare.
  return a.occurredOn !== b.occurredOn
    ? a.occurredOn < b.occurredOn
      ? 1
      : -1
    : a.title < b.title
      ? -1
      : a.title > b.title
        ? 1
        : 0;
}

/** Newest first by `occurredOn`, then by title for a stable order. Returns a new array. */
export function sortNewestFirst<T extends CaseItem>(items: readonly T[]): T[] {
  return [...items].sort(newestFirst);
}

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
  return groupSorted(sortNewestFirst(items), rubric);
}

/** {@link groupByCompetency} of items already newest first (keeps their order). */
export function groupSorted<T extends CaseItem>(sorted: readonly T[], rubric: Rubric): CompetencyGroup<T>[] {
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
  return untaggedSorted(sortNewestFirst(items), rubric);
}

/** {@link untaggedItems} of items already newest first (keeps their order). */
export function untaggedSorted<T extends CaseItem>(sorted: readonly T[], rubric: Rubric): T[] {
  const known = new Set(rubric.competencies.map((c) => c.id));
  return sorted.filter((e) => !e.competencies.some((id) => known.has(id)));
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
  // Weeks as running numbers (one date computation per distinct day), then integer steps back from asOf.
  const weeks = new Set<number>();
  for (const day of new Set(items.map((e) => e.occurredOn))) weeks.add(isoWeekNumber(day));
  let week = isoWeekNumber(isoWeekRange(isoWeekOf(asOf)).start);
  if (!weeks.has(week)) week -= 1;
  if (!weeks.has(week)) return { weeks: 0, throughWeek: null };
  const throughWeek = week;
  let count = 0;
  while (weeks.has(week)) {
    count += 1;
    week -= 1;
  }
  return { weeks: count, throughWeek: isoWeekOfNumber(throughWeek) };
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
