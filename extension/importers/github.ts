/**
 * GitHub history import (docs/DESIGN.md "History import and the inbox"), github.com and Enterprise
 * Server through `apiBase`, with the user's token sent as `Authorization: Bearer` to `apiBase` only.
 * Reads:
 * - authored: `GET {apiBase}/search/issues?q=is:pr author:LOGIN is:merged merged:FROM..TO&per_page=100`
 *   → merged PRs, `kind: 'pull-request'`, `role: 'author'`, `occurredOn` = merge day (UTC);
 * - reviewed: `GET {apiBase}/search/issues?q=is:pr reviewed-by:LOGIN -author:LOGIN updated:>=FROM&per_page=100`,
 *   then `GET {apiBase}/repos/{o}/{r}/pulls/{n}/reviews?per_page=100` (paged) → PRs with at least one
 *   non-PENDING review by LOGIN submitted in range, `kind: 'code-review'`, `role: 'reviewer'`,
 *   `occurredOn` = day of the first such review, metric `Reviews` = how many.
 * A search window with more than 1,000 results (or `incomplete_results`) is split into smaller
 * windows; pages follow `Link: rel="next"` (same origin and path as `apiBase` only).
 */
import {
  GITHUB_API,
  GithubSearchItem,
  GithubSearchPage,
  GithubReviewsPage,
  parseItems,
  type Candidate,
  type GithubImportRequest,
  type ImportError,
} from '../../shared/import';
import type { GithubPrMeta } from '../../shared/schemas';
import { canonicalizeUrl, GITHUB_PR_PATH } from '../../shared/url';
import { suggestCompetencies } from '../extractors/github-pr/role';
import { RestReview } from '../extractors/github-pr/rest';
import { type CursorState, type GithubTask, type PrRef, type ReviewsTask, type SearchTask } from './cursor';
import {
  awaitBudget,
  getJson,
  githubErrorOf,
  isUnder,
  noteBudget,
  parseLink,
  stoppedBy,
  type Exhausted,
  type GetOutcome,
  type RunDeps,
  type RunStats,
} from './http';
import { dayWindow, partsFor, rangeQualifier, splitWindow, isoSeconds, type Window } from './windows';

/** Most results one search query can page through. */
export const SEARCH_CAP = 1000;
/** Page size of every list request. */
export const PER_PAGE = 100;
/** Smallest window split because of `incomplete_results` (seconds). */
const DAY_SECONDS = 86_400;

/** What a source run answers to `importHistory`. */
export interface SourceRun {
  candidates: Candidate[];
  errors: ImportError[];
  skipped: number;
  /** Work left when the run stopped early (rate limit, abort, network); `undefined` when complete. */
  resume?: CursorState;
  /** Why it stopped early, with the error to report (none for an abort). */
  stopped?: Omit<ImportError, 'source'>;
}

/** A fingerprint of the request a cursor belongs to. */
export function githubRequestKey(r: GithubImportRequest): string {
  return JSON.stringify(['github', r.login.toLowerCase(), r.apiBase ?? GITHUB_API, r.from, r.to, partsOf(r)]);
}

const partsOf = (r: GithubImportRequest): SearchTask['part'][] =>
  [...new Set(r.include ?? (['authored', 'reviewed'] as const))].sort();

/** The search URL of a window's first page. */
export function searchUrl(
  apiBase: string,
  part: SearchTask['part'],
  login: string,
  w: Window | { from: number; to: null },
): string {
  const q =
    part === 'authored'
      ? `is:pr author:${login} is:merged merged:${rangeQualifier(w as Window)}`
      : `is:pr reviewed-by:${login} -author:${login} updated:${w.to === null ? `>=${isoSeconds(w.from)}` : rangeQualifier(w)}`;
  return `${apiBase}/search/issues?q=${encodeURIComponent(q)}&per_page=${PER_PAGE}`;
}

/** `owner/repo` and number of a PR's `html_url`; `undefined` when it is not a PR URL. */
function prOf(htmlUrl: string): { repo: string; number: number } | undefined {
  try {
    const m = GITHUB_PR_PATH.exec(new URL(htmlUrl).pathname);
    return m ? { repo: `${m[1]}/${m[2]}`, number: Number(m[3]) } : undefined;
  } catch {
    return undefined;
  }
}

/** The PR state of a search item: merged (merge date known), draft, open or closed. */
function stateOf(item: GithubSearchItem): PrRef['state'] {
  if (item.pull_request.merged_at) return 'merged';
  if (item.state === 'open') return item.draft ? 'draft' : 'open';
  return 'closed';
}

