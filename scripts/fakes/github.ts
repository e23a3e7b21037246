/**
 * A local fake of the GitHub REST API for tests, the bench and the demo (never a real GitHub host):
 * `GET /search/issues` (qualifiers `is:pr`, `is:merged`, `author:`, `-author:`, `reviewed-by:`,
 * `merged:`, `updated:`; `per_page` ≤ 100; only the first 1,000 results; `Link` paging), `GET
 * /repos/{o}/{r}/pulls/{n}/reviews` (paged), `GET /repos/{o}/{r}/pulls/{n}` and `GET /user`. Bodies
 * have the shape of recorded responses (search items: octokit/fixtures search-issues plus the
 * documented `pull_request` object; reviews: the hub4j recordings; see tests/fixtures/SOURCES.md)
 * and real headers: `Link`, `x-ratelimit-limit/remaining/reset/used/resource`, `retry-after`,
 * `x-github-request-id`, `x-accepted-github-permissions`, `x-github-sso`. Optional: Bearer token
 * check, GitHub's limits (30 searches a minute, 5,000 requests an hour), a secondary or primary
 * rate limit at the nth request, SAML SSO on one organisation, a missing permission, malformed items.
 */
import { pullBody, reviewBody, searchItem, userBody } from './github-bodies';
import { generatePrs, type FakeData, type FakeDataOptions, type FakePr } from './github-data';
import {
  asFetch,
  json,
  serve,
  type FakeHandler,
  type FakeRequest,
  type FakeResponse,
  type RecordingFetch,
} from './http';
import { matchSearch, SearchError } from './github-search';

export { truth, type FakeData } from './github-data';
export { reviewBody, searchItem, userBody } from './github-bodies';

/** Rate limits the fake applies. Times follow the fake's clock (`now`). */
export interface FakeRateLimit {
  /** Enforce GitHub's limits: 30 searches a minute, 5,000 other requests an hour (403, remaining 0, reset). */
  enforce?: boolean;
  /** The nth request (1-based) starts a secondary limit: 403 with `retry-after: retryAfter` until it passes. */
  secondaryAt?: number;
  retryAfter?: number;
  /** The nth request starts a primary limit: 403/429 with remaining 0 and `x-ratelimit-reset` `resetIn` seconds ahead. */
  primaryAt?: number;
  resetIn?: number;
  /** Status of the primary limit answer (GitHub uses 403 and 429). */
  primaryStatus?: 403 | 429;
}

/** Options of the fake GitHub. */
export interface FakeGitHubOptions extends FakeDataOptions {
  /** When set, requests must carry `Authorization: Bearer TOKEN` (or `token TOKEN`), else 401. */
  token?: string;
  rateLimit?: FakeRateLimit;
  /** Clock of the rate limits and `reset` headers; default the real clock. */
  now?: () => Date;
  /** Review lists of this organisation's repositories answer 403 with `x-github-sso` (SAML enforcement). */
  ssoOrg?: string;
  /** Review lists answer 403 with `x-accepted-github-permissions: pull_requests=read`. */
  noPullRequestsPermission?: boolean;
  /** The first N authored search items are malformed (no `number`, a title that is not a string). */
  malformed?: number;
  /** `Link` headers point at this origin instead of the fake's own (to test that clients refuse them). */
  linkOrigin?: string;
  /** Ignore `-author:` like a misbehaving server, so the client's own check of authored PRs is tested. */
  ignoreNegatedAuthor?: boolean;
  /** Serve under `/api/v3` like GitHub Enterprise Server (node server only; the fetch form takes `apiBase`). */
  enterprise?: boolean;
}

const DOCS = 'https://docs.github.com/rest';

