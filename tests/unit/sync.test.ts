/**
 * extension/sync: push batching and acknowledgement, pull with last-writer-wins,
 * tombstones, pending-write protection, bad records, clock merge; the runner's
 * status, backoff and lock. The server is the real worker app over a local D1
 * (tests/unit/helpers/worker-server.ts), reached through the real API client.
 */
import { describe, expect, it, vi } from 'vitest';
import { MAX_PUSH_CHANGES } from '../../shared/schemas';
import { formatHlc, parseHlc } from '../../shared/hlc';
import { deleteEvidence, saveEvidence, stageLocalWrite } from '../../extension/db/write';
import { getDeviceState, getSyncStatus } from '../../extension/db/device-state';
import { listEvidence } from '../../extension/db/queries';
import type { CasebookDB } from '../../extension/db/index';
import { applyPulledChanges, pullChanges, pushOutbox, syncOnce } from '../../extension/sync/client';
import { backoffDelay, BACKOFF, SyncRunner } from '../../extension/sync/runner';
import { ApiError, CasebookApi } from '../../extension/api/client';
import { WorkerSyncServer } from './helpers/worker-server';
import { freshDbsPerTest, prEvidence } from './helpers/evidence';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const newDb = freshDbsPerTest();

/** Fills `db`'s outbox with `n` distinct evidence records in one transaction (through the write module's staging). */
async function seedOutbox(db: CasebookDB, n: number, at = T0): Promise<void> {
  await db.transaction('rw', [db.evidence, db.outbox, db.deviceState], async () => {
    for (let i = 1; i <= n; i++) {
      const input = prEvidence(i);
      await stageLocalWrite(
        db,
        'evidence',
        'upsert',
        (hlc) => ({
          ...input,
          id: `01JD3K8Q2V${String(i).padStart(16, '0')}`,
          capturedAt: new Date(at).toISOString(),
          updatedAt: hlc,
          deletedAt: null,
        }),
        at,
      );
    }
  });
}

