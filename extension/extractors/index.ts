/**
 * The public entry point of page extraction, used by the side panel and the golden tests.
 * A registry (./registry.ts: explicit order, specific sites before the generic page) picks the first
 * extractor whose `detect(url)` matches. The page side (`collectCapture`, zod-free, also what the
 * capture content script runs) returns plain drafts; `finishCapture` validates them with the shared
 * zod schemas (`CaptureDraft` and the source's meta schema), after clipping every string once more
 * (`clipDraft`, ./clip.ts: a draft may come from a content script), and applies the optional GitHub REST
 * enrichment. Any failure of a site extractor (a throw, or a draft that fails validation) falls back
 * to the generic `web` draft with the reason in `fallbackReason`: a capture never fails outright.
 */
import { CaptureDraft, DocMeta, GithubPrMeta, JiraMeta, type Source } from '../../shared/schemas';
import { canonicalizeUrl } from '../../shared/url';
import { clipDraft, clipUrl } from './clip';
import { todayOf } from './dom';
import { enrichGithubPr } from './github-pr/enrich';
import { collectCapture, reasonOf, type CapturePage, type ExtractDeps, type PageCapture } from './page';
import { REGISTRY } from './registry';
import type { Extractor } from './types';

export type { Extractor, ExtractContext, GithubOptions, Identities } from './types';
export { collectCapture } from './page';
export { extractorFor, REGISTRY } from './registry';
export { deriveRole } from './role';
export type { CapturePage, ExtractDeps, PageCapture } from './page';

/** The typed meta schema of each source (sources not listed keep free-form meta). */
const META_SCHEMAS: Partial<Record<Source, typeof GithubPrMeta | typeof JiraMeta | typeof DocMeta>> = {
  'github-pr': GithubPrMeta,
  jira: JiraMeta,
  confluence: DocMeta,
  'google-docs': DocMeta,
  notion: DocMeta,
};

/**
 * `raw` validated as a `CaptureDraft` whose `meta` also passes its source's meta schema (unknown
 * extra meta keys kept).
 * @throws ZodError naming the failing fields.
 */
export function validateDraft(raw: unknown): CaptureDraft {
  const draft = CaptureDraft.parse(raw);
  const schema = META_SCHEMAS[draft.source];
  return schema ? { ...draft, meta: schema.parse(draft.meta) } : draft;
}

/** A last-resort draft built from the URL alone (used only if the generic extractor itself failed). */
function urlOnlyDraft(url: string, now: () => Date, reason: string): CaptureDraft {
  return CaptureDraft.parse({
    source: 'web',
    kind: 'other',
    url: clipUrl(canonicalizeUrl(url)),
    title: new URL(url).host,
    occurredOn: todayOf(now),
    suggestedCompetencies: [],
    metrics: [],
    meta: {},
    fallbackReason: reason,
  });
}

/**
 * Turns what the page side collected into a validated `CaptureDraft`: `capture.draft` when it passes
 * `validateDraft`; else the generic `capture.spare` with `fallbackReason` `"<extractor>: <zod message>"`;
 * else a URL-only draft. Then, for a `github-pr` draft and when `deps.github.enrich` and `deps.fetch`
 * are given, the REST enrichment (failures keep the page result).
 * @param pageUrl the captured page's address, for the URL-only last resort.
 * @throws TypeError only when everything failed and `pageUrl` is not an http(s) URL.
 */
export async function finishCapture(
  capture: PageCapture,
  pageUrl: string,
  deps: ExtractDeps = {},
): Promise<CaptureDraft> {
  const now = deps.now ?? (() => new Date());
  const reasons = capture.fallbackReason ? [capture.fallbackReason] : [];
  let draft: CaptureDraft | undefined;
  try {
    draft = validateDraft(capture.draft && clipDraft(capture.draft));
  } catch (e) {
    if (capture.draft) reasons.push(reasonOf(capture.extractor, e));
    try {
      if (capture.spare) draft = validateDraft(clipDraft(capture.spare));
    } catch (e2) {
      reasons.push(reasonOf('web', e2));
    }
  }
  if (!draft) return urlOnlyDraft(pageUrl, now, reasons.join('; ') || 'nothing could be read');
  if (reasons.length > 0) return { ...draft, fallbackReason: reasons.join('; ').slice(0, 300) };
  if (draft.source === 'github-pr' && deps.github?.enrich && deps.fetch) {
    return clipDraft(await enrichGithubPr(draft, deps.fetch, deps.github, deps.identities ?? {}));
  }
  return draft;
}

/**
 * Runs `extractors` on a page and validates the result (`collectCapture` then `finishCapture`).
 * Exposed for tests that need a custom registry.
 * @throws TypeError only when `page.url` is not an absolute http(s) URL.
 */
export async function runExtractors(
  extractors: readonly Extractor[],
  page: CapturePage,
  deps: ExtractDeps = {},
): Promise<CaptureDraft> {
  return finishCapture(await collectCapture(extractors, page, deps), page.url, deps);
}

/**
 * Extracts a capture draft from a page with the default registry.
 * Returns a `CaptureDraft` (validated): `{source, kind, url (canonical), title, occurredOn?, role?,
 * suggestedCompetencies, metrics, meta, fallbackReason?}`.
 * @throws TypeError only when `page.url` is not an absolute http(s) URL.
 */
export function extractCapture(page: CapturePage, deps?: ExtractDeps): Promise<CaptureDraft> {
  return runExtractors(REGISTRY, page, deps);
}
