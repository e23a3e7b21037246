/**
 * History import (docs/DESIGN.md "History import and the inbox"): the request and result of
 * `importHistory` (extension/importers/index.ts), the candidates it returns, and the zod schemas
 * of every GitHub and Jira API response the importers read. Each response is parsed here; a list
 * is parsed item by item (`parseItems`) so that one malformed item is skipped and counted, never
 * thrown through.
 */
import { z } from 'zod';
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
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,99})$/, 'expected a GitHub login such as octocat');

/** An API root: absolute http(s) URL without query or fragment, e.g. `https://ghe.example.com/api/v3`. */
export const ApiBase = z
  .string()
  .regex(/^https?:\/\/[^/\s?#]+(?:\/[^\s?#]*)?$/, 'expected an API root such as https://ghe.example.com/api/v3')
  .transform((s) => s.replace(/\/+$/, ''));

/** A site origin such as `https://acme.atlassian.net` or `https://jira.example.com` (no path). */
export const SiteOrigin = z
  .string()
  .regex(/^https?:\/\/[^/\s?#]+\/?$/, 'expected an origin like https://acme.atlassian.net')
  .transform((s) => s.replace(/\/$/, ''));

/** Default GitHub API root (github.com). */
export const GITHUB_API = 'https://api.github.com';

/** Longest accepted resume cursor (characters). */
export const MAX_RESUME_CHARS = 2 * 1024 * 1024;

const fromTo = { from: IsoDate, to: IsoDate };
const ordered = (r: { from: string; to: string }) => r.from <= r.to;
const orderMessage = { message: '`from` must not be after `to`', path: ['to'] };

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
    token: z.string().min(1).max(1000).optional(),
    apiBase: ApiBase.optional(),
    ...fromTo,
    include: z
      .array(z.enum(['authored', 'reviewed']))
      .min(1)
      .readonly()
      .optional(),
    resume: z.string().min(1).max(MAX_RESUME_CHARS).optional(),
  })
  .refine(ordered, orderMessage);
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
    deployment: z.enum(['cloud', 'server']).optional(),
    ...fromTo,
    include: z
      .array(z.enum(['assigned', 'reported']))
      .min(1)
      .readonly()
      .optional(),
    resume: z.string().min(1).max(MAX_RESUME_CHARS).optional(),
  })
  .refine(ordered, orderMessage);
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
export const Candidate = CaptureDraft.extend({ reason: CandidateReason }).refine((d) => isCanonical(d.url), {
  message: 'expected a canonical URL',
  path: ['url'],
});
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
export const ImportErrorCode = z.enum([
  'unauthorized',
  'forbidden',
  'sso_required',
  'invalid_query',
  'not_json',
  'rate_limited',
  'network',
  'unknown',
]);
export type ImportErrorCode = z.infer<typeof ImportErrorCode>;

/** One error of a run, shown on the Connections card: what happened and what to do. */
export const ImportError = z.object({
  source: ImportSource,
  code: ImportErrorCode,
  message: z.string().max(1000),
  fix: z.string().max(1000).optional(),
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
  resume: z.string().max(MAX_RESUME_CHARS).optional(),
  requests: z.number().int().nonnegative(),
  errors: z.array(ImportError),
  skipped: z.number().int().nonnegative(),
});
export type ImportResult = z.infer<typeof ImportResult>;

// ---------------------------------------------------------------------------
// GitHub REST responses
// ---------------------------------------------------------------------------

/** A user as embedded in REST objects (only the login is read). */
export const GithubUserRef = z.object({ login: z.string().min(1) });

/** `GET /user`: the token's own account (Connections reads the login from it). */
export const GithubUser = z.object({
  login: z.string().min(1),
  id: z.number().int(),
  name: z.string().nullish(),
  html_url: z.string().optional(),
});
export type GithubUser = z.infer<typeof GithubUser>;

/**
 * One item of `GET /search/issues` for a PR (`pull_request` present; `merged_at` there since 2022,
 * null when unmerged). `user` is null for a deleted account.
 */
export const GithubSearchItem = z.object({
  number: z.number().int().positive(),
  title: z.string().min(1),
  html_url: z.url(),
  repository_url: z.string(),
  user: GithubUserRef.nullable(),
  state: z.enum(['open', 'closed']),
  draft: z.boolean().optional(),
  created_at: IsoDateTime,
  updated_at: IsoDateTime,
  closed_at: IsoDateTime.nullable(),
  labels: z.array(z.object({ name: z.string() }).loose()).optional(),
  pull_request: z.object({ html_url: z.string().nullish(), merged_at: IsoDateTime.nullish() }).loose(),
});
export type GithubSearchItem = z.infer<typeof GithubSearchItem>;

/** `GET /search/issues` page: items are parsed one by one with `GithubSearchItem`. */
export const GithubSearchPage = z.object({
  total_count: z.number().int().nonnegative(),
  incomplete_results: z.boolean(),
  items: z.array(z.unknown()),
});
export type GithubSearchPage = z.infer<typeof GithubSearchPage>;

/** `GET /repos/{o}/{r}/pulls/{n}/reviews` page: a JSON array, items parsed one by one. */
export const GithubReviewsPage = z.array(z.unknown());

/** GitHub's error body: `{ message, documentation_url?, errors? }`. */
export const GithubErrorBody = z.object({ message: z.string(), documentation_url: z.string().optional() }).loose();

// ---------------------------------------------------------------------------
// Jira REST responses
// ---------------------------------------------------------------------------

/** One issue of a search page: `key` and `fields` (the new Cloud API answers only `id` without `fields=`). */
export const JiraSearchIssue = z
  .object({
    id: z.string().optional(),
    key: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/),
    fields: z
      .object({
        summary: z.string().min(1),
        resolutiondate: z.string().nullish(),
      })
      .loose(),
  })
  .loose();
export type JiraSearchIssue = z.infer<typeof JiraSearchIssue>;

/** Cloud `GET /rest/api/3/search/jql`: token paging (`nextPageToken` absent on the last page). */
export const JiraJqlPage = z.object({
  issues: z.array(z.unknown()),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
  names: z.record(z.string(), z.string()).optional(),
});
export type JiraJqlPage = z.infer<typeof JiraJqlPage>;

/** Server/DC `GET /rest/api/2/search`: offset paging. */
export const JiraSearchPage = z.object({
  startAt: z.number().int().nonnegative(),
  maxResults: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  issues: z.array(z.unknown()),
  names: z.record(z.string(), z.string()).optional(),
});
export type JiraSearchPage = z.infer<typeof JiraSearchPage>;

/** One field of `GET /rest/api/{2,3}/field` (used to find the story-points, epic-link and sprint ids). */
export const JiraField = z.object({ id: z.string(), name: z.string() }).loose();
export const JiraFieldList = z.array(z.unknown());

/**
 * Parses each item of `items` with `schema`; answers the items that pass and how many did not.
 */
export function parseItems<T>(items: readonly unknown[], schema: z.ZodType<T>): { ok: T[]; bad: number } {
  const ok: T[] = [];
  let bad = 0;
  for (const item of items) {
    const r = schema.safeParse(item);
    if (r.success) ok.push(r.data);
    else bad++;
  }
  return { ok, bad };
}
