/**
 * Runs syncs: one at a time (a Web Lock shared by every extension context when the
 * browser has `navigator.locks`, plus an in-context guard), records the status in
 * `deviceState` for the panel, and retries failures with exponential backoff and jitter.
 */
import type { CasebookDB, SyncStatus } from '../db/index';
import { getSyncStatus, setDeviceState } from '../db/device-state';
import { ApiError } from '../api/client';
import { pushOutbox, syncOnce, type SyncApi } from './client';
import { countPushable } from './attention';
import type { ServerClock } from './clock';
import { isQuotaExceeded } from './push';

/** Backoff parameters, milliseconds. */
export const BACKOFF = { baseMs: 2_000, maxMs: 5 * 60_000 } as const;

/**
 * Delay before retry number `failures` (1 = first retry). When the server said when
 * to come back (`Retry-After`, seconds, e.g. on 429 `rate_limited`), exactly that plus
 * up to 1 s of jitter, however many failures came before (a long restore paced by the
 * rate limit is not slowed further). Otherwise exponential from `BACKOFF.baseMs`,
 * capped at `BACKOFF.maxMs`, with "equal jitter" (between half and all of it).
 * @param random a function returning [0, 1) (Math.random by default).
 * @returns milliseconds.
 */
export function backoffDelay(failures: number, random: () => number = Math.random, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined) return Math.round(retryAfterSeconds * 1000 + random() * 1000);
  const exp = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/**
 * What the panel says when the account is full (413 `quota_exceeded`): the limit from
 * the answer's `limit` when it names one, and what to do.
 */
export function quotaMessage(err: ApiError): string {
  const limit = err.details['limit'];
  const l = limit && typeof limit === 'object' ? (limit as Record<string, unknown>) : {};
  const parts: string[] = [];
  if (typeof l['maxRecords'] === 'number') parts.push(`${l['maxRecords'].toLocaleString('en')} records`);
  if (typeof l['maxBytes'] === 'number') parts.push(`${Math.round(l['maxBytes'] / 1e6)} MB`);
  const of = parts.length > 0 ? ` (${parts.join(' or ')})` : '';
  return `Your Casebook account's storage is full${of}. New changes wait on this device; deleting evidence you no longer need frees space, and deletions still sync.`;
}

/** Name of the Web Lock every context takes around a sync. */
export const SYNC_LOCK = 'casebook-sync';

/** Dependencies of a `SyncRunner`. */
export interface SyncRunnerOptions {
  db: CasebookDB;
  /** The API to sync with, or null when signed out (the sync then only refreshes the pending count). */
  getApi: () => Promise<SyncApi | null>;
  /** Called once when the server rejects the token (401): forget the session. */
  onUnauthorized?: () => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** Timer functions (tests pass fakes). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  pushBatchSize?: number;
  pullPageSize?: number;
  /** The server's clock as seen by the API's fetch (enables recovery from `hlc_in_future`). */
  clock?: ServerClock;
  /** Run at the start of every attempt, signed in or not (e.g. revoking old tokens); its failures are logged and ignored. */
  beforeSync?: () => Promise<void>;
}

/** Syncs on demand, never two at once, and schedules retries after failures. */
export class SyncRunner {
  private inflight: Promise<SyncStatus> | null = null;
  private again = false;
  private retryTimer: unknown = null;
  private readonly opts: Required<
    Omit<SyncRunnerOptions, 'onUnauthorized' | 'pushBatchSize' | 'pullPageSize' | 'clock' | 'beforeSync'>
  > &
    SyncRunnerOptions;

  constructor(options: SyncRunnerOptions) {
    this.opts = {
      now: () => Date.now(),
      random: Math.random,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  /**
   * Syncs now. A call while a sync runs in this context joins it (and one more sync
   * follows, for writes made meanwhile); across contexts the Web Lock queues them.
   * Never throws: failures land in the returned (and stored) status.
   */
  sync(): Promise<SyncStatus> {
    if (this.inflight) {
      this.again = true;
      return this.inflight;
    }
    this.inflight = (async () => {
      let status: SyncStatus;
      do {
        this.again = false;
        status = await withSyncLock(() => this.attempt());
      } while (this.again && status.lastError === null);
      return status;
    })().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Cancels a scheduled retry (logout, tests). */
  cancelRetry(): void {
    if (this.retryTimer !== null) this.opts.clearTimer(this.retryTimer);
    this.retryTimer = null;
  }

  private async attempt(): Promise<SyncStatus> {
    const { db, now } = this.opts;
    this.cancelRetry();
    await this.opts.beforeSync?.().catch((err: unknown) => console.warn('casebook: before-sync step failed', err));
    const before = await getSyncStatus(db);
    const api = await this.opts.getApi();
    if (!api) {
      const status = { ...before, pending: await countPushable(db), nextRetryAt: null };
      await setDeviceState(db, 'syncStatus', status);
      return status;
    }
    const startedAt = new Date(now()).toISOString();
    const deps = {
      db,
      api,
      now,
      pushBatchSize: this.opts.pushBatchSize,
      pullPageSize: this.opts.pullPageSize,
      clock: this.opts.clock,
    };
    try {
      const result = await syncOnce(deps);
      // A pull may re-stage pending writes, and writes may land meanwhile: push those too.
      if ((await countPushable(db)) > 0) await pushOutbox(deps);
      const status: SyncStatus = {
        lastSyncedAt: new Date(now()).toISOString(),
        lastAttemptAt: startedAt,
        pending: await countPushable(db),
        lastError: null,
        lastErrorCode: null,
        failures: 0,
        nextRetryAt: null,
        skipped: result.skipped,
      };
      await setDeviceState(db, 'syncStatus', status);
      return status;
    } catch (err) {
      return this.recordFailure(before, startedAt, err);
    }
  }

  private async recordFailure(before: SyncStatus, startedAt: string, err: unknown): Promise<SyncStatus> {
    const { db, now } = this.opts;
    const failures = before.failures + 1;
    let message = err instanceof Error ? err.message : String(err);
    let code = err instanceof ApiError ? err.code : 'sync_failed';
    let retryIn: number | null = null;
    if (err instanceof ApiError && err.status === 401) {
      code = 'unauthorized';
      message = 'Your session has ended. Sign in again to keep syncing.';
      await this.opts.onUnauthorized?.();
    } else if (isQuotaExceeded(err)) {
      message = quotaMessage(err); // not retried on a timer: the next write or the 5-minute alarm tries again
    } else if (!(err instanceof ApiError) || err.retryable) {
      retryIn = backoffDelay(failures, this.opts.random, err instanceof ApiError ? err.retryAfter : undefined);
    }
    const status: SyncStatus = {
      ...before,
      lastAttemptAt: startedAt,
      pending: await countPushable(db),
      lastError: message,
      lastErrorCode: code,
      failures,
      nextRetryAt: retryIn === null ? null : new Date(now() + retryIn).toISOString(),
    };
    await setDeviceState(db, 'syncStatus', status);
    if (retryIn !== null) {
      this.retryTimer = this.opts.setTimer(() => {
        this.retryTimer = null;
        void this.sync();
      }, retryIn);
    }
    return status;
  }
}

let localChain: Promise<unknown> = Promise.resolve();

/**
 * Runs `fn` holding the sync lock: the Web Lock `casebook-sync` when available (shared
 * by the background, the panel and any other extension page), else a promise chain
 * in this context.
 */
export function withSyncLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (locks) return locks.request(SYNC_LOCK, fn) as Promise<T>;
  const run = localChain.then(fn, fn);
  localChain = run.catch(() => undefined);
  return run;
}
