/**
 * Optional GitHub REST enrichment of a PR read from the DOM: `GET /repos/{o}/{r}/pulls/{n}`
 * and `GET /repos/{o}/{r}/pulls/{n}/reviews`, parsed with the zod schemas below (tested
 * against real recorded responses in tests/fixtures/github/rest-*.json).
 */
import * as z from 'zod/mini';
import { IsoDateTime } from '../../../shared/schemas';
import { uniqueNames } from '../dom';
import { reviewDecisionOf } from './review';
import type { GithubOptions } from '../types';

export { reviewDecisionOf } from './review';

/** A GitHub user as embedded in REST objects (only the login is used). */
export const RestUser = z.object({ login: z.string().check(z.minLength(1)) });
export type RestUser = z.infer<typeof RestUser>;

/** A label as embedded in a pull request. */
export const RestLabel = z.object({ name: z.string() });

/**
 * `GET /repos/{owner}/{repo}/pulls/{number}` (also `.pull_request` of webhook payloads).
 * Fields absent from older recordings (`draft`, `labels`, `requested_reviewers` before ~2017-2019)
 * are optional; `user` is null for a deleted account.
 */
export const RestPull = z.object({
  number: z.int().check(z.positive()),
  state: z.enum(['open', 'closed']),
  title: z.string(),
  html_url: z.string(),
  user: z.nullable(RestUser),
  draft: z.optional(z.boolean()),
  merged: z.optional(z.boolean()),
  merged_at: z.nullable(IsoDateTime),
  merged_by: z.optional(z.nullable(RestUser)),
  created_at: IsoDateTime,
  closed_at: z.nullable(IsoDateTime),
  additions: z.optional(z.int().check(z.nonnegative())),
  deletions: z.optional(z.int().check(z.nonnegative())),
  changed_files: z.optional(z.int().check(z.nonnegative())),
  commits: z.optional(z.int().check(z.nonnegative())),
  labels: z.optional(z.array(RestLabel)),
  requested_reviewers: z.optional(z.array(RestUser)),
});
export type RestPull = z.infer<typeof RestPull>;

/** One review from `GET …/pulls/{n}/reviews`; `user` is null for a deleted account, `submitted_at` absent while PENDING. */
export const RestReview = z.object({
  id: z.int(),
  user: z.nullable(RestUser),
  state: z.enum(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING']),
  submitted_at: z.optional(IsoDateTime),
});
export type RestReview = z.infer<typeof RestReview>;
/** The reviews list. */
export const RestReviews = z.array(RestReview);

/** The REST API root for a PR page's origin: `https://api.github.com` for github.com, `{origin}/api/v3` for GitHub Enterprise. */
export function apiBaseFor(pageUrl: URL): string {
  return pageUrl.host === 'github.com' || pageUrl.host === 'www.github.com'
    ? 'https://api.github.com'
    : `${pageUrl.origin}/api/v3`;
}

/** What the REST API says about a PR, in the shape of `GithubPrMeta` fields. */
export interface RestFacts {
  state: 'open' | 'draft' | 'merged' | 'closed';
  author?: string;
  mergedAt: string | null;
  mergedBy?: string;
  additions?: number;
  deletions?: number;
  changedFiles?: number;
  commits?: number;
  labels?: string[];
  /** Logins of people who reviewed (non-null users) or were asked to review, author excluded. */
  reviewers?: string[];
  reviewDecision?: string | null;
}

/** Turns a parsed pull (and its reviews, when fetched) into `RestFacts`. */
export function restFacts(pull: RestPull, reviews: RestReview[] | undefined): RestFacts {
  const author = pull.user?.login;
  const merged = pull.merged === true || pull.merged_at !== null;
  const state = merged ? 'merged' : pull.state === 'closed' ? 'closed' : pull.draft ? 'draft' : 'open';
  const reviewerLogins = [
    ...(reviews ?? []).flatMap((r) => (r.user ? [r.user.login] : [])),
    ...(pull.requested_reviewers ?? []).map((u) => u.login),
  ];
  const reviewers = uniqueNames(reviewerLogins).filter((l) => l.toLowerCase() !== author?.toLowerCase());
  const facts: RestFacts = { state, mergedAt: pull.merged_at ? new Date(pull.merged_at).toISOString() : null };
  if (author) facts.author = author;
  if (pull.merged_by?.login) facts.mergedBy = pull.merged_by.login;
  if (pull.additions !== undefined) facts.additions = pull.additions;
  if (pull.deletions !== undefined) facts.deletions = pull.deletions;
  if (pull.changed_files !== undefined) facts.changedFiles = pull.changed_files;
  if (pull.commits !== undefined) facts.commits = pull.commits;
  if (pull.labels) facts.labels = pull.labels.map((l) => l.name);
  if (reviews || pull.requested_reviewers) facts.reviewers = reviewers;
  if (reviews)
    facts.reviewDecision = reviewDecisionOf(reviews.map((r) => ({ user: r.user?.login ?? null, state: r.state })));
  return facts;
}

/**
 * Fetches a PR and its reviews through `fetchFn` (GitHub REST v3 JSON, `Accept: application/vnd.github+json`).
 * The pull is required; a failed reviews call only leaves `reviews` undefined.
 * @throws Error on a non-2xx pull response, a timeout (`options.timeoutMs`, default 4000 ms), or a body that fails `RestPull`.
 */
export async function fetchRestFacts(
  fetchFn: typeof fetch,
  pageUrl: URL,
  pr: { owner: string; repo: string; number: number },
  options: GithubOptions,
): Promise<RestFacts> {
  const base = `${apiBaseFor(pageUrl)}/repos/${encodeURIComponent(pr.owner)}/${encodeURIComponent(pr.repo)}/pulls/${pr.number}`;
  const headers: Record<string, string> = {
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
  };
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  const get = async (url: string): Promise<unknown> => {
    const res = await fetchFn(url, { headers, signal: AbortSignal.timeout(options.timeoutMs ?? 4000) });
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
    return res.json();
  };
  const [pullBody, reviewsBody] = await Promise.allSettled([get(base), get(`${base}/reviews?per_page=100`)]);
  if (pullBody.status === 'rejected')
    throw pullBody.reason instanceof Error ? pullBody.reason : new Error(String(pullBody.reason));
  const pull = RestPull.parse(pullBody.value);
  const reviews = reviewsBody.status === 'fulfilled' ? RestReviews.safeParse(reviewsBody.value) : undefined;
  return restFacts(pull, reviews?.success ? reviews.data : undefined);
}
