import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, DigestContent } from '../../shared/schemas';
import type { DigestMessage, Env } from '../../worker/env';
import { dueWeek, localTime } from '../../worker/digest/schedule';
import worker from '../../worker/index';
import { call, expectCapabilityHeaders, hlcAt, outbox, prEvidence, push, signIn, upsert } from './helpers';

/** Friday 2026-11-20 16:00 UTC: the default digest slot (Friday 16:00) in UTC, ISO week 2026-W47. */
const FRIDAY_16_UTC = Date.parse('2026-11-20T16:00:00.000Z');

async function runCron(at: number, e: Env = env): Promise<void> {
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '0 * * * *' }), e);
}

async function deliver(messages: DigestMessage[]) {
  const batch = createMessageBatch<DigestMessage>(
    'casebook-digests',
    messages.map((body, i) => ({ id: `m${i}-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

const digestsTo = async (email: string) =>
  (await outbox()).filter((m) => m.to === email && 'List-Unsubscribe' in m.headers);

describe('digest schedule', () => {
  it('computes the local weekday, hour and ISO week in the user time zone', () => {
    const at = new Date(FRIDAY_16_UTC);
    expect(localTime(at, 'UTC')).toEqual({ weekday: 5, hour: 16, date: '2026-11-20', isoWeek: '2026-W47' });
    expect(localTime(at, 'America/New_York')).toMatchObject({ weekday: 5, hour: 11 });
    expect(localTime(at, 'Asia/Tokyo')).toMatchObject({ weekday: 6, hour: 1, date: '2026-11-21' });
    // Sunday 2026-11-22 23:30 UTC is already Monday in Auckland: the next ISO week.
    expect(localTime(new Date('2026-11-22T23:30:00Z'), 'Pacific/Auckland').isoWeek).toBe('2026-W48');
    expect(dueWeek({ timezone: 'America/New_York', digest_day: 5, digest_hour: 11 }, at)).toBe('2026-W47');
    expect(dueWeek({ timezone: 'Asia/Tokyo', digest_day: 5, digest_hour: 16 }, at)).toBeNull();
  });

  it('the hourly cron enqueues exactly the users who are due and not yet sent', async () => {
    const utc = await signIn('due-utc@example.com');
    const ny = await signIn('due-ny@example.com');
    const tokyo = await signIn('not-due-tokyo@example.com');
    const off = await signIn('digest-off@example.com');
    await call('/api/v1/me/settings', {
      method: 'PATCH',
      token: ny.token,
      json: { timezone: 'America/New_York', digestHour: 11 },
    });
    await call('/api/v1/me/settings', { method: 'PATCH', token: tokyo.token, json: { timezone: 'Asia/Tokyo' } });
    await call('/api/v1/me/settings', { method: 'PATCH', token: off.token, json: { digestEnabled: false } });
    // One due user already has this week's digest.
    const sent = await signIn('already-sent@example.com');
    await env.DB.prepare(
      "INSERT INTO digests (id, user_id, iso_week, created_at, sent_at) VALUES ('x', ?, '2026-W47', 'now', 'now')",
    )
      .bind(sent.user.id)
      .run();

    const enqueued: DigestMessage[] = [];
    const recording = {
      ...env,
      DIGEST_QUEUE: {
        send: async (body: DigestMessage) => void enqueued.push(body),
        sendBatch: async (msgs: Iterable<MessageSendRequest<DigestMessage>>) => {
          for (const m of msgs) enqueued.push(m.body);
        },
      } as unknown as Queue<DigestMessage>,
    };
    await runCron(FRIDAY_16_UTC, recording);
    expect(enqueued.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual(
      [
        { userId: utc.user.id, isoWeek: '2026-W47' },
        { userId: ny.user.id, isoWeek: '2026-W47' },
      ].sort((a, b) => a.userId.localeCompare(b.userId)),
    );

    enqueued.length = 0;
    await runCron(FRIDAY_16_UTC + 3600_000, recording);
    expect(enqueued).toEqual([]);
  });
});

describe('digest delivery', () => {
  it('cron -> queue -> consumer sends one digest with unsubscribe headers and a view-in-browser link', async () => {
    const email = 'digest-e2e@example.com';
    const { token } = await signIn(email);
    await push(token, [
      upsert(
        1,
        prEvidence('rest-pull-merged-github3py-671.json', {
          hlc: hlcAt(FRIDAY_16_UTC - 86400_000, 'd'),
          privateNote: 'note',
        }),
      ),
    ]);
    await runCron(FRIDAY_16_UTC);
    const [mail] = await vi.waitUntil(
      async () => {
        const found = await digestsTo(email);
        return found.length > 0 ? found : undefined;
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(mail).toBeDefined();
    expect(mail!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const unsubscribeUrl = /^<(http:\/\/127\.0\.0\.1:8787\/unsubscribe\/[A-Za-z0-9_-]{43})>$/.exec(
      mail!.headers['List-Unsubscribe']!,
    )?.[1];
    expect(unsubscribeUrl).toBeDefined();
    expect(mail!.html).toContain(unsubscribeUrl);
    const viewPath = /http:\/\/127\.0\.0\.1:8787(\/d\/[A-Za-z0-9_-]{43})/.exec(mail!.text)?.[1];
    expect(viewPath).toBeDefined();

    // The stored copy opens in the browser, with the capability headers.
    const view = await call(viewPath!);
    expect(view.status).toBe(200);
    expectCapabilityHeaders(view);
    expect(await view.text()).toBe(mail!.html);
    expect((await call(`/d/${'y'.repeat(43)}`)).status).toBe(404);

    // Listed and readable through the API.
    const list = (await (await call('/api/v1/digests', { token })).json()) as {
      digests: { isoWeek: string; subject: string }[];
    };
    expect(list.digests).toEqual([expect.objectContaining({ isoWeek: '2026-W47', subject: mail!.subject })]);
    const one = DigestContent.parse(await (await call('/api/v1/digests/2026-W47', { token })).json());
    expect(one).toEqual({ subject: mail!.subject, html: mail!.html, text: mail!.text });
    expect((await call('/api/v1/digests/2026-W01', { token })).status).toBe(404);
    expect((await call('/api/v1/digests/not-a-week', { token })).status).toBe(400);

    // The same message delivered again (twice, in one batch) sends nothing more and is acked.
    const { userId } = (await env.DB.prepare('SELECT id AS userId FROM users WHERE email = ?')
      .bind(email)
      .first<{ userId: string }>())!;
    const result = await deliver([
      { userId, isoWeek: '2026-W47' },
      { userId, isoWeek: '2026-W47' },
    ]);
    expect(result.explicitAcks).toHaveLength(2);
    expect(result.retryMessages).toEqual([]);
    expect(await digestsTo(email)).toHaveLength(1);

    // And the cron does not enqueue it again.
    await runCron(FRIDAY_16_UTC);
    await new Promise((r) => setTimeout(r, 300));
    expect(await digestsTo(email)).toHaveLength(1);
  });

  it('a message delivered twice before any send produces exactly one e-mail', async () => {
    const email = 'twice-delivered@example.com';
    const { user } = await signIn(email);
    const result = await deliver([
      { userId: user.id, isoWeek: '2026-W40' },
      { userId: user.id, isoWeek: '2026-W40' },
    ]);
    expect(result.explicitAcks).toHaveLength(2);
    expect(await digestsTo(email)).toHaveLength(1);
    const again = await deliver([{ userId: user.id, isoWeek: '2026-W40' }]);
    expect(again.explicitAcks).toHaveLength(1);
    expect(await digestsTo(email)).toHaveLength(1);
  });

  it('a failed send is retried and leaves no claim behind; the retry sends it', async () => {
    const email = 'flaky@example.com';
    const { user } = await signIn(email);
    const failing = {
      ...env,
      MAILER: 'cloudflare',
      EMAIL: { send: async () => Promise.reject(new Error('provider down')) },
    } as unknown as Env;
    const batch = createMessageBatch<DigestMessage>('casebook-digests', [
      { id: 'flaky-1', timestamp: new Date(), attempts: 1, body: { userId: user.id, isoWeek: '2026-W41' } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, failing);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['flaky-1']);
    expect(result.explicitAcks).toEqual([]);
    const row = await env.DB.prepare('SELECT count(*) AS n FROM digests WHERE user_id = ?')
      .bind(user.id)
      .first<{ n: number }>();
    expect(row?.n).toBe(0);

    const retried = await deliver([{ userId: user.id, isoWeek: '2026-W41' }]);
    expect(retried.explicitAcks).toHaveLength(1);
    expect(await digestsTo(email)).toHaveLength(1);
  });

  it('the Cloudflare Email binding gets the digest with its headers when MAILER=cloudflare', async () => {
    const { user } = await signIn('cf-mail@example.com');
    const sent: unknown[] = [];
    const cf = {
      ...env,
      MAILER: 'cloudflare',
      EMAIL: { send: async (m: unknown) => (sent.push(m), { messageId: 'cf-1' }) },
    } as unknown as Env;
    const batch = createMessageBatch<DigestMessage>('casebook-digests', [
      { id: 'cf-1', timestamp: new Date(), attempts: 1, body: { userId: user.id, isoWeek: '2026-W42' } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, cf);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['cf-1']);
    expect(sent).toEqual([
      expect.objectContaining({
        to: 'cf-mail@example.com',
        from: env.MAIL_FROM,
        headers: expect.objectContaining({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
      }),
    ]);
    const row = await env.DB.prepare('SELECT mail_id, sent_at FROM digests WHERE user_id = ?')
      .bind(user.id)
      .first<{ mail_id: string; sent_at: string }>();
    expect(row?.mail_id).toBe('cf-1');
  });

  it('one-click unsubscribe (POST) turns the digest off; GET only asks', async () => {
    const email = 'unsub@example.com';
    const { token, user } = await signIn(email);
    await deliver([{ userId: user.id, isoWeek: '2026-W43' }]);
    const [mail] = await digestsTo(email);
    const path = new URL(/^<(.+)>$/.exec(mail!.headers['List-Unsubscribe']!)![1]!).pathname;

    const page = await call(path);
    expect(page.status).toBe(200);
    expectCapabilityHeaders(page);
    expect(await page.text()).toContain('<form method="post"');
    const settings = async () =>
      ((await (await call('/api/v1/me', { token })).json()) as { settings: { digestEnabled: boolean } }).settings;
    expect((await settings()).digestEnabled).toBe(true);

    const res = await call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect((await settings()).digestEnabled).toBe(false);
    expect((await call(`/unsubscribe/${'z'.repeat(43)}`, { method: 'POST' })).status).toBe(404);

    // A digest for a user who turned it off is not sent.
    await deliver([{ userId: user.id, isoWeek: '2026-W44' }]);
    expect(await digestsTo(email)).toHaveLength(1);
  });

  it('POST /digests/preview composes the current week without sending or storing', async () => {
    const email = 'preview@example.com';
    const { token, user } = await signIn(email);
    const before = (await outbox()).length;
    const res = await call('/api/v1/digests/preview', { method: 'POST', token });
    expect(res.status).toBe(200);
    const body = DigestContent.parse(await res.json());
    expect(body.subject.length).toBeGreaterThan(0);
    expect(body.html).toMatch(/<html/i);
    expect((await outbox()).length).toBe(before);
    const row = await env.DB.prepare('SELECT count(*) AS n FROM digests WHERE user_id = ?')
      .bind(user.id)
      .first<{ n: number }>();
    expect(row?.n).toBe(0);
    const noAuth = await call('/api/v1/digests/preview', { method: 'POST' });
    expect(ApiError.parse(await noAuth.json()).error.code).toBe('unauthorized');
  });
});
