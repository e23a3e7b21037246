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

/**
 * The limits of issue 16 as the HTTP contract states them (docs/SECURITY.md), off unless set:
 * - `maxChangeBytes`: a change whose JSON is larger answers `413 record_too_large`, nothing applied;
 * - `maxRecords`: a push with upserts that would leave more live records answers
 *   `413 quota_exceeded` with `limit`, nothing applied; a push of deletes only is always taken;
 * - `seqConflicts`: a change at or below the device's `lastSeq` that differs from what was
 *   applied under that seq answers `409 seq_conflict` with `lastSeq`, nothing applied;
 *   an identical replay is ignored.
 */
export interface ContractLimits {
  maxChangeBytes?: number;
  maxRecords?: number;
  seqConflicts?: boolean;
}

/** A refusal the contract defines, answered as `{ error: { code, message, ...extra } }`. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class TestSyncServer {
  /** Contract limits in force (see `ContractLimits`). */
  limits: ContractLimits = {};
  /** What each device's seqs carried when applied (for `seqConflicts`). */
  private readonly appliedBySeq = new Map<string, string>();
  rev = 0;
  readonly records = new Map<string, StoredRecord>();
  readonly lastSeq = new Map<string, number>();
  /** Every valid push body with at least one change, in order. */
  readonly pushes: { device: string; body: PushRequest }[] = [];
  /** Pushes of zero changes (a client asking for its cursor), per device; injected failures never hit them. */
  readonly cursorChecks = new Map<string, number>();
  readonly pulls: { device: string; since: number; limit: number }[] = [];
  readonly failures: Failure[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Milliseconds each request takes (to expose concurrent syncs). */
  latencyMs = 0;

  /** Applies a push from `device` exactly as docs/DESIGN.md says; throws on an invalid body. */
  applyPush(device: string, raw: unknown): PushResponse {
    const body = PushRequest.parse(raw);
    this.checkContract(device, body);
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
      this.appliedBySeq.set(`${device}#${c.seq}`, JSON.stringify(c));
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
    if (body.changes.length > 0) this.pushes.push({ device, body });
    else this.cursorChecks.set(device, (this.cursorChecks.get(device) ?? 0) + 1);
    return PushResponse.parse({ lastSeq: last, rev: this.rev, applied, ignored });
  }

  /** Throws a `Refusal` when `body` breaks one of `limits` (nothing is applied then). */
  private checkContract(device: string, body: PushRequest): void {
    const { maxChangeBytes, maxRecords, seqConflicts } = this.limits;
    const last = this.lastSeq.get(device) ?? 0;
    body.changes.forEach((c, i) => {
      if (maxChangeBytes !== undefined && new TextEncoder().encode(JSON.stringify(c)).length > maxChangeBytes) {
        throw new Refusal(413, 'record_too_large', `Change ${i} is larger than ${maxChangeBytes} bytes.`);
      }
      if (seqConflicts && c.seq <= last && this.appliedBySeq.get(`${device}#${c.seq}`) !== JSON.stringify(c)) {
        throw new Refusal(409, 'seq_conflict', `Change ${i} reuses seq ${c.seq} for other content.`, { lastSeq: last });
      }
    });
    if (maxRecords !== undefined && body.changes.some((c) => c.op === 'upsert')) {
      const live = new Set([...this.records.values()].filter((r) => !r.deleted).map((r) => `${r.collection}/${r.id}`));
      for (const c of body.changes) {
        if (c.seq <= last) continue;
        if (c.op === 'upsert') live.add(`${c.collection}/${c.id}`);
        else live.delete(`${c.collection}/${c.id}`);
      }
      if (live.size > maxRecords) {
        throw new Refusal(413, 'quota_exceeded', 'This account has reached its storage quota.', {
          limit: { maxRecords, maxBytes: 50_000_000 },
        });
      }
    }
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
    if (path === 'push') {
      const body: unknown = await req.clone().json();
      const changes = (body as { changes?: unknown[] } | null)?.changes;
      if (Array.isArray(changes) && changes.length === 0) return Response.json(this.applyPush(device, body));
    }
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
      if (err instanceof Refusal)
        return Response.json({ error: { code: err.code, message: err.message, ...err.extra } }, { status: err.status });
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
