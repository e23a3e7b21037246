/**
 * The real worker for the sync client's unit tests: the Hono app of worker/app.ts,
 * called through `app.request` in this process, over a real local D1 (wrangler's
 * `getPlatformProxy`: workerd with worker/migrations applied, in memory, one per test
 * file). Nothing of the sync rules is re-implemented here: pushes, pulls, last writer
 * wins, seq conflicts, quotas and errors are the worker's own (worker/routes/sync.ts,
 * worker/db/records.ts). What this file adds, around the real app:
 * - devices: the tests name devices (`dev-a`) and send the name as their bearer token;
 *   each name becomes a real device of this server's user (created the way
 *   `/auth/verify` creates one, through worker/db, skipping the e-mailed code), and its
 *   real token replaces the name on the way in;
 * - observation: the push bodies the server accepted, the pulls it answered, the
 *   cursor checks (pushes of zero changes), the most requests in flight at once, and
 *   the stored rows read back from D1;
 * - faults the real server cannot produce, by wrapping its answer: an injected status
 *   before the request reaches it or after it applied the push (a lost answer), and a
 *   delay per request.
 * Each `WorkerSyncServer` is a new account, so tests in one file never see each
 * other's records.
 */
import { afterAll, vi } from 'vitest';
import { ulid } from 'ulid';
import { getPlatformProxy } from 'wrangler';
import { readD1Migrations } from '@cloudflare/vitest-plugin';
import type { Collection, PushRequest } from '../../../shared/schemas';
import { CasebookApi } from '../../../extension/api/client';
import { createApp } from '../../../worker/app';
import { insertDevice } from '../../../worker/db/devices';
import { ensureUser } from '../../../worker/db/users';
import { randomToken, sha256Hex } from '../../../worker/lib/crypto';

/** The subset of D1 these helpers use (the unit project has no Workers types). */
interface D1 {
  prepare(sql: string): { bind(...values: unknown[]): D1Statement };
  batch(statements: D1Statement[]): Promise<unknown>;
}
interface D1Statement {
  all<T>(): Promise<{ results: T[] }>;
  first<T>(): Promise<T | null>;
  run(): Promise<unknown>;
}
interface Platform {
  env: Record<string, unknown> & { DB: D1 };
  ctx: unknown;
  dispose(): Promise<void>;
}

// Correctness, not speed: requests cross into workerd and D1, so a loaded machine gets more
// time than the unit project's 30 s before a test counts as hung (speed is `npm run bench`).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const root = new URL('../../../', import.meta.url);
let platform: Promise<Platform> | null = null;

/** The local worker platform of this test file: started on first use, migrated, stopped after the file. */
function local(): Promise<Platform> {
  platform ??= (async () => {
    // No telemetry, no account look-ups: everything stays on this machine.
    process.env.WRANGLER_SEND_METRICS = 'false';
    process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
    const proxy = (await getPlatformProxy({
      configPath: new URL('wrangler.toml', root).pathname,
      persist: false,
      remoteBindings: false,
      envFiles: [],
    })) as unknown as Platform;
    const db = proxy.env.DB;
    for (const migration of await readD1Migrations(new URL('worker/migrations', root).pathname)) {
      await db.batch(migration.queries.map((q) => db.prepare(q).bind()));
    }
    return proxy;
  })();
  return platform;
}

afterAll(async () => {
  if (platform) await (await platform).dispose();
  platform = null;
});

const app = createApp();

/** One record as D1 holds it for this server's user (`data` parsed; null for a tombstone). */
export interface StoredRecord {
  collection: Collection;
  id: string;
  hlc: string;
  deleted: boolean;
  data: Record<string, unknown> | null;
  rev: number;
}

/** Makes the next matching request fail. `afterApply`: the server applies the push, then answers `status` (lost answer). */
export interface Failure {
  path: 'push' | 'pull';
  status: number;
  afterApply?: boolean;
  /** `Retry-After` of the injected answer, seconds. */
  retryAfter?: number;
  /** Let this many matching requests through before failing. */
  skip?: number;
}

/** One account on the real worker, reached by device name (see the file comment). */
export class WorkerSyncServer {
  /** Worker variables over wrangler.toml's for this account's requests, e.g. `{ QUOTA_MAX_RECORDS: '5' }`. */
  vars: Record<string, string> = {};
  /** Every push the server accepted (2xx) with at least one change, in order. */
  readonly pushes: { device: string; body: PushRequest }[] = [];
  /** Pushes of zero changes (a client asking for its cursor), per device; injected failures never hit them. */
  readonly cursorChecks = new Map<string, number>();
  /** Every pull the server answered. */
  readonly pulls: { device: string; since: number; limit: number }[] = [];
  readonly failures: Failure[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Milliseconds each request waits before reaching the server (to expose concurrent syncs). */
  latencyMs = 0;

  private readonly email = `sync-${ulid().toLowerCase()}@example.com`;
  private userId: Promise<string> | null = null;
  private readonly tokens = new Map<string, Promise<string>>();

  /** The fetch the API client uses: device name as bearer token, faults as configured, then the real app. */
  readonly fetch: typeof fetch = async (input, init) => {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
      return await this.handle(new Request(input, init));
    } finally {
      this.inFlight--;
    }
  };