/** The fake's request handler for an API rooted at `apiBase`, with its data. */
export function fakeGitHubHandler(
  o: FakeGitHubOptions,
  apiBase: string,
): { handler: FakeHandler; data: FakeData; htmlBase: string } {
  const data = generatePrs(o);
  const base = new URL(apiBase);
  const basePath = base.pathname.replace(/\/+$/, '');
  const htmlBase = basePath.endsWith('/api/v3')
    ? base.origin
    : base.hostname === 'api.github.com'
      ? 'https://github.com'
      : base.origin;
  const byKey = new Map(data.prs.map((p) => [`${p.repo}#${p.number}`, p]));
  const now = o.now ?? (() => new Date());
  const rl = o.rateLimit ?? {};
  let n = 0;
  let limitedUntil = 0;
  let limitKind: 'secondary' | 'primary' | undefined;
  const windows = { search: { start: 0, used: 0 }, core: { start: 0, used: 0 } };

  const rateHeaders = (resource: 'search' | 'core', nowS: number) => {
    const w = windows[resource];
    const length = resource === 'search' ? 60 : 3600;
    if (nowS >= w.start + length) Object.assign(w, { start: nowS, used: 0 });
    const limit = resource === 'search' ? 30 : 5000;
    return {
      limit,
      w,
      reset: w.start + length,
      headers: (used: number) => ({
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(Math.max(0, limit - used)),
        'x-ratelimit-reset': String(w.start + length),
        'x-ratelimit-used': String(used),
        'x-ratelimit-resource': resource,
      }),
    };
  };

  const handler: FakeHandler = (req: FakeRequest): FakeResponse => {
    n++;
    const nowMs = now().getTime();
    const nowS = Math.floor(nowMs / 1000);
    const common = {
      'x-github-request-id': `FA4E:${(0x1000 + n).toString(16).toUpperCase()}:${(n * 7919).toString(16).toUpperCase()}:${(n * 104729).toString(16).toUpperCase()}:${nowS.toString(16).toUpperCase()}`,
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'access-control-expose-headers':
        'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset',
    };
    const path = req.url.pathname.startsWith(basePath) ? req.url.pathname.slice(basePath.length) : null;
    if (path === null || req.method !== 'GET')
      return json(404, { message: 'Not Found', documentation_url: DOCS, status: '404' }, common);

    // Authentication.
    if (o.token) {
      const auth = req.headers.get('authorization') ?? '';
      const given = /^(?:Bearer|token)\s+(.+)$/i.exec(auth)?.[1];
      if (!given)
        return json(401, { message: 'Requires authentication', documentation_url: DOCS, status: '401' }, common);
      if (given !== o.token)
        return json(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' }, common);
    }

    // Rate limits.
    const resource = path === '/search/issues' ? 'search' : 'core';
    const rate = rateHeaders(resource, nowS);
    if (rl.secondaryAt === n) [limitedUntil, limitKind] = [nowMs + (rl.retryAfter ?? 60) * 1000, 'secondary'];
    if (rl.primaryAt === n) [limitedUntil, limitKind] = [nowMs + (rl.resetIn ?? 3600) * 1000, 'primary'];
    if (nowMs < limitedUntil && limitKind === 'secondary')
      return json(
        403,
        {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
        },
        { ...common, ...rate.headers(rate.w.used), 'retry-after': String(Math.ceil((limitedUntil - nowMs) / 1000)) },
      );
    if (nowMs < limitedUntil && limitKind === 'primary')
      return json(
        rl.primaryStatus ?? 403,
        {
          message: 'API rate limit exceeded for user ID 1.',
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
        },
        {
          ...common,
          ...rate.headers(rate.limit),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(limitedUntil / 1000)),
        },
      );
    if (rl.enforce && rate.w.used >= rate.limit)
      return json(
        403,
        {
          message: 'API rate limit exceeded for user ID 1.',
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
        },
        { ...common, ...rate.headers(rate.w.used) },
      );
    rate.w.used++;
    const headers = { ...common, ...rate.headers(rate.w.used) };

    if (path === '/user') return json(200, userBody(o.login, htmlBase, apiBase, true), headers);
    if (path === '/search/issues') return search(req.url, headers);
    const reviews = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/.exec(path);
    if (reviews) return reviewList(req.url, `${reviews[1]}/${reviews[2]}`, Number(reviews[3]), headers);
    const pull = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/.exec(path);
    if (pull) {
      const pr = byKey.get(`${pull[1]}/${pull[2]}#${pull[3]}`);
      return pr
        ? json(200, pullBody(pr, htmlBase, apiBase), headers)
        : json(
            404,
            { message: 'Not Found', documentation_url: `${DOCS}/pulls/pulls#get-a-pull-request`, status: '404' },
            headers,
          );
    }
    return json(404, { message: 'Not Found', documentation_url: DOCS, status: '404' }, headers);
  };

  /** `Link` header of page `page` of `last`, GitHub's order: prev, next, last, first. */
  const linkFor = (url: URL, page: number, last: number): string | undefined => {
    if (last <= 1) return undefined;
    const at = (p: number) => {
      const u = new URL(url.href.replace(base.origin, o.linkOrigin ?? base.origin));
      u.searchParams.set('page', String(p));
      return `<${u.href}>`;
    };
    const parts: string[] = [];
    if (page > 1) parts.push(`${at(page - 1)}; rel="prev"`);
    if (page < last) parts.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
    if (page > 1) parts.push(`${at(1)}; rel="first"`);
    return parts.join(', ');
  };

  const paging = (url: URL) => {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    return { perPage, page };
  };

  const search = (url: URL, headers: Record<string, string>): FakeResponse => {
    let matches: FakePr[];
    try {
      matches = matchSearch(data, url.searchParams.get('q') ?? '', {
        ignoreNegatedAuthor: o.ignoreNegatedAuthor === true,
      });
    } catch (e) {
      if (e instanceof SearchError)
        return json(
          422,
          {
            message: 'Validation Failed',
            errors: [{ message: e.message, resource: 'Search', field: 'q', code: 'invalid' }],
            documentation_url: `${DOCS}/search/search#search-issues-and-pull-requests`,
            status: '422',
          },
          headers,
        );
      throw e;
    }
    const { perPage, page } = paging(url);
    const reachable = Math.min(matches.length, 1000);
    if ((page - 1) * perPage >= 1000)
      return json(
        422,
        {
          message: 'Only the first 1000 search results are available',
          documentation_url: `${DOCS}/search/search`,
          status: '422',
        },
        headers,
      );
    const slice = matches.slice((page - 1) * perPage, Math.min(page * perPage, reachable));
    const items = slice.map((pr, i) => {
      const item = searchItem(pr, htmlBase, apiBase);
      const index = (page - 1) * perPage + i;
      return index < (o.malformed ?? 0) && pr.author === o.login ? { ...item, number: undefined, title: 42 } : item;
    });
    const link = linkFor(url, page, Math.ceil(reachable / perPage));
    return json(
      200,
      { total_count: matches.length, incomplete_results: false, items },
      link ? { ...headers, link } : headers,
    );
  };

  const reviewList = (url: URL, repo: string, number: number, headers: Record<string, string>): FakeResponse => {
    const org = repo.split('/')[0];
    if (o.ssoOrg && org === o.ssoOrg)
      return json(
        403,
        {
          message:
            'Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.',
          documentation_url:
            'https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/',
          status: '403',
        },
        { ...headers, 'x-github-sso': `required; url=${htmlBase}/orgs/${org}/sso?authorization_request=FAKE1234` },
      );
    if (o.noPullRequestsPermission)
      return json(
        403,
        {
          message: 'Resource not accessible by personal access token',
          documentation_url: `${DOCS}/pulls/reviews#list-reviews-for-a-pull-request`,
          status: '403',
        },
        { ...headers, 'x-accepted-github-permissions': 'pull_requests=read' },
      );
    const pr = byKey.get(`${repo}#${number}`);
    if (!pr)
      return json(
        404,
        {
          message: 'Not Found',
          documentation_url: `${DOCS}/pulls/reviews#list-reviews-for-a-pull-request`,
          status: '404',
        },
        headers,
      );
    const { perPage, page } = paging(url);
    // A PENDING review is visible to its author only: the fake answers as the user.
    const visible = pr.reviews.filter((r) => r.state !== 'PENDING' || r.user === o.login);
    const slice = visible.slice((page - 1) * perPage, page * perPage);
    const link = linkFor(url, page, Math.ceil(visible.length / perPage));
    return json(
      200,
      slice.map((r) => reviewBody(r, pr, htmlBase, apiBase)),
      link ? { ...headers, link } : headers,
    );
  };

  return { handler, data, htmlBase };
}

