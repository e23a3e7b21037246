/**
 * Issue 16, sync side, through the real worker under workerd:
 * - the per-account storage quota (413 `quota_exceeded`; deletes, reads and
 *   exports keep working; exact counters; `usage` on GET /me), with small
 *   limits passed as environment overrides;
 * - the per-account push bucket (429 with Retry-After);
 * - impossible clocks refused by the shared schema;
 * - 409 `seq_conflict` for renumbered changes (a reset client), identical
 *   replays still harmless;
 * - meta capped at 16 KiB.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ApiError, Hlc, isRealHlcTime, MAX_META_BYTES, PushResponse } from '../../shared/schemas';
import type { Env } from '../../worker/env';
import { DEFAULT_QUOTA_MAX_BYTES, DEFAULT_QUOTA_MAX_RECORDS } from '../../worker/lib/limits';
import { call, hlcAt, pull, prEvidence, signIn, upsert } from './helpers';

const PR = 'rest-pull-merged-artsy-emission-327.json';
const T0 = Date.parse('2026-11-20T09:00:00.000Z');

interface Usage {
  records: number;
  bytes: number;
  maxRecords: number;
  maxBytes: number;
}

async function usageOf(token: string, e: Env = env): Promise<Usage> {
  const res = await call('/api/v1/me', { token, env: e });
  expect(res.status).toBe(200);
  return ((await res.json()) as { usage: Usage }).usage;
}

function pushAs(token: string, changes: unknown[], e: Env = env): Promise<Response> {
  return call('/api/v1/sync/push', { token, json: { changes }, env: e });
}

/** The counters recomputed from the records table, to check the maintained ones against. */
async function recount(userId: string): Promise<{ records: number; bytes: number }> {
  return (await env.DB.prepare(
    `SELECT count(*) AS records, coalesce(sum(length(CAST(data AS BLOB))), 0) AS bytes
     FROM records WHERE user_id = ?1 AND deleted = 0`,
  )
    .bind(userId)
    .first<{ records: number; bytes: number }>())!;
}

function del(seq: number, id: string, hlc: string) {
  return { seq, collection: 'evidence', id, op: 'delete', hlc };
}