  /** A real API client for `device`. */
  client(device: string): CasebookApi {
    return new CasebookApi({ baseUrl: 'http://casebook.test', getToken: async () => device, fetch: this.fetch });
  }

  /** This account's records in D1, by `collection/id`, tombstones included. */
  async records(): Promise<Map<string, StoredRecord>> {
    const { DB } = (await local()).env;
    const rows = await DB.prepare('SELECT collection, id, hlc, deleted, data, rev FROM records WHERE user_id = ?1')
      .bind(await this.user())
      .all<Omit<StoredRecord, 'deleted' | 'data'> & { deleted: number; data: string | null }>();
    return new Map(
      rows.results.map((r) => [
        `${r.collection}/${r.id}`,
        { ...r, deleted: r.deleted === 1, data: r.data === null ? null : (JSON.parse(r.data) as StoredRecord['data']) },
      ]),
    );
  }

  /** The account's `rev` (the last change stamped). */
  async rev(): Promise<number> {
    const { DB } = (await local()).env;
    const row = await DB.prepare('SELECT rev FROM users WHERE id = ?1')
      .bind(await this.user())
      .first<{ rev: number }>();
    return row?.rev ?? 0;
  }

  /** The push cursor the server keeps for `device` (0 before its first push). */
  async lastSeq(device: string): Promise<number> {
    const { DB } = (await local()).env;
    const row = await DB.prepare('SELECT last_seq FROM devices WHERE token_hash = ?1')
      .bind(await sha256Hex(await this.token(device)))
      .first<{ last_seq: number }>();
    return row?.last_seq ?? 0;
  }

  /**
   * Writes a row straight into D1 with the account's next rev, as an older or foreign
   * server version might have stored it: `data` is not validated (tests use it for bad records).
   */
  async inject(change: Omit<StoredRecord, 'rev'>): Promise<void> {
    const { DB } = (await local()).env;
    const userId = await this.user();
    await DB.batch([
      DB.prepare('UPDATE users SET rev = rev + 1 WHERE id = ?1').bind(userId),
      DB.prepare(
        `INSERT OR REPLACE INTO records (user_id, collection, id, hlc, device_id, rev, deleted, data, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'injected', (SELECT rev FROM users WHERE id = ?1), ?5, ?6, ?7)`,
      ).bind(
        userId,
        change.collection,
        change.id,
        change.hlc,
        change.deleted ? 1 : 0,
        change.data === null ? null : JSON.stringify(change.data),
        new Date().toISOString(),
      ),
    ]);
  }

  private user(): Promise<string> {
    this.userId ??= local().then(
      async ({ env }) => (await ensureUser(env.DB as never, this.email, ulid(), new Date().toISOString())).id,
    );
    return this.userId;
  }

  /** The real bearer token of `device`, signing it in on first use. */
  private token(device: string): Promise<string> {
    let token = this.tokens.get(device);
    if (!token) {
      token = (async () => {
        const { env } = await local();
        const secret = randomToken();
        const now = new Date().toISOString();
        const device_ = {
          id: ulid(),
          userId: await this.user(),
          name: device,
          tokenHash: await sha256Hex(secret),
          now,
        };
        await insertDevice(env.DB as never, device_);
        return secret;
      })();
      this.tokens.set(device, token);
    }
    return token;
  }

  private async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const device = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '')?.[1] ?? '';
    const path = url.pathname === '/api/v1/sync/push' ? 'push' : url.pathname === '/api/v1/sync/pull' ? 'pull' : null;
    const text = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.text();
    const body = path === 'push' ? (JSON.parse(text ?? 'null') as PushRequest | null) : null;
    const cursorCheck = path === 'push' && Array.isArray(body?.changes) && body.changes.length === 0;
    let failure: Failure | undefined;
    const index = cursorCheck ? -1 : this.failures.findIndex((f) => f.path === path);
    const candidate = this.failures[index];
    if (candidate?.skip) candidate.skip--;
    else if (candidate) failure = this.failures.splice(index, 1)[0];
    if (failure && !failure.afterApply) return injected(failure.status, 'injected failure', failure.retryAfter);

    const headers = new Headers(req.headers);
    if (device) headers.set('authorization', `Bearer ${await this.token(device)}`);
    const { env, ctx } = await local();
    const res = await app.request(
      req.url,
      { method: req.method, headers, body: text },
      { ...env, ENVIRONMENT: 'development', ...this.vars },
      ctx as never,
    );
    if (res.ok && cursorCheck) this.cursorChecks.set(device, (this.cursorChecks.get(device) ?? 0) + 1);
    else if (res.ok && body) this.pushes.push({ device, body });
    if (res.ok && path === 'pull') {
      const q = url.searchParams;
      this.pulls.push({ device, since: Number(q.get('since') ?? 0), limit: Number(q.get('limit') ?? 500) });
    }
    if (failure) return injected(failure.status, 'answer lost after apply');
    return res;
  }
}

/** An injected failure in the API's error shape, code `test_failure`. */
function injected(status: number, message: string, retryAfter?: number): Response {
  return Response.json(
    { error: { code: 'test_failure', message } },
    { status, headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) } },
  );
}
