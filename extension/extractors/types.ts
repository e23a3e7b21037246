/**
 * Types shared by every page extractor. An extractor is a pure function of
 * (URL, Document, injected fetch, clock, identities): it never reads `window`
 * or `browser`, so the same code runs in the content script, the side panel
 * and the golden tests (linkedom documents).
 */
import type { CaptureDraft, Source } from '../../shared/schemas';

/**
 * The user's identities from Settings, used to derive their role in a capture.
 * - `githubLogin`: GitHub (or GitHub Enterprise) login, compared case-insensitively.
 * - `atlassianName`: Atlassian display name (Jira, Confluence).
 * - `email`: the user's work e-mail address.
 * Every field is optional; an empty string counts as unset.
 */
export interface Identities {
  githubLogin?: string;
  atlassianName?: string;
  email?: string;
}

/**
 * Options of the optional GitHub REST enrichment (`github-pr` only).
 * - `enrich`: call `GET {api}/repos/{o}/{r}/pulls/{n}` and `/reviews` through the injected fetch
 *   (api = `https://api.github.com` on github.com, `https://{host}/api/v3` on GitHub Enterprise).
 * - `token`: sent as `Authorization: Bearer <token>` when set.
 * - `timeoutMs`: per-request timeout in milliseconds (default 4000).
 */
export interface GithubOptions {
  enrich?: boolean;
  token?: string;
  timeoutMs?: number;
}

/**
 * What an extractor receives.
 * - `url`: the page's address as the browser shows it (absolute http(s) URL, any tab/query/fragment).
 * - `document`: the page's DOM (a live document or a parsed fixture).
 * - `fetch`: injected fetch, only present when the caller allows network calls.
 * - `now`: the clock (for "today" when a page has no date).
 * - `identities`: the user's identities (may be empty).
 * - `github`: REST enrichment options for `github-pr`.
 */
export interface ExtractContext {
  url: string;
  document: Document;
  fetch?: typeof fetch;
  now: () => Date;
  identities: Identities;
  github?: GithubOptions;
}

/** Example URLs kept beside `detect` (Refined GitHub style) and checked by the detect tests. */
export interface DetectExamples {
  /** URLs `detect` must accept. */
  match: readonly string[];
  /** URLs `detect` must reject. */
  noMatch: readonly string[];
}

/**
 * One site extractor, registered in `./index.ts`.
 * - `id`: the evidence source it produces (also the folder and the fixture prefix).
 * - `matches`: WebExtension match patterns of the pages it handles (for permissions and content scripts).
 * - `detect(url)`: true when this extractor handles the page at `url` (pure, no DOM access).
 * - `extract(ctx)`: builds the draft on the page side. It must stay free of zod (it is bundled into the
 *   capture content script): it returns a plain draft that `finishCapture` validates afterwards with the
 *   shared schemas. It may throw (the registry then falls back to the generic extractor).
 * - `deriveRole(draft, identities)`: optional; re-derives `role`, `kind` and `suggestedCompetencies`
 *   from the draft's `meta` when the user's identities change.
 * - `missing(draft)`: optional; the facts (meta keys) a page of this site shows that the draft lacks,
 *   e.g. `['state']`, so the panel can say "state not found on this page".
 * - `showsUrl(url, document)`: optional; false while the page still shows another item than `url`
 *   names (a soft navigation changes the URL before the page), so the capture waits for it.
 * Each extractor's module also exports `examples` (URLs `detect` must accept and reject), kept beside
 * `detect` but outside this object so the content script's bundle does not carry them; ./examples.ts
 * lists them for the tests.
 */
export interface Extractor {
  id: Source;
  matches: readonly string[];
  detect(url: URL): boolean;
  extract(ctx: ExtractContext): Promise<CaptureDraft> | CaptureDraft;
  deriveRole?(draft: CaptureDraft, identities: Identities): CaptureDraft;
  missing?(draft: CaptureDraft): string[];
  showsUrl?(url: URL, document: Document): boolean;
}
