/**
 * Suggested competencies shared by the extractors (ids of the default "Senior software engineer"
 * rubric, see shared/rubric.ts), kept in the rubric's order.
 */
import type { Role } from '../../shared/schemas';

/** The rubric's competency order, used to list suggestions stably. */
export const COMPETENCY_ORDER = [
  'ownership',
  'ambiguity',
  'multiplier',
  'technical-leadership',
  'communication',
  'judgment',
] as const;

/** `ids` in rubric order, without duplicates (unknown ids dropped). */
export function inRubricOrder(ids: Iterable<string>): string[] {
  const set = new Set(ids);
  return COMPETENCY_ORDER.filter((c) => set.has(c));
}

/** Words in a title that mark an incident or a postmortem. */
export const INCIDENT_WORDS = /\b(incident|post-?mortem|post-incident|outage|sev[- ]?[0-4]|root cause|rca)\b/i;

/**
 * Suggestions for a design doc (Confluence, Google Docs, Notion):
 * - the author of a design doc → `technical-leadership` + `communication`;
 * - an incident review or postmortem (by its title) → `ownership`;
 * - anyone else (a reader or a later editor) → nothing.
 */
export function docCompetencies(role: Role | undefined, title: string): string[] {
  const out: string[] = [];
  if (role === 'author' || role === 'owner') out.push('technical-leadership', 'communication');
  if (INCIDENT_WORDS.test(title)) out.push('ownership');
  return inRubricOrder(out);
}
