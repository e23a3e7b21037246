/**
 * The sync client's HTTP transport: `POST /api/v1/sync/push` and
 * `GET /api/v1/sync/pull` through the typed `CasebookApi` (api/client.ts), so
 * sync shares its one request and error path (bearer token, `ApiError`,
 * `Retry-After`). Pull answers are checked as an envelope only (`PullPage` in
 * shared/api-responses.ts): one corrupt or foreign change in a page (unknown
 * collection, bad clock, wrong shape) is rejected on its own by the client
 * (client.ts) instead of failing the whole page and stopping sync for good.
 */
import { CasebookApi, type ApiClientOptions } from '../api/client';
import type { SyncApi } from './client';

/**
 * Options of `createSyncApi`: the server origin (or a function read before every
 * request), this device's bearer token (null when signed out) and the fetch to use
 * (wrap it with `ServerClock.wrap` to observe the server's time).
 */
export type SyncApiOptions = ApiClientOptions;

/**
 * A `SyncApi` over HTTP. Every failure is an `ApiError` (status 0 `network` when
 * unreachable, `not_signed_in` without a token).
 */
export function createSyncApi(options: SyncApiOptions): SyncApi {
  const api = new CasebookApi(options);
  return { push: (body) => api.push(body), pull: (since, limit) => api.pull(since, limit) };
}
