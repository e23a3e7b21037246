import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, DigestContent } from '../../shared/schemas';
import type { DigestMessage, Env } from '../../worker/env';
import { dueWeek } from '../../worker/digest/schedule';
import { localTime } from '../../shared/timezone';
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

/**
 * `batch` (from createMessageBatch) with each message's `retry` options
 * recorded in `delays` (by message id) before the real `retry` runs: the
 * plugin's getQueueResult does not report `delaySeconds`.
 */
function recordingRetries(batch: MessageBatch<DigestMessage>, delays: Map<string, number | undefined>) {
  const messages = batch.messages.map(
    (m) =>
      new Proxy(m, {
        get(target, prop) {
          if (prop === 'retry')
            return (opts?: QueueRetryOptions) => {
              delays.set(target.id, opts?.delaySeconds);
              target.retry(opts);
            };
          const value = Reflect.get(target, prop, target) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
  );
  return new Proxy(batch, {
    get(target, prop) {
      if (prop === 'messages') return messages;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
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

  it('a failed send is retried with backoff, keeps an unclaimed row the cron skips, and the retry sends it', async () => {
    const email = 'flaky@example.com';
    const { user } = await signIn(email);
    const failing = {
      ...env,
      MAILER: 'cloudflare',
      EMAIL: { send: async () => Promise.reject(new Error('provider down')) },
    } as unknown as Env;
    const retryDelays: number[] = [];
    for (const attempts of [1, 2, 3]) {
      const batch = createMessageBatch<DigestMessage>('casebook-digests', [
        { id: `flaky-${attempts}`, timestamp: new Date(), attempts, body: { userId: user.id, isoWeek: '2026-W41' } },
      ]);
      const ctx = createExecutionContext();
      const delays = new Map<string, number | undefined>();
      await worker.queue(recordingRetries(batch, delays), failing);
      const result = await getQueueResult(batch, ctx);
      expect(result.retryMessages.map((m) => m.msgId)).toEqual([`flaky-${attempts}`]);
      expect(result.explicitAcks).toEqual([]);
      retryDelays.push(delays.get(`flaky-${attempts}`) ?? 0);
    }
    // Exponential: 60 s, 240 s, 960 s, each plus at most 20% jitter.
    expect(retryDelays[0]).toBeGreaterThanOrEqual(60);
    expect(retryDelays[0]).toBeLessThanOrEqual(72);
    expect(retryDelays[1]).toBeGreaterThanOrEqual(240);
    expect(retryDelays[2]).toBeGreaterThanOrEqual(960);
    const row = await env.DB.prepare(
      'SELECT claim_id, sent_at, attempts, last_error FROM digests WHERE user_id = ? AND iso_week = ?',
    )
      .bind(user.id, '2026-W41')
      .first<{ claim_id: string | null; sent_at: string | null; attempts: number; last_error: string }>();
    expect(row).toEqual({ claim_id: null, sent_at: null, attempts: 3, last_error: 'provider down' });
    expect(await digestsTo(email)).toHaveLength(0);

    // The week has a row, so the hourly cron does not start a second retry chain for it.
    await env.DB.prepare("UPDATE users SET timezone = 'UTC', digest_day = 5, digest_hour = 16 WHERE id = ?")
      .bind(user.id)
      .run();
    const enqueued: DigestMessage[] = [];
    await runCron(Date.parse('2026-10-09T16:00:00Z'), {
      ...env,
      DIGEST_QUEUE: {
        sendBatch: async (msgs: Iterable<MessageSendRequest<DigestMessage>>) => {
          for (const m of msgs) enqueued.push(m.body);
        },
      } as unknown as Queue<DigestMessage>,
    });
    expect(enqueued.filter((m) => m.userId === user.id)).toEqual([]);

    const retried = await deliver([{ userId: user.id, isoWeek: '2026-W41' }]);
    expect(retried.explicitAcks).toHaveLength(1);
    expect(await digestsTo(email)).toHaveLength(1);
  });

  it('retry delays grow 4x from 60 s, with bounded jitter, capped at 6 h', async () => {
    const { retryDelaySeconds } = await import('../../worker/digest/send');
    expect([1, 2, 3, 4, 5].map((n) => retryDelaySeconds(n, () => 0))).toEqual([60, 240, 960, 3840, 15360]);
    expect(retryDelaySeconds(1, () => 0.999)).toBe(72);
    expect(retryDelaySeconds(9, () => 0.999)).toBe(6 * 3600);
  });

  it('a message the queue gave up on lands in the dead-letter queue and is listed', async () => {
    const email = 'dead@example.com';
    const { user } = await signIn(email);
    // One failed attempt recorded, then the dead-letter consumer receives the message.
    const failing = {
      ...env,
      MAILER: 'cloudflare',
      EMAIL: { send: async () => Promise.reject(new Error('Resend refused the message: HTTP 422')) },
    } as unknown as Env;
    const first = createMessageBatch<DigestMessage>('casebook-digests', [
      { id: 'dead-1', timestamp: new Date(), attempts: 6, body: { userId: user.id, isoWeek: '2026-W45' } },
    ]);
    await worker.queue(first, failing);
    const dlq = createMessageBatch<DigestMessage>('casebook-digests-dlq', [
      { id: 'dlq-1', timestamp: new Date(), attempts: 1, body: { userId: user.id, isoWeek: '2026-W45' } },
      { id: 'dlq-bad', timestamp: new Date(), attempts: 1, body: { nope: true } as unknown as DigestMessage },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(dlq, env);
    expect((await getQueueResult(dlq, ctx)).explicitAcks.sort()).toEqual(['dlq-1', 'dlq-bad']);

    const list = (await (await call('/dev/dead-letters.json')).json()) as {
      total: number;
      items: { userId: string; isoWeek: string; attempts: number; lastError: string; deadAt: string }[];
    };
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      userId: user.id,
      isoWeek: '2026-W45',
      attempts: 1,
      lastError: 'Resend refused the message: HTTP 422',
    });
    const page = await (await call('/dev/dead-letters')).text();
    expect(page).toContain(user.id);
    expect(page).toContain('1 digest the queue gave up on');
    // Hidden outside development; the admin view needs ADMIN_TOKEN.
    const prod = { ...env, ENVIRONMENT: 'production' } as Env;
    expect((await call('/dev/dead-letters.json', { env: prod })).status).toBe(404);
    expect((await call('/admin/dead-letters', { env: prod })).status).toBe(404);
    const admin = { ...prod, ADMIN_TOKEN: 'correct horse battery staple' } as Env;
    expect((await call('/admin/dead-letters', { env: admin })).status).toBe(401);
    expect((await call('/admin/dead-letters', { env: admin, token: 'wrong-token-wrong-token' })).status).toBe(401);
    const ok = await call('/admin/dead-letters', {
      env: admin,
      headers: { authorization: 'Bearer correct horse battery staple' },
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { total: number }).total).toBe(1);
    // The row stays, stamped dead, so the hourly cron never enqueues that week again.
    const row = await env.DB.prepare('SELECT dead_at FROM digests WHERE user_id = ?')
      .bind(user.id)
      .first<{ dead_at: string | null }>();
    expect(row?.dead_at).not.toBeNull();
  });

  it('a message whose (user, week) another attempt is sending right now is retried later, not dropped', async () => {
    const { user } = await signIn('busy@example.com');
    await env.DB.prepare(
      "INSERT INTO digests (id, user_id, iso_week, claim_id, claimed_at, created_at) VALUES ('busy', ?, '2026-W39', 'other', ?, ?)",
    )
      .bind(user.id, new Date().toISOString(), new Date().toISOString())
      .run();
    const batch = createMessageBatch<DigestMessage>('casebook-digests', [
      { id: 'busy-1', timestamp: new Date(), attempts: 1, body: { userId: user.id, isoWeek: '2026-W39' } },
    ]);
    const ctx = createExecutionContext();
    const delays = new Map<string, number | undefined>();
    await worker.queue(recordingRetries(batch, delays), env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['busy-1']);
    expect(delays.get('busy-1')).toBeGreaterThan(15 * 60);
    expect(await digestsTo('busy@example.com')).toHaveLength(0);
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
