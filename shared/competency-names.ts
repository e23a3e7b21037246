/**
 * The competency name map of a rubric: id → display name, in the rubric's order.
 * One place for the lookup the library, stories, the case view, share pages and
 * packets all need (docs/DESIGN.md "Rubrics"); callers that show an id not in
 * the rubric fall back to the id itself.
 */
import type { Rubric } from './schemas';

/** `rubric`'s competencies as a map from id to name (`Map<string, string>`, rubric order). */
export function competencyNames(rubric: Pick<Rubric, 'competencies'>): ReadonlyMap<string, string> {
  return new Map(rubric.competencies.map((c) => [c.id, c.name]));
}
