/**
 * HTTP plumbing shared by the importers (docs/DESIGN.md "History import and the inbox"): the run's
 * injected fetch, clock and sleep, request counting, `Link` header parsing, GitHub rate-limit
 * handling (short waits through the injected sleep, long ones stop the run) and the mapping of
 * error answers to `ImportError` codes. The token is attached only to URLs under `apiBase`.
 */
import type { ImportError, ImportErrorCode } from '../../shared/import';

/** What a run is given (see `importHistory`), with defaults filled in. */
export interface RunDeps {
  fetch: typeof fetch;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total?: number; phase: string }) => void;
}

/** Counters of one run. */
export interface RunStats {
  /** Requests made (retries after a wait included). */
  requests: number;
  /** Milliseconds spent waiting out rate limits through `sleep`. */
  waitedMs: number;
}

/** Longest rate-limit wait a run sits through (ms); a longer one stops the run with a resume cursor. */
export const MAX_WAIT_MS = 60_000;
/** How many short waits one request may sit through before the run stops instead. */
const MAX_WAITS_PER_REQUEST = 3;

/** The outcome of one GET. */
export type GetOutcome =
  | { kind: 'ok'; body: unknown; headers: Headers }
  | { kind: 'stop'; reason: 'rate_limited'; waitMs: number }
  | { kind: 'stop'; reason: 'aborted' }
  | { kind: 'stop'; reason: 'network'; message: string }
  | { kind: 'error'; status: number; error: Omit<ImportError, 'source'> };

/**
 * The URLs of a `Link` header by relation, e.g. `{ next: 'https://…?page=2', last: '…' }`
 * (RFC 8288 as GitHub writes it: `<url>; rel="next", <url>; rel="last"`).
 */
export function parseLink(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(/,\s*(?=<)/)) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!m) continue;
    const rel = /\brel="?([^";]+)"?/i.exec(m[2]!)?.[1];
    if (rel) for (const r of rel.trim().split(/\s+/)) out[r.toLowerCase()] = m[1]!;
  }
  return out;
}

/** True when `url` is `base` itself or below it (same origin, path under base's path). */
export function isUnder(url: string, base: string): boolean {
  try {
    const u = new URL(url);
    const b = new URL(base);
    if (u.origin !== b.origin) return false;
    const path = b.pathname.replace(/\/+$/, '');
    return path === '' || u.pathname === path || u.pathname.startsWith(`${path}/`);
  } catch {
    return false;
  }
}

/**
 * How long a 403/429 asks to wait (ms), or `undefined` when it is not a rate limit:
 * `retry-after` (seconds; secondary limits), else `x-ratelimit-remaining: 0` with
 * `x-ratelimit-reset` (epoch seconds; primary limit), else a body saying "secondary rate limit"
 * without headers (GitHub's advice: wait a minute).
 */
export function rateLimitWait(status: number, headers: Headers, bodyText: string, now: Date): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
  if (retryAfter !== null) {
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now.getTime());
  }
  if (headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(headers.get('x-ratelimit-reset'));
    return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now.getTime()) : MAX_WAIT_MS;
  }
  if (/secondary rate limit|abuse/i.test(bodyText)) return MAX_WAIT_MS;
  if (status === 429) return MAX_WAIT_MS;
  return undefined;
}

/** The `message` of a JSON error body, if any (GitHub and Jira both answer `{ message }` or `{ errorMessages }`). */
function messageOf(bodyText: string): string | undefined {
  try {
    const body = JSON.parse(bodyText) as { message?: unknown; errorMessages?: unknown; errors?: unknown };
    const first = Array.isArray(body.errors) ? (body.errors[0] as { message?: unknown } | undefined) : undefined;
    const more = typeof first?.message === 'string' ? `: ${first.message}` : '';
    if (typeof body.message === 'string') return `${body.message}${more}`.slice(0, 300);
    if (Array.isArray(body.errorMessages) && typeof body.errorMessages[0] === 'string')
      return body.errorMessages[0].slice(0, 300);
  } catch {
    // not JSON
  }
  return undefined;
}

