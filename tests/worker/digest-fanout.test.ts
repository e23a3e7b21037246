/**
 * The digest fan-out at scale, through the real runtime: 1,000 due users (in
 * a dozen IANA zones, each set to the local day and hour of one cron run)
 * plus 200 who are not due. One cron run pages through them and enqueues
 * batches on the real local Queue; the real consumer composes and sends each
 * digest into the dev outbox. Every due user gets exactly one digest, none of
 * the others does, and delivering every message again sends nothing more.
 */
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { SCHEDULE_PAGE_SIZE, SEND_BATCH_SIZE } from '../../worker/digest/schedule';
import { localTime } from '../../shared/timezone';
import type { DigestMessage, Env } from '../../worker/env';
import worker from '../../worker/index';

const RUN = Date.parse('2026-11-20T16:00:00.000Z');
const ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Europe/Berlin',
  'Europe/London',
  'Africa/Lagos',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Australia/Sydney',
  'Pacific/Auckland',
];
const DUE = 1000;
const NOT_DUE = 200;

const countDigestMails = async () =>
  (await env.DB.prepare(
    "SELECT count(*) AS n, count(DISTINCT to_addr) AS people FROM dev_outbox WHERE headers LIKE '%List-Unsubscribe%'",
  ).first<{ n: number; people: number }>())!;

describe('digest fan-out', () => {
  it('1,000 due users: batched sends, one digest each, redelivery sends nothing more', async () => {
    const created = new Date().toISOString();
    const rows: D1PreparedStatement[] = [];
    for (let i = 0; i < DUE + NOT_DUE; i++) {
      const zone = ZONES[i % ZONES.length]!;
      const local = localTime(new Date(RUN), zone);
      const due = i < DUE;
      rows.push(
        env.DB.prepare(
          'INSERT INTO users (id, email, display_name, timezone, digest_day, digest_hour, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)',
        ).bind(
          `user-${String(i).padStart(5, '0')}`,
          `fanout-${i}@example.com`,
          `Engineer ${i}`,
          zone,
          local.weekday,
          due ? local.hour : (local.hour + 3) % 24,
          created,
        ),
      );
    }
    await env.DB.batch(rows);

    let batches = 0;
    let messages = 0;
    const counting = {
      ...env,
      DIGEST_QUEUE: {
        async sendBatch(msgs: Iterable<MessageSendRequest<DigestMessage>>) {
          const list = [...msgs];
          expect(list.length).toBeLessThanOrEqual(SEND_BATCH_SIZE);
          batches += 1;
          messages += list.length;
          await env.DIGEST_QUEUE.sendBatch(list);
        },
        send: (body: DigestMessage) => env.DIGEST_QUEUE.send(body),
      } as unknown as Queue<DigestMessage>,
    } as Env;

    const started = performance.now();
    await worker.scheduled(createScheduledController({ scheduledTime: RUN, cron: '0 * * * *' }), counting);
    const enqueuedMs = performance.now() - started;
    expect(messages).toBe(DUE);
    expect(batches).toBe(Math.ceil(DUE / SEND_BATCH_SIZE));

    const sent = await vi.waitUntil(
      async () => {
        const c = await countDigestMails();
        return c.n >= DUE ? c : undefined;
      },
      { timeout: 200_000, interval: 250 },
    );
    const totalMs = performance.now() - started;
    expect(sent).toEqual({ n: DUE, people: DUE });

    const perUser = await env.DB.prepare(
      `SELECT count(*) AS users, min(n) AS least, max(n) AS most FROM (
         SELECT u.id, (SELECT count(*) FROM digests d WHERE d.user_id = u.id AND d.sent_at IS NOT NULL) AS n
         FROM users u WHERE u.id < 'user-01000')`,
    ).first<{ users: number; least: number; most: number }>();
    expect(perUser).toEqual({ users: DUE, least: 1, most: 1 });
    const others = await env.DB.prepare("SELECT count(*) AS n FROM digests WHERE user_id >= 'user-01000'").first<{
      n: number;
    }>();
    expect(others?.n).toBe(0);

    // Every message delivered again (as a queue may after a crash): all acked, nothing sent.
    const ids = (
      await env.DB.prepare("SELECT id FROM users WHERE id < 'user-01000' ORDER BY id").all<{ id: string }>()
    ).results.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 100) {
      const batch = createMessageBatch<DigestMessage>(
        'casebook-digests',
        ids.slice(i, i + 100).map((userId, j) => ({
          id: `again-${i + j}`,
          timestamp: new Date(),
          attempts: 2,
          body: { userId, isoWeek: '2026-W47' },
        })),
      );
      const ctx = createExecutionContext();
      await worker.queue(batch, env);
      expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(Math.min(100, ids.length - i));
    }
    expect(await countDigestMails()).toEqual({ n: DUE, people: DUE });

    // A second cron run in the same hour enqueues nothing: every due week has its row.
    const before = messages;
    await worker.scheduled(createScheduledController({ scheduledTime: RUN, cron: '0 * * * *' }), counting);
    expect(messages).toBe(before);

    console.log(
      `digest fan-out: ${DUE + NOT_DUE} users with the digest on (${DUE} due) in pages of ${SCHEDULE_PAGE_SIZE}; ` +
        `${messages} messages in ${batches} sendBatch calls; enqueued in ${enqueuedMs.toFixed(0)} ms; ` +
        `all ${sent.n} digests sent to ${sent.people} distinct users in ${totalMs.toFixed(0)} ms; ` +
        `${ids.length} redelivered messages sent 0 more`,
    );
  }, 240_000);
});
