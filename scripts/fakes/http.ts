/**
 * Plumbing of the local fake APIs (fake GitHub, fake Jira) used by tests, the bench and the demo:
 * one request handler, served either by a node http server bound to 127.0.0.1 only, or in-process
 * as a `fetch` function. Nothing here ever reaches another host: the fetch form refuses any URL
 * outside its own base (and records the attempt).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the handler sees it. */
export interface FakeRequest {
  method: string;
  url: URL;
  headers: Headers;
}

/** A response as the handler answers it. */
export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A fake API: answers every request synchronously. */
export type FakeHandler = (req: FakeRequest) => FakeResponse;

/** A JSON response with the given status and extra headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** A fetch function that also reports what it was asked. */
export type RecordingFetch = typeof fetch & {
  /** Requests answered. */
  requests: () => number;
  /** Every request seen: its URL, Authorization header (null when absent), credentials mode and answer status (0: refused). */
  log: { url: string; authorization: string | null; credentials: RequestCredentials | undefined; status: number }[];
  /** URLs outside the fake's base that were refused (never reached). */
  foreign: string[];
};

/**
 * `handler` as an in-process `fetch`: a request to a URL under `base`'s origin is answered by the
 * handler; any other URL is refused with a TypeError (like a network error) and recorded in `foreign`.
 */
export function asFetch(handler: FakeHandler, base: string): RecordingFetch {
  const origin = new URL(base).origin;
  const log: RecordingFetch['log'] = [];
  const foreign: string[] = [];
  let count = 0;
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (url.origin !== origin) {
      foreign.push(url.href);
      log.push({
        url: url.href,
        authorization: headers.get('authorization'),
        credentials: init?.credentials,
        status: 0,
      });
      throw new TypeError('fetch failed');
    }
    if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    count++;
    const res = handler({ method: init?.method ?? 'GET', url, headers });
    log.push({
      url: url.href,
      authorization: headers.get('authorization'),
      credentials: init?.credentials,
      status: res.status,
    });
    return new Response(res.status === 204 ? null : res.body, { status: res.status, headers: res.headers });
  };
  return Object.assign(fn as typeof fetch, { requests: () => count, log, foreign });
}

/** A running fake server. */
export interface FakeServer {
  /** `http://127.0.0.1:PORT` (the server's origin). */
  origin: string;
  /** Requests answered so far. */
  requests: () => number;
  close: () => Promise<void>;
}

/** Serves `handler` on `127.0.0.1:port` (never another interface); `port: 0` picks a free one. */
export async function serve(handler: FakeHandler, port: number): Promise<FakeServer> {
  let count = 0;
  const server = createServer((req, res) => {
    count++;
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    let out: FakeResponse;
    try {
      out = handler({ method: req.method ?? 'GET', url, headers });
    } catch (e) {
      out = json(500, { message: e instanceof Error ? e.message : 'fake server error' });
    }
    res.writeHead(out.status, out.headers);
    res.end(out.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${actual}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A small deterministic pseudo-random generator (mulberry32) so fake data is the same every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
