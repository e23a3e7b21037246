/**
 * The page side of a capture, free of zod so the capture content scripts stay small:
 * `collectCapture`, which runs the first of the extractors it is given whose `detect(url)` matches
 * (the full registry is ./registry.ts; a per-site capture script passes its site and the generic
 * page) and returns plain, not yet validated drafts. `finishCapture` in ./index.ts (the side panel, tests) validates them
 * with the shared zod schemas and does the fallbacks that need validation.
 */
import type { CaptureDraft } from '../../shared/schemas';
import { clipDraft } from './clip';
import type { ExtractContext, Extractor, GithubOptions, Identities } from './types';
import { web } from './web';

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

/**
 * What the page side hands to `finishCapture` (plain data: it crosses `executeScript`).
 * - `extractor`: id of the extractor that produced `draft`.
 * - `draft`: the draft, not yet validated (on a site extractor's failure: the generic page's draft;
 *   absent only if the generic extractor itself threw).
 * - `spare`: the generic page's draft, present when `draft` came from a site extractor, used if
 *   `draft` fails validation.
 * - `fallbackReason`: why the site extractor was not used (`"<id>: <message>"`), when it failed.
 */
export interface PageCapture {
  extractor: string;
  draft?: CaptureDraft;
  spare?: CaptureDraft;
  fallbackReason?: string;
}

/** `"<id>: <message>"` of an unknown thrown value, at most 300 characters. */
export function reasonOf(id: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return `${id}: ${message}`.slice(0, 300);
}

/**
 * Runs `extractors` on a page (page side, no validation) and clips every string of the drafts
 * (`clipDraft`, ./clip.ts) so that nothing huge leaves the page: the first whose `detect` matches extracts;
 * when it is a site extractor the generic `web` extractor also runs, as the spare. A site extractor
 * that throws or rejects gives way to the generic draft with `fallbackReason`. Should the generic
 * extractor itself throw, `draft` is left out and `finishCapture` builds a URL-only draft.
 * @throws TypeError only when `page.url` is not an absolute http(s) URL (nothing can be captured there).
 */
export async function collectCapture(
  extractors: readonly Extractor[],
  page: CapturePage,
  deps: ExtractDeps = {},
): Promise<PageCapture> {
  const capture = await runExtractorsOnPage(extractors, page, deps);
  return {
    ...capture,
    ...(capture.draft ? { draft: clipDraft(capture.draft) } : {}),
    ...(capture.spare ? { spare: clipDraft(capture.spare) } : {}),
  };
}

async function runExtractorsOnPage(
  extractors: readonly Extractor[],
  page: CapturePage,
  deps: ExtractDeps,
): Promise<PageCapture> {
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
  const chosen = pickExtractor(extractors, page.url);
  let generic: CaptureDraft | undefined;
  let genericError: string | undefined;
  try {
    generic = await web.extract(ctx);
  } catch (e) {
    genericError = reasonOf(web.id, e);
  }
  if (chosen !== web) {
    try {
      const draft = await chosen.extract(ctx);
      return { extractor: chosen.id, draft, ...(generic ? { spare: generic } : {}) };
    } catch (e) {
      const reason = reasonOf(chosen.id, e);
      return generic
        ? { extractor: web.id, draft: generic, fallbackReason: reason }
        : { extractor: web.id, fallbackReason: [reason, genericError].join('; ') };
    }
  }
  return generic ? { extractor: web.id, draft: generic } : { extractor: web.id, fallbackReason: genericError ?? '' };
}

/**
 * The first of `extractors` whose `detect` accepts `url`, else the generic `web` extractor
 * (so a list without `web` still falls back to it).
 * @throws TypeError when `url` is not an absolute URL.
 */
export function pickExtractor(extractors: readonly Extractor[], url: string): Extractor {
  const u = new URL(url);
  return extractors.find((e) => e.detect(u)) ?? web;
}
