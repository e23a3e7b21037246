/**
 * Small, zod-free readers for JSON answered by same-origin APIs (Jira, Confluence), used on the
 * page side of a capture where the content script must stay small. Every reader checks the type
 * of what it reads and answers `undefined` (or `[]`) for anything else, so a surprising body can
 * never throw or leak a wrong type into a draft; the finished draft is then validated with the
 * shared zod schemas (`CaptureDraft`, `JiraMeta`, `DocMeta`) in `finishCapture`.
 */

/** A JSON object. */
export type JsonObject = Record<string, unknown>;

/** `v` when it is a plain JSON object (not null, not an array), else `undefined`. */
export function obj(v: unknown): JsonObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

/** `v` trimmed when it is a non-blank string, else `undefined`. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** `v` when it is a finite number, else `undefined`. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** `v` when it is an array, else `[]`. */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The value at `path` inside `v` (object keys and array indexes), `undefined` when any step is missing. */
export function at(v: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = v;
  for (const key of path) {
    if (typeof key === 'number') cur = Array.isArray(cur) ? cur[key] : undefined;
    else cur = obj(cur)?.[key];
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Default per-request timeout of same-origin API calls, in milliseconds. */
export const API_TIMEOUT_MS = 4000;

/**
 * GET `url` through `fetchFn` with the page's own session (`credentials: 'same-origin'`) and
 * `Accept: application/json`; resolves to the parsed body.
 * @throws Error on a non-2xx answer (message `GET <path> answered <status>`), a timeout, or a body that is not JSON.
 */
export async function getJson(fetchFn: typeof fetch, url: string, timeoutMs = API_TIMEOUT_MS): Promise<unknown> {
  const res = await fetchFn(url, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`GET ${new URL(url).pathname} answered ${res.status}`);
  return (await res.json()) as unknown;
}

/**
 * GET `url` through `fetchFn` with the page's own session; resolves to the body as text.
 * @throws Error on a non-2xx answer or a timeout.
 */
export async function getText(fetchFn: typeof fetch, url: string, timeoutMs = API_TIMEOUT_MS): Promise<string> {
  const res = await fetchFn(url, { credentials: 'same-origin', signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`GET ${new URL(url).pathname} answered ${res.status}`);
  return res.text();
}

/**
 * One way to read a resource over a same-origin API: `label` names it in errors (`v3`), `via` in the
 * draft's `readFrom` (`rest-api-3`); `read` resolves to the facts, or `undefined` when the answer is
 * not the resource (e.g. a children listing), and may throw (`getJson`'s errors).
 */
export interface ApiReading<T> {
  label: string;
  via: string;
  read: () => Promise<T | undefined>;
}

/**
 * Tries `readings` in order; the first that gives facts wins, with its `via`. Else `{ error }`
 * listing every failure, e.g. `v3: GET /rest/api/3/issue/KT-1 answered 404; v2: not an issue`
 * (`what` names the resource: `an issue`).
 */
export async function firstReading<T>(
  what: string,
  readings: readonly ApiReading<T>[],
): Promise<{ facts: T; via: string } | { error: string }> {
  const errors: string[] = [];
  for (const { label, via, read } of readings) {
    try {
      const facts = await read();
      if (facts) return { facts, via };
      errors.push(`${label}: not ${what}`);
    } catch (e) {
      errors.push(`${label}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { error: errors.join('; ') };
}
