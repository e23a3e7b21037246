/**
 * The public entry point of page extraction, used by the capture content script,
 * the side panel and the golden tests. A registry (explicit order, specific
 * sites before the generic page) picks the first extractor whose `detect(url)`
 * matches; any failure of a site extractor (a throw, or a draft that fails
 * `CaptureDraft`) falls back to the generic `web` extractor with the reason in
 * `fallbackReason`: a capture never fails outright.
 */
import { CaptureDraft } from '../../shared/schemas';
import { canonicalizeUrl } from '../../shared/url';
import { todayOf } from './dom';
import { githubPr } from './github-pr';
import type { Extractor, ExtractContext, GithubOptions, Identities } from './types';
import { web } from './web';

export type { Extractor, ExtractContext, GithubOptions, Identities } from './types';

/**
 * Every extractor, in the order they are tried. Specific sites first; the generic
 * `web` extractor is last and matches every http(s) page.
 */
export const REGISTRY: readonly Extractor[] = [
  // GitHub pull requests, github.com and Enterprise hosts (detected by the /owner/repo/pull/N path).
  githubPr,
  // Any other http(s) page: title, canonical link, og/meta tags, dates, JSON-LD. Must stay last.
  web,
];

/** Dependencies a caller may inject; every one is optional. */
export interface ExtractDeps {
  /** Network access for same-origin APIs and the optional GitHub REST enrichment; no calls are made without it. */
  fetch?: typeof fetch;
  /** The clock, for "today" when a page carries no date (default: `() => new Date()`). */
  now?: () => Date;
  /** The user's identities from Settings, used to derive their role. */
  identities?: Identities;
  /** GitHub REST enrichment options (off unless `enrich: true` and `fetch` is given). */
  github?: GithubOptions;
}

/** The page to capture: its address (absolute http(s) URL) and its DOM. */
export interface CapturePage {
  url: string;
  document: Document;
}

/** The message of an unknown thrown value, at most 300 characters. */
function reasonOf(id: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return `${id}: ${message}`.slice(0, 300);
}

/** A last-resort draft built from the URL alone (used only if the generic extractor itself failed). */
function urlOnlyDraft(url: string, now: () => Date, reason: string): CaptureDraft {
  return CaptureDraft.parse({
    source: 'web',
    kind: 'other',
    url: canonicalizeUrl(url),
    title: new URL(url).host,
    occurredOn: todayOf(now),
    suggestedCompetencies: [],
    metrics: [],
    meta: {},
    fallbackReason: reason,
  });
}

/**
 * Runs `extractors` on a page: the first whose `detect` matches extracts; if it throws or returns a
 * draft that fails `CaptureDraft`, the generic `web` extractor runs instead and its draft carries
 * `fallbackReason` (`"<id>: <message>"`). Exposed for tests that need a custom registry.
 * @throws TypeError only when `page.url` is not an absolute http(s) URL (nothing can be captured there).
 */
export async function runExtractors(
  extractors: readonly Extractor[],
  page: CapturePage,
  deps: ExtractDeps = {},
): Promise<CaptureDraft> {
  const url = new URL(page.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`cannot capture a ${url.protocol} page`);
  const ctx: ExtractContext = {
    url: page.url,
    document: page.document,
    now: deps.now ?? (() => new Date()),
    identities: deps.identities ?? {},
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.github ? { github: deps.github } : {}),
  };
  const chosen = extractors.find((e) => e.detect(url)) ?? web;
  let reason: string | undefined;
  if (chosen !== web) {
    try {
      return CaptureDraft.parse(await chosen.extract(ctx));
    } catch (e) {
      reason = reasonOf(chosen.id, e);
    }
  }
  try {
    const draft = CaptureDraft.parse(await web.extract(ctx));
    return reason ? { ...draft, fallbackReason: reason } : draft;
  } catch (e) {
    return urlOnlyDraft(page.url, ctx.now, [reason, reasonOf(web.id, e)].filter(Boolean).join('; '));
  }
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

/**
 * Re-derives the user's `role` (and with it `kind` and `suggestedCompetencies`) of a draft from
 * `identities`, e.g. after the user changes their GitHub login in Settings. Pure: returns a new draft,
 * or the same draft when its source has no role rule (generic web pages).
 */
export function deriveRole(draft: CaptureDraft, identities: Identities): CaptureDraft {
  const extractor = REGISTRY.find((e) => e.id === draft.source);
  return extractor?.deriveRole ? extractor.deriveRole(draft, identities) : draft;
}

/**
 * The extractor `extractCapture` would use for `url` (the generic one for anything unmatched).
 * @throws TypeError when `url` is not an absolute URL.
 */
export function extractorFor(url: string): Extractor {
  const u = new URL(url);
  return REGISTRY.find((e) => e.detect(u)) ?? web;
}