/** Options of the fetch form: where the API is rooted (default `https://api.github.com`). */
export interface FakeGitHubFetchOptions extends FakeGitHubOptions {
  apiBase?: string;
}

/** The fake as an in-process `fetch` (for unit tests and the bench), with its data and request log. */
export function fakeGitHubFetch(
  o: FakeGitHubFetchOptions,
): RecordingFetch & { data: FakeData; htmlBase: string; apiBase: string } {
  const apiBase = (o.apiBase ?? 'https://api.github.com').replace(/\/+$/, '');
  const { handler, data, htmlBase } = fakeGitHubHandler(o, apiBase);
  return Object.assign(asFetch(handler, apiBase), { data, htmlBase, apiBase });
}

/** Starts the fake on `127.0.0.1:port`; `url` is the apiBase to give the importer. */
export async function startFakeGitHub(
  o: FakeGitHubOptions & { port: number },
): Promise<{ url: string; requests: () => number; close: () => Promise<void>; data: FakeData; htmlBase: string }> {
  let impl: FakeHandler | undefined;
  const server = await serve((req) => impl!(req), o.port);
  const url = `${server.origin}${o.enterprise ? '/api/v3' : ''}`;
  const made = fakeGitHubHandler(o, url);
  impl = made.handler;
  return { url, requests: server.requests, close: server.close, data: made.data, htmlBase: made.htmlBase };
}