/** The `ImportError` (without source) for a GitHub error answer that is not a rate limit. */
export function githubErrorOf(status: number, headers: Headers, bodyText: string): Omit<ImportError, 'source'> {
  const said = messageOf(bodyText);
  const detail = said ? ` (GitHub said: ${said})` : '';
  if (status === 401)
    return {
      code: 'unauthorized',
      message: `GitHub answered 401: the token expired or was revoked${detail}.`,
      fix: 'Create a new fine-grained token (Pull requests: read, Metadata: read) and save it in Settings → Connections.',
    };
  const sso = headers.get('x-github-sso');
  if (status === 403 && sso !== null) {
    const url = /url=([^;\s]+)/.exec(sso)?.[1];
    return {
      code: 'sso_required',
      message: `GitHub answered 403: authorise the token for the organisation (SAML single sign-on)${detail}.`,
      fix: url
        ? `Authorise the token for the organisation: ${url}`
        : 'Authorise the token for the organisation in GitHub → Settings → Developer settings → Tokens (Configure SSO).',
    };
  }
  const needs = headers.get('x-accepted-github-permissions');
  if (status === 403)
    return {
      code: 'forbidden',
      message: `GitHub answered 403: the token lacks a permission${needs ? ` (needs ${needs})` : ''}${detail}.`,
      fix: needs
        ? `Give the token these permissions: ${needs}.`
        : 'Give the token read access to the repositories (Pull requests: read, Metadata: read).',
    };
  if (status === 422) return { code: 'invalid_query', message: `GitHub refused the search query (422)${detail}.` };
  return { code: 'unknown', message: `GitHub answered ${status}${detail}.` };
}

/** Whether `e` is the abort of `signal` (or any AbortError). */
function isAbort(e: unknown, signal: AbortSignal | undefined): boolean {
  return Boolean(signal?.aborted) || (e instanceof Error && e.name === 'AbortError');
}

/**
 * Waits `ms` milliseconds through `deps.sleep`, counted in `stats.waitedMs`.
 * @returns the stop to answer when the wait was aborted through `deps.signal`, else undefined.
 * @throws what `deps.sleep` throws for any other reason.
 */
async function waitOut(
  deps: RunDeps,
  stats: RunStats,
  ms: number,
): Promise<Extract<GetOutcome, { kind: 'stop'; reason: 'aborted' }> | undefined> {
  stats.waitedMs += ms;
  try {
    await deps.sleep(ms);
  } catch (e) {
    if (isAbort(e, deps.signal)) return { kind: 'stop', reason: 'aborted' };
    throw e;
  }
  return undefined;
}

/** Options of `getJson`. */
export interface GetOptions {
  /** Headers to send (e.g. `Authorization` for GitHub; nothing for Jira, which uses the session). */
  headers?: Record<string, string>;
  /** `'include'` to send the site's cookies (Jira session). */
  credentials?: RequestCredentials;
  /** Maps a non-2xx answer that is not a rate limit to an error. */
  errorOf: (status: number, headers: Headers, bodyText: string) => Omit<ImportError, 'source'>;
  /** Whether 403/429 answers may be rate limits (GitHub). */
  rateLimits?: boolean;
}

/**
 * GET `url` and parse its JSON body, counting every request in `stats`. A 502/503/504 is tried again
 * twice (after 1 s and 2 s through `deps.sleep`). A rate limit of at most
 * `MAX_WAIT_MS` is waited out through `deps.sleep` and the request repeated; a longer one (or more
 * than three in a row) answers `stop: rate_limited`. An abort answers `stop: aborted`; a failed
 * request (offline, DNS, connection reset) `stop: network` (the run stops with a resume cursor). An HTML or
 * otherwise non-JSON 2xx body answers the error `not_json`.
 */
