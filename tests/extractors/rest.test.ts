/**
 * GitHub REST schemas on every real recorded response, and the optional enrichment through an
 * injected fetch that serves those same recordings.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { extractCapture } from '../../extension/extractors';
import { RestPull, RestReviews, RestUser, apiBaseFor, restFacts } from '../../extension/extractors/github-pr/rest';
import { githubJsonFiles, now, parseDocument, readGithubJson } from './helpers';

const PULL_FILES = githubJsonFiles('rest-pull-').filter((f) => !/reviews|requested-reviewers/.test(f));
const REVIEW_FILES = githubJsonFiles('rest-pull-reviews-');

describe('REST schemas on the real recordings', () => {
  it('has the recordings', () => {
    expect(PULL_FILES.length).toBe(11);
    expect(REVIEW_FILES.length).toBe(5);
  });

  for (const file of PULL_FILES) {
    it(`parses ${file}`, () => {
      const r = RestPull.safeParse(readGithubJson(file));
      expect(r.error?.issues ?? []).toEqual([]);
    });
  }

  for (const file of REVIEW_FILES) {
    it(`parses ${file}`, () => {
      const r = RestReviews.safeParse(readGithubJson(file));
      expect(r.error?.issues ?? []).toEqual([]);
      expect(r.data?.length).toBeGreaterThan(0);
    });
  }

  it('parses the pull request inside a webhook payload and the legacy requested_reviewers list', () => {
    const hook = readGithubJson('webhook-pull_request-labeled.payload.json') as { pull_request: unknown };
    expect(RestPull.parse(hook.pull_request).labels?.map((l) => l.name)).toEqual(['bug']);
    const requested = z.array(RestUser).parse(readGithubJson('rest-pull-requested-reviewers-artsy-emission-327.json'));
    expect(requested.map((u) => u.login)).toEqual(['ArtsyOpenSource']);
  });

  it('maps merged, draft, closed-unmerged and labelled PRs to meta facts', () => {
    const facts = (f: string) => restFacts(RestPull.parse(readGithubJson(f)), undefined);
    expect(facts('rest-pull-merged-artsy-emission-327.json')).toMatchObject({
      state: 'merged',
      author: 'orta',
      mergedBy: 'mennenia',
      mergedAt: '2016-10-03T09:39:23.000Z',
      additions: 743,
      deletions: 17,
      changedFiles: 16,
      commits: 6,
    });
    expect(facts('rest-pull-merged-artsy-emission-327.json').labels).toBeUndefined(); // 2016: no labels field
    expect(facts('rest-pull-draft-hub4j-321.json')).toMatchObject({ state: 'draft', mergedAt: null });
    expect(facts('rest-pull-closed-unmerged-hub4j-272.json')).toMatchObject({ state: 'closed', mergedAt: null });
    expect(facts('rest-pull-closed-unmerged-labeled-github3py-119.json')).toMatchObject({
      state: 'closed',
      labels: ['Request For Comments'],
      additions: 505,
      deletions: 32,
    });
    expect(facts('rest-pull-open-3-labels-hub4j-427.json').labels).toHaveLength(3);
    expect(facts('rest-pull-merged-requested-reviewer-github3py-873.json').reviewers).toEqual(['sigmavirus24']);
  });

  it('derives reviewers and the review decision from real review lists', () => {
    const reviews = (f: string) => RestReviews.parse(readGithubJson(f));
    const pull671 = RestPull.parse(readGithubJson('rest-pull-merged-github3py-671.json'));
    // Author omgjlk also commented on their own PR: not a reviewer. Comments decide nothing.
    expect(restFacts(pull671, reviews('rest-pull-reviews-github3py-671.json'))).toMatchObject({
      reviewers: ['sigmavirus24', 'itsmemattchung'],
      reviewDecision: null,
    });
    const pull6 = RestPull.parse(readGithubJson('rest-pull-closed-hub4j-6.json'));
    expect(restFacts(pull6, reviews('rest-pull-reviews-approved-hub4j-6.json'))).toMatchObject({
      reviewers: ['sahansera-test2'],
      reviewDecision: 'APPROVED',
    });
    // A review by a deleted account ("user": null) still approves, but names no reviewer.
    const pull1 = RestPull.parse(readGithubJson('rest-pull-closed-hub4j-1.json'));
    expect(restFacts(pull1, reviews('rest-pull-reviews-ghost-user-hub4j-1.json'))).toMatchObject({
      reviewers: [],
      reviewDecision: 'APPROVED',
    });
    expect(reviews('rest-pull-reviews-pending-hub4j-482.json')[0]).toMatchObject({ state: 'PENDING' });
  });
});

/** A fetch that serves recorded responses by URL and records what it was asked. */
function recordedFetch(routes: Record<string, unknown>) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
    const body = routes[url];
    if (body === undefined) return new Response('{"message":"Not Found"}', { status: 404 });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: 200 });
  }) as typeof fetch;
  return { fetchFn, calls };
}