describe('storage quota', () => {
  it('GET /me answers usage with the defaults of wrangler.toml (50 MB, 100,000 records)', async () => {
    const { token } = await signIn('usage-default@example.com');
    expect(await usageOf(token)).toEqual({
      records: 0,
      bytes: 0,
      maxRecords: DEFAULT_QUOTA_MAX_RECORDS,
      maxBytes: DEFAULT_QUOTA_MAX_BYTES,
    });
    expect(DEFAULT_QUOTA_MAX_RECORDS).toBe(100_000);
    expect(DEFAULT_QUOTA_MAX_BYTES).toBe(50_000_000);
  });

  it('counters follow inserts, updates, deletes and replays exactly, in the same batch as the push', async () => {
    const { token, user } = await signIn('usage-exact@example.com');
    const a = prEvidence(PR, { hlc: hlcAt(T0, 'devU'), claim: 'short' });
    const b = prEvidence(PR, { hlc: hlcAt(T0, 'devU', 1) });
    expect(
      (await pushAs(token, [upsert(1, a), upsert(2, b), upsert(3, { ...a, updatedAt: hlcAt(T0, 'devU', 2) })])).status,
    ).toBe(200);
    expect(await usageOf(token)).toMatchObject(await recount(user.id));
    expect((await usageOf(token)).records).toBe(2);
    const longer = { ...a, claim: 'much longer claim '.repeat(50), updatedAt: hlcAt(T0 + 1000, 'devU') };
    expect((await pushAs(token, [upsert(4, longer)])).status).toBe(200);
    expect(await usageOf(token)).toMatchObject(await recount(user.id));
    expect((await pushAs(token, [del(5, b.id, hlcAt(T0 + 2000, 'devU'))])).status).toBe(200);
    const afterDelete = await usageOf(token);
    expect(afterDelete).toMatchObject(await recount(user.id));
    expect(afterDelete.records).toBe(1);
    // A replay of everything changes nothing.
    expect((await pushAs(token, [upsert(4, longer), del(5, b.id, hlcAt(T0 + 2000, 'devU'))])).status).toBe(200);
    expect(await usageOf(token)).toEqual(afterDelete);
  });

  it('past the record quota: 413 quota_exceeded with the limit, nothing applied; deletes, edits that do not grow, pulls and exports still work', async () => {
    const small = { ...env, QUOTA_MAX_RECORDS: '3' } as Env;
    const { token } = await signIn('quota-records@example.com');
    const records = Array.from({ length: 4 }, (_, i) => prEvidence(PR, { hlc: hlcAt(T0, 'devQ', i) }));
    expect(
      (
        await pushAs(
          token,
          records.slice(0, 3).map((r, i) => upsert(i + 1, r)),
          small,
        )
      ).status,
    ).toBe(200);
    const refused = await pushAs(token, [upsert(4, records[3]!)], small);
    expect(refused.status).toBe(413);
    const body = ApiError.parse(await refused.json());
    expect(body.error.code).toBe('quota_exceeded');
    expect(body.error.limit).toMatchObject({ maxRecords: 3, records: 3 });
    expect((await pull(token)).changes).toHaveLength(3);
    expect((await usageOf(token, small)).maxRecords).toBe(3);
    // An edit of an existing record that does not grow the account is accepted.
    const edit = { ...records[0]!, claim: 'x', updatedAt: hlcAt(T0 + 1000, 'devQ') };
    expect((await pushAs(token, [upsert(4, edit)], small)).status).toBe(200);
    // Exports keep working.
    expect((await call('/api/v1/digests/preview', { token, json: {}, env: small })).status).toBe(200);
    // A push of deletes only is always accepted, and makes room.
    const deleted = await pushAs(token, [del(5, records[1]!.id, hlcAt(T0 + 2000, 'devQ'))], small);
    expect(PushResponse.parse(await deleted.json())).toMatchObject({ applied: 1 });
    expect((await pushAs(token, [upsert(6, records[3]!)], small)).status).toBe(200);
  });

  it('past the byte quota: 413 quota_exceeded', async () => {
    const { token } = await signIn('quota-bytes@example.com');
    const one = prEvidence(PR, { hlc: hlcAt(T0, 'devB') });
    const size = new TextEncoder().encode(JSON.stringify(one)).length;
    const small = { ...env, QUOTA_MAX_BYTES: String(size * 2 + 10) } as Env;
    const two = [0, 1].map((i) => prEvidence(PR, { hlc: hlcAt(T0, 'devB', i + 1) }));
    expect(
      (
        await pushAs(
          token,
          two.map((r, i) => upsert(i + 1, r)),
          small,
        )
      ).status,
    ).toBe(200);
    const third = prEvidence(PR, { hlc: hlcAt(T0, 'devB', 9), claim: 'a claim long enough to pass the byte quota' });
    const res = await pushAs(token, [upsert(3, third)], small);
    expect(res.status).toBe(413);
    expect(ApiError.parse(await res.json()).error.code).toBe('quota_exceeded');
  });
});

describe('push rate limit per account', () => {
  it('a burst of pushes, then 429 rate_limited with Retry-After; other accounts are not affected', async () => {
    const tight = { ...env, PUSH_BURST: '3', PUSH_REFILL_PER_MINUTE: '6' } as Env;
    const { token } = await signIn('pusher@example.com');
    for (let i = 1; i <= 3; i++) expect((await pushAs(token, [], tight)).status).toBe(200);
    const res = await pushAs(token, [], tight);
    expect(res.status).toBe(429);
    expect(ApiError.parse(await res.json()).error.code).toBe('rate_limited');
    // 6 a minute: one push back within 10 seconds.
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(10);
    const other = await signIn('other-pusher@example.com');
    expect((await pushAs(other.token, [], tight)).status).toBe(200);
  });

  it('the default bucket lets a 100,000-record restore (200 full pushes) through at once', async () => {
    const { token } = await signIn('restore@example.com');
    // Empty pushes cost the same token as full ones.
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await pushAs(token, [])).status);
    expect(statuses.filter((st) => st !== 200)).toEqual([]);
    // 200 requests: not a speed test, so a loaded machine gets time.
  }, 60_000);
});

