/**
 * Shown testimonials as the share page and packet quote them (docs/DESIGN.md
 * "Peer testimonials"): only those about at least one item the share shows,
 * each keeping only the ids of shown items.
 */
import { CompetencyId } from '../../shared/schemas';
import type { PeerQuote } from '../../shared/testimonials';
import type { TestimonialRow } from '../db/testimonials';

function ids(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * `rows` (shown ones: a hidden row is dropped here too; each with its
 * request's `evidence_ids`) as quotes about `inScope` items.
 */
export function peerQuotesFor(
  rows: readonly (TestimonialRow & { evidence_ids: string })[],
  inScope: ReadonlySet<string>,
): PeerQuote[] {
  return rows.flatMap((r) => {
    if (r.hidden !== 0) return [];
    const evidenceIds = ids(r.evidence_ids).filter((id) => inScope.has(id));
    if (evidenceIds.length === 0) return [];
    return [
      {
        id: r.id,
        evidenceIds,
        name: r.name,
        relationship: r.relationship,
        text: r.text,
        competencies: ids(r.competencies).filter((c) => CompetencyId.safeParse(c).success),
      },
    ];
  });
}
