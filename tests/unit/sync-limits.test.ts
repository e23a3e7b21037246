/**
 * Issue 16 on the client: one refused change never jams the outbox (it is set aside and
 * the rest is pushed), the client renumbers after its store was wiped (cursor check and
 * 409 `seq_conflict`), a full account (413 `quota_exceeded`) still takes deletes and is
 * reported as full, 429 waits for `Retry-After`, and the write path refuses a record the
 * server could never take. The server is the real worker app over a local D1
 * (tests/unit/helpers/worker-server.ts, its quota set through the worker's variables),
 * reached through the real HTTP transport; a server stricter than the worker and a
 * 429 are fetch wrappers answering in the worker's error shape.
 */
import { describe, expect, it } from 'vitest';
import {
  deleteEvidence,
  RecordValidationError,
  saveEvidence,
  saveSettings,
  stageLocalWrite,
} from '../../extension/db/write';
import { getDeviceState, getSyncStatus, setDeviceState } from '../../extension/db/device-state';
import type { CasebookDB } from '../../extension/db/index';
import { pushOutbox, type SyncApi } from '../../extension/sync/client';
import { createSyncApi } from '../../extension/sync/http';
import { SyncRunner } from '../../extension/sync/runner';
import { discardAttention, listAttention, retryAttention } from '../../extension/sync/attention';
import { describeSaveError } from '../../extension/components/format';
import { WorkerSyncServer } from './helpers/worker-server';
import { freshDbsPerTest, prEvidence } from './helpers/evidence';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const newDb = freshDbsPerTest();

function transport(device: string, fetchImpl: typeof fetch): SyncApi {
  return createSyncApi({ baseUrl: 'http://casebook.test', getToken: async () => device, fetch: fetchImpl });
}

const idOf = (prefix: string, i: number) => `01JD3K8Q2${prefix}${String(i).padStart(16, '0')}`;

/**
 * Stages `n` evidence records through the write module's staging (ids from `prefix`);
 * `tweak(i, record)` may change record `i` (1-based) before it is validated.
 */
async function seed(
  db: CasebookDB,
  n: number,
  prefix = 'A',
  tweak: (i: number, r: Record<string, unknown>) => Record<string, unknown> = (_i, r) => r,
): Promise<string[]> {
  const ids: string[] = [];
  await db.transaction('rw', [db.evidence, db.outbox, db.deviceState], async () => {
    for (let i = 1; i <= n; i++) {
      const id = idOf(prefix, i);
      ids.push(id);
      await stageLocalWrite(
        db,
        'evidence',
        'upsert',
        (hlc) =>
          tweak(i, {
            ...prEvidence(i),
            id,
            capturedAt: new Date(T0).toISOString(),
            updatedAt: hlc,
            deletedAt: null,
          }),
        T0,
      );
    }
  });
  return ids;
}

/** Writes an outbox entry straight into the table, as a store written before the size check would hold it. */
async function legacyOversizedEntry(db: CasebookDB, id: string): Promise<void> {
  const hlc = `2026-11-20T09:00:00.500Z-0000-01JD3K8Q2VZ7`;
  const data = {
    ...prEvidence(99),
    id,
    capturedAt: new Date(T0).toISOString(),
    updatedAt: hlc,
    deletedAt: null,
    meta: { siteName: 'x'.repeat(600_000) },
  };
  await db.evidence.put(data as never);
  await db.outbox.add({ collection: 'evidence', id, op: 'upsert', hlc, data } as never);
}

