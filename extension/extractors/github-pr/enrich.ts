/**
 * Optional REST enrichment of a `github-pr` draft (`GET /repos/{o}/{r}/pulls/{n}` and `/reviews`,
 * parsed with the zod schemas of ./rest.ts). Runs after the page-side extraction, in
 * `extractCapture` or the side panel: it is kept out of the capture content script, which bundles
 * no zod.
 */
import { GithubPrMeta, type CaptureDraft } from '../../../shared/schemas';
import { toIsoDate, uniqueNames } from '../dom';
import type { GithubOptions, Identities } from '../types';
import { deriveGithubRole, parsePrUrl, prMetricsOf } from './index';
import { fetchRestFacts, type RestFacts } from './rest';

/** Overlays REST facts on the DOM meta: REST wins for state, numbers, labels and merge time; reviewers are the union, author excluded. */
export function mergeRest(meta: GithubPrMeta, rest: RestFacts): GithubPrMeta {
  const author = rest.author ?? meta.author;
  const out: GithubPrMeta = { ...meta, state: rest.state, mergedAt: rest.mergedAt };
  if (author) out.author = author;
  for (const key of ['mergedBy', 'additions', 'deletions', 'changedFiles', 'commits', 'labels'] as const) {
    if (rest[key] !== undefined) (out as Record<string, unknown>)[key] = rest[key];
  }
  if (rest.reviewers || meta.reviewers) {
    out.reviewers = uniqueNames([...(meta.reviewers ?? []), ...(rest.reviewers ?? [])]).filter(
      (r) => r.toLowerCase() !== author?.toLowerCase(),
    );
  }
  if (rest.reviewDecision !== undefined && rest.reviewDecision !== null) out.reviewDecision = rest.reviewDecision;
  return out;
}

/**
 * Enriches a validated `github-pr` draft with the REST API through `fetchFn` (see `fetchRestFacts`):
 * meta overlaid (`mergeRest`), `occurredOn` = the REST merge date when merged, metrics, role, kind and
 * competencies re-derived for `identities`. Any network, HTTP or schema failure returns `draft` as it was.
 * Drafts of other sources, or whose meta is not GitHub PR meta, are returned unchanged.
 */
export async function enrichGithubPr(
  draft: CaptureDraft,
  fetchFn: typeof fetch,
  options: GithubOptions,
  identities: Identities,
): Promise<CaptureDraft> {
  if (draft.source !== 'github-pr') return draft;
  const meta = GithubPrMeta.safeParse(draft.meta);
  const pageUrl = new URL(draft.url);
  const pr = parsePrUrl(pageUrl);
  if (!meta.success || !pr) return draft;
  let facts: RestFacts;
  try {
    facts = await fetchRestFacts(fetchFn, pageUrl, pr, options);
  } catch {
    // Enrichment is optional: the DOM result stands.
    return draft;
  }
  const merged = GithubPrMeta.parse(mergeRest(meta.data, facts));
  const enriched: CaptureDraft = {
    ...draft,
    occurredOn: toIsoDate(merged.mergedAt ?? undefined) ?? draft.occurredOn,
    metrics: prMetricsOf(merged),
    meta: merged,
  };
  return deriveGithubRole(enriched, identities);
}
