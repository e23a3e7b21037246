/**
 * The importer on recorded GitHub responses (tests/fixtures/github: the hub4j and github3.py review
 * lists, the octokit/fixtures search page), the fake's bodies checked against the recorded shapes,
 * and the fake servers over real HTTP on 127.0.0.1 (ports 8840-8849).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GithubSearchPage, GithubUser } from '../../../shared/import';
import { checkGithubToken, checkJiraSession, importHistory } from '../../../extension/importers';
import { RestReview } from '../../../extension/extractors/github-pr/rest';
import { asFetch, json } from '../../../scripts/fakes/http';
import { fakeGitHubFetch, reviewBody, searchItem, startFakeGitHub, userBody } from '../../../scripts/fakes/github';
import { fakeJiraFetch, startFakeJira } from '../../../scripts/fakes/jira';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/github/${name}`, import.meta.url), 'utf8'));
const keysOf = (o: unknown) => Object.keys(o as object).sort();

/** A GitHub that answers one search item for `pr` and the recorded review list `reviews`. */
function recordedGitHub(repo: string, number: number, author: string, reviews: unknown) {
  return asFetch((req) => {
    if (req.url.pathname === '/search/issues') {
      const q = req.url.searchParams.get('q') ?? '';
      if (!q.includes('reviewed-by:')) return json(200, { total_count: 0, incomplete_results: false, items: [] });
      const item = {
        number,
        title: `PR ${number}`,
        html_url: `https://github.com/${repo}/pull/${number}`,
        repository_url: `https://api.github.com/repos/${repo}`,
        user: { login: author },
        state: 'closed',
        created_at: '2021-10-01T00:00:00Z',
        updated_at: '2021-11-30T00:00:00Z',
        closed_at: '2021-11-30T00:00:00Z',
        pull_request: { html_url: `https://github.com/${repo}/pull/${number}`, merged_at: null },
      };
      return json(200, { total_count: 1, incomplete_results: false, items: [item] });
    }
    if (req.url.pathname === `/repos/${repo}/pulls/${number}/reviews`) return json(200, reviews);
    return json(404, { message: 'Not Found' });
  }, 'https://api.github.com');
}

const reviewed = (login: string) =>
  ({ source: 'github', login, from: '2021-01-01', to: '2021-12-31', include: ['reviewed'] }) as const;