describe('one refused change does not jam the outbox', () => {
  it('an entry over 512 KiB already in the outbox is set aside without a request; the others reach the server', async () => {
    const server = new WorkerSyncServer();
    const db = newDb();
    await setDeviceState(db, 'lastSeq', 0);
    await seed(db, 3, 'A');
    await legacyOversizedEntry(db, idOf('H', 1));
    await seed(db, 3, 'B');

    const result = await pushOutbox({ db, api: transport('dev-a', server.fetch), now: () => T0 });

    expect(result).toMatchObject({ pushed: 6, setAside: 1 });
    expect((await server.records()).size).toBe(6);
    expect(server.pushes.flatMap((p) => p.body.changes.map((c) => c.id))).not.toContain(idOf('H', 1));
    const aside = await listAttention(db);
    expect(aside.map((e) => e.id)).toEqual([idOf('H', 1)]);
    expect(aside[0]!.attention).toMatchObject({ status: 0, code: 'record_too_large' });
    // The next sync skips it: nothing more is sent, nothing is lost.
    const again = await pushOutbox({ db, api: transport('dev-a', server.fetch), now: () => T0 });
    expect(again).toEqual({ pushed: 0, pushRequests: 0, setAside: 0 });
    expect(await db.outbox.count()).toBe(1);
  });

  it('an entry that fails the shared schema (an older version stored it) is set aside before any request carries it', async () => {
    const server = new WorkerSyncServer();
    const db = newDb();
    await setDeviceState(db, 'lastSeq', 0);
    const ids = await seed(db, 8);
    const bad = (await db.outbox.toArray())[4]!;
    await db.outbox.update(bad.seq, { data: { ...bad.data, title: '' } }); // titles must not be empty
    const result = await pushOutbox({ db, api: transport('dev-a', server.fetch), now: () => T0 });
    expect(result).toMatchObject({ pushed: 7, setAside: 1 });
    expect(server.pushes.flatMap((p) => p.body.changes.map((c) => c.id))).not.toContain(ids[4]);
    expect((await server.records()).size).toBe(7);
    expect((await listAttention(db))[0]).toMatchObject({ id: ids[4], attention: { status: 0, code: 'invalid_input' } });
  });

  it('a change the server refuses with 413 is found by halving the batch and set aside; the 19 others land', async () => {
    const server = new WorkerSyncServer();
    // A server whose record limit is 4,000 bytes instead of the worker's 512 KiB, stricter than
    // the client: only the server can tell. Its refusal is the worker's (413 record_too_large).
    const stricter: typeof fetch = async (input, init) => {
      const req = new Request(input, init);
      if (req.method === 'POST') {
        const body = (await req.clone().json()) as { changes: unknown[] };
        const index = body.changes.findIndex((c) => new TextEncoder().encode(JSON.stringify(c)).length > 4_000);
        if (index >= 0) {
          const error = { code: 'record_too_large', message: `Change ${index} is larger than 4,000 bytes.` };
          return Response.json({ error }, { status: 413 });
        }
      }
      return server.fetch(req);
    };
    const db = newDb();
    await setDeviceState(db, 'lastSeq', 0);
    const ids = await seed(db, 20, 'A', (i, r) => (i === 7 ? { ...r, claim: 'I '.repeat(2_400) } : r));

    const result = await pushOutbox({ db, api: transport('dev-a', stricter), now: () => T0 });

    expect(result.pushed).toBe(19);
    expect(result.setAside).toBe(1);
    expect((await server.records()).size).toBe(19);
    expect((await server.records()).has(`evidence/${ids[6]}`)).toBe(false);
    const aside = await listAttention(db);
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatchObject({ id: ids[6], attention: { status: 413, code: 'record_too_large' } });
    // Halving: far fewer requests than one per change.
    expect(result.pushRequests).toBeLessThanOrEqual(12);
    // Seqs on the wire only ever grow.
    const seqs = server.pushes.flatMap((p) => p.body.changes.map((c) => c.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('a 400 for one change (a server with a stricter schema) is set aside; retry re-sends it with a fresh seq, discard drops it', async () => {
    const server = new WorkerSyncServer();
    let refuse = true;
    const strict: typeof fetch = async (input, init) => {
      const req = new Request(input, init);
      if (refuse && req.method === 'POST') {
        const body = (await req.clone().json()) as { changes: { data?: { title?: string } }[] };
        if (body.changes.some((c) => c.data?.title?.includes('(3)'))) {
          return Response.json(
            { error: { code: 'validation_failed', message: 'Invalid request body', issues: [] } },
            { status: 400 },
          );
        }
      }
      return server.fetch(req);
    };
    const db = newDb();
    await setDeviceState(db, 'lastSeq', 0);
    const ids = await seed(db, 5);
    const runner = new SyncRunner({ db, getApi: async () => transport('dev-a', strict), now: () => T0 });

    const status = await runner.sync();
    expect(status).toMatchObject({ lastError: null, pending: 0 });
    expect((await server.records()).size).toBe(4);
    const [aside] = await listAttention(db);
    expect(aside).toMatchObject({ id: ids[2], attention: { status: 400, code: 'validation_failed' } });

    // Retry once the server takes it: it goes out numbered above everything sent so far.
    refuse = false;
    const lastSent = Math.max(...server.pushes.flatMap((p) => p.body.changes.map((c) => c.seq)));
    expect(await retryAttention(db, aside!.seq)).toBe(true);
    expect(await listAttention(db)).toEqual([]);
    await runner.sync();
    expect((await server.records()).has(`evidence/${ids[2]}`)).toBe(true);
    expect(server.pushes.at(-1)!.body.changes.map((c) => c.seq)[0]).toBeGreaterThan(lastSent);
    expect(await db.outbox.count()).toBe(0);

    // Discard: the change leaves the outbox, the local record stays on this device.
    refuse = true;
    await saveEvidence({ ...prEvidence(3), id: ids[2], claim: 'edited' }, { db, now: () => T0 + 5 });
    await runner.sync();
    const [again] = await listAttention(db);
    expect(again?.id).toBe(ids[2]);
    expect(await discardAttention(db, again!.seq)).toBe(true);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.evidence.get(ids[2]!))?.claim).toBe('edited');
  });
});

describe('renumbering after the local store was wiped (the session survived)', () => {
  it('checks the server cursor before the first push: 200 new records after 121 old seqs all arrive', async () => {
    const server = new WorkerSyncServer();
    const old = newDb();
    await setDeviceState(old, 'lastSeq', 0);
    await seed(old, 121, 'A');
    await pushOutbox({ db: old, api: transport('dev-a', server.fetch), now: () => T0 });
    expect(await server.lastSeq('dev-a')).toBe(121);

    const wiped = newDb(); // same token, empty IndexedDB: local seqs start at 1 again
    const fresh = await seed(wiped, 200, 'B');
    await pushOutbox({ db: wiped, api: transport('dev-a', server.fetch), now: () => T0 + 1000 });

    expect(server.cursorChecks.get('dev-a')).toBe(1);
    expect(await wiped.outbox.count()).toBe(0);
    const stored = await server.records();
    for (const id of fresh) expect(stored.has(`evidence/${id}`)).toBe(true);
    expect(stored.size).toBe(321);
    expect(server.pushes.at(-1)!.body.changes.at(-1)!.seq).toBe(321);
  });

  it('on 409 seq_conflict renumbers the pending entries from lastSeq + 1 and pushes again; nothing is lost', async () => {
    const server = new WorkerSyncServer();
    const old = newDb();
    await setDeviceState(old, 'lastSeq', 0);
    await seed(old, 121, 'A');
    await pushOutbox({ db: old, api: transport('dev-a', server.fetch), now: () => T0 });

    // A store that believes the cursor is 0 (e.g. restored from an old copy) numbers from 1.
    const stale = newDb();
    await setDeviceState(stale, 'lastSeq', 0);
    const fresh = await seed(stale, 200, 'B');
    const statuses: number[] = [];
    const watching: typeof fetch = async (input, init) => {
      const res = await server.fetch(input, init);
      statuses.push(res.status);
      return res;
    };
    const result = await pushOutbox({ db: stale, api: transport('dev-a', watching), now: () => T0 + 1000 });

    expect(statuses[0]).toBe(409);
    expect(statuses.slice(1).every((s) => s === 200)).toBe(true);
    expect(result.pushed).toBe(200);
    const stored = await server.records();
    for (const id of fresh) expect(stored.has(`evidence/${id}`)).toBe(true);
    expect(stored.size).toBe(321);
    expect(await getDeviceState(stale, 'seqOffset')).toBe(121);
    expect(await getDeviceState(stale, 'lastSeq')).toBe(321);
  });
});

describe('limits of the account', () => {
  it('413 quota_exceeded: deletes still go out, the rest waits (not set aside) and the panel says the account is full', async () => {
    const server = new WorkerSyncServer();
    const db = newDb();
    await setDeviceState(db, 'lastSeq', 0);
    const ids = await seed(db, 5, 'A');
    const runner = new SyncRunner({
      db,
      getApi: async () => transport('dev-a', server.fetch),
      now: () => T0,
      setTimer: () => undefined,
    });
    await runner.sync();
    server.vars = { QUOTA_MAX_RECORDS: '5' };

    await saveEvidence({ ...prEvidence(40), title: 'Over quota 1' }, { db, now: () => T0 + 1 });
    await deleteEvidence(ids[0]!, { db, now: () => T0 + 2 });
    await saveEvidence({ ...prEvidence(41), title: 'Over quota 2' }, { db, now: () => T0 + 3 });
    await saveEvidence({ ...prEvidence(42), title: 'Over quota 3' }, { db, now: () => T0 + 4 });

    const full = await runner.sync();
    expect(full.lastErrorCode).toBe('quota_exceeded');
    expect(full.lastError).toMatch(/storage is full \(5 records or 50 MB\)/);
    expect(full.nextRetryAt).toBeNull();
    expect((await server.records()).get(`evidence/${ids[0]}`)?.deleted).toBe(true); // the delete went through
    expect(await listAttention(db)).toEqual([]); // not blamed on a record
    expect(full.pending).toBe(3);

    server.vars = { QUOTA_MAX_RECORDS: '10' };
    const ok = await runner.sync();
    expect(ok).toMatchObject({ lastError: null, pending: 0 });
    const titles = [...(await server.records()).values()].map((r) => r.data?.title);
    expect(titles).toEqual(expect.arrayContaining(['Over quota 1', 'Over quota 2', 'Over quota 3']));
    const seqs = server.pushes.flatMap((p) => p.body.changes.map((c) => c.seq));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it.each([
    ['seconds', () => '30'],
    ['an HTTP date', () => new Date(Date.now() + 30_000).toUTCString()],
  ])('429 waits for Retry-After given in %s', async (_kind, header) => {
    const db = newDb();
    await setDeviceState(db, 'lastSeq', 0);
    await seed(db, 1);
    const timers: number[] = [];
    const limited: typeof fetch = async () =>
      Response.json(
        { error: { code: 'rate_limited', message: 'Too many pushes.' } },
        { status: 429, headers: { 'retry-after': header() } },
      );
    const runner = new SyncRunner({
      db,
      getApi: async () => transport('dev-a', limited),
      now: () => T0,
      random: () => 0,
      setTimer: (_fn, ms) => timers.push(ms),
    });
    for (let i = 0; i < 4; i++) await runner.sync(); // repeated 429s do not stretch the wait
    expect(timers).toHaveLength(4);
    for (const ms of timers) expect(ms).toBeGreaterThanOrEqual(29_000);
    for (const ms of timers) expect(ms).toBeLessThanOrEqual(31_000);
    expect((await getSyncStatus(db)).lastErrorCode).toBe('rate_limited');
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('the write path refuses what sync could never deliver', () => {
  it('evidence whose metadata holds 600,000 characters is refused with a clear error and nothing is stored', async () => {
    const db = newDb();
    const err = await saveEvidence(
      { ...prEvidence(1), source: 'web', meta: { siteName: 's'.repeat(600_000) } },
      { db, now: () => T0 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordValidationError);
    expect(describeSaveError(err)).toMatch(/Too large to sync|meta/);
    expect(await db.evidence.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('settings just under the limit are stored; past it they are refused and the stored copy is kept', async () => {
    const db = newDb();
    const competency = (i: number) => ({
      id: `c-${i}`,
      name: `Competency ${i}`,
      description: 'd'.repeat(1000),
      signals: Array.from({ length: 30 }, (_, j) => `${i}-${j} ${'s'.repeat(490)}`),
    });
    const rubric = (r: number, n: number) => ({
      id: `ladder-${r}`,
      name: `Ladder ${r}`,
      competencies: Array.from({ length: n }, (_, i) => competency(i)),
    });
    // About 16 KB a competency: 28 of them stay under 511 KiB.
    const under = await saveSettings({ customRubrics: [rubric(1, 28)] }, { db, now: () => T0 });
    expect(under.customRubrics).toHaveLength(1);
    const err = await saveSettings({ customRubrics: [rubric(1, 28), rubric(2, 28)] }, { db, now: () => T0 + 1 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RecordValidationError);
    expect(describeSaveError(err)).toMatch(/^Too large to sync \(\d+ KiB; the limit is 511 KiB\)/);
    expect((await db.settings.get('settings'))?.customRubrics).toHaveLength(1);
    expect(await db.outbox.count()).toBe(1);
  });
});
