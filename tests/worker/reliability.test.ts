/**
 * Reliability of the sync protocol on the worker (issue 5, tests (a)-(f) on the
 * server side), through the real worker entry point on local D1. The client side
 * is tests/unit/sync-reliability.test.ts; (g) runs in Chromium (tests/e2e/sync.test.ts).
 */
import { env } from 'cloudflare:workers';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { ApiError, PushResponse, type Evidence, type PushChange } from '../../shared/schemas';
import { call, hlcAt, jiraEvidence, prEvidence, pull, push, signIn, upsert } from './helpers';

const PR = 'rest-pull-merged-artsy-emission-327.json';
const T0 = Date.parse('2026-11-20T09:00:00.000Z');

type Pulled = Awaited<ReturnType<typeof pull>>['changes'];

/** Every change of the account, paging through `more`. */
async function pullAll(token: string, limit = 1000): Promise<{ changes: Pulled; requests: number }> {
  const changes: Pulled = [];
  let since = 0;
  let requests = 0;
  for (;;) {
    const page = await pull(token, since, limit);
    requests++;
    changes.push(...page.changes);
    since = page.rev;
    if (!page.more) return { changes, requests };
  }
}

async function pushOk(token: string, changes: unknown[], e?: typeof env): Promise<PushResponse> {
  const res = await call('/api/v1/sync/push', { token, json: { changes }, ...(e ? { env: e } : {}) });
  expect(res.status).toBe(200);
  return PushResponse.parse(await res.json());
}

/** `env` with a D1 whose `batch` fails: `before` (nothing applied) or `after` (applied, answer lost). */
function failingBatchEnv(when: 'before' | 'after'): typeof env {
  const db = env.DB;
  const failing = {
    prepare: (q: string) => db.prepare(q),
    exec: (q: string) => db.exec(q),
    dump: () => db.dump(),
    withSession: (c?: string) => db.withSession(c),
    batch: async (statements: D1PreparedStatement[]) => {
      if (when === 'before') throw new Error('D1_ERROR: network connection lost');
      await db.batch(statements);
      throw new Error('D1_ERROR: network connection lost');
    },
  } as unknown as D1Database;
  return { ...env, DB: failing };
}

function many(n: number, device: string, from = 1): PushChange[] {
  return Array.from({ length: n }, (_, i) =>
    upsert(from + i, jiraEvidence({ hlc: hlcAt(T0, device, i % 0xffff), id: ulid() })),
  );
}