export async function getJson(deps: RunDeps, stats: RunStats, url: string, opts: GetOptions): Promise<GetOutcome> {
  for (let attempt = 0; ; attempt++) {
    if (deps.signal?.aborted) return { kind: 'stop', reason: 'aborted' };
    stats.requests++;
    let res: Response;
    let text: string;
    try {
      res = await deps.fetch(url, {
        method: 'GET',
        headers: opts.headers ?? {},
        credentials: opts.credentials ?? 'omit',
        redirect: 'follow',
        ...(deps.signal ? { signal: deps.signal } : {}),
      });
      text = await res.text();
    } catch (e) {
      if (isAbort(e, deps.signal)) return { kind: 'stop', reason: 'aborted' };
      const message = e instanceof Error ? e.message : String(e);
      return { kind: 'stop', reason: 'network', message: `Request failed: ${message}` };
    }
    if (res.ok) {
      const type = res.headers.get('content-type') ?? '';
      if (/html/i.test(type) || /^\s*</.test(text))
        return {
          kind: 'error',
          status: res.status,
          error: { code: 'not_json', message: 'The site answered a web page, not JSON.' },
        };
      try {
        return { kind: 'ok', body: JSON.parse(text) as unknown, headers: res.headers };
      } catch {
        return { kind: 'error', status: res.status, error: { code: 'not_json', message: 'The answer was not JSON.' } };
      }
    }
    let wait = opts.rateLimits ? rateLimitWait(res.status, res.headers, text, deps.now()) : undefined;
    // A passing server error (502, 503, 504): try again after 1 s, then 2 s.
    if (wait === undefined && [502, 503, 504].includes(res.status) && attempt < 2) wait = 1000 * (attempt + 1);
    if (wait !== undefined) {
      if (wait > MAX_WAIT_MS || attempt >= MAX_WAITS_PER_REQUEST)
        return { kind: 'stop', reason: 'rate_limited', waitMs: wait };
      const aborted = await waitOut(deps, stats, wait);
      if (aborted) return aborted;
      continue;
    }
    return { kind: 'error', status: res.status, error: opts.errorOf(res.status, res.headers, text) };
  }
}

/** A sleep that ends early (rejecting with an AbortError) when `signal` aborts. */
export function abortableSleep(signal?: AbortSignal): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new DOMException('aborted', 'AbortError'));
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(t);
        reject(new DOMException('aborted', 'AbortError'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
}

/** Codes after which nothing else of the same source can work (every request would fail the same way). */
export const FATAL_CODES: readonly ImportErrorCode[] = ['unauthorized', 'not_json'];

/** The error to report for a stopped run (`{}` for an abort: the user asked for it). */
export function stoppedBy(got: Extract<GetOutcome, { kind: 'stop' }>): { stopped?: Omit<ImportError, 'source'> } {
  if (got.reason === 'aborted') return {};
  if (got.reason === 'network')
    return {
      stopped: {
        code: 'network',
        message: `${got.message}. The import stopped and can be resumed.`,
        fix: 'Check the connection, then resume the import.',
      },
    };
  return {
    stopped: {
      code: 'rate_limited',
      message: `The API asked to wait ${Math.ceil(got.waitMs / 60_000)} min; the import stopped and can be resumed.`,
      fix: 'Resume the import later.',
    },
  };
}

/** Reset times (epoch ms) of GitHub rate-limit resources (`search`, `core`) a success said were used up. */
export type Exhausted = Map<string, number>;

/** The GitHub rate-limit resource of a URL: `search` for the search API, else `core`. */
export const resourceOf = (url: string): string => (new URL(url).pathname.includes('/search/') ? 'search' : 'core');

/**
 * After a success: when it said `x-ratelimit-remaining: 0`, remembers when its resource resets, so
 * the next request waits for it instead of spending a request on a refusal.
 */
export function noteBudget(exhausted: Exhausted, url: string, headers: Headers): void {
  if (headers.get('x-ratelimit-remaining') !== '0') return;
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0)
    exhausted.set(headers.get('x-ratelimit-resource') ?? resourceOf(url), reset * 1000);
}

/**
 * Before a request to `url`: when its resource is used up, waits for the reset through `deps.sleep`
 * (at most `MAX_WAIT_MS`) or answers the stop to return; `undefined` when the request may go.
 */
export async function awaitBudget(
  deps: RunDeps,
  stats: RunStats,
  exhausted: Exhausted,
  url: string,
): Promise<Extract<GetOutcome, { kind: 'stop' }> | undefined> {
  const resource = resourceOf(url);
  const until = exhausted.get(resource);
  if (until === undefined) return undefined;
  const wait = until - deps.now().getTime();
  if (wait <= 0) {
    exhausted.delete(resource);
    return undefined;
  }
  if (wait > MAX_WAIT_MS) return { kind: 'stop', reason: 'rate_limited', waitMs: wait };
  const aborted = await waitOut(deps, stats, wait);
  if (aborted) return aborted;
  exhausted.delete(resource);
  return deps.signal?.aborted ? { kind: 'stop', reason: 'aborted' } : undefined;
}
