/**
 * History import (docs/DESIGN.md "History import and the inbox"): the request and result of
 * `importHistory` (extension/importers/index.ts), the candidates it returns, and the zod schemas
 * of every GitHub and Jira API response the importers read. Each response is parsed here; a list
 * is parsed item by item (`parseItems`) so that one malformed item is skipped and counted, never
 * thrown through.
 */
import * as z from 'zod/mini';
import { CaptureDraft, IsoDate, IsoDateTime } from './schemas';
import { canonicalizeUrl } from './url';

// ---------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------

/**
 * A GitHub login (also Enterprise Server logins with `_` or `.`): no spaces or search syntax, so it
 * can be put into a search query as is.
 */
export const GithubLogin = z
  .string()
  .check(z.regex(/^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,99})$/, 'expected a GitHub login such as octocat'));

/** An API root: absolute http(s) URL without query or fragment, e.g. `https://ghe.example.com/api/v3`. */
export const ApiBase = z.pipe(
  z
    .string()
    .check(
      z.regex(/^https?:\/\/[^/\s?#]+(?:\/[^\s?#]*)?$/, 'expected an API root such as https://ghe.example.com/api/v3'),
    ),
  z.transform((s: string) => s.replace(/\/+$/, '')),
);

/** A site origin such as `https://acme.atlassian.net` or `https://jira.example.com` (no path). */
export const SiteOrigin = z.pipe(
  z.string().check(z.regex(/^https?:\/\/[^/\s?#]+\/?$/, 'expected an origin like https://acme.atlassian.net')),
  z.transform((s: string) => s.replace(/\/$/, '')),
);

/** Default GitHub API root (github.com). */
export const GITHUB_API = 'https://api.github.com';

/** Longest accepted resume cursor (characters). */
export const MAX_RESUME_CHARS = 2 * 1024 * 1024;

/**
 * The fields every import request shares: the range `from`..`to`, which `parts` of the source to
 * `include` (at least one when given), and the `resume` cursor of an earlier incomplete run.
 */
function rangeAndParts<const P extends readonly [string, ...string[]]>(parts: P) {
  return {
    from: IsoDate,
    to: IsoDate,
    include: z.optional(z.readonly(z.array(z.enum(parts)).check(z.minLength(1)))),
    resume: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_RESUME_CHARS))),
  };
}
/** Refuses a range whose `from` is after its `to` (the issue is on `to`). */
const ordered = z.refine<{ from: string; to: string }>((r) => r.from <= r.to, {
  message: '`from` must not be after `to`',
  path: ['to'],
});

/**
 * GitHub import request: `login` (the user), `token` (sent only to `apiBase` as `Authorization: Bearer`),
 * `apiBase` (default `https://api.github.com`; Enterprise Server `https://HOST/api/v3`), the range
 * `from`..`to` (inclusive, `YYYY-MM-DD`, UTC days), `include` (default both), `resume` (cursor of an
 * earlier incomplete run).
 */
export const GithubImportRequest = z
  .object({
    source: z.literal('github'),
    login: GithubLogin,
    token: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
    apiBase: z.optional(ApiBase),
    ...rangeAndParts(['authored', 'reviewed']),
  })
  .check(ordered);
export type GithubImportRequest = z.infer<typeof GithubImportRequest>;

/**
 * Jira import request: `origin` (`https://SITE.atlassian.net` is Cloud; anything else Server/Data
 * Center unless `deployment` says otherwise), the range `from`..`to` (resolution dates, inclusive),
 * `include` (default `['assigned']`), `resume`. Uses the browser session (no token).
 */
export const JiraImportRequest = z
  .object({
    source: z.literal('jira'),
    origin: SiteOrigin,
    /** Optional override of the Cloud/Server detection by host name. */
    deployment: z.optional(z.enum(['cloud', 'server'])),
    ...rangeAndParts(['assigned', 'reported']),
  })
  .check(ordered);
export type JiraImportRequest = z.infer<typeof JiraImportRequest>;

/** What `importHistory` is asked to import. */
export const ImportRequest = z.discriminatedUnion('source', [GithubImportRequest, JiraImportRequest]);
export type ImportRequest = z.infer<typeof ImportRequest>;
/** The request as written by a caller (before defaults and normalisation). */
export type ImportRequestInput = z.input<typeof ImportRequest>;

// ---------------------------------------------------------------------------
// Result
// ---------------------------------------------------------------------------

/** Why a candidate was found: a PR written, a PR reviewed, a ticket assigned or reported. */
export const CandidateReason = z.enum(['authored', 'reviewed', 'assigned', 'reported']);
export type CandidateReason = z.infer<typeof CandidateReason>;

/** True when `url` is already in canonical form (`canonicalizeUrl(url) === url`). */
function isCanonical(url: string): boolean {
  try {
    return canonicalizeUrl(url) === url;
  } catch {
    return false;
  }
}

/** One imported item waiting in the inbox: a validated `CaptureDraft` (canonical url) and why it was found. */
export const Candidate = z
  .extend(CaptureDraft, { reason: CandidateReason })
  .check(z.refine((d) => isCanonical(d.url), { message: 'expected a canonical URL', path: ['url'] }));
export type Candidate = z.infer<typeof Candidate>;

/** Which source an import error came from. */
export const ImportSource = z.enum(['github', 'jira']);

/**
 * Why a source (or one part of it, e.g. the reviewed PRs) stopped:
 * - `unauthorized`: 401, the token expired or was revoked;
 * - `forbidden`: 403, the token lacks a permission (`fix` names it, from `x-accepted-github-permissions`);
 * - `sso_required`: 403 with `x-github-sso`, the token is not authorised for a SAML organisation;
 * - `invalid_query`: 422 from search;
 * - `not_json`: an HTML answer (a login page) or a body that is not JSON;
 * - `rate_limited`: a rate limit longer than the run may wait (the run then has a `resume` cursor);
 * - `network`: the request failed; `unknown`: any other answer.
 */
const IMPORT_ERROR_CODES = ['unauthorized', 'forbidden', 'sso_required', 'invalid_query', 'not_json'] as const;
export const ImportErrorCode = z.enum([...IMPORT_ERROR_CODES, 'rate_limited', 'network', 'unknown']);
export type ImportErrorCode = z.infer<typeof ImportErrorCode>;

/** One error of a run, shown on the Connections card: what happened and what to do. */
export const ImportError = z.object({
  source: ImportSource,
  code: ImportErrorCode,
  message: z.string().check(z.maxLength(1000)),
  fix: z.optional(z.string().check(z.maxLength(1000))),
});
export type ImportError = z.infer<typeof ImportError>;

/**
 * The result of a run: `candidates` (deduplicated by URL and reason), `complete` (false when the
 * run stopped early: long rate limit, abort; then `resume` continues it), `requests` (HTTP requests
 * made, retries included), `errors` (per source/part; the rest went on), `skipped` (items that
 * were malformed or failed the `CaptureDraft` schema; never returned).
 */
export const ImportResult = z.object({
  candidates: z.array(Candidate),
  complete: z.boolean(),
  resume: z.optional(z.string().check(z.maxLength(MAX_RESUME_CHARS))),
  requests: z.int().check(z.nonnegative()),
  errors: z.array(ImportError),
  skipped: z.int().check(z.nonnegative()),
});
export type ImportResult = z.infer<typeof ImportResult>;

// ---------------------------------------------------------------------------
// GitHub REST responses
// ---------------------------------------------------------------------------

/** A user as embedded in REST objects (only the login is read). */
export const GithubUserRef = z.object({ login: z.string().check(z.minLength(1)) });

/** `GET /user`: the token's own account (Connections reads the login from it). */
export const GithubUser = z.object({
  login: z.string().check(z.minLength(1)),
  id: z.int(),
  name: z.nullish(z.string()),
  html_url: z.optional(z.string()),
});
export type GithubUser = z.infer<typeof GithubUser>;

/**
 * One item of `GET /search/issues` for a PR (`pull_request` present; `merged_at` there since 2022,
 * null when unmerged). `user` is null for a deleted account.
 */
export const GithubSearchItem = z.object({
  number: z.int().check(z.positive()),
  title: z.string().check(z.minLength(1)),
  html_url: z.url(),
  repository_url: z.string(),
  user: z.nullable(GithubUserRef),
  state: z.enum(['open', 'closed']),
  draft: z.optional(z.boolean()),
  created_at: IsoDateTime,
  updated_at: IsoDateTime,
  closed_at: z.nullable(IsoDateTime),
  labels: z.optional(z.array(z.looseObject({ name: z.string() }))),
  pull_request: z.looseObject({ html_url: z.nullish(z.string()), merged_at: z.nullish(IsoDateTime) }),
});
export type GithubSearchItem = z.infer<typeof GithubSearchItem>;

/** `GET /search/issues` page: items are parsed one by one with `GithubSearchItem`. */
export const GithubSearchPage = z.object({
  total_count: z.int().check(z.nonnegative()),
  incomplete_results: z.boolean(),
  items: z.array(z.unknown()),
});
export type GithubSearchPage = z.infer<typeof GithubSearchPage>;

/** `GET /repos/{o}/{r}/pulls/{n}/reviews` page: a JSON array, items parsed one by one. */
export const GithubReviewsPage = z.array(z.unknown());

/** GitHub's error body: `{ message, documentation_url?, errors? }`. */
export const GithubErrorBody = z.looseObject({ message: z.string(), documentation_url: z.optional(z.string()) });

// ---------------------------------------------------------------------------
// Jira REST responses
// ---------------------------------------------------------------------------

/** One issue of a search page: `key` and `fields` (the new Cloud API answers only `id` without `fields=`). */
export const JiraSearchIssue = z.looseObject({
  id: z.optional(z.string()),
  key: z.string().check(z.regex(/^[A-Z][A-Z0-9_]*-\d+$/)),
  fields: z.looseObject({ summary: z.string().check(z.minLength(1)), resolutiondate: z.nullish(z.string()) }),
});
export type JiraSearchIssue = z.infer<typeof JiraSearchIssue>;

/** The `names` map a search answers with `expand=names`: field id to display name. */
const FieldNames = z.optional(z.record(z.string(), z.string()));

/** Cloud `GET /rest/api/3/search/jql`: token paging (`nextPageToken` absent on the last page). */
export const JiraJqlPage = z.object({
  issues: z.array(z.unknown()),
  nextPageToken: z.nullish(z.string()),
  isLast: z.optional(z.boolean()),
  names: FieldNames,
});
export type JiraJqlPage = z.infer<typeof JiraJqlPage>;

/** Server/DC `GET /rest/api/2/search`: offset paging. */
export const JiraSearchPage = z.object({
  startAt: z.int().check(z.nonnegative()),
  maxResults: z.int().check(z.nonnegative()),
  total: z.int().check(z.nonnegative()),
  issues: z.array(z.unknown()),
  names: FieldNames,
});
export type JiraSearchPage = z.infer<typeof JiraSearchPage>;

/** One field of `GET /rest/api/{2,3}/field` (used to find the story-points, epic-link and sprint ids). */
export const JiraField = z.looseObject({ id: z.string(), name: z.string() });
export const JiraFieldList = z.array(z.unknown());

/**
 * Parses each item of `items` with `schema`; answers the items that pass and how many did not.
 */
export function parseItems<T>(items: readonly unknown[], schema: z.core.$ZodType<T>): { ok: T[]; bad: number } {
  const ok: T[] = [];
  let bad = 0;
  for (const item of items) {
    const r = z.safeParse(schema, item);
    if (r.success) ok.push(r.data);
    else bad++;
  }
  return { ok, bad };
}
