/**
 * importHistory against the in-process fake GitHub (scripts/fakes/github.ts, real body shapes and
 * headers): a year of authored and reviewed PRs, window splitting past 1,000 results, both kinds of
 * rate limit, resume, abort, Enterprise apiBase, where the token goes, and the review rules.
 */
import { describe, expect, it } from 'vitest';
import { Candidate, type ImportResult } from '../../../shared/import';
import { importHistory } from '../../../extension/importers';
import { fakeGitHubFetch, truth } from '../../../scripts/fakes/github';
import { minimumRequests } from '../../../scripts/fakes/github-data';
import { asFetch, json } from '../../../scripts/fakes/http';
import { testClock } from './clock';

const LOGIN = 'casey-dev';
const TOKEN = 'github_pat_11TESTTOKEN';
const RANGE = { from: '2025-12-01', to: '2026-11-30' } as const;
const request = (extra: Record<string, unknown> = {}) =>
  ({ source: 'github', login: LOGIN, token: TOKEN, ...RANGE, ...extra }) as const;

/** The candidates of `r` by reason, as comparable rows. */
function rows(r: ImportResult) {
  const authored = r.candidates
    .filter((c) => c.reason === 'authored')
    .map((c) => ({ url: c.url, occurredOn: c.occurredOn }));
  const reviewed = r.candidates
    .filter((c) => c.reason === 'reviewed')
    .map((c) => ({ url: c.url, occurredOn: c.occurredOn, reviews: c.metrics[0]?.value }));
  const byUrl = (a: { url: string }, b: { url: string }) => a.url.localeCompare(b.url);
  return { authored: authored.sort(byUrl), reviewed: reviewed.sort(byUrl) };
}

function expected(fake: ReturnType<typeof fakeGitHubFetch>) {
  const t = truth(fake.data, fake.htmlBase);
  const byUrl = (a: { url: string }, b: { url: string }) => a.url.localeCompare(b.url);
  return { authored: t.authored.sort(byUrl), reviewed: t.reviewed.sort(byUrl) };
}