/** A `PrRef` from a search item; `undefined` when its URL is not a PR. */
function refOf(item: GithubSearchItem): PrRef | undefined {
  const pr = prOf(item.html_url);
  if (!pr || !/^https?:\/\//i.test(item.html_url)) return undefined;
  const labels = (item.labels ?? []).map((l) => l.name).slice(0, 100);
  return {
    ...pr,
    title: item.title.slice(0, 500),
    url: canonicalizeUrl(item.html_url),
    ...(item.user ? { author: item.user.login } : {}),
    state: stateOf(item),
    ...(labels.length ? { labels } : {}),
  };
}

/**
 * The candidate of a PR the user authored (merged at `date`, an ISO timestamp) or reviewed
 * (`reviews` submitted reviews by the user in range, the first at `date`; a `Reviews` metric).
 */
function prCandidate(ref: PrRef, reason: 'authored' | 'reviewed', date: string, reviews = 0): Candidate {
  const authored = reason === 'authored';
  const kind = authored ? 'pull-request' : 'code-review';
  const meta: GithubPrMeta = authored
    ? { repo: ref.repo, number: ref.number, state: 'merged', mergedAt: date }
    : { repo: ref.repo, number: ref.number, state: ref.state };
  if (ref.author) meta.author = ref.author;
  if (ref.labels) meta.labels = ref.labels;
  return {
    source: 'github-pr',
    kind,
    url: ref.url,
    title: ref.title,
    occurredOn: date.slice(0, 10),
    role: authored ? 'author' : 'reviewer',
    suggestedCompetencies: suggestCompetencies(kind, meta, ref.title),
    metrics: authored ? [] : [{ label: 'Reviews', value: reviews }],
    meta,
    reason,
  };
}

/**
 * Imports a GitHub history. `state` is the cursor's state when resuming (already checked to
 * belong to `req`). Never throws for an API answer: errors are in the result.
 */
export async function importGithub(
  req: GithubImportRequest,
  deps: RunDeps,
  stats: RunStats,
  state?: Extract<CursorState, { source: 'github' }>,
): Promise<SourceRun> {
  const apiBase = (req.apiBase ?? GITHUB_API).replace(/\/+$/, '');
  const login = req.login;
  const range = dayWindow(req.from, req.to);
  const parts = partsOf(req);
  const tasks: GithubTask[] = state
    ? [...state.tasks]
    : parts.map((part): GithubTask =>
        part === 'authored'
          ? { k: 'search', part, from: range.from, to: range.to }
          : { k: 'search', part, from: range.from, to: null },
      );
  const seen = new Set(state?.seen ?? []);
  const out: SourceRun = { candidates: [], errors: [], skipped: 0 };
  const headers: Record<string, string> = {
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
  };
  let total = 0;
  const progress = (phase: string) =>
    deps.onProgress?.({ done: out.candidates.length, ...(total ? { total } : {}), phase });

  const exhausted: Exhausted = new Map();
  /** GET under apiBase (the token goes nowhere else), waiting first when the last answer used up the limit. */
  const get = async (url: string): Promise<GetOutcome> => {
    if (!isUnder(url, apiBase))
      return {
        kind: 'error',
        status: 0,
        error: { code: 'unknown', message: `Refused to follow a link away from ${apiBase}: ${new URL(url).origin}` },
      };
    const h = req.token ? { ...headers, Authorization: `Bearer ${req.token}` } : headers;
    const blocked = await awaitBudget(deps, stats, exhausted, url);
    if (blocked) return blocked;
    const got = await getJson(deps, stats, url, { headers: h, errorOf: githubErrorOf, rateLimits: true });
    if (got.kind === 'ok') noteBudget(exhausted, url, got.headers);
    return got;
  };

  /** Stops a part (`authored`, or `reviewed` with its review reads) after an error; all of GitHub for fatal ones. */
  const fail = (part: SearchTask['part'], error: Omit<ImportError, 'source'>) => {
    out.errors.push({ source: 'github', ...error });
    const all = error.code === 'unauthorized' || error.code === 'not_json';
    for (let i = tasks.length - 1; i >= 0; i--) {
      const t = tasks[i]!;
      const tPart = t.k === 'search' ? t.part : 'reviewed';
      if (all || tPart === part) tasks.splice(i, 1);
    }
  };

  const stop = (current: GithubTask, got: Extract<GetOutcome, { kind: 'stop' }>): SourceRun => {
    tasks.unshift(current);
    const resume: CursorState = { v: 1, source: 'github', req: githubRequestKey(req), tasks, seen: [...seen] };
    return { ...out, resume, ...stoppedBy(got) };
  };

  while (tasks.length > 0) {
    const task = tasks.shift()!;
    if (task.k === 'search') {
      const url = task.url ?? searchUrl(apiBase, task.part, login, task);
      const got = await get(url);
      if (got.kind === 'stop') return stop(task, got);
      if (got.kind === 'error') {
        fail(task.part, got.error);
        continue;
      }
      const page = GithubSearchPage.safeParse(got.body);
      if (!page.success) {
        fail(task.part, { code: 'unknown', message: 'GitHub answered a search page that could not be read.' });
        continue;
      }
      const { total_count: count, incomplete_results: incomplete } = page.data;
      // First page of a window holding more than the search can page through (or that timed out on
      // GitHub's side, down to one-day windows): split it.
      const window: Window = { from: task.from, to: task.to ?? Math.floor(deps.now().getTime() / 1000) };
      const over = count > SEARCH_CAP;
      if (!task.url && (over || (incomplete && window.to - window.from >= DAY_SECONDS))) {
        const pieces = splitWindow(window, over ? partsFor(count, SEARCH_CAP) : 2);
        if (pieces.length > 1) {
          tasks.unshift(...pieces.map((w): SearchTask => ({ k: 'search', part: task.part, from: w.from, to: w.to })));
          continue;
        }
      }
      if (!task.url && (over || incomplete))
        out.errors.push({
          source: 'github',
          code: 'unknown',
          message: `GitHub answered incomplete results for ${isoSeconds(window.from)}..${isoSeconds(window.to)}: some PRs of that time may be missing. Import that period again later.`,
        });
      if (!task.url) total += Math.min(count, SEARCH_CAP);
      const { ok: items, bad } = parseItems(page.data.items, GithubSearchItem);
      out.skipped += bad;
      const found: ReviewsTask[] = [];
      for (const item of items) {
        const ref = refOf(item);
        if (!ref) {
          out.skipped++;
          continue;
        }
        if (task.part === 'authored') {
          const mergedAt = item.pull_request.merged_at ?? item.closed_at;
          const key = `a:${ref.repo}#${ref.number}`;
          if (!mergedAt || seen.has(key)) continue;
          seen.add(key);
          push(out, prCandidate({ ...ref, state: 'merged' }, 'authored', mergedAt));
        } else {
          // A PR the user wrote is never a review, whatever the search answered.
          const key = `r:${ref.repo}#${ref.number}`;
          if (ref.author?.toLowerCase() === login.toLowerCase() || seen.has(key)) continue;
          seen.add(key);
          found.push({ k: 'reviews', pr: ref, count: 0 });
        }
      }
      const next = parseLink(got.headers.get('link')).next;
      if (next) tasks.unshift({ ...task, url: next });
      // Review lists are read after every search page of this part is in (so a stop keeps them queued).
      tasks.push(...found);
      progress(`github:${task.part}`);
    } else {
      const url = task.url ?? `${apiBase}/repos/${task.pr.repo}/pulls/${task.pr.number}/reviews?per_page=${PER_PAGE}`;
      const got = await get(url);
      if (got.kind === 'stop') return stop(task, got);
      if (got.kind === 'error') {
        if (got.status === 404 || got.status === 410) {
          out.skipped++; // the PR or its repository is gone or no longer visible
          continue;
        }
        fail('reviewed', got.error);
        continue;
      }
      const list = GithubReviewsPage.safeParse(got.body);
      if (!list.success) {
        out.skipped++;
        continue;
      }
      let { count, first } = task;
      const { ok: reviews } = parseItems(list.data, RestReview);
      for (const r of reviews) {
        if (r.state === 'PENDING' || !r.submitted_at || r.user?.login.toLowerCase() !== login.toLowerCase()) continue;
        const at = Date.parse(r.submitted_at) / 1000;
        if (at < range.from || at > range.to) continue;
        count++;
        if (!first || r.submitted_at < first) first = r.submitted_at;
      }
      const next = parseLink(got.headers.get('link')).next;
      if (next) {
        tasks.unshift({ ...task, url: next, count, ...(first ? { first } : {}) });
        continue;
      }
      if (count > 0 && first) push(out, prCandidate(task.pr, 'reviewed', first, count));
      progress('github:reviews');
    }
  }
  return out;
}

/** Adds `c` to the run (every candidate is validated by `importHistory` before it is returned). */
function push(run: SourceRun, c: Candidate): void {
  run.candidates.push(c);
}
