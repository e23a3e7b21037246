/**
 * A small in-process sync server for unit tests that speaks the real protocol
 * (docs/DESIGN.md "Sync protocol"): requests are validated with `PushRequest` /
 * `PullQuery`, answers are built and parsed with `PushResponse` / `PullResponse`,
 * errors use the API's `{ error: { code, message } }` shape. It is reached through
 * the real `CasebookApi` via an injected `fetch`, one bearer token per device.
 */
import {
  PullQuery,
  PullResponse,
  PushRequest,
  PushResponse,
  type Collection,
  type PullChange,
} from '../../../shared/schemas';
import { CasebookApi } from '../../../extension/api/client';

interface StoredRecord {
  collection: Collection;
  id: string;
  hlc: string;
  deleted: boolean;
  data: Record<string, unknown> | null;
  rev: number;
}

/** Makes the next matching request fail. `afterApply`: the server applies the push, then answers 500 (lost answer). */
export interface Failure {
  path: 'push' | 'pull';
  status: number;
  afterApply?: boolean;
  retryAfter?: number;
  /** Let this many matching requests through before failing. */
  skip?: number;
}

export class TestSyncServer {
  rev = 0;
  readonly records = new Map<string, StoredRecord>();
  readonly lastSeq = new Map<string, number>();
  /** Every valid push body received, in order. */
  readonly pushes: { device: string; body: PushRequest }[] = [];
  readonly pulls: { device: string; since: number; limit: number }[] = [];
  readonly failures: Failure[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Milliseconds each request takes (to expose concurrent syncs). */
  latencyMs = 0;

  /** Applies a push from `device` exactly as docs/DESIGN.md says; throws on an invalid body. */
  applyPush(device: string, raw: unknown): PushResponse {
    const body = PushRequest.parse(raw);
    let last = this.lastSeq.get(device) ?? 0;
    let prevSeq = 0;
    let applied = 0;
    let ignored = 0;
    for (const c of body.changes) {
      if (c.seq <= prevSeq) throw new Error(`seq not increasing: ${c.seq} after ${prevSeq}`);
      prevSeq = c.seq;
      if (c.seq <= last) {
        ignored++;
        continue;
      }
      last = c.seq;
      const key = `${c.collection}/${c.id}`;
      const current = this.records.get(key);
      // Last writer wins by (hlc, deviceId): the HLC string ends with the device id.
      if (!current || c.hlc > current.hlc) {
        this.rev++;
        this.records.set(key, {
          collection: c.collection,
          id: c.id,
          hlc: c.hlc,
          deleted: c.op === 'delete',
          data: c.op === 'delete' ? null : (c.data ?? null),
          rev: this.rev,
        });
      }
      applied++;
    }
    this.lastSeq.set(device, last);
    this.pushes.push({ device, body });
    return PushResponse.parse({ lastSeq: last, rev: this.rev, applied, ignored });
  }

  /** Changes after `since` in rev order, at most `limit`. */
  pull(since: number, limit: number): PullResponse {
    const all = [...this.records.values()].filter((r) => r.rev > since).sort((a, b) => a.rev - b.rev);
    const page = all.slice(0, limit);
    const changes: PullChange[] = page.map((r) => ({
      collection: r.collection,
      id: r.id,
      rev: r.rev,
      hlc: r.hlc,
      deleted: r.deleted,
      data: r.data,
    }));
    const rev = page.length === all.length ? this.rev : (page[page.length - 1]?.rev ?? since);
    return PullResponse.parse({ changes, rev, more: page.length < all.length });
  }

  /** Stores a change as if another device had pushed it (no validation of `data`: tests use it for bad records). */
  inject(change: Omit<StoredRecord, 'rev'>): void {
    this.rev++;
    this.records.set(`${change.collection}/${change.id}`, { ...change, rev: this.rev });
  }

  /** The fetch the API client uses: routes `/api/v1/sync/*`, device = bearer token. */
  readonly fetch: typeof fetch = async (input, init) => {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
      return this.handle(new Request(input, init));
    } finally {
      this.inFlight--;
    }
  };

  private async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const device = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '')?.[1];
    if (!device) return error(401, 'unauthorized', 'missing token');
    const path = url.pathname === '/api/v1/sync/push' ? 'push' : url.pathname === '/api/v1/sync/pull' ? 'pull' : null;
    if (!path) return error(404, 'not_found', 'no such route');
    const failIdx = this.failures.findIndex((f) => f.path === path);
    let failure: Failure | undefined;
    const candidate = this.failures[failIdx];
    if (candidate && candidate.skip) candidate.skip--;
    else if (candidate) failure = this.failures.splice(failIdx, 1)[0];
    if (failure && !failure.afterApply)
      return error(failure.status, 'test_failure', 'injected failure', failure.retryAfter);
    try {
      if (path === 'push') {
        const res = this.applyPush(device, await req.json());
        if (failure) return error(failure.status, 'test_failure', 'answer lost after apply');
        return Response.json(res);
      }
      const q = PullQuery.parse(Object.fromEntries(url.searchParams));
      this.pulls.push({ device, since: q.since, limit: q.limit });
      return Response.json(this.pull(q.since, q.limit));
    } catch (err) {
      return error(400, 'validation_failed', err instanceof Error ? err.message : String(err));
    }
  }

  /** A real API client for `device` talking to this server. */
  client(device: string): CasebookApi {
    return new CasebookApi({ baseUrl: 'http://casebook.test', getToken: async () => device, fetch: this.fetch });
  }
}

function error(status: number, code: string, message: string, retryAfter?: number): Response {
  return Response.json(
    { error: { code, message } },
    { status, headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) } },
  );
}
