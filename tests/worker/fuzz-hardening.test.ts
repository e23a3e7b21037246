/**
 * Property-based fuzzing (fixed seed, bounded runs) of the inputs issue 16
 * added, through the real worker under workerd:
 * - clocks of the right shape with impossible times (month 13, day 99,
 *   hour 25, Feb 30...): always 400, never applied, never a 500;
 * - meta of random size around the 16 KiB cap: 400 above it, 200 at or below;
 * - seq conflicts: random changes pushed again under random old seqs, some
 *   identical (replays: 200, nothing applied) and some altered (409
 *   `seq_conflict` with the server's lastSeq, nothing applied).
 * The records table must be unchanged after every rejection and every replay.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError, Hlc, MAX_META_BYTES, PushResponse, type PushChange } from '../../shared/schemas';
import { call, hlcAt, prEvidence, signIn, upsert } from './helpers';

const SEED = 20261206;
const RUNS = 60;
const PR = 'rest-pull-merged-artsy-emission-327.json';
const T0 = Date.parse('2026-11-20T09:00:00.000Z');

let token = '';
let userId = '';

async function records(): Promise<unknown> {
  return env.DB.prepare(
    'SELECT count(*) AS n, coalesce(sum(rev), 0) AS revs, group_concat(hlc) AS hlcs FROM records WHERE user_id = ?1',
  )
    .bind(userId)
    .first();
}

function push(changes: unknown[]): Promise<Response> {
  return call('/api/v1/sync/push', { token, json: { changes } });
}

beforeAll(async () => {
  const session = await signIn('fuzz-hardening@example.com');
  token = session.token;
  userId = session.user.id;
});

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** HLC-shaped strings whose time is not a real instant. */
const impossibleHlc = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 99 }),
    day: fc.integer({ min: 0, max: 99 }),
    hour: fc.integer({ min: 0, max: 99 }),
    minute: fc.integer({ min: 0, max: 99 }),
    second: fc.integer({ min: 0, max: 99 }),
    ms: fc.integer({ min: 0, max: 999 }),
    counter: fc.integer({ min: 0, max: 0xffff }),
    device: fc.stringMatching(/^[0-9A-Za-z]{1,20}$/),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}.${pad(t.ms, 3)}Z-${t.counter.toString(16).padStart(4, '0')}-${t.device}`,
  )
  .filter((h) => !Hlc.safeParse(h).success);

describe('fuzzing the issue 16 inputs (fixed seed, bounded runs)', { timeout: 30_000 }, () => {
  it('impossible clocks: 400, nothing applied', async () => {
    let n = 0;
    let seq = 1;
    await fc.assert(
      fc.asyncProperty(impossibleHlc, fc.boolean(), async (hlc, asDelete) => {
        n++;
        const e = prEvidence(PR, { hlc });
        const change = asDelete
          ? { seq: seq++, collection: 'evidence', id: e.id, op: 'delete', hlc }
          : { ...upsert(seq++, e), hlc };
        const before = await records();
        const res = await push([change]);
        const code = ApiError.safeParse(await res.json()).data?.error.code;
        expect({ hlc, status: res.status, code }).toEqual({ hlc, status: 400, code: 'validation_failed' });
        expect(await records()).toEqual(before);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(n).toBe(RUNS);
  });

  it('meta around the 16 KiB cap: refused above, accepted at or below', async () => {
    let seq = 1000;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: MAX_META_BYTES - 64, max: MAX_META_BYTES + 64 }),
        fc.boolean(),
        async (size, wide) => {
          const e = prEvidence(PR, { hlc: hlcAt(T0, 'devF', seq % 0xffff) });
          // `é` is 2 UTF-8 bytes: the cap counts bytes, not characters.
          const filler = wide ? 'é'.repeat(Math.floor((size - 12) / 2)) : 'x'.repeat(size - 12);
          const meta = { f: filler };
          const bytes = new TextEncoder().encode(JSON.stringify(meta)).length;
          const before = await records();
          const res = await push([upsert(seq++, { ...e, meta })]);
          const refused = bytes > MAX_META_BYTES;
          // A refusal leaves the records as they were; an acceptance adds one.
          const unchanged = JSON.stringify(await records()) === JSON.stringify(before);
          expect({ bytes, status: res.status, unchanged }).toEqual({
            bytes,
            status: refused ? 400 : 200,
            unchanged: refused,
          });
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('old seqs: identical replays are 200 and change nothing; altered ones are 409 seq_conflict and change nothing', async () => {
    const { token: own, user } = await signIn('fuzz-seq@example.com', 'Seq laptop');
    const applied: PushChange[] = Array.from({ length: 20 }, (_, i) =>
      upsert(i + 1, prEvidence(PR, { hlc: hlcAt(T0, 'devS', i), claim: `claim ${i}` })),
    );
    const first = await call('/api/v1/sync/push', { token: own, json: { changes: applied } });
    expect(PushResponse.parse(await first.json()).lastSeq).toBe(20);
    const snapshot = () =>
      env.DB.prepare("SELECT group_concat(hlc || data, '|') AS all_ FROM records WHERE user_id = ?1")
        .bind(user.id)
        .first();
    const alter = fc.constantFrom('claim', 'hlc', 'op', 'id', 'none');
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: 19 }), { minLength: 1, maxLength: 5 }),
        alter,
        fc.integer({ min: 1, max: 20 }),
        async (picks, how, newSeq) => {
          const changes = picks.map((i) => applied[i]!);
          let altered = changes;
          if (how !== 'none') {
            const c = changes[0]!;
            const data = c.data as Record<string, unknown>;
            const changed: PushChange =
              how === 'claim'
                ? { ...c, data: { ...data, claim: 'rewritten' } }
                : how === 'hlc'
                  ? { ...c, hlc: hlcAt(T0 + 60_000, 'devS'), data: { ...data, updatedAt: hlcAt(T0 + 60_000, 'devS') } }
                  : how === 'op'
                    ? { seq: c.seq, collection: c.collection, id: c.id, op: 'delete', hlc: hlcAt(T0 + 60_000, 'devS') }
                    : (() => {
                        const e = prEvidence(PR, { hlc: hlcAt(T0 + 60_000, 'devS') });
                        return upsert(newSeq, e);
                      })();
            altered = [changed, ...changes.slice(1)];
          }
          const before = await snapshot();
          const res = await call('/api/v1/sync/push', { token: own, json: { changes: altered } });
          const json: unknown = await res.json();
          const ok = PushResponse.safeParse(json).data;
          const error = ApiError.safeParse(json).data?.error;
          const seen = {
            how,
            status: res.status,
            applied: ok?.applied,
            code: error?.code,
            lastSeq: ok?.lastSeq ?? error?.lastSeq,
          };
          expect(seen).toEqual(
            how === 'none'
              ? { how, status: 200, applied: 0, code: undefined, lastSeq: 20 }
              : { how, status: 409, applied: undefined, code: 'seq_conflict', lastSeq: 20 },
          );
          expect(await snapshot()).toEqual(before);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
