/**
 * Carrying an evidence item's competencies from one rubric to another, through
 * the default rubric's ids (each competency's `mapsTo`), so that switching
 * rubric keeps the evidence and its tagging. See docs/DESIGN.md "Rubrics".
 *
 * Pure: no DOM, no Workers APIs; nothing here throws.
 */
import type { Competency, Rubric } from '../schemas';
import { DEFAULT_IDS } from './presets';

/** Default-rubric ids a competency stands for: its `mapsTo`, else its own id when the default rubric has it. */
function canonicalIds(c: Competency): readonly string[] {
  if (c.mapsTo && c.mapsTo.length > 0) return c.mapsTo;
  return DEFAULT_IDS.has(c.id) ? [c.id] : [];
}

/**
 * `ids` (competency ids of rubric `from`) carried over to rubric `to`,
 * through the default rubric's ids:
 * - each id of `from` stands for its `mapsTo` (or itself when it is a default
 *   id); ids `from` does not have are dropped;
 * - a competency of `to` is chosen when its main correspondence (its first
 *   `mapsTo`, or its own default id) is one of those; a default id that no
 *   competency of `to` has as main correspondence goes to every competency of
 *   `to` that lists it;
 * - a competency of `to` with the very same id is always kept.
 * Result: ids of `to`, in `to`'s order, without duplicates. Same rubric in and
 * out: the known ids, in rubric order.
 */
export function mapCompetencies(ids: readonly string[], from: Rubric, to: Rubric): string[] {
  const fromById = new Map(from.competencies.map((c) => [c.id, c]));
  const known = ids.filter((id) => fromById.has(id));
  if (from.id === to.id) {
    const set = new Set(known);
    return to.competencies.filter((c) => set.has(c.id)).map((c) => c.id);
  }
  const canonical = new Set<string>();
  for (const id of known) for (const d of canonicalIds(fromById.get(id) as Competency)) canonical.add(d);
  const chosen = new Set<string>(known.filter((id) => to.competencies.some((c) => c.id === id)));
  for (const d of canonical) {
    const main = to.competencies.filter((c) => canonicalIds(c)[0] === d);
    const targets = main.length > 0 ? main : to.competencies.filter((c) => canonicalIds(c).includes(d));
    for (const c of targets) chosen.add(c.id);
  }
  return to.competencies.filter((c) => chosen.has(c.id)).map((c) => c.id);
}