describe('importHistory on recorded GitHub responses', () => {
  it('counts the recorded APPROVED review (hub4j #6) on its day', async () => {
    const f = recordedGitHub(
      'hub4j-test-org/github-api',
      6,
      'bitwiseman',
      fixture('rest-pull-reviews-approved-hub4j-6.json'),
    );
    const r = await importHistory(reviewed('sahansera-test2'), { fetch: f });
    expect(r.candidates).toHaveLength(1);
    expect(r.candidates[0]).toMatchObject({ occurredOn: '2021-11-23', metrics: [{ label: 'Reviews', value: 1 }] });
  });

  it('ignores the recorded review of a deleted account (user: null) and a PENDING one', async () => {
    const ghost = recordedGitHub(
      'hub4j-test-org/github-api',
      1,
      'bitwiseman',
      fixture('rest-pull-reviews-ghost-user-hub4j-1.json'),
    );
    expect((await importHistory(reviewed('bitwiseman'), { fetch: ghost })).candidates).toEqual([]);
    const pending = recordedGitHub(
      'hub4j-test-org/github-api',
      482,
      'bitwiseman',
      fixture('rest-pull-reviews-pending-hub4j-482.json'),
    );
    const r = await importHistory(reviewed('maximevw'), { fetch: pending });
    expect(r.candidates).toEqual([]);
    expect(r.skipped).toBe(0);
  });

  it('counts several recorded COMMENTED reviews by one reviewer (github3.py #671)', async () => {
    const list = fixture('rest-pull-reviews-github3py-671.json') as {
      user: { login: string } | null;
      submitted_at?: string;
    }[];
    const login = list[0]!.user!.login;
    const mine = list.filter((x) => x.user?.login === login);
    const f = recordedGitHub('sigmavirus24/github3.py', 671, 'someone-else', list);
    const year = mine[0]!.submitted_at!.slice(0, 4);
    const r = await importHistory({ ...reviewed(login), from: `${year}-01-01`, to: `${year}-12-31` }, { fetch: f });
    expect(r.candidates[0]?.metrics).toEqual([{ label: 'Reviews', value: mine.length }]);
    expect(r.candidates[0]?.occurredOn).toBe(
      mine
        .map((x) => x.submitted_at!)
        .sort()[0]!
        .slice(0, 10),
    );
  });

  it('parses the recorded search page and skips its issues (not PRs)', async () => {
    const page = GithubSearchPage.parse(fixture('rest-search-issues-octokit-fixtures.json'));
    const f = asFetch(() => json(200, page), 'https://api.github.com');
    const r = await importHistory(
      {
        source: 'github',
        login: 'octokit-fixture-user-a',
        from: '2017-01-01',
        to: '2017-12-31',
        include: ['authored'],
      },
      { fetch: f },
    );
    expect(r.candidates).toEqual([]);
    expect(r.skipped).toBe(2);
  });

  it('serves bodies shaped like the recorded ones', () => {
    const fake = fakeGitHubFetch({ login: 'casey-dev', authored: 3, reviewed: 3 });
    const pr = fake.data.prs[0]!;
    const recordedItem = (fixture('rest-search-issues-octokit-fixtures.json') as { items: unknown[] }).items[0];
    const item = searchItem(pr, fake.htmlBase, fake.apiBase);
    // Every key of the recorded issue item, plus what GitHub adds for PRs.
    expect(keysOf(item)).toEqual([...keysOf(recordedItem), 'draft', 'pull_request'].sort());
    expect(keysOf((recordedItem as { user: unknown }).user)).toEqual(
      keysOf(userBody('x', fake.htmlBase, fake.apiBase)),
    );
    const recordedReview = (fixture('rest-pull-reviews-approved-hub4j-6.json') as unknown[])[0];
    const review = reviewBody(pr.reviews[0]!, pr, fake.htmlBase, fake.apiBase);
    expect(keysOf(review)).toEqual(keysOf(recordedReview));
    expect(RestReview.parse(review).state).toBe(pr.reviews[0]!.state);
  });
});

describe('fake servers over HTTP', () => {
  it('serves the fake GitHub (Enterprise layout) on 127.0.0.1 with a token check', async () => {
    const gh = await startFakeGitHub({
      port: 8841,
      login: 'casey-dev',
      authored: 40,
      reviewed: 10,
      token: 't0k',
      enterprise: true,
    });
    try {
      expect(gh.url).toBe('http://127.0.0.1:8841/api/v3');
      const user = await fetch(`${gh.url}/user`, { headers: { Authorization: 'Bearer t0k' } });
      expect(GithubUser.parse(await user.json()).login).toBe('casey-dev');
      expect(user.headers.get('x-ratelimit-resource')).toBe('core');
      expect((await fetch(`${gh.url}/user`)).status).toBe(401);
      const r = await importHistory({
        source: 'github',
        login: 'casey-dev',
        token: 't0k',
        apiBase: gh.url,
        from: '2025-12-01',
        to: '2026-11-30',
      });
      expect(r.errors).toEqual([]);
      expect(r.candidates.filter((c) => c.reason === 'authored')).toHaveLength(40);
      expect(r.candidates.filter((c) => c.reason === 'reviewed')).toHaveLength(10);
      expect(r.requests).toBe(gh.requests() - 2);
    } finally {
      await gh.close();
    }
  });

  it('serves the fake Jira (Server layout) on 127.0.0.1', async () => {
    const jira = await startFakeJira({ port: 8842, deployment: 'server', assigned: 30 });
    try {
      expect(jira.url).toBe('http://127.0.0.1:8842');
      const r = await importHistory({ source: 'jira', origin: jira.url, from: '2025-12-01', to: '2026-11-30' });
      expect(r.errors).toEqual([]);
      expect(r.candidates).toHaveLength(30);
    } finally {
      await jira.close();
    }
  });
});