describe('impossible clocks', () => {
  const bad = '9999-99-99T99:99:99.999Z-ffff-zzzz';

  it('the shared Hlc schema refuses a time that does not round-trip through Date', () => {
    expect(Hlc.safeParse(bad).success).toBe(false);
    expect(Hlc.safeParse('2026-02-30T10:00:00.000Z-0000-dev').success).toBe(false);
    expect(Hlc.safeParse('2026-11-20T09:00:00.000Z-0000-dev').success).toBe(true);
    expect(isRealHlcTime('2026-13-01T00:00:00.000Z-0000-dev')).toBe(false);
  });

  it('a push with one is 400 and applies nothing; a later delete of the record still wins', async () => {
    const { token } = await signIn('clock@example.com');
    const e = prEvidence(PR, { hlc: hlcAt(T0, 'devC') });
    const res = await pushAs(token, [upsert(1, e), { ...upsert(2, { ...e, updatedAt: bad }), hlc: bad }]);
    expect(res.status).toBe(400);
    expect(ApiError.parse(await res.json()).error.code).toBe('validation_failed');
    expect((await pull(token)).changes).toEqual([]);
    expect((await pushAs(token, [upsert(1, e)])).status).toBe(200);
    expect((await pushAs(token, [del(2, e.id, hlcAt(T0 + 1000, 'devC'))])).status).toBe(200);
    expect((await pull(token)).changes[0]).toMatchObject({ deleted: true });
  });
});

describe('409 seq_conflict', () => {
  it('a true replay of identical changes stays 200 and applies nothing', async () => {
    const { token } = await signIn('replay@example.com');
    const changes = [0, 1, 2].map((i) => upsert(i + 1, prEvidence(PR, { hlc: hlcAt(T0, 'devR', i) })));
    expect(PushResponse.parse(await (await pushAs(token, changes)).json())).toMatchObject({ applied: 3, lastSeq: 3 });
    const again = await pushAs(token, changes);
    expect(again.status).toBe(200);
    expect(PushResponse.parse(await again.json())).toMatchObject({ applied: 0, ignored: 3, lastSeq: 3 });
    // A replay superseded by a newer write from elsewhere is a replay too.
    const phone = await signIn('replay@example.com', 'Phone');
    const newer = { ...changes[0]!.data, claim: 'newer', updatedAt: hlcAt(T0 + 5000, 'devP') };
    expect((await pushAs(phone.token, [upsert(1, newer as never)])).status).toBe(200);
    expect((await pushAs(token, changes)).status).toBe(200);
  });

  it('a reset client renumbering from 1: 409 with lastSeq, nothing applied; renumbered after lastSeq it lands', async () => {
    const { token } = await signIn('reset@example.com');
    const before = [0, 1, 2, 3, 4].map((i) => upsert(i + 1, prEvidence(PR, { hlc: hlcAt(T0, 'devZ', i) })));
    expect((await pushAs(token, before)).status).toBe(200);
    // IndexedDB wiped: new records, numbered from 1 again.
    const fresh = [0, 1, 2].map((i) => prEvidence(PR, { hlc: hlcAt(T0 + 60_000, 'devZ', i) }));
    const res = await pushAs(
      token,
      fresh.map((r, i) => upsert(i + 1, r)),
    );
    expect(res.status).toBe(409);
    const body = ApiError.parse(await res.json());
    expect(body.error).toMatchObject({ code: 'seq_conflict', lastSeq: 5 });
    expect((await pull(token)).changes).toHaveLength(5);
    const renumbered = fresh.map((r, i) => upsert(body.error.lastSeq! + 1 + i, r));
    expect(PushResponse.parse(await (await pushAs(token, renumbered)).json())).toMatchObject({
      applied: 3,
      lastSeq: 8,
    });
    expect((await pull(token)).changes).toHaveLength(8);
  });

  it('same clock and device but other content under an old seq is a conflict too', async () => {
    const { token } = await signIn('samehlc@example.com');
    const e = prEvidence(PR, { hlc: hlcAt(T0, 'devH'), claim: 'as applied' });
    expect((await pushAs(token, [upsert(1, e)])).status).toBe(200);
    const res = await pushAs(token, [upsert(1, { ...e, claim: 'something else' })]);
    expect(res.status).toBe(409);
  });
});

describe('meta cap', () => {
  it(`meta over ${MAX_META_BYTES} bytes as JSON is refused by the schema; just under is accepted`, async () => {
    const { token } = await signIn('meta@example.com');
    const base = prEvidence(PR, { hlc: hlcAt(T0, 'devM') });
    const over = { ...base, meta: { blob: 'x'.repeat(MAX_META_BYTES) } };
    const res = await pushAs(token, [upsert(1, over)]);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('meta');
    const under = { ...base, meta: { blob: 'x'.repeat(MAX_META_BYTES - 20) } };
    expect((await pushAs(token, [upsert(1, under)])).status).toBe(200);
  });
});
