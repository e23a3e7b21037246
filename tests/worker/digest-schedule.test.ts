/**
 * Digest scheduling across daylight-saving changes, in real IANA zones (the
 * runtime's own tz data through @date-fns/tz): every hourly cron tick over
 * weeks that cross a change, checked against hand-worked UTC instants, then
 * the whole pipeline (cron -> queue consumer -> dev outbox) for one user per
 * zone: one digest per user per week, for the right week.
 */
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { dueWeek } from '../../worker/digest/schedule';
import { localTime } from '../../shared/timezone';
import type { DigestMessage, Env } from '../../worker/env';
import worker from '../../worker/index';
import { outbox, signIn, call } from './helpers';

const HOUR = 3600_000;
const FRIDAY_16 = { digest_day: 5, digest_hour: 16 };

/** Every hourly tick (UTC, on the hour) from `from` (inclusive) to `to` (exclusive) at which `user` is due. */
function dueTicks(user: { timezone: string; digest_day: number; digest_hour: number }, from: string, to: string) {
  const out: { at: string; week: string }[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += HOUR) {
    const week = dueWeek(user, new Date(t));
    if (week) out.push({ at: new Date(t).toISOString(), week });
  }
  return out;
}

describe('digest schedule across daylight-saving changes (Friday 16:00 local by default)', () => {
  it('America/New_York: EDT ends Sun 1 Nov 2026; 16:00 local moves from 20:00 to 21:00 UTC', () => {
    expect(dueTicks({ timezone: 'America/New_York', ...FRIDAY_16 }, '2026-10-19T00:00Z', '2026-11-16T00:00Z')).toEqual([
      { at: '2026-10-23T20:00:00.000Z', week: '2026-W43' },
      { at: '2026-10-30T20:00:00.000Z', week: '2026-W44' },
      { at: '2026-11-06T21:00:00.000Z', week: '2026-W45' },
      { at: '2026-11-13T21:00:00.000Z', week: '2026-W46' },
    ]);
  });

  it('Europe/Berlin: CEST ends Sun 25 Oct 2026; 16:00 local moves from 14:00 to 15:00 UTC', () => {
    expect(dueTicks({ timezone: 'Europe/Berlin', ...FRIDAY_16 }, '2026-10-12T00:00Z', '2026-11-02T00:00Z')).toEqual([
      { at: '2026-10-16T14:00:00.000Z', week: '2026-W42' },
      { at: '2026-10-23T14:00:00.000Z', week: '2026-W43' },
      { at: '2026-10-30T15:00:00.000Z', week: '2026-W44' },
    ]);
  });

  it('Australia/Sydney: AEDT starts Sun 4 Oct 2026; 16:00 local moves from 06:00 to 05:00 UTC', () => {
    expect(dueTicks({ timezone: 'Australia/Sydney', ...FRIDAY_16 }, '2026-09-21T00:00Z', '2026-10-12T00:00Z')).toEqual([
      { at: '2026-09-25T06:00:00.000Z', week: '2026-W39' },
      { at: '2026-10-02T06:00:00.000Z', week: '2026-W40' },
      { at: '2026-10-09T05:00:00.000Z', week: '2026-W41' },
    ]);
  });

  it('Asia/Kolkata (UTC+5:30, no DST): the hourly tick after 16:00 local, 16:30 IST = 11:00 UTC, every week', () => {
    const ticks = dueTicks({ timezone: 'Asia/Kolkata', ...FRIDAY_16 }, '2026-10-19T00:00Z', '2026-11-09T00:00Z');
    expect(ticks).toEqual([
      { at: '2026-10-23T11:00:00.000Z', week: '2026-W43' },
      { at: '2026-10-30T11:00:00.000Z', week: '2026-W44' },
      { at: '2026-11-06T11:00:00.000Z', week: '2026-W45' },
    ]);
    expect(localTime(new Date(ticks[0]!.at), 'Asia/Kolkata')).toMatchObject({ weekday: 5, hour: 16 });
  });

  it('a skipped local hour (spring forward) is sent at the next tick, once; a repeated hour (fall back) once', () => {
    // New York, Sun 8 Mar 2026: 02:00 EST jumps to 03:00 EDT. A Sunday 02:00 digest goes at 03:00 EDT = 07:00 UTC.
    expect(
      dueTicks(
        { timezone: 'America/New_York', digest_day: 0, digest_hour: 2 },
        '2026-03-02T00:00Z',
        '2026-03-16T00:00Z',
      ),
    ).toEqual([
      { at: '2026-03-08T07:00:00.000Z', week: '2026-W10' },
      { at: '2026-03-15T06:00:00.000Z', week: '2026-W11' },
    ]);
    // Berlin, Sun 29 Mar 2026: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
    expect(
      dueTicks({ timezone: 'Europe/Berlin', digest_day: 0, digest_hour: 2 }, '2026-03-23T00:00Z', '2026-03-30T00:00Z'),
    ).toEqual([{ at: '2026-03-29T01:00:00.000Z', week: '2026-W13' }]);
    // New York, Sun 1 Nov 2026: 01:00-02:00 happens twice (EDT then EST). A Sunday 01:00 digest goes once, at 01:00 EDT.
    expect(
      dueTicks(
        { timezone: 'America/New_York', digest_day: 0, digest_hour: 1 },
        '2026-10-26T00:00Z',
        '2026-11-02T00:00Z',
      ),
    ).toEqual([{ at: '2026-11-01T05:00:00.000Z', week: '2026-W44' }]);
    // Sydney, Sun 5 Apr 2026: 03:00 AEDT falls back to 02:00 AEST; a Sunday 02:00 digest goes once.
    expect(
      dueTicks(
        { timezone: 'Australia/Sydney', digest_day: 0, digest_hour: 2 },
        '2026-03-30T00:00Z',
        '2026-04-06T00:00Z',
      ),
    ).toEqual([{ at: '2026-04-04T15:00:00.000Z', week: '2026-W14' }]);
  });

  it('an unknown zone falls back to UTC instead of failing the run', () => {
    expect(dueWeek({ timezone: 'Mars/Olympus_Mons', ...FRIDAY_16 }, new Date('2026-11-20T16:00:00Z'))).toBe('2026-W47');
  });

  it('cron -> queue -> consumer over three weeks across the changes: one digest per user per week', async () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata'];
    const users: { id: string; email: string; zone: string }[] = [];
    for (const zone of zones) {
      const email = `tz-${zone.replace(/\W/g, '-').toLowerCase()}@example.com`;
      const { token, user } = await signIn(email);
      const res = await call('/api/v1/me/settings', { method: 'PATCH', token, json: { timezone: zone } });
      expect(res.status).toBe(200);
      users.push({ id: user.id, email, zone });
    }
    // 19 Oct to 9 Nov 2026 covers the Berlin and New York changes; Sydney's is 4 Oct, so start it there too.
    const ticks: number[] = [];
    for (let t = Date.parse('2026-09-28T00:00Z'); t < Date.parse('2026-11-09T00:00Z'); t += HOUR) ticks.push(t);
    let batchesDelivered = 0;
    for (const t of ticks) {
      const enqueued: DigestMessage[] = [];
      const queue = {
        sendBatch: async (msgs: Iterable<MessageSendRequest<DigestMessage>>) => {
          for (const m of msgs) enqueued.push(m.body);
        },
      } as unknown as Queue<DigestMessage>;
      await worker.scheduled(createScheduledController({ scheduledTime: t, cron: '0 * * * *' }), {
        ...env,
        DIGEST_QUEUE: queue,
      } as Env);
      if (enqueued.length === 0) continue;
      // Deliver each batch twice: a redelivery must not send again.
      for (let round = 0; round < 2; round++) {
        const batch = createMessageBatch<DigestMessage>(
          'casebook-digests',
          enqueued.map((body, i) => ({ id: `t${t}-${round}-${i}`, timestamp: new Date(t), attempts: 1, body })),
        );
        const ctx = createExecutionContext();
        await worker.queue(batch, env);
        expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(enqueued.length);
        batchesDelivered++;
      }
    }
    const rows = await env.DB.prepare(
      'SELECT u.timezone AS zone, d.iso_week AS week FROM digests d JOIN users u ON u.id = d.user_id WHERE d.sent_at IS NOT NULL ORDER BY zone, week',
    ).all<{ zone: string; week: string }>();
    const weeks = ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44', '2026-W45'];
    expect(rows.results).toEqual(zones.toSorted().flatMap((zone) => weeks.map((week) => ({ zone, week }))));
    const mails = (await outbox()).filter((m) => 'List-Unsubscribe' in m.headers);
    for (const u of users) expect(mails.filter((m) => m.to === u.email)).toHaveLength(weeks.length);
    expect(batchesDelivered).toBeGreaterThan(0);
  }, 60_000);
});