describe('connection checks', () => {
  it('reads the login from a GitHub token and reports a revoked one', async () => {
    const fake = fakeGitHubFetch({
      login: 'casey-dev',
      authored: 1,
      reviewed: 1,
      token: 'good',
      apiBase: 'https://ghe.example.com/api/v3',
    });
    const ok = await checkGithubToken({ token: 'good', apiBase: 'https://ghe.example.com/api/v3' }, { fetch: fake });
    expect(ok).toEqual({ ok: true, login: 'casey-dev', name: 'casey dev' });
    const bad = await checkGithubToken({ token: 'bad', apiBase: 'https://ghe.example.com/api/v3' }, { fetch: fake });
    expect(bad).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(fake.log.map((l) => l.url)).toEqual([
      'https://ghe.example.com/api/v3/user',
      'https://ghe.example.com/api/v3/user',
    ]);
  });

  it('reads who is signed in to Jira, or says to sign in', async () => {
    const fake = fakeJiraFetch({ assigned: 1 });
    expect(await checkJiraSession(fake.origin, { fetch: fake })).toMatchObject({ ok: true, name: 'Casey Dev' });
    const out = fakeJiraFetch({ assigned: 1, loginPage: true });
    const r = await checkJiraSession(out.origin, { fetch: out });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_json' } });
    expect(r.ok ? '' : r.error.message).toContain('sign in to casebook-demo.atlassian.net in a tab');
  });
});

describe('hostile search items', () => {
  it('skips and counts items whose URL is not an http(s) PR, never throwing', async () => {
    const item = (n: number, html_url: string) => ({
      number: n,
      title: `PR ${n}`,
      html_url,
      repository_url: 'https://api.github.com/repos/o/r',
      user: { login: 'casey-dev' },
      state: 'closed',
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-02T00:00:00Z',
      closed_at: '2026-01-02T00:00:00Z',
      pull_request: { merged_at: '2026-01-02T00:00:00Z' },
    });
    const items = [
      item(1, 'ftp://github.com/o/r/pull/1'),
      item(2, 'javascript:alert(1)//github.com/o/r/pull/2'),
      item(3, 'https://github.com/o/r/issues/3'),
      item(4, 'https://github.com/o/r/pull/4/files#diff'),
    ];
    const f = asFetch(() => json(200, { total_count: 4, incomplete_results: false, items }), 'https://api.github.com');
    const r = await importHistory(
      { source: 'github', login: 'casey-dev', from: '2026-01-01', to: '2026-01-31', include: ['authored'] },
      { fetch: f },
    );
    expect(r.skipped).toBe(3);
    expect(r.candidates.map((c) => c.url)).toEqual(['https://github.com/o/r/pull/4']);
  });

  it('returns a PR found twice (pages shifted between requests) once', async () => {
    const same = {
      number: 7,
      title: 'PR 7',
      html_url: 'https://github.com/o/r/pull/7',
      repository_url: 'https://api.github.com/repos/o/r',
      user: { login: 'casey-dev' },
      state: 'closed',
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-02T00:00:00Z',
      closed_at: '2026-01-02T00:00:00Z',
      pull_request: { merged_at: '2026-01-02T00:00:00Z' },
    };
    const f = asFetch((req) => {
      const page = req.url.searchParams.get('page') ?? '1';
      const next = `<https://api.github.com/search/issues?q=x&per_page=100&page=2>; rel="next"`;
      return json(
        200,
        { total_count: 2, incomplete_results: false, items: [same] },
        page === '1' ? { link: next } : {},
      );
    }, 'https://api.github.com');
    const r = await importHistory(
      { source: 'github', login: 'casey-dev', from: '2026-01-01', to: '2026-01-31', include: ['authored'] },
      { fetch: f },
    );
    expect(r.requests).toBe(2);
    expect(r.candidates).toHaveLength(1);
  });
});