describe('importHistory: GitHub', () => {
  it('imports a year of merged and reviewed PRs exactly, with no more requests than pages need', async () => {
    const clock = testClock();
    const fake = fakeGitHubFetch({ login: LOGIN, authored: 150, reviewed: 60, token: TOKEN, now: clock.now });
    const r = await importHistory(request(), { fetch: fake, now: clock.now, sleep: clock.sleep });
    expect(r.errors).toEqual([]);
    expect(r.complete).toBe(true);
    expect(r.resume).toBeUndefined();
    expect(rows(r)).toEqual(expected(fake));
    expect(r.candidates).toHaveLength(210);
    for (const c of r.candidates) expect(Candidate.safeParse(c).success).toBe(true);
    const pr = r.candidates.find((c) => c.reason === 'authored')!;
    expect(pr).toMatchObject({
      source: 'github-pr',
      kind: 'pull-request',
      role: 'author',
      meta: { state: 'merged', author: LOGIN },
    });
    const review = r.candidates.find((c) => c.reason === 'reviewed')!;
    expect(review).toMatchObject({ kind: 'code-review', role: 'reviewer', metrics: [{ label: 'Reviews' }] });
    expect(review.suggestedCompetencies).toContain('multiplier');
    expect(r.requests).toBe(fake.requests());
    expect(r.requests).toBe(minimumRequests(fake.data).total);
    expect(fake.log.every((l) => l.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('splits the date range past 1,000 results and returns every PR once', async () => {
    const clock = testClock();
    const fake = fakeGitHubFetch({ login: LOGIN, authored: 2300, reviewed: 0, extras: false, now: clock.now });
    const r = await importHistory(request({ include: ['authored'] }), {
      fetch: fake,
      now: clock.now,
      sleep: clock.sleep,
    });
    expect(r.complete).toBe(true);
    expect(r.candidates).toHaveLength(2300);
    expect(new Set(r.candidates.map((c) => c.url)).size).toBe(2300);
    expect(rows(r).authored).toEqual(expected(fake).authored);
    const searches = fake.log.map((l) => new URL(l.url)).filter((u) => u.pathname === '/search/issues');
    expect(
      searches.some((u) =>
        (u.searchParams.get('q') ?? '').includes('merged:2025-12-01T00:00:00Z..2026-11-30T23:59:59Z'),
      ),
    ).toBe(true);
    expect(searches.every((u) => Number(u.searchParams.get('page') ?? 1) <= 10)).toBe(true);
    expect(r.requests).toBeLessThanOrEqual(minimumRequests(fake.data).total + 3);
  });

  it('waits out a short secondary rate limit (retry-after) through the injected sleep', async () => {
    const clock = testClock();
    const fake = fakeGitHubFetch({
      login: LOGIN,
      authored: 120,
      reviewed: 10,
      now: clock.now,
      rateLimit: { secondaryAt: 2, retryAfter: 30 },
    });
    const r = await importHistory(request(), { fetch: fake, now: clock.now, sleep: clock.sleep });
    expect(clock.slept).toEqual([30_000]);
    expect(r.complete).toBe(true);
    expect(rows(r)).toEqual(expected(fake));
  });

  it('waits out a short primary limit (429, remaining 0, reset 20 s ahead)', async () => {
    const clock = testClock();
    const fake = fakeGitHubFetch({
      login: LOGIN,
      authored: 50,
      reviewed: 10,
      now: clock.now,
      rateLimit: { primaryAt: 3, resetIn: 20, primaryStatus: 429 },
    });
    const r = await importHistory(request(), { fetch: fake, now: clock.now, sleep: clock.sleep });
    expect(clock.slept).toEqual([20_000]);
    expect(r.complete).toBe(true);
    expect(rows(r)).toEqual(expected(fake));
  });

  it('stops on a long limit with a resume cursor; resuming completes with no duplicates and nothing lost', async () => {
    const clock = testClock();
    const fake = fakeGitHubFetch({
      login: LOGIN,
      authored: 250,
      reviewed: 40,
      now: clock.now,
      rateLimit: { primaryAt: 6, resetIn: 3600 },
    });
    const first = await importHistory(request(), { fetch: fake, now: clock.now, sleep: clock.sleep });
    expect(first.complete).toBe(false);
    expect(first.resume).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(first.errors.map((e) => e.code)).toEqual(['rate_limited']);
    expect(first.candidates.length).toBeGreaterThan(0);
    expect(clock.slept).toEqual([]);
    clock.advance(3601_000);
    const second = await importHistory(request({ resume: first.resume }), {
      fetch: fake,
      now: clock.now,
      sleep: clock.sleep,
    });
    expect(second.complete).toBe(true);
    const all = { ...first, candidates: [...first.candidates, ...second.candidates] };
    expect(new Set(all.candidates.map((c) => `${c.reason}:${c.url}`)).size).toBe(all.candidates.length);
    expect(rows(all)).toEqual(expected(fake));
  });

  it('refuses a resume cursor of another request', async () => {
    const clock = testClock();
    const fake = fakeGitHubFetch({
      login: LOGIN,
      authored: 250,
      reviewed: 0,
      now: clock.now,
      rateLimit: { primaryAt: 2, resetIn: 3600 },
    });
    const first = await importHistory(request(), { fetch: fake, now: clock.now, sleep: clock.sleep });
    const other = await importHistory(request({ from: '2026-01-01', resume: first.resume }), {
      fetch: fake,
      now: clock.now,
    });
    expect(other.errors[0]?.code).toBe('invalid_query');
    expect(other.requests).toBe(0);
  });

  it('stops on abort with a resume cursor that completes the import', async () => {
    const clock = testClock();
    const fake = fakeGitHubFetch({ login: LOGIN, authored: 300, reviewed: 30, now: clock.now });
    const controller = new AbortController();
    const first = await importHistory(request(), {
      fetch: fake,
      now: clock.now,
      sleep: clock.sleep,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done >= 100) controller.abort();
      },
    });
    expect(first.complete).toBe(false);
    expect(first.errors).toEqual([]);
    expect(first.candidates.length).toBe(100);
    const second = await importHistory(request({ resume: first.resume }), {
      fetch: fake,
      now: clock.now,
      sleep: clock.sleep,
    });
    expect(second.complete).toBe(true);
    expect(rows({ ...second, candidates: [...first.candidates, ...second.candidates] })).toEqual(expected(fake));
  });

  it('works against GitHub Enterprise Server through apiBase and sends the token nowhere else', async () => {
    const clock = testClock();
    const apiBase = 'https://ghe.example.com/api/v3';
    const fake = fakeGitHubFetch({ login: LOGIN, authored: 30, reviewed: 12, token: TOKEN, apiBase, now: clock.now });
    const r = await importHistory(request({ apiBase }), { fetch: fake, now: clock.now, sleep: clock.sleep });
    expect(r.errors).toEqual([]);
    expect(rows(r)).toEqual(expected(fake));
    expect(
      r.candidates.every(
        (c) =>
          c.url.startsWith('https://ghe.example.com/casebook-demo/') ||
          c.url.startsWith('https://ghe.example.com/partner-co/'),
      ),
    ).toBe(true);
    expect(fake.log.every((l) => l.url.startsWith(`${apiBase}/`))).toBe(true);
    expect(fake.foreign).toEqual([]);
  });

  it('refuses a Link header pointing at another host: the token never leaves apiBase', async () => {
    const clock = testClock();
    const fake = fakeGitHubFetch({
      login: LOGIN,
      authored: 250,
      reviewed: 0,
      token: TOKEN,
      now: clock.now,
      linkOrigin: 'https://collector.example',
    });
    const r = await importHistory(request({ include: ['authored'] }), {
      fetch: fake,
      now: clock.now,
      sleep: clock.sleep,
    });
    expect(fake.foreign).toEqual([]);
    expect(fake.log.every((l) => l.url.startsWith('https://api.github.com/'))).toBe(true);
    expect(r.candidates).toHaveLength(100); // the first page; the rest was behind the refused link
    expect(r.errors[0]?.message).toContain('https://collector.example');
  });

  it('counts reviews by the rules: pending, out of range, own PRs, deleted users, paged lists', async () => {
    const clock = testClock();
    // ignoreNegatedAuthor: the server also returns the user's own PRs, which must still be left out.
    const fake = fakeGitHubFetch({
      login: LOGIN,
      authored: 20,
      reviewed: 80,
      now: clock.now,
      ignoreNegatedAuthor: true,
    });
    const r = await importHistory(request({ include: ['reviewed'] }), {
      fetch: fake,
      now: clock.now,
      sleep: clock.sleep,
    });
    const got = rows(r).reviewed;
    expect(got).toEqual(expected(fake).reviewed);
    expect(got).toHaveLength(80);
    const byUrl = new Map(got.map((g) => [g.url, g]));
    const me = LOGIN.toLowerCase();
    const urlOf = (p: { repo: string; number: number }) => `${fake.htmlBase}/${p.repo}/pull/${p.number}`;
    const own = fake.data.prs.filter((p) => p.author === LOGIN && p.reviews.some((x) => x.user === me));
    const pendingOnly = fake.data.prs.filter((p) => {
      const mine = p.reviews.filter((x) => x.user === me);
      return mine.length > 0 && mine.every((x) => x.state === 'PENDING');
    });
    expect(own.length).toBeGreaterThan(0);
    expect(pendingOnly.length).toBe(3);
    expect([...own, ...pendingOnly].filter((p) => byUrl.has(urlOf(p)))).toEqual([]);
    // The PR with 130+ reviews has the user's reviews on its second page.
    const long = fake.data.prs.find((p) => p.reviews.length > 100)!;
    expect(byUrl.get(`${fake.htmlBase}/${long.repo}/pull/${long.number}`)?.reviews).toBeGreaterThan(0);
    expect(fake.log.some((l) => l.url.includes(`/pulls/${long.number}/reviews`) && l.url.includes('page=2'))).toBe(
      true,
    );
    // Out of range both ways: reviewed before `from` or after `to` only.
    const outside = fake.data.prs.filter((p) =>
      p.reviews.some(
        (x) => x.user === me && x.submittedAt && (x.submittedAt < '2025-12-01' || x.submittedAt > '2026-12'),
      ),
    );
    expect(outside.length).toBe(5);
    for (const p of outside) expect(byUrl.has(`${fake.htmlBase}/${p.repo}/pull/${p.number}`)).toBe(false);
  });

  it('reports a revoked token (401) and stops GitHub', async () => {
    const fake = fakeGitHubFetch({ login: LOGIN, authored: 10, reviewed: 10, token: 'another' });
    const r = await importHistory(request(), { fetch: fake });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ source: 'github', code: 'unauthorized' });
    expect(r.errors[0]!.message).toMatch(/expired or (was )?revoked/);
    expect(r.candidates).toEqual([]);
    expect(r.requests).toBe(1);
  });

  it('reports a missing permission (403 x-accepted-github-permissions) and keeps the authored PRs', async () => {
    const fake = fakeGitHubFetch({ login: LOGIN, authored: 10, reviewed: 10, noPullRequestsPermission: true });
    const r = await importHistory(request(), { fetch: fake });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'forbidden' });
    expect(r.errors[0]!.fix).toContain('pull_requests=read');
    expect(r.candidates.filter((c) => c.reason === 'authored')).toHaveLength(10);
  });

  it('reports SAML SSO enforcement (403 x-github-sso) with the authorisation URL', async () => {
    const fake = fakeGitHubFetch({ login: LOGIN, authored: 10, reviewed: 10, ssoOrg: 'partner-co' });
    const r = await importHistory(request(), { fetch: fake });
    expect(r.errors[0]).toMatchObject({ code: 'sso_required' });
    expect(r.errors[0]!.message).toContain('authorise the token for the organisation');
    expect(r.errors[0]!.fix).toContain('https://github.com/orgs/partner-co/sso?authorization_request=');
    expect(r.candidates.filter((c) => c.reason === 'authored')).toHaveLength(10);
  });

  it('reports a 422 from search (unknown user) for each part', async () => {
    const fake = fakeGitHubFetch({ login: LOGIN, authored: 5, reviewed: 5 });
    const r = await importHistory(request({ login: 'no-such-user' }), { fetch: fake });
    expect(r.errors.map((e) => e.code)).toEqual(['invalid_query', 'invalid_query']);
    expect(r.errors[0]!.message).toContain('cannot be searched');
    expect(r.complete).toBe(true);
  });

  it('skips and counts malformed search items; the rest are imported', async () => {
    const fake = fakeGitHubFetch({ login: LOGIN, authored: 40, reviewed: 0, malformed: 3 });
    const r = await importHistory(request({ include: ['authored'] }), { fetch: fake });
    expect(r.skipped).toBe(3);
    expect(r.candidates).toHaveLength(37);
    expect(r.errors).toEqual([]);
  });
});

