/**
 * Reliability of the sync client (issue 5, tests (b)-(f), (h) on the client side):
 * the real write module, the real client and runner and the real HTTP transport
 * (extension/sync/http.ts) against the real worker app over a local D1
 * (tests/unit/helpers/worker-server.ts), made to fail on demand by wrapping its
 * answers. The worker side of the same properties is in
 * tests/worker/reliability.test.ts; (g) runs in Chromium (tests/e2e/sync.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatHlc, hlcMillis } from '../../shared/hlc';
import type { Collection } from '../../shared/schemas';
import {
  deleteEvidence,
  deleteGoal,
  saveEvidence,
  saveGoal,
  saveSettings,
  saveWeeklyLog,
  stageLocalWrite,
} from '../../extension/db/write';
import { getDeviceState, setDeviceState } from '../../extension/db/device-state';
import type { CasebookDB } from '../../extension/db/index';
import { applyPulledChanges, RESTAMP_LEAD_MS, syncOnce, type SyncApi } from '../../extension/sync/client';
import { ServerClock } from '../../extension/sync/clock';
import { createSyncApi } from '../../extension/sync/http';
import { SyncRunner } from '../../extension/sync/runner';
import { WorkerSyncServer } from './helpers/worker-server';
import { freshDbsPerTest, prEvidence } from './helpers/evidence';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const MINUTE = 60_000;
/** How long a fired retry may take: pushes of 500 changes to the real worker and its local D1 (not a speed check). */
const RETRY_WAIT = { timeout: 90_000, interval: 50 };
const newDb = freshDbsPerTest();

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** The real HTTP transport for `device`, over `fetchImpl` (the test server's fetch, possibly wrapped). */
function transport(device: string, fetchImpl: typeof fetch, clock?: ServerClock): SyncApi {
  return createSyncApi({
    baseUrl: 'http://casebook.test',
    getToken: async () => device,
    fetch: clock ? clock.wrap(fetchImpl) : fetchImpl,
  });
}

/** Stages `n` evidence records (ids derived from `prefix`) in one transaction through the write module. */
async function seed(db: CasebookDB, n: number, at: number, prefix = 'A'): Promise<string[]> {
  const ids: string[] = [];
  await db.transaction('rw', [db.evidence, db.outbox, db.deviceState], async () => {
    for (let i = 1; i <= n; i++) {
      const id = `01JD3K8Q2${prefix}${String(i).padStart(16, '0')}`;
      ids.push(id);
      const input = prEvidence(i);
      await stageLocalWrite(
        db,
        'evidence',
        'upsert',
        (hlc) => ({ ...input, id, capturedAt: new Date(at).toISOString(), updatedAt: hlc, deletedAt: null }),
        at,
      );
    }
  });
  return ids;
}

/** A runner whose retry timers are collected so the test fires them itself. */
function runnerWithTimers(db: CasebookDB, api: SyncApi, now: () => number) {
  const timers: (() => void)[] = [];
  const runner = new SyncRunner({
    db,
    getApi: async () => api,
    now,
    random: () => 0.5,
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => undefined,
  });
  return { runner, timers };
}

/** Every record of `db` in `collection`, sorted by id, as plain objects. */
async function snapshot(db: CasebookDB, collection: Collection): Promise<unknown[]> {
  const rows = (await db.recordTable(collection).toArray()) as { id: string }[];
  return rows.sort((x, y) => x.id.localeCompare(y.id));
}

describe('(b) the server fails halfway', () => {
  it('(b) a 500 on the second of three pushes: the runner retries, the server ends with every item once and nothing lost', async () => {
    const server = new WorkerSyncServer();
    const db = newDb();
    const ids = await seed(db, 1200, T0);
    server.failures.push({ path: 'push', status: 500, skip: 1 });
    const { runner, timers } = runnerWithTimers(db, transport('dev-a', server.fetch), () => T0);

    const failed = await runner.sync();
    expect(failed.lastErrorCode).toBe('test_failure');
    expect(failed.pending).toBe(700);
    expect(timers).toHaveLength(1);

    timers.shift()!(); // the scheduled retry fires
    await vi.waitFor(async () => expect((await getDeviceState(db, 'syncStatus'))?.failures).toBe(0), RETRY_WAIT);
    expect(await db.outbox.count()).toBe(0);
    expect([...(await server.records()).keys()].sort()).toEqual(ids.map((id) => `evidence/${id}`).sort());
    expect(await server.rev()).toBe(1200); // each change applied exactly once
  });

  it('(b) the connection drops after the server applied a push: the retry is a replay, acknowledged and not applied twice', async () => {
    const server = new WorkerSyncServer();
    const db = newDb();
    await setDeviceState(db, 'lastSeq', 0); // signed in on this store: the device's cursor is known
    const ids = await seed(db, 800, T0);
    let drops = 1;
    const dropping: typeof fetch = async (input, init) => {
      const res = await server.fetch(input, init);
      if (new URL(new Request(input, init).url).pathname.endsWith('/sync/push') && drops-- > 0) {
        throw new TypeError('Failed to fetch'); // applied on the server, answer never arrives
      }
      return res;
    };
    const { runner, timers } = runnerWithTimers(db, transport('dev-a', dropping), () => T0);

    const failed = await runner.sync();
    expect(failed.lastErrorCode).toBe('network');
    expect((await server.records()).size).toBe(500); // the first batch did land
    expect(await db.outbox.count()).toBe(800); // ... but nothing was dropped locally without an ack

    timers.shift()!();
    await vi.waitFor(async () => expect((await getDeviceState(db, 'syncStatus'))?.failures).toBe(0), RETRY_WAIT);
    expect(await db.outbox.count()).toBe(0);
    expect((await server.records()).size).toBe(800);
    expect(await server.rev()).toBe(800); // the replayed 500 were ignored by seq
    const replayed = server.pushes[1]!.body.changes.map((c) => c.seq);
    expect(replayed).toEqual(server.pushes[0]!.body.changes.map((c) => c.seq));
    expect([...(await server.records()).keys()].sort()).toEqual(ids.map((id) => `evidence/${id}`).sort());
  });
});

describe('(c) two devices edit the same evidence offline', () => {
  for (const order of ['laptop first', 'desktop first'] as const) {
    it(`(c) both end identical when they sync ${order}`, async () => {
      const server = new WorkerSyncServer();
      const laptop = newDb();
      const desktop = newDb();
      const x = await saveEvidence(prEvidence(1), { db: laptop, now: () => T0 });
      await syncOnce({ db: laptop, api: transport('laptop', server.fetch), now: () => T0 });
      await syncOnce({ db: desktop, api: transport('desktop', server.fetch), now: () => T0 });

      // Offline: both edit x; the desktop's edit is later.
      await saveEvidence(
        { ...prEvidence(1), id: x.id, claim: 'laptop: I split the rollout', tags: ['laptop'] },
        { db: laptop, now: () => T0 + MINUTE },
      );
      await saveEvidence(
        { ...prEvidence(1), id: x.id, claim: 'desktop: I led the rollout', impact: 'Zero downtime.' },
        { db: desktop, now: () => T0 + 2 * MINUTE },
      );

      const first = order === 'laptop first' ? [laptop, 'laptop'] : [desktop, 'desktop'];
      const second = order === 'laptop first' ? [desktop, 'desktop'] : [laptop, 'laptop'];
      for (const [db, name] of [first, second, first] as [CasebookDB, string][]) {
        await syncOnce({ db, api: transport(name, server.fetch), now: () => T0 + 3 * MINUTE });
      }

      expect(await snapshot(laptop, 'evidence')).toEqual(await snapshot(desktop, 'evidence'));
      const winner = await laptop.evidence.get(x.id);
      expect(winner?.claim).toBe('desktop: I led the rollout');
      expect(winner?.tags).toEqual([]);
      expect((await server.records()).get(`evidence/${x.id}`)?.data).toEqual(winner);
      expect(await laptop.outbox.count()).toBe(0);
      expect(await desktop.outbox.count()).toBe(0);
    });
  }
});

describe('(d) delete on one device, edit on the other', () => {
  for (const later of ['delete', 'edit'] as const) {
    it(`(d) the later clock wins on both devices when the ${later} is later`, async () => {
      const server = new WorkerSyncServer();
      const a = newDb();
      const b = newDb();
      const x = await saveEvidence(prEvidence(3), { db: a, now: () => T0 });
      await syncOnce({ db: a, api: transport('a', server.fetch), now: () => T0 });
      await syncOnce({ db: b, api: transport('b', server.fetch), now: () => T0 });

      const deleteAt = later === 'delete' ? T0 + 2 * MINUTE : T0 + MINUTE;
      const editAt = later === 'edit' ? T0 + 2 * MINUTE : T0 + MINUTE;
      await deleteEvidence(x.id, { db: a, now: () => deleteAt });
      await saveEvidence({ ...prEvidence(3), id: x.id, claim: 'edited on b' }, { db: b, now: () => editAt });

      // The device with the later write syncs first, then the other, then the first again.
      const order: [CasebookDB, string][] = [
        [b, 'b'],
        [a, 'a'],
        [b, 'b'],
      ];
      if (later === 'delete') order.reverse();
      for (const [db, name] of order)
        await syncOnce({ db, api: transport(name, server.fetch), now: () => T0 + 3 * MINUTE });

      const expected =
        later === 'delete'
          ? { deletedAt: new Date(deleteAt).toISOString() }
          : { deletedAt: null, claim: 'edited on b' };
      const [ra, rb] = [await a.evidence.get(x.id), await b.evidence.get(x.id)];
      expect(ra).toMatchObject(expected);
      expect(rb).toMatchObject(expected);
      // A tombstone travels without data: each device keeps its own last fields under it
      // (for undo); what anyone can see, the deletion and its clock, is identical. A live
      // record is identical in every field.
      const visible = (r: typeof ra) => (later === 'delete' ? { ...r, claim: '', updatedAt: r?.updatedAt } : r);
      expect(visible(ra)).toEqual(visible(rb));
      expect(ra?.updatedAt).toBe((await server.records()).get(`evidence/${x.id}`)?.hlc);
      expect((await server.records()).get(`evidence/${x.id}`)?.deleted).toBe(later === 'delete');
    });
  }
});

describe('(e) a device clock 10 minutes ahead', () => {
  it('(e) is refused with 400 hlc_in_future; the client re-stamps from the server time, the push lands, and later writes are not ahead', async () => {
    const server = new WorkerSyncServer();
    const serverNow = () => T0 + 5_000;
    const deviceNow = () => T0 + 10 * MINUTE; // this device's clock runs 10 minutes ahead
    await server.rev(); // the local worker is up before its clock is set
    // The worker runs in this process: its clock (the 5-minute check, the `Date` it answers) is serverNow.
    vi.useFakeTimers({ toFake: ['Date'], now: serverNow() });
    const db = newDb();
    await setDeviceState(db, 'lastSeq', 0); // signed in on this store: the device's cursor is known
    await saveEvidence(prEvidence(1), { db, now: deviceNow });
    await saveWeeklyLog(
      { week: '2026-W47', shipped: 'The gene page.', decisions: 'Split the view controller.', helped: '', impact: '' },
      { db, now: deviceNow },
    );
    const before = await db.outbox.toArray();
    expect(before.every((e) => hlcMillis(e.hlc) === deviceNow())).toBe(true);

    const clock = new ServerClock(deviceNow);
    const calls: number[] = [];
    const counting: typeof fetch = async (input, init) => {
      const res = await server.fetch(input, init);
      calls.push(res.status);
      return res;
    };
    const result = await syncOnce({ db, api: transport('dev-a', counting, clock), now: deviceNow, clock });

    expect(calls[0]).toBe(400); // the first push was refused...
    expect(calls[1]).toBe(200); // ... and the re-stamped one accepted
    expect(result.pushed).toBe(2);
    expect(await db.outbox.count()).toBe(0);
    for (const rec of (await server.records()).values()) {
      expect(hlcMillis(rec.hlc)).toBeLessThanOrEqual(serverNow() + RESTAMP_LEAD_MS + 1);
      expect(rec.hlc.endsWith(before[0]!.hlc.split('-').at(-1)!)).toBe(true); // same device id
    }
    // Local records carry the clocks the server holds.
    const local = await db.evidence.get(before[0]!.id);
    expect(local?.updatedAt).toBe((await server.records()).get(`evidence/${before[0]!.id}`)?.hlc);
    expect(await getDeviceState(db, 'clockOffset')).toBe(serverNow() - deviceNow());

    // The next local write (clock still 10 minutes ahead) is stamped from the corrected clock.
    const next = await saveEvidence(prEvidence(2), { db, now: deviceNow });
    expect(hlcMillis(next.updatedAt)).toBeLessThanOrEqual(serverNow() + RESTAMP_LEAD_MS + 1);
    await syncOnce({ db, api: transport('dev-a', counting, clock), now: deviceNow, clock });
    expect(calls.slice(2).every((s) => s === 200)).toBe(true);
    expect((await server.records()).size).toBe(3);
  });

  it('(e) without any server time to go by, the refusal is reported and nothing is lost', async () => {
    const server = new WorkerSyncServer();
    const db = newDb();
    await saveEvidence(prEvidence(1), { db, now: () => T0 + 10 * MINUTE });
    const refusing: typeof fetch = async () =>
      Response.json({ error: { code: 'hlc_in_future', message: 'ahead' } }, { status: 400 });
    const status = await new SyncRunner({ db, getApi: async () => transport('dev-a', refusing) }).sync();
    expect(status.lastErrorCode).toBe('hlc_in_future');
    expect(await db.outbox.count()).toBe(1);
    expect((await server.records()).size).toBe(0);
  });
});

describe('(f) 10,000 items to a new device', () => {
  it('(f) a fresh device pulls all 10,000 items, each once', { timeout: 300_000 }, async () => {
    const server = new WorkerSyncServer();
    const source = newDb();
    const ids = await seed(source, 10_000, T0);
    await syncOnce({ db: source, api: transport('old', server.fetch), now: () => T0 });
    expect((await server.records()).size).toBe(10_000);

    const fresh = newDb();
    const started = performance.now();
    const result = await syncOnce({ db: fresh, api: transport('new', server.fetch), now: () => T0 + 1000 });
    const ms = performance.now() - started;
    console.log(`(f) client: 10,000 items pulled into a fresh IndexedDB (fake-indexeddb) in ${Math.round(ms)} ms`);

    expect(result.applied).toBe(10_000);
    expect(result.pullRequests).toBe(20);
    expect(await fresh.evidence.count()).toBe(10_000);
    expect((await fresh.evidence.toCollection().primaryKeys()).sort()).toEqual([...ids].sort());
    expect(await fresh.outbox.count()).toBe(0);
    expect(await getDeviceState(fresh, 'rev')).toBe(await server.rev());
  });
});

describe('(h) corrupt or foreign records in pull input', () => {
  it('(h) each bad change is rejected with a logged error and the rest of the page is applied', async () => {
    const db = newDb();
    const mine = await saveEvidence(prEvidence(1), { db, now: () => T0 });
    await db.outbox.clear(); // as if synced
    const good = { ...mine, id: '01JD3K8Q2VZ7ABCDEFGHJKMNPQ', title: 'Good remote record' };
    const hlc = (n: number) => formatHlc({ millis: T0 + 5_000, counter: n }, 'DEVB');
    const changes: unknown[] = [
      // corrupt: invalid record data for an existing id
      { collection: 'evidence', id: mine.id, rev: 1, hlc: hlc(1), deleted: false, data: { ...mine, title: '' } },
      // foreign: a collection this version does not know
      { collection: 'notes', id: 'n1', rev: 2, hlc: hlc(2), deleted: false, data: { id: 'n1' } },
      // foreign: data of another record under this id
      { collection: 'evidence', id: '01JD3K8Q2VZ7ABCDEFGHJKMNPR', rev: 3, hlc: hlc(3), deleted: false, data: good },
      // corrupt: not a clock
      { collection: 'evidence', id: good.id, rev: 4, hlc: 'yesterday', deleted: false, data: good },
      // corrupt: not even an object
      'garbage',
      // foreign: settings that are not the settings record
      { collection: 'settings', id: 'other', rev: 5, hlc: hlc(5), deleted: false, data: { id: 'other' } },
      // valid
      { collection: 'evidence', id: good.id, rev: 6, hlc: hlc(6), deleted: false, data: good },
    ];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const r = await applyPulledChanges(db, { changes, rev: 6 }, T0 + 6_000);

    expect(r.applied).toBe(1);
    expect(r.skipped).toHaveLength(6);
    expect(r.skipped.map((s) => s.collection)).toEqual(['evidence', 'notes', 'evidence', 'evidence', '?', 'settings']);
    expect(errors).toHaveBeenCalledTimes(6);
    expect(String(errors.mock.calls[0]?.[0])).toContain(`rejected pulled evidence ${mine.id}`);
    expect(await db.evidence.get(mine.id)).toEqual(mine); // nothing stored is lost
    expect((await db.evidence.get(good.id))?.title).toBe('Good remote record');
    expect(await db.evidence.get('01JD3K8Q2VZ7ABCDEFGHJKMNPR')).toBeUndefined();
    expect(await getDeviceState(db, 'rev')).toBe(6); // the cursor moves on: a bad record never blocks sync
  });

  it('(h) over HTTP, a page holding a corrupt change still syncs the rest (the transport does not reject the page)', async () => {
    const server = new WorkerSyncServer();
    const a = newDb();
    const b = newDb();
    await seed(a, 3, T0);
    await syncOnce({ db: a, api: transport('a', server.fetch), now: () => T0 });
    const withCorrupt: typeof fetch = async (input, init) => {
      const res = await server.fetch(input, init);
      if (!new URL(new Request(input, init).url).pathname.endsWith('/sync/pull')) return res;
      const page = (await res.json()) as { changes: unknown[] };
      page.changes.splice(1, 0, { collection: 'evidence', id: 'x', rev: 0, hlc: 'bad', deleted: 'no', data: 7 });
      return Response.json(page);
    };
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const status = await new SyncRunner({ db: b, getApi: async () => transport('b', withCorrupt) }).sync();
    expect(status.lastError).toBeNull();
    expect(status.skipped).toHaveLength(1);
    expect(await b.evidence.count()).toBe(3);
  });
});

describe('weekly logs, goals and settings sync too', () => {
  it('reach another device, including deletes, and converge', async () => {
    const server = new WorkerSyncServer();
    const a = newDb();
    const b = newDb();
    const log = await saveWeeklyLog(
      {
        week: '2026-W47',
        shipped: 'Gene page',
        decisions: 'Split the controller',
        helped: 'Orta',
        impact: 'iOS launch',
      },
      { db: a, now: () => T0 },
    );
    const goal = await saveGoal(
      {
        competency: 'multiplier',
        description: 'Mentor a new hire through their first PR',
        dueOn: '2026-12-31',
        status: 'open',
      },
      { db: a, now: () => T0 },
    );
    const dropped = await saveGoal(
      { competency: 'communication', description: 'Write an RFC', dueOn: null, status: 'open' },
      { db: a, now: () => T0 },
    );
    await saveSettings({ githubLogin: 'alloy' }, { db: a, now: () => T0 });
    await syncOnce({ db: a, api: transport('a', server.fetch), now: () => T0 });
    await syncOnce({ db: b, api: transport('b', server.fetch), now: () => T0 + 1000 });

    expect(await b.weeklyLogs.get(log.id)).toEqual(log);
    expect(await b.goals.get(goal.id)).toEqual(goal);
    expect((await b.settings.get('settings'))?.githubLogin).toBe('alloy');

    await saveGoal({ ...goal, status: 'done' }, { db: b, now: () => T0 + 2000 });
    await deleteGoal(dropped.id, { db: b, now: () => T0 + 2000 });
    await saveSettings({ atlassianName: 'Alloy Engineer' }, { db: b, now: () => T0 + 2000 });
    await syncOnce({ db: b, api: transport('b', server.fetch), now: () => T0 + 3000 });
    await syncOnce({ db: a, api: transport('a', server.fetch), now: () => T0 + 4000 });

    expect((await a.goals.get(goal.id))?.status).toBe('done');
    expect((await a.goals.get(dropped.id))?.deletedAt).not.toBeNull();
    expect(await a.settings.get('settings')).toMatchObject({ githubLogin: 'alloy', atlassianName: 'Alloy Engineer' });
    for (const c of ['weeklyLogs', 'goals', 'settings'] as const) {
      expect(await snapshot(a, c)).toEqual(await snapshot(b, c));
    }
  });
});