describe('push', () => {
  it('pushes a 1,200-change outbox in order, in requests of at most 500, and empties it after the acks', async () => {
    const server = new WorkerSyncServer();
    const db = newDb();
    await seedOutbox(db, 1200);
    expect(await db.outbox.count()).toBe(1200);

    const result = await pushOutbox({ db, api: server.client('dev-a'), now: () => T0 });

    // A store with no cursor yet first asks for it with a push of zero changes.
    expect(server.cursorChecks.get('dev-a')).toBe(1);
    expect(server.pushes.map((p) => p.body.changes.length)).toEqual([500, 500, 200]);
    for (const p of server.pushes) expect(p.body.changes.length).toBeLessThanOrEqual(MAX_PUSH_CHANGES);
    const seqs = server.pushes.flatMap((p) => p.body.changes.map((c) => c.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(1200);
    expect(result).toEqual({ pushed: 1200, pushRequests: 4, setAside: 0 });
    expect(await db.outbox.count()).toBe(0);
    expect((await server.records()).size).toBe(1200);
    expect(await getDeviceState(db, 'lastSeq')).toBe(seqs[seqs.length - 1]);
  });

  it('keeps unacknowledged entries when a push fails and sends them on the next attempt', async () => {
    const server = new WorkerSyncServer();
    const db = newDb();
    await seedOutbox(db, 1200);
    const api = server.client('dev-a');
    server.failures.push({ path: 'push', status: 503 }); // first request fails outright

    const err = await pushOutbox({ db, api, now: () => T0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(503);
    expect((err as ApiError).code).toBe('test_failure');
    expect(await db.outbox.count()).toBe(1200);
    expect((await server.records()).size).toBe(0);

    // Second request of the next attempt fails: the first 500 are acked and gone, 700 remain.
    server.failures.push({ path: 'push', status: 500, skip: 1 });
    server.failures.unshift({ path: 'pull', status: 500 }); // unrelated, must not be consumed by pushes
    await expect(pushOutbox({ db, api, now: () => T0 })).rejects.toBeInstanceOf(ApiError);
    const left = await db.outbox.orderBy('seq').toArray();
    expect(left).toHaveLength(700);
    const stored = await server.records();
    expect(stored.size).toBe(500);
    expect(left.every((e) => !stored.has(`evidence/${e.id}`))).toBe(true);

    await pushOutbox({ db, api, now: () => T0 });
    expect(await db.outbox.count()).toBe(0);
    expect((await server.records()).size).toBe(1200);
  });

  it('keeps entries whose answer was lost after the server applied them; the replay is acknowledged, not duplicated', async () => {
    const server = new WorkerSyncServer();
    const db = newDb();
    await seedOutbox(db, 3);
    const api = server.client('dev-a');
    server.failures.push({ path: 'push', status: 500, afterApply: true });

    await expect(pushOutbox({ db, api, now: () => T0 })).rejects.toBeInstanceOf(ApiError);
    expect(await db.outbox.count()).toBe(3);
    expect((await server.records()).size).toBe(3);
    const revBefore = await server.rev();

    await pushOutbox({ db, api, now: () => T0 });
    expect(await db.outbox.count()).toBe(0);
    expect(await server.rev()).toBe(revBefore); // replay ignored by seq
    expect(server.pushes[1]!.body.changes.map((c) => c.seq)).toEqual(server.pushes[0]!.body.changes.map((c) => c.seq));
  });

  it('renumbers above the server cursor when the local store was reset but the session survived', async () => {
    const server = new WorkerSyncServer();
    const old = newDb();
    await seedOutbox(old, 10);
    await pushOutbox({ db: old, api: server.client('dev-a'), now: () => T0 });
    expect(await server.lastSeq('dev-a')).toBe(10);

    const wiped = newDb(); // same token, fresh IndexedDB: seqs start at 1 again
    await saveEvidence({ ...prEvidence(50), title: 'After the reset' }, { db: wiped, now: () => T0 + 1000 });
    await pushOutbox({ db: wiped, api: server.client('dev-a'), now: () => T0 + 1000 });

    expect(await wiped.outbox.count()).toBe(0);
    expect(server.pushes.at(-1)!.body.changes.map((c) => c.seq)).toEqual([11]); // numbered above the server's 10
    const titles = [...(await server.records()).values()].map((r) => r.data?.title);
    expect(titles).toContain('After the reset');
  });
});

describe('pull', () => {
  it('brings records from another device, pages while more, and stores the cursor', async () => {
    const server = new WorkerSyncServer();
    const a = newDb();
    const b = newDb();
    await seedOutbox(b, 250);
    await syncOnce({ db: b, api: server.client('dev-b'), now: () => T0 });

    const result = await pullChanges({ db: a, api: server.client('dev-a'), now: () => T0, pullPageSize: 100 });
    expect(result.pullRequests).toBe(3);
    expect(result.applied).toBe(250);
    expect(server.pulls.filter((p) => p.device === 'dev-a').map((p) => p.since)).toEqual([0, 100, 200]);
    expect(await a.evidence.count()).toBe(250);
    expect(await getDeviceState(a, 'rev')).toBe(await server.rev());
    expect(await a.outbox.count()).toBe(0); // pulled records are not pushed back
  });

  it('converges on the last writer by (hlc, deviceId) and applies tombstones as deletedAt', async () => {
    const server = new WorkerSyncServer();
    const a = newDb();
    const b = newDb();
    const x = await saveEvidence(prEvidence(1), { db: a, now: () => T0 });
    const y = await saveEvidence(prEvidence(2), { db: a, now: () => T0 });
    await syncOnce({ db: a, api: server.client('dev-a'), now: () => T0 });
    await syncOnce({ db: b, api: server.client('dev-b'), now: () => T0 + 1000 });

    // Concurrent edits of x: a at T0+10s, b later at T0+20s. b also deletes y.
    await saveEvidence({ ...prEvidence(1), id: x.id, claim: 'edit from a' }, { db: a, now: () => T0 + 10_000 });
    await saveEvidence({ ...prEvidence(1), id: x.id, claim: 'edit from b' }, { db: b, now: () => T0 + 20_000 });
    await deleteEvidence(y.id, { db: b, now: () => T0 + 20_000 });
    await syncOnce({ db: b, api: server.client('dev-b'), now: () => T0 + 21_000 });
    await syncOnce({ db: a, api: server.client('dev-a'), now: () => T0 + 22_000 });
    await syncOnce({ db: b, api: server.client('dev-b'), now: () => T0 + 23_000 });

    for (const db of [a, b]) {
      expect((await db.evidence.get(x.id))?.claim).toBe('edit from b');
      const tomb = await db.evidence.get(y.id);
      expect(tomb?.deletedAt).toBe('2026-11-20T09:00:20.000Z');
      expect((await listEvidence(db)).map((e) => e.id)).toEqual([x.id]);
      expect(await db.outbox.count()).toBe(0);
    }
    expect((await server.records()).get(`evidence/${y.id}`)).toMatchObject({ deleted: true, data: null });
  });

  it('ignores a pulled change older than the local record', async () => {
    const a = newDb();
    const saved = await saveEvidence(prEvidence(1), { db: a, now: () => T0 + 60_000 });
    await a.outbox.clear(); // as if already synced
    const older = formatHlc({ millis: T0, counter: 0 }, 'DEVB');
    const r = await applyPulledChanges(
      a,
      {
        rev: 7,
        changes: [
          {
            collection: 'evidence',
            id: saved.id,
            rev: 7,
            hlc: older,
            deleted: false,
            data: { ...saved, claim: 'stale' },
          },
        ],
      },
      T0 + 61_000,
    );
    expect(r).toMatchObject({ applied: 0, ignored: 1 });
    expect((await a.evidence.get(saved.id))?.claim).toBe(saved.claim);
    expect(await getDeviceState(a, 'rev')).toBe(7);
  });

  it('a newer remote edit wins over an older pending local edit, locally and on the server, and the entry is still acknowledged', async () => {
    const server = new WorkerSyncServer();
    const a = newDb();
    const b = newDb();
    const x = await saveEvidence(prEvidence(1), { db: a, now: () => T0 });
    await syncOnce({ db: a, api: server.client('dev-a'), now: () => T0 });
    await syncOnce({ db: b, api: server.client('dev-b'), now: () => T0 });

    // a edits offline (pending) at T0+10s; b edits later (T0+20s) and pushes.
    await saveEvidence({ ...prEvidence(1), id: x.id, claim: 'pending on a' }, { db: a, now: () => T0 + 10_000 });
    const pendingHlc = (await a.outbox.toArray())[0]!.hlc;
    await saveEvidence({ ...prEvidence(1), id: x.id, claim: 'newer on b' }, { db: b, now: () => T0 + 20_000 });
    await syncOnce({ db: b, api: server.client('dev-b'), now: () => T0 + 20_000 });
    const remoteHlc = (await server.records()).get(`evidence/${x.id}`)!.hlc;
    expect(remoteHlc > pendingHlc).toBe(true);

    // a pulls without pushing first: the later clock (b's) wins locally too.
    const r = await pullChanges({ db: a, api: server.client('dev-a'), now: () => T0 + 11_000 });
    expect(r.applied).toBe(1);
    expect((await a.evidence.get(x.id))?.claim).toBe('newer on b');
    // The pending entry is kept until the server acknowledges it (it will lose there as well).
    const outbox = await a.outbox.toArray();
    expect(outbox.map((e) => e.hlc)).toEqual([pendingHlc]);

    await syncOnce({ db: a, api: server.client('dev-a'), now: () => T0 + 12_000 });
    await syncOnce({ db: b, api: server.client('dev-b'), now: () => T0 + 21_000 });
    expect(await a.outbox.count()).toBe(0);
    expect((await server.records()).get(`evidence/${x.id}`)!.hlc).toBe(remoteHlc);
    expect((await b.evidence.get(x.id))?.claim).toBe('newer on b');
    expect((await a.evidence.get(x.id))?.claim).toBe('newer on b');
  });

  it('keeps a pending local edit untouched when the pulled change is older', async () => {
    const a = newDb();
    const x = await saveEvidence(prEvidence(1), { db: a, now: () => T0 + 60_000 });
    const before = await a.outbox.toArray();
    await applyPulledChanges(
      a,
      {
        rev: 3,
        changes: [
          {
            collection: 'evidence',
            id: x.id,
            rev: 3,
            hlc: formatHlc({ millis: T0, counter: 0 }, 'DEVB'),
            deleted: true,
            data: null,
          },
        ],
      },
      T0 + 61_000,
    );
    expect(await a.evidence.get(x.id)).toEqual(x);
    expect(await a.outbox.toArray()).toEqual(before);
  });

  it('skips and reports a pulled record that fails its schema; applies the rest; loses nothing local', async () => {
    const server = new WorkerSyncServer();
    const a = newDb();
    const mine = await saveEvidence(prEvidence(1), { db: a, now: () => T0 });
    await syncOnce({ db: a, api: server.client('dev-a'), now: () => T0 });

    const good = { ...mine, id: '01JD3K8Q2VZ7ABCDEFGHJKMNPQ', title: 'Good remote record' };
    await server.inject({
      collection: 'evidence',
      id: mine.id,
      hlc: formatHlc({ millis: T0 + 5_000, counter: 0 }, 'DEVB'),
      deleted: false,
      data: { ...mine, title: '', competencies: 'all of them' }, // invalid
    });
    await server.inject({
      collection: 'evidence',
      id: good.id,
      hlc: formatHlc({ millis: T0 + 5_000, counter: 1 }, 'DEVB'),
      deleted: false,
      data: good,
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = await pullChanges({ db: a, api: server.client('dev-a'), now: () => T0 + 6_000 });
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();

    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]).toMatchObject({ collection: 'evidence', id: mine.id });
    expect(r.skipped[0]!.reason).toMatch(/title|competencies/);
    expect(await a.evidence.get(mine.id)).toEqual(mine);
    expect((await a.evidence.get(good.id))?.title).toBe('Good remote record');
    expect(await getDeviceState(a, 'rev')).toBe(await server.rev());
  });

  it('merges remote clocks so the next local write sorts after them', async () => {
    const a = newDb();
    const remote = formatHlc({ millis: T0 + 120_000, counter: 7 }, 'DEVB'); // another device's clock runs 2 min ahead
    await applyPulledChanges(
      a,
      {
        rev: 1,
        changes: [
          {
            collection: 'settings',
            id: 'settings',
            rev: 1,
            hlc: remote,
            deleted: false,
            data: {
              id: 'settings',
              githubLogin: 'orta',
              atlassianName: '',
              rubricId: 'senior-software-engineer',
              updatedAt: remote,
              deletedAt: null,
            },
          },
        ],
      },
      T0,
    );
    const next = await saveEvidence(prEvidence(1), { db: a, now: () => T0 + 1 });
    expect(next.updatedAt > remote).toBe(true);
    expect(parseHlc(next.updatedAt).millis).toBe(T0 + 120_000);
    expect((await a.settings.get('settings'))?.githubLogin).toBe('orta');
  });
});

describe('SyncRunner', () => {
  it('grows the backoff exponentially with jitter, caps it and honours Retry-After', () => {
    expect(backoffDelay(1, () => 0)).toBe(BACKOFF.baseMs / 2);
    expect(backoffDelay(1, () => 0.999999)).toBeCloseTo(BACKOFF.baseMs, -1);
    expect(backoffDelay(3, () => 0)).toBe((BACKOFF.baseMs * 4) / 2);
    expect(backoffDelay(30, () => 0.999999)).toBeLessThanOrEqual(BACKOFF.maxMs);
    expect(backoffDelay(30, () => 0)).toBe(BACKOFF.maxMs / 2);
    expect(backoffDelay(1, () => 0, 120)).toBe(120_000);
  });

  it('records a failure with a scheduled retry, then a success, in the stored status', async () => {
    const server = new WorkerSyncServer();
    const db = newDb();
    await saveEvidence(prEvidence(1), { db, now: () => T0 });
    const timers: { fn: () => void; ms: number }[] = [];
    const runner = new SyncRunner({
      db,
      getApi: async () => server.client('dev-a'),
      now: () => T0,
      random: () => 0.5,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
    });

    server.failures.push({ path: 'push', status: 503, retryAfter: 1 });
    const failed = await runner.sync();
    expect(failed).toMatchObject({
      lastError: 'injected failure',
      lastErrorCode: 'test_failure',
      failures: 1,
      pending: 1,
    });
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(backoffDelay(1, () => 0.5, 1));
    expect(failed.nextRetryAt).toBe(new Date(T0 + timers[0]!.ms).toISOString());
    expect(await getSyncStatus(db)).toEqual(failed);

    const ok = await runner.sync();
    expect(ok).toMatchObject({
      lastError: null,
      failures: 0,
      pending: 0,
      nextRetryAt: null,
      lastSyncedAt: new Date(T0).toISOString(),
    });
    expect(await getSyncStatus(db)).toEqual(ok);
  });

  it('on 401 forgets the session and does not retry', async () => {
    const db = newDb();
    const onUnauthorized = vi.fn<() => Promise<void>>(async () => undefined);
    const timers: unknown[] = [];
    const runner = new SyncRunner({
      db,
      getApi: async () =>
        new CasebookApi({
          baseUrl: 'http://casebook.test',
          getToken: async () => 'revoked',
          fetch: async () =>
            Response.json({ error: { code: 'unauthorized', message: 'token revoked' } }, { status: 401 }),
        }),
      onUnauthorized,
      setTimer: (fn) => timers.push(fn),
    });
    const status = await runner.sync();
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(status.lastErrorCode).toBe('unauthorized');
    expect(status.nextRetryAt).toBeNull();
    expect(timers).toHaveLength(0);
  });

  it('never runs two syncs at once; a call during a sync joins it and one more follows', async () => {
    const server = new WorkerSyncServer();
    server.latencyMs = 5;
    const db = newDb();
    await seedOutbox(db, 20);
    const runner = new SyncRunner({ db, getApi: async () => server.client('dev-a'), now: () => T0 });
    const p1 = runner.sync();
    await saveEvidence(prEvidence(99), { db, now: () => T0 + 1 });
    const p2 = runner.sync();
    const p3 = new SyncRunner({ db, getApi: async () => server.client('dev-a'), now: () => T0 }).sync();
    await Promise.all([p1, p2, p3]);
    expect(server.maxInFlight).toBe(1);
    expect(await db.outbox.count()).toBe(0);
    expect((await server.records()).size).toBe(21);
  });

  it('without a session only refreshes the pending count', async () => {
    const db = newDb();
    await seedOutbox(db, 4);
    const status = await new SyncRunner({ db, getApi: async () => null }).sync();
    expect(status).toMatchObject({ pending: 4, lastSyncedAt: null, lastError: null });
    expect(await db.outbox.count()).toBe(4);
  });
});
