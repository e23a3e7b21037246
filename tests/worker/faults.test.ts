/**
 * Fault injection on the worker: D1 fails at the Nth call of a request (every N
 * the request makes, one after the other), and queue messages are redelivered
 * after a failure.
 *
 * `faultyEnv(n)` wraps env.DB so that its nth call (a statement's run/first/all/raw,
 * or a whole batch) throws a D1-like error before reaching the database. For each
 * flow and each n the answer must be a clean 500 `{ error: { code: 'internal' } }`
 * without internals, nothing half-written (checked per flow), and the same request
 * without the fault must then succeed. The number of faults injected is printed.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/schemas';
import type { DigestMessage, Env } from '../../worker/env';
import worker from '../../worker/index';
import { call, hlcAt, latestCode, outbox, prEvidence, signIn, upsert } from './helpers';

const PR = 'rest-pull-merged-artsy-emission-327.json';
const injected = new Map<string, number>();

// The worker logs each injected failure (never to the client): keep the test output readable.
beforeAll(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterAll(() => {
  vi.restoreAllMocks();
  const rows = [...injected.entries()].map(([k, v]) => `  ${k.padEnd(36)} ${v}`);
  const total = [...injected.values()].reduce((a, b) => a + b, 0);
  console.log(
    `D1 faults injected per flow (one per request, at every call position)\n${rows.join('\n')}\n  total ${total}`,
  );
});

/** `env` whose D1 throws at its `failAt`th call; `calls()` tells how many calls were made. */
function faultyEnv(failAt: number): { env: Env; calls: () => number; fired: () => boolean } {
  let count = 0;
  let fired = false;
  const real = new WeakMap<object, D1PreparedStatement>();
  const tick = () => {
    count++;
    if (count === failAt) {
      fired = true;
      throw new Error('D1_ERROR: injected fault: SQLITE_BUSY');
    }
  };
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        if (prop === 'bind') return (...args: unknown[]) => wrap(target.bind(...args));
        if (prop === 'run' || prop === 'first' || prop === 'all' || prop === 'raw') {
          return (...args: unknown[]) => {
            tick();
            return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    real.set(proxy, stmt);
    return proxy;
  };
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'prepare') return (q: string) => wrap(target.prepare(q));
      if (prop === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          tick();
          return target.batch(statements.map((s) => real.get(s) ?? s));
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { env: { ...env, DB: db }, calls: () => count, fired: () => fired };
}

async function expectInternal(res: Response): Promise<void> {
  expect(res.status).toBe(500);
  const text = await res.text();
  expect(ApiError.parse(JSON.parse(text))).toEqual({
    error: { code: 'internal', message: 'Something went wrong on the server.' },
  });
  expect(text).not.toMatch(/D1_ERROR|SQLITE|injected|\.ts:\d+/);
}

/**
 * Runs `attempt(env)` with a fault at call 1, 2, ... until a run makes fewer
 * calls than the fault position (the flow is then covered at every call);
 * `check` runs after each faulted attempt, `retry` right after it without a fault.
 */
async function everyFault(
  name: string,
  attempt: (e: Env) => Promise<Response>,
  after: (res: Response) => Promise<void>,
): Promise<void> {
  for (let n = 1; n < 50; n++) {
    const f = faultyEnv(n);
    const res = await attempt(f.env);
    if (!f.fired()) {
      // Past the last D1 call: the unfaulted request succeeds.
      if (res.status >= 300) throw new Error(`${name}: ${res.status} without a fault`);
      injected.set(name, n - 1);
      return;
    }
    await after(res);
  }
  throw new Error(`${name}: more than 50 D1 calls`);
}

async function count(sql: string, ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe('D1 failing at every call of a request', () => {
  it('auth/verify: 500, no usable device without an answer, and a retry signs in', async () => {
    let round = 0;
    let email = '';
    let code = '';
    await everyFault(
      'POST /auth/verify',
      async (e) => {
        // Each attempt is a new address (the per-address start limit is 5 a minute) with a fresh code.
        email = `fault-verify-${++round}@example.com`;
        expect((await call('/api/v1/auth/start', { json: { email } })).status).toBe(202);
        code = await latestCode(email);
        return call('/api/v1/auth/verify', { json: { email, code, deviceName: 'Laptop' }, env: e });
      },
      async (res) => {
        await expectInternal(res);
        // A faulted verify never leaves a device behind (its token was never given out).
        expect(
          await count('SELECT count(*) AS n FROM devices d JOIN users u ON u.id = d.user_id WHERE u.email = ?', email),
        ).toBe(0);
        // The retry, with the same code if it is still live or a new one, signs in.
        let retry = await call('/api/v1/auth/verify', { json: { email, code, deviceName: 'Laptop' } });
        if (retry.status === 401) {
          await call('/api/v1/auth/start', { json: { email } });
          retry = await call('/api/v1/auth/verify', {
            json: { email, code: await latestCode(email), deviceName: 'Laptop' },
          });
        }
        expect(retry.status).toBe(200);
        expect(
          await count('SELECT count(*) AS n FROM devices d JOIN users u ON u.id = d.user_id WHERE u.email = ?', email),
        ).toBe(1);
      },
    );
  });

  it('sync/push, shares, settings, revocation: 500, nothing half-written, the retry lands once', async () => {
    const { token, user } = await signIn('fault-writes@example.com');
    let seq = 1;
    const records = () => count('SELECT count(*) AS n FROM records WHERE user_id = ?', user.id);
    const rev = async () =>
      (await env.DB.prepare('SELECT rev FROM users WHERE id = ?').bind(user.id).first<{ rev: number }>())?.rev ?? -1;

    // Push: all of the batch or nothing.
    await everyFault(
      'POST /sync/push',
      (e) => {
        const changes = [0, 1, 2].map((i) =>
          upsert(seq + i, prEvidence(PR, { hlc: hlcAt(Date.now() - 1000, 'fault', i) })),
        );
        return call('/api/v1/sync/push', { token, json: { changes }, env: e });
      },
      async (res) => {
        await expectInternal(res);
        const before = { records: await records(), rev: await rev() };
        expect(before.records % 3).toBe(0);
        const changes = [0, 1, 2].map((i) =>
          upsert(seq + i, prEvidence(PR, { hlc: hlcAt(Date.now() - 1000, 'fault', i) })),
        );
        const retry = await call('/api/v1/sync/push', { token, json: { changes } });
        expect(await retry.json()).toMatchObject({ applied: 3 });
        expect(await records()).toBe(before.records + 3);
        seq += 3;
      },
    );

    // Share creation: the row and its answer, or neither.
    const shares = () => count('SELECT count(*) AS n FROM shares WHERE user_id = ?', user.id);
    await everyFault(
      'POST /shares',
      (e) => call('/api/v1/shares', { token, json: { label: 'For my 1:1' }, env: e }),
      async (res) => {
        const before = await shares();
        await expectInternal(res);
        expect(await shares()).toBe(before);
        expect((await call('/api/v1/shares', { token, json: { label: 'For my 1:1' } })).status).toBe(201);
        expect(await shares()).toBe(before + 1);
      },
    );

    // Settings: old or new, never part of a patch.
    await everyFault(
      'PATCH /me/settings',
      (e) =>
        call('/api/v1/me/settings', {
          method: 'PATCH',
          token,
          json: { timezone: 'Asia/Tokyo', digestDay: 1, digestHour: 9 },
          env: e,
        }),
      async (res) => {
        await expectInternal(res);
        const row = await env.DB.prepare('SELECT timezone, digest_day, digest_hour FROM users WHERE id = ?')
          .bind(user.id)
          .first<{ timezone: string; digest_day: number; digest_hour: number }>();
        const changed = row?.timezone === 'Asia/Tokyo';
        expect(row).toEqual(
          changed
            ? { timezone: 'Asia/Tokyo', digest_day: 1, digest_hour: 9 }
            : { timezone: 'UTC', digest_day: 5, digest_hour: 16 },
        );
      },
    );

    // Revoking a share link: revoked or not, and the retry revokes.
    const created = (await (await call('/api/v1/shares', { token, json: { label: 'to revoke' } })).json()) as {
      id: string;
      url: string;
    };
    await everyFault(
      'DELETE /shares/:id',
      (e) => call(`/api/v1/shares/${created.id}`, { method: 'DELETE', token, env: e }),
      async (res) => {
        await expectInternal(res);
      },
    );
    expect((await call(new URL(created.url).pathname)).status).toBe(404);

    // Reading a share page: a fault is a 500 page with the capability headers; the view is not half-counted.
    const live = (await (await call('/api/v1/shares', { token, json: { label: 'to view' } })).json()) as {
      url: string;
    };
    const path = new URL(live.url).pathname;
    await everyFault(
      'GET /s/:token',
      (e) => call(path, { env: e }),
      async (res) => {
        expect(res.status).toBe(500);
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(await res.text()).not.toMatch(/D1_ERROR|SQLITE|injected/);
      },
    );
  });
});

describe('queue redelivery after faults', () => {
  const digestsTo = async (email: string) =>
    (await outbox()).filter((m) => m.to === email && 'List-Unsubscribe' in m.headers);

  async function deliver(e: Env, body: DigestMessage, attempts: number) {
    const batch = createMessageBatch<DigestMessage>('casebook-digests', [
      { id: crypto.randomUUID(), timestamp: new Date(), attempts, body },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, e);
    return getQueueResult(batch, ctx);
  }

  it('D1 failing at every call of a digest send: retried, then exactly one e-mail once redelivered', async () => {
    let faults = 0;
    for (let n = 1; n < 50; n++) {
      const email = `fault-digest-${n}@example.com`;
      const { token, user } = await signIn(email);
      await call('/api/v1/sync/push', {
        token,
        json: { changes: [upsert(1, prEvidence(PR, { hlc: hlcAt(Date.now() - 1000, 'dg') }))] },
      });
      const body = { userId: user.id, isoWeek: '2026-W40' };
      const f = faultyEnv(n);
      const first = await deliver(f.env, body, 1);
      // Each message is acked (sent, or the fault came after the send) or retried (the send failed).
      expect(first.explicitAcks.length + first.retryMessages.length).toBe(1);
      expect((await digestsTo(email)).length).toBeLessThanOrEqual(1);
      if (!f.fired()) break;
      faults++;
      // Redelivered when retried (the queue does it after the delay; here at once): acked this time.
      const again = first.retryMessages.length > 0 ? await deliver(env, body, 2) : first;
      expect(again.explicitAcks).toHaveLength(1);
      // One e-mail in the end, whichever call failed; a third delivery sends nothing more.
      expect(await digestsTo(email)).toHaveLength(1);
      await deliver(env, body, 3);
      expect(await digestsTo(email)).toHaveLength(1);
    }
    injected.set('queue: digest send', faults);
    expect(faults).toBeGreaterThan(3);
  });
});
