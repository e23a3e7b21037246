/**
 * The sync client's HTTP transport. Push goes through the typed `CasebookApi`;
 * pull is read here with a lenient envelope (`{ changes: unknown[], rev, more }`)
 * so that one corrupt or foreign change in a page (unknown collection, bad
 * clock, wrong shape) is rejected on its own by the client (client.ts) instead
 * of failing the whole page and stopping sync for good.
 */
import * as z from 'zod/mini';
import { ApiError as ApiErrorBody } from '../../shared/schemas';
import { ApiError, CasebookApi, errorDetails, parseRetryAfter } from '../api/client';
import type { PullPage, SyncApi } from './client';

/** A pull answer with its changes left unparsed (each is parsed with `PullChange` by the client). */
export const LenientPullResponse = z.object({
  changes: z.array(z.unknown()),
  rev: z.int().check(z.nonnegative()),
  more: z.boolean(),
});

/** Options of `createSyncApi`. */
export interface SyncApiOptions {
  /** Server origin, or a function read before every request. */
  baseUrl: string | (() => Promise<string>);
  /** This device's bearer token, or null when signed out. */
  getToken: () => Promise<string | null>;
  /** fetch implementation (wrap it with `ServerClock.wrap` to observe the server's time). */
  fetch?: typeof fetch;
}

/**
 * A `SyncApi` over HTTP: `POST /api/v1/sync/push` and `GET /api/v1/sync/pull`.
 * Every failure is an `ApiError` (status 0 `network` when unreachable).
 */
export function createSyncApi(options: SyncApiOptions): SyncApi {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = async () =>
    (typeof options.baseUrl === 'string' ? options.baseUrl : await options.baseUrl()).replace(/\/+$/, '');
  const api = new CasebookApi({ baseUrl: base, getToken: options.getToken, fetch: fetchImpl });
  return {
    push: (body) => api.push(body),
    async pull(since, limit): Promise<PullPage> {
      const token = await options.getToken();
      if (!token) throw new ApiError(0, 'not_signed_in', 'Sign in to sync and share.');
      const origin = await base();
      const q = new URLSearchParams({ since: String(since), limit: String(limit) });
      let res: Response;
      try {
        res = await fetchImpl(`${origin}/api/v1/sync/pull?${q.toString()}`, {
          headers: { accept: 'application/json', authorization: `Bearer ${token}` },
        });
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        throw new ApiError(0, 'network', `Cannot reach the Casebook server at ${origin} (${why}).`);
      }
      const json: unknown = await res.json().catch(() => undefined);
      if (!res.ok) {
        const body = ApiErrorBody.safeParse(json);
        const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
        throw body.success
          ? new ApiError(
              res.status,
              body.data.error.code,
              body.data.error.message,
              body.data.error.issues,
              retryAfter,
              errorDetails(json),
            )
          : new ApiError(res.status, `http_${res.status}`, `The server answered ${res.status}.`, undefined, retryAfter);
      }
      const page = LenientPullResponse.safeParse(json);
      if (!page.success) {
        throw new ApiError(
          res.status,
          'bad_response',
          `The server's pull answer is not a page of changes: ${z.prettifyError(page.error)}`,
        );
      }
      return page.data;
    },
  };
}
