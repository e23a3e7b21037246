/**
 * The review decision of a pull request from its reviews (pure, zod-free: used by the DOM
 * extractor on the page side and by the REST enrichment in ./rest.ts).
 */

/**
 * The overall review decision from reviews: each reviewer's latest APPROVED, CHANGES_REQUESTED or
 * DISMISSED review counts; any CHANGES_REQUESTED gives `CHANGES_REQUESTED`, else any APPROVED gives
 * `APPROVED`, else `null` (comments and pending reviews decide nothing).
 */
export function reviewDecisionOf(reviews: readonly { user: string | null; state: string }[]): string | null {
  const latest = new Map<string, string>();
  reviews.forEach((r, i) => {
    if (r.state === 'APPROVED' || r.state === 'CHANGES_REQUESTED' || r.state === 'DISMISSED') {
      latest.set(r.user?.toLowerCase() ?? `#deleted-${i}`, r.state);
    }
  });
  const states = [...latest.values()];
  if (states.includes('CHANGES_REQUESTED')) return 'CHANGES_REQUESTED';
  if (states.includes('APPROVED')) return 'APPROVED';
  return null;
}