/** A minimal DOM of artsy/emission#327 as GitHub would title it (no sidebar, no counters). */
const emissionPage = () => ({
  url: 'https://github.com/artsy/emission/pull/327/files',
  document: parseDocument(
    '<html><head><title>Adds support for showing the metadata and trending Artists to a Gene VC by orta · Pull Request #327 · artsy/emission</title>' +
      '<meta name="hostname" content="github.com"></head><body></body></html>',
  ),
});
const API = 'https://api.github.com/repos/artsy/emission/pulls/327';

describe('REST enrichment', () => {
  it('overlays the real pull and reviews on the DOM result', async () => {
    const { fetchFn, calls } = recordedFetch({
      [API]: readGithubJson('rest-pull-merged-artsy-emission-327.json'),
      [`${API}/reviews?per_page=100`]: readGithubJson('rest-pull-reviews-artsy-emission-327.json'),
    });
    const d = await extractCapture(emissionPage(), {
      now,
      fetch: fetchFn,
      github: { enrich: true, token: 'ghp_test' },
      identities: { githubLogin: 'orta' },
    });
    expect(calls.map((c) => c.url).sort()).toEqual([API, `${API}/reviews?per_page=100`]);
    expect(calls[0]?.headers['Authorization']).toBe('Bearer ghp_test');
    expect(d).toMatchObject({
      role: 'author',
      occurredOn: '2016-10-03',
      meta: {
        state: 'merged',
        author: 'orta',
        additions: 743,
        deletions: 17,
        changedFiles: 16,
        commits: 6,
        reviewers: [],
      },
      suggestedCompetencies: ['technical-leadership'], // 760 lines changed
    });
    expect(d.metrics).toContainEqual({ label: 'Lines changed', value: 760 });
  });

  it('keeps the DOM result when the API fails or answers something else', async () => {
    const dom = await extractCapture(emissionPage(), { now });
    for (const routes of [{}, { [API]: '{"not":"a pull"}' }, { [API]: 'not json' }]) {
      const { fetchFn, calls } = recordedFetch(routes);
      const d = await extractCapture(emissionPage(), { now, fetch: fetchFn, github: { enrich: true } });
      expect(calls.length).toBeGreaterThan(0);
      expect(d).toEqual(dom);
    }
    const throwing = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    expect(await extractCapture(emissionPage(), { now, fetch: throwing, github: { enrich: true } })).toEqual(dom);
  });

  it('makes no call unless enrichment is switched on', async () => {
    const { fetchFn, calls } = recordedFetch({});
    await extractCapture(emissionPage(), { now, fetch: fetchFn });
    await extractCapture(emissionPage(), { now, fetch: fetchFn, github: { enrich: false } });
    expect(calls).toEqual([]);
  });

  it('uses /api/v3 on GitHub Enterprise', () => {
    expect(apiBaseFor(new URL('https://github.com/o/r/pull/1'))).toBe('https://api.github.com');
    expect(apiBaseFor(new URL('https://github.example.corp/o/r/pull/1'))).toBe('https://github.example.corp/api/v3');
  });
});
