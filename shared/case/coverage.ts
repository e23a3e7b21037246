/**
 * How well each competency is evidenced: coverage (count, latest date,
 * strength), consistency per quarter and gaps (competencies silent in the last
 * weeks). Pure; see shared/case.ts.
 */
import { addDays, lastQuarters, quarterOf } from '../dates';
import type { Rubric } from '../rubric';
import type { CaseItem } from './items';

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
  return gapsFrom(coverage(items, rubric), items, asOf, weeks);
}

/** {@link gaps} given the {@link coverage} of the same items and rubric (so a caller that has it does not count twice). */
export function gapsFrom(
  cov: readonly CompetencyCoverage[],
  items: readonly CaseItem[],
  asOf: string,
  weeks = 4,
): CompetencyGap[] {
  const since = addDays(asOf, -(weeks * 7 - 1));
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