describe('importHistory: GitHub network trouble', () => {
  it('tries a 503 again, and stops with a resume cursor when the network fails', async () => {
    const clock = testClock();
    const fake = fakeGitHubFetch({ login: LOGIN, authored: 150, reviewed: 0, now: clock.now });
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1) return new Response('<html>503 Service Unavailable</html>', { status: 503 });
      if (calls === 3) throw new TypeError('fetch failed');
      return fake(input, init);
    };
    const first = await importHistory(request({ include: ['authored'] }), {
      fetch: flaky,
      now: clock.now,
      sleep: clock.sleep,
    });
    expect(clock.slept).toEqual([1000]);
    expect(first.complete).toBe(false);
    expect(first.errors.map((e) => e.code)).toEqual(['network']);
    expect(first.candidates).toHaveLength(100);
    const second = await importHistory(request({ include: ['authored'], resume: first.resume }), {
      fetch: fake,
      now: clock.now,
    });
    expect(second.complete).toBe(true);
    expect(new Set([...first.candidates, ...second.candidates].map((c) => c.url)).size).toBe(150);
  });
});

describe("importHistory: GitHub's own limits", () => {
  it('waits for the search reset when 30 searches a minute are used up, without spending a refused request', async () => {
    const clock = testClock();
    const fake = fakeGitHubFetch({
      login: LOGIN,
      authored: 3500,
      reviewed: 0,
      extras: false,
      now: clock.now,
      rateLimit: { enforce: true },
    });
    const r = await importHistory(request({ include: ['authored'] }), {
      fetch: fake,
      now: clock.now,
      sleep: clock.sleep,
    });
    expect(r.complete).toBe(true);
    expect(r.errors).toEqual([]);
    expect(new Set(r.candidates.map((c) => c.url)).size).toBe(3500);
    expect(clock.slept.length).toBeGreaterThan(0);
    expect(clock.slept.every((ms) => ms > 0 && ms <= 60_000)).toBe(true);
    // Every request was answered 200: the importer waited before the 31st search instead of being refused.
    expect(fake.log.filter((l) => l.status !== 200)).toEqual([]);
    expect(r.requests).toBe(fake.requests());
    expect(r.requests).toBeLessThanOrEqual(minimumRequests(fake.data).total + 5);
  });
});

describe('importHistory: GitHub incomplete results', () => {
  it('splits windows that time out down to one day, then reports what may be missing', async () => {
    const timedOut = asFetch(
      () => json(200, { total_count: 0, incomplete_results: true, items: [] }),
      'https://api.github.com',
    );
    const r = await importHistory(
      { source: 'github', login: LOGIN, from: '2026-01-01', to: '2026-01-04', include: ['authored'] },
      { fetch: timedOut },
    );
    expect(r.complete).toBe(true);
    expect(r.requests).toBe(7); // 4 days: the range, two halves, four days
    expect(r.errors).toHaveLength(4);
    expect(r.errors[0]!.message).toContain('incomplete results');
  });
});