describe('sync reliability on the worker', () => {
  it('(a) the same push replayed three times is applied once', async () => {
    const { token } = await signIn('replay-a@example.com');
    const changes = many(5, 'devA');
    const first = await pushOk(token, changes);
    expect(first).toMatchObject({ lastSeq: 5, applied: 5, ignored: 0 });
    for (let i = 0; i < 2; i++) {
      expect(await pushOk(token, changes)).toEqual({ lastSeq: 5, rev: first.rev, applied: 0, ignored: 5 });
    }
    const { changes: all } = await pullAll(token);
    expect(all.map((c) => c.id)).toEqual(changes.map((c) => c.id));
    // A replay overlapping new changes applies only the new ones.
    const more = many(3, 'devA', 6);
    const mixed = await pushOk(token, [...changes.slice(3), ...more]);
    expect(mixed).toMatchObject({ lastSeq: 8, applied: 3, ignored: 2 });
    expect((await pullAll(token)).changes).toHaveLength(8);
  });

  it('(b) the database fails during a push: 500 without internals, nothing applied, the retry applies everything once', async () => {
    const { token } = await signIn('fail-before@example.com');
    const changes = many(50, 'devB');
    const res = await call('/api/v1/sync/push', { token, json: { changes }, env: failingBatchEnv('before') });
    expect(res.status).toBe(500);
    const body = ApiError.parse(await res.json());
    expect(body.error.code).toBe('internal');
    expect(JSON.stringify(body)).not.toContain('D1_ERROR');
    expect((await pullAll(token)).changes).toHaveLength(0);
    expect(await pushOk(token, changes)).toMatchObject({ lastSeq: 50, applied: 50 });
    expect((await pullAll(token)).changes).toHaveLength(50);
  });

  it('(b) the answer is lost after the batch committed: the retried push is a replay, nothing is duplicated', async () => {
    const { token } = await signIn('fail-after@example.com');
    const changes = many(50, 'devB');
    const res = await call('/api/v1/sync/push', { token, json: { changes }, env: failingBatchEnv('after') });
    expect(res.status).toBe(500);
    const retry = await pushOk(token, changes);
    expect(retry).toMatchObject({ lastSeq: 50, applied: 0, ignored: 50 });
    const { changes: all } = await pullAll(token);
    expect(all).toHaveLength(50);
    expect(new Set(all.map((c) => c.rev)).size).toBe(50);
  });

  for (const order of ['laptop first', 'phone first'] as const) {
    it(`(c) two devices edit the same evidence offline and push ${order}: the server keeps the later clock`, async () => {
      const laptop = await signIn(`c-${order.split(' ')[0]}@example.com`, 'Laptop');
      const phone = await signIn(`c-${order.split(' ')[0]}@example.com`, 'Phone');
      const base = prEvidence(PR, { hlc: hlcAt(T0, 'laptop'), claim: 'base' });
      await pushOk(laptop.token, [upsert(1, base)]);
      const fromLaptop = { ...base, claim: 'laptop edit', updatedAt: hlcAt(T0 + 60_000, 'laptop') };
      const fromPhone = { ...base, claim: 'phone edit', updatedAt: hlcAt(T0 + 120_000, 'phone') };
      const pushes: [string, Evidence, number][] = [
        [laptop.token, fromLaptop, 2],
        [phone.token, fromPhone, 1],
      ];
      if (order === 'phone first') pushes.reverse();
      for (const [token, rec, seq] of pushes) await pushOk(token, [upsert(seq, rec)]);
      const seenByLaptop = (await pullAll(laptop.token)).changes;
      const seenByPhone = (await pullAll(phone.token)).changes;
      expect(seenByLaptop).toEqual(seenByPhone);
      expect(seenByLaptop).toHaveLength(1);
      expect(seenByLaptop[0]).toMatchObject({ hlc: fromPhone.updatedAt, data: { claim: 'phone edit' } });
    });
  }

  for (const later of ['delete', 'edit'] as const) {
    it(`(d) delete on one device, edit on the other: the later ${later} wins in either arrival order`, async () => {
      for (const deleteFirst of [true, false]) {
        const email = `d-${later}-${deleteFirst ? 'del' : 'edit'}-first@example.com`;
        const one = await signIn(email, 'One');
        const two = await signIn(email, 'Two');
        const base = prEvidence(PR, { hlc: hlcAt(T0, 'one') });
        await pushOk(one.token, [upsert(1, base)]);
        const delHlc = hlcAt(later === 'delete' ? T0 + 120_000 : T0 + 60_000, 'one');
        const editHlc = hlcAt(later === 'edit' ? T0 + 120_000 : T0 + 60_000, 'two');
        const del = { seq: 2, collection: 'evidence', id: base.id, op: 'delete', hlc: delHlc };
        const edit = upsert(1, { ...base, claim: 'edited', updatedAt: editHlc });
        const steps: [string, unknown][] = [
          [one.token, del],
          [two.token, edit],
        ];
        if (!deleteFirst) steps.reverse();
        for (const [token, change] of steps) await pushOk(token, [change]);
        const [change] = (await pullAll(two.token)).changes;
        const expected =
          later === 'delete'
            ? { deleted: true, data: null, hlc: delHlc }
            : { deleted: false, hlc: editHlc, data: { claim: 'edited' } };
        expect(change).toMatchObject(expected);
        expect((await pullAll(one.token)).changes).toEqual((await pullAll(two.token)).changes);
      }
    });
  }

  it('(e) a clock 10 minutes ahead is refused with 400 hlc_in_future, the server time in Date, nothing applied', async () => {
    const { token } = await signIn('skew@example.com');
    const ok = prEvidence(PR, { hlc: hlcAt(Date.now(), 'devE') });
    const ahead = prEvidence(PR, { hlc: hlcAt(Date.now() + 10 * 60_000, 'devE') });
    const res = await push(token, [upsert(1, ok), upsert(2, ahead)]);
    expect(res.status).toBe(400);
    expect(ApiError.parse(await res.json()).error.code).toBe('hlc_in_future');
    const serverDate = Date.parse(res.headers.get('date') ?? '');
    expect(Math.abs(serverDate - Date.now())).toBeLessThan(5_000);
    expect((await pullAll(token)).changes).toHaveLength(0);
    // Re-stamped from the server's Date (as the client does), the same changes land.
    const restamped = { ...ahead, updatedAt: hlcAt(serverDate + 60_000, 'devE', 1) };
    expect(await pushOk(token, [upsert(1, ok), upsert(2, restamped)])).toMatchObject({ applied: 2 });
  });

  it('(f) 10,000 items sync to a new device: every item once, pull paged', { timeout: 120_000 }, async () => {
    const first = await signIn('tenk@example.com', 'Old laptop');
    const started = Date.now();
    const ids: string[] = [];
    for (let batch = 0; batch < 20; batch++) {
      const changes = Array.from({ length: 500 }, (_, i) => {
        const n = batch * 500 + i;
        const e = prEvidence(PR, { hlc: hlcAt(T0 + n, 'old', 0), id: ulid(T0 + n), claim: `Item ${n}` });
        ids.push(e.id);
        return upsert(n + 1, e);
      });
      expect((await pushOk(first.token, changes)).applied).toBe(500);
    }
    const pushedMs = Date.now() - started;
    const fresh = await signIn('tenk@example.com', 'New laptop');
    const t = Date.now();
    const { changes, requests } = await pullAll(fresh.token, 1000);
    const pulledMs = Date.now() - t;
    console.log(
      `(f) worker: 10,000 items pushed in ${pushedMs} ms (20 requests), pulled by a new device in ${pulledMs} ms (${requests} requests)`,
    );
    expect(changes).toHaveLength(10_000);
    expect(new Set(changes.map((c) => c.id)).size).toBe(10_000);
    expect(changes.map((c) => c.id).sort()).toEqual(ids.sort());
    const count = await env.DB.prepare('SELECT count(*) AS n FROM records WHERE user_id = ?')
      .bind(first.user.id)
      .first<{ n: number }>();
    expect(count?.n).toBe(10_000);
  });
});
