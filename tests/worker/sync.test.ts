import { env } from 'cloudflare:workers';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { ApiError, PullResponse, PushResponse } from '../../shared/schemas';
import { hlcAt, jiraEvidence, prEvidence, pull, push, signIn, upsert } from './helpers';

const PR_671 = 'rest-pull-merged-github3py-671.json';
const PR_327 = 'rest-pull-merged-artsy-emission-327.json';
const T0 = Date.parse('2026-11-20T09:00:00.000Z');

describe('sync push and pull', () => {
  it('round trip: pushed records come back on pull, with rev and the data intact', async () => {
    const { token } = await signIn('roundtrip@example.com');
    const a = prEvidence(PR_671, { hlc: hlcAt(T0, 'devA'), privateNote: 'mine only' });
    const b = jiraEvidence({ hlc: hlcAt(T0 + 1, 'devA') });
    const res = await push(token, [upsert(1, a), upsert(2, b)]);
    expect(res.status).toBe(200);
    const body = PushResponse.parse(await res.json());
    expect(body).toMatchObject({ lastSeq: 2, applied: 2, ignored: 0 });
    expect(body.rev).toBeGreaterThanOrEqual(2);

    const pulled = PullResponse.parse(await pull(token, 0));
    expect(pulled.more).toBe(false);
    expect(pulled.rev).toBe(body.rev);
    expect(pulled.changes.map((c) => c.id)).toEqual([a.id, b.id]);
    expect(pulled.changes[0]).toMatchObject({ collection: 'evidence', hlc: a.updatedAt, deleted: false, data: a });
    // The owner's own devices get the private note back.
    expect(pulled.changes[0]?.data?.privateNote).toBe('mine only');
    const revs = pulled.changes.map((c) => c.rev);
    expect(new Set(revs).size).toBe(2);

    // Nothing new after the cursor.
    expect((await pull(token, pulled.rev)).changes).toEqual([]);
  });

  it('keeps unknown fields a newer client wrote', async () => {
    const { token } = await signIn('newer@example.com');
    const e = { ...prEvidence(PR_327, { hlc: hlcAt(T0, 'devN') }), futureField: { x: 1 } };
    e.meta = { ...e.meta, ciStatus: 'green' };
    expect((await push(token, [upsert(1, e)])).status).toBe(200);
    const [change] = (await pull(token)).changes;
    expect(change?.data).toMatchObject({ futureField: { x: 1 }, meta: { ciStatus: 'green' } });
  });

  it('replaying the same push is harmless: nothing applied, rev unchanged', async () => {
    const { token } = await signIn('replay@example.com');
    const changes = [
      upsert(1, prEvidence(PR_671, { hlc: hlcAt(T0, 'devR') })),
      upsert(2, jiraEvidence({ hlc: hlcAt(T0, 'devR', 1) })),
    ];
    const first = PushResponse.parse(await (await push(token, changes)).json());
    const second = PushResponse.parse(await (await push(token, changes)).json());
    expect(second).toEqual({ lastSeq: 2, rev: first.rev, applied: 0, ignored: 2 });
    expect((await pull(token)).changes).toHaveLength(2);
  });

  it('a different change at or below the stored lastSeq is 409 seq_conflict with lastSeq; nothing applied', async () => {
    const { token } = await signIn('seq@example.com');
    const e = prEvidence(PR_671, { hlc: hlcAt(T0, 'devS'), claim: 'first' });
    await push(token, [upsert(5, e)]);
    const later = { ...e, claim: 'second', updatedAt: hlcAt(T0 + 1000, 'devS') };
    const res = await push(token, [upsert(5, later)]);
    expect(res.status).toBe(409);
    const body = ApiError.parse(await res.json());
    expect(body.error).toMatchObject({ code: 'seq_conflict', lastSeq: 5 });
    expect((await pull(token)).changes[0]?.data?.claim).toBe('first');
    // Renumbered after lastSeq, it applies.
    expect(PushResponse.parse(await (await push(token, [upsert(6, later)])).json())).toMatchObject({
      lastSeq: 6,
      applied: 1,
    });
  });

  it('last writer wins across two devices, whichever arrives last', async () => {
    const laptop = await signIn('lww@example.com', 'Laptop');
    const phone = await signIn('lww@example.com', 'Phone');
    const base = prEvidence(PR_671, { hlc: hlcAt(T0, 'laptop'), claim: 'v1 from laptop' });
    await push(laptop.token, [upsert(1, base)]);

    // The phone wrote later (greater clock) but pushes after the laptop's newer-looking edit.
    const fromPhone = { ...base, claim: 'v3 from phone', updatedAt: hlcAt(T0 + 2000, 'phone') };
    const fromLaptop = { ...base, claim: 'v2 from laptop', updatedAt: hlcAt(T0 + 1000, 'laptop') };
    expect(PushResponse.parse(await (await push(phone.token, [upsert(1, fromPhone)])).json()).applied).toBe(1);
    const stale = PushResponse.parse(await (await push(laptop.token, [upsert(2, fromLaptop)])).json());
    expect(stale).toMatchObject({ applied: 0, ignored: 1, lastSeq: 2 });

    const seenByLaptop = await pull(laptop.token);
    expect(seenByLaptop.changes).toHaveLength(1);
    expect(seenByLaptop.changes[0]).toMatchObject({ hlc: fromPhone.updatedAt, data: { claim: 'v3 from phone' } });

    const row = await env.DB.prepare('SELECT device_id FROM records WHERE id = ?')
      .bind(base.id)
      .first<{ device_id: string }>();
    expect(row?.device_id).toBe(phone.device.id);
  });

  it('equal clocks: the greater device id wins in either arrival order', async () => {
    const one = await signIn('tie@example.com', 'One');
    const two = await signIn('tie@example.com', 'Two');
    const winner = one.device.id > two.device.id ? one : two;
    const loser = winner === one ? two : one;
    const hlc = hlcAt(T0, 'same');
    const x = prEvidence(PR_671, { hlc, claim: 'x' });
    const y = prEvidence(PR_327, { hlc, claim: 'y' });
    // Record x: loser first, then winner. Record y: winner first, then loser.
    await push(loser.token, [upsert(1, { ...x, claim: 'loser' })]);
    await push(winner.token, [upsert(1, { ...x, claim: 'winner' })]);
    await push(winner.token, [upsert(2, { ...y, claim: 'winner' })]);
    await push(loser.token, [upsert(2, { ...y, claim: 'loser' })]);
    const claims = Object.fromEntries((await pull(one.token)).changes.map((c) => [c.id, c.data?.claim]));
    expect(claims).toEqual({ [x.id]: 'winner', [y.id]: 'winner' });
  });

  it('deletes travel as tombstones with data null', async () => {
    const { token } = await signIn('tomb@example.com');
    const e = prEvidence(PR_327, { hlc: hlcAt(T0, 'devT') });
    await push(token, [upsert(1, e)]);
    const after = (await pull(token)).rev;
    const del = { seq: 2, collection: 'evidence', id: e.id, op: 'delete', hlc: hlcAt(T0 + 10, 'devT') };
    expect(PushResponse.parse(await (await push(token, [del])).json()).applied).toBe(1);
    const pulled = await pull(token, after);
    expect(pulled.changes).toEqual([
      { collection: 'evidence', id: e.id, rev: expect.any(Number), hlc: del.hlc, deleted: true, data: null },
    ]);
  });

  it('pull pages with limit and more', async () => {
    const { token } = await signIn('pages@example.com');
    const changes = Array.from({ length: 5 }, (_, i) =>
      upsert(i + 1, jiraEvidence({ hlc: hlcAt(T0, 'devP', i), id: ulid() })),
    );
    await push(token, changes);
    const seen: string[] = [];
    let since = 0;
    for (let round = 0; round < 10; round++) {
      const page = await pull(token, since, 2);
      seen.push(...page.changes.map((c) => c.id));
      since = page.rev;
      if (!page.more) break;
      expect(page.changes).toHaveLength(2);
    }
    expect(seen).toEqual(changes.map((c) => c.id));
  });

  it('a 500-change push spanning several statement chunks applies every change with unique revs', async () => {
    const { token } = await signIn('bulk@example.com');
    const long = 'I led the migration and wrote the runbook. '.repeat(110); // ~4.7 KB claims: several 900 KB chunks
    const changes = Array.from({ length: 500 }, (_, i) =>
      upsert(
        i + 1,
        prEvidence(i % 2 ? PR_671 : PR_327, { hlc: hlcAt(T0, 'devB', i), claim: long.slice(0, 4900), id: ulid() }),
      ),
    );
    const res = PushResponse.parse(await (await push(token, changes)).json());
    expect(res).toMatchObject({ lastSeq: 500, applied: 500, ignored: 0 });
    const all: number[] = [];
    let since = 0;
    for (;;) {
      const page = await pull(token, since, 1000);
      all.push(...page.changes.map((c) => c.rev));
      since = page.rev;
      if (!page.more) break;
    }
    expect(all).toHaveLength(500);
    expect(new Set(all).size).toBe(500);
    expect(Math.max(...all)).toBe(res.rev);
  });

  it('rejects a clock more than 5 minutes in the future with 400', async () => {
    const { token } = await signIn('future@example.com');
    const e = prEvidence(PR_671, { hlc: hlcAt(Date.now() + 6 * 60 * 1000, 'devF') });
    const res = await push(token, [upsert(1, e)]);
    expect(res.status).toBe(400);
    const body = ApiError.parse(await res.json());
    expect(body.error.code).toBe('hlc_in_future');
    expect((await pull(token)).changes).toEqual([]);
    // Within the allowed skew it is accepted.
    const ok = prEvidence(PR_671, { hlc: hlcAt(Date.now() + 60 * 1000, 'devF') });
    expect((await push(token, [upsert(1, ok)])).status).toBe(200);
  });

  it('rejects invalid changes with validation_failed and applies none of the batch', async () => {
    const { token } = await signIn('invalid@example.com');
    const good = prEvidence(PR_671, { hlc: hlcAt(T0, 'devI') });
    const bad = { ...prEvidence(PR_327, { hlc: hlcAt(T0, 'devI', 1) }), occurredOn: '20 Nov 2026' };
    const res = await push(token, [upsert(1, good), upsert(2, bad)]);
    expect(res.status).toBe(400);
    const body = ApiError.parse(await res.json());
    expect(body.error.code).toBe('validation_failed');
    expect(JSON.stringify(body.error.issues)).toContain('occurredOn');
    expect((await pull(token)).changes).toEqual([]);
    const mismatch = await push(token, [{ ...upsert(1, good), id: ulid() }]);
    expect(mismatch.status).toBe(400);
  });

  it("never shows one user's records to another", async () => {
    const a = await signIn('iso-a@example.com');
    const b = await signIn('iso-b@example.com');
    const mine = prEvidence(PR_671, { hlc: hlcAt(T0, 'devA'), privateNote: 'A only' });
    await push(a.token, [upsert(1, mine)]);
    expect((await pull(b.token, 0)).changes).toEqual([]);
    // B pushing a record with the same id creates B's own record; A's is untouched.
    const theirs = { ...mine, claim: 'B wrote this', privateNote: '', updatedAt: hlcAt(T0 + 5000, 'devB') };
    expect(PushResponse.parse(await (await push(b.token, [upsert(1, theirs)])).json()).applied).toBe(1);
    expect((await pull(a.token)).changes[0]?.data).toMatchObject({ claim: mine.claim, privateNote: 'A only' });
    expect((await pull(b.token)).changes[0]?.data).toMatchObject({ claim: 'B wrote this' });
  });
});
