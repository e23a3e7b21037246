/**
 * The extension offline for a week, then back (fake clock: every write and every
 * sync attempt is stamped with the simulated time).
 *
 * For seven days the device clips evidence, edits and deletes some, writes a
 * weekly log and a goal, while every sync attempt fails as the network does
 * (fetch rejects): the outbox keeps every pending change, retries back off to at
 * most 5 minutes, and nothing is lost. Another device keeps syncing meanwhile.
 * Then the network returns: one sync pushes everything, pulls the other device's
 * work, and both devices hold the same records, each change applied once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CasebookDB } from '../../extension/db/index';
import { getDeviceState } from '../../extension/db/device-state';
import { deleteEvidence, saveEvidence, saveGoal, saveWeeklyLog } from '../../extension/db/write';
import { createSyncApi } from '../../extension/sync/http';
import { BACKOFF, SyncRunner } from '../../extension/sync/runner';
import { freshDb, prEvidence } from './helpers/evidence';
import { WorkerSyncServer } from './helpers/worker-server';

const T0 = Date.parse('2026-11-16T08:00:00.000Z'); // a Monday
const HOUR = 3_600_000;
const dbs: CasebookDB[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) await db.delete();
});

describe('offline for a week, then back', () => {
  it('keeps every pending change through a week of failed syncs and lands them all once when the network returns', async () => {
    const server = new WorkerSyncServer();
    let clock = T0;
    let online = false;
    const offlineFetch: typeof fetch = async (input, init) => {
      if (!online) throw new TypeError('Failed to fetch');
      return server.fetch(input, init);
    };
    const laptop = freshDb();
    const desktop = freshDb();
    dbs.push(laptop, desktop);
    const timers: number[] = [];
    const runner = (db: CasebookDB, device: string, f: typeof fetch) =>
      new SyncRunner({
        db,
        getApi: async () => createSyncApi({ baseUrl: 'http://casebook.test', getToken: async () => device, fetch: f }),
        now: () => clock,
        random: () => 0.5,
        setTimer: (_fn, ms) => void timers.push(ms),
        clearTimer: () => undefined,
      });
    const away = runner(laptop, 'laptop', offlineFetch);
    const home = runner(desktop, 'desktop', server.fetch);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    const written: string[] = [];
    const deleted: string[] = [];
    for (let day = 0; day < 7; day++) {
      for (let k = 0; k < 4; k++) {
        clock = T0 + day * 24 * HOUR + k * 2 * HOUR;
        const e = await saveEvidence(prEvidence(day * 10 + k + 1), { db: laptop, now: () => clock });
        written.push(e.id);
        // The alarm fires every 5 minutes; here a few attempts per write, all failing.
        for (let a = 0; a < 3; a++) {
          clock += 5 * 60_000;
          const status = await away.sync();
          expect(status.lastErrorCode).toBe('network');
        }
      }
      // An edit and a delete on the way.
      clock += HOUR;
      const first = (await laptop.evidence.get(written[day * 4]!))!;
      const { capturedAt: _c, updatedAt: _u, deletedAt: _d, ...fields } = first;
      await saveEvidence({ ...fields, claim: `Edited on day ${day}` }, { db: laptop, now: () => clock });
      if (day % 2 === 1) {
        await deleteEvidence(written[day * 4 + 1]!, { db: laptop, now: () => clock });
        deleted.push(written[day * 4 + 1]!);
      }
      // Meanwhile the desktop, online, clips and syncs.
      await saveEvidence({ ...prEvidence(500 + day), title: `Desktop item ${day}` }, { db: desktop, now: () => clock });
      await home.sync();
    }
    await saveWeeklyLog(
      { week: '2026-W47', shipped: 'Offline week', decisions: 'Kept going', helped: 'Nobody', impact: 'Some' },
      { db: laptop, now: () => clock },
    );
    await saveGoal(
      { competency: 'ownership', description: 'Own the sync server', dueOn: null, status: 'open' },
      { db: laptop, now: () => clock },
    );

    // A week later: everything still pending, one outbox entry per record, backoff capped.
    const status = (await getDeviceState(laptop, 'syncStatus'))!;
    expect(status.failures).toBe(7 * 4 * 3);
    expect(status.pending).toBe(28);
    expect(await laptop.outbox.count()).toBe(28 + 2);
    expect(Math.max(...timers)).toBeLessThanOrEqual(BACKOFF.maxMs * 1.5);
    expect((await server.records()).size).toBe(7); // only the desktop's items reached the server

    // Back online.
    online = true;
    clock += HOUR;
    const back = await away.sync();
    expect(back.lastError).toBeNull();
    expect(back.pending).toBe(0);
    expect(await laptop.outbox.count()).toBe(0);
    await home.sync();

    const live = async (db: CasebookDB) =>
      (await db.evidence.toArray())
        .filter((e) => e.deletedAt === null)
        .map((e) => ({ id: e.id, claim: e.claim, title: e.title }))
        .sort((a, b) => a.id.localeCompare(b.id));
    expect(await live(desktop)).toEqual(await live(laptop));
    expect(await live(laptop)).toHaveLength(28 + 7 - deleted.length);
    // A record deleted before the desktop ever saw it arrives as a tombstone without data: never shown.
    for (const id of deleted) expect((await desktop.evidence.get(id))?.deletedAt ?? 'absent').not.toBeNull();
    for (let day = 0; day < 7; day++)
      expect((await desktop.evidence.get(written[day * 4]!))?.claim).toBe(`Edited on day ${day}`);
    expect(await desktop.weeklyLogs.count()).toBe(1);
    expect(await desktop.goals.count()).toBe(1);
    // Each of the laptop's records reached the server once (one rev per change applied).
    expect((await server.records()).size).toBe(7 + 28 + 2);
    expect(server.pushes.filter((p) => p.device === 'laptop').flatMap((p) => p.body.changes)).toHaveLength(30);
  });
});
