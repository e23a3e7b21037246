/**
 * Issue 16, everything but sync, through the real worker under workerd:
 * development routes are opt-in, HSTS on capability pages, share views count
 * only a person's GET, device tokens expire after 90 days unused, the cron
 * cleans up spent rows, and /unsubscribe/ is rate limited.
 */
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { ShareCreateResponse } from '../../shared/schemas';
import type { Env } from '../../worker/env';
import worker from '../../worker/index';
import { HSTS } from '../../worker/lib/headers';
import { requesterOf } from '../../worker/lib/rate-limit';
import { isLinkUnfurler, LINK_UNFURLER_AGENTS } from '../../worker/lib/unfurlers';
import { DIGEST_RETENTION_DAYS } from '../../worker/maintenance';
import { call, signIn } from './helpers';

const DAY_MS = 24 * 60 * 60 * 1000;

async function share(token: string) {
  const res = await call('/api/v1/shares', { token, json: { label: 'Case' } });
  expect(res.status).toBe(201);
  const created = ShareCreateResponse.parse(await res.json());
  return { ...created, path: new URL(created.url).pathname };
}

async function views(id: string): Promise<number> {
  const row = await env.DB.prepare('SELECT view_count FROM shares WHERE id = ?')
    .bind(id)
    .first<{ view_count: number }>();
  return row!.view_count;
}

describe('development routes are opt-in', () => {
  for (const [label, value] of [
    ['absent', undefined],
    ['production', 'production'],
    ['anything else', 'staging'],
  ] as const) {
    it(`ENVIRONMENT ${label}: /dev/outbox.json, /dev/outbox and /dev/bench are 404`, async () => {
      const e = { ...env, ENVIRONMENT: value } as Env;
      expect((await call('/dev/outbox.json', { env: e })).status).toBe(404);
      expect((await call('/dev/outbox', { env: e })).status).toBe(404);
      expect((await call('/dev/bench/d1-insert', { json: { rows: [] }, env: e })).status).toBe(404);
    });
  }

  it('the test environment sets ENVIRONMENT=development explicitly (wrangler.toml says production)', async () => {
    expect(env.ENVIRONMENT).toBe('development');
    expect((await call('/dev/outbox.json')).status).toBe(200);
  });

  it('with a real mailer configured, production sends through it and never the outbox', async () => {
    const sent: unknown[] = [];
    const e = {
      ...env,
      ENVIRONMENT: 'production',
      MAILER: 'cloudflare',
      EMAIL: { send: async (m: unknown) => (sent.push(m), { messageId: 'm-1' }) },
    } as unknown as Env;
    const before = (await env.DB.prepare('SELECT count(*) AS n FROM dev_outbox').first<{ n: number }>())!.n;
    const res = await call('/api/v1/auth/start', { json: { email: 'prodmail@example.com' }, env: e });
    expect(res.status).toBe(202);
    expect(sent).toHaveLength(1);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM dev_outbox').first<{ n: number }>())!.n).toBe(before);
  });
});

describe('capability pages', () => {
  it('/s/, /d/ and /unsubscribe/ answers carry Strict-Transport-Security, errors included', async () => {
    const { token } = await signIn('hsts@example.com');
    const s = await share(token);
    for (const path of [
      s.path,
      `${s.path}/packet.md`,
      '/s/not-a-token',
      '/d/not-a-token',
      '/unsubscribe/not-a-token',
    ]) {
      expect({ path, hsts: (await call(path)).headers.get('strict-transport-security') }).toEqual({ path, hsts: HSTS });
    }
    expect(HSTS).toMatch(/max-age=\d{8,}/);
  });

  it('a share view is a GET by a person: HEAD and link unfurlers are not counted', async () => {
    const { token } = await signIn('unfurl@example.com');
    const s = await share(token);
    expect((await call(s.path, { method: 'HEAD' })).status).toBe(200);
    for (const ua of [
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'Twitterbot/1.0',
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
      'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
      'WhatsApp/2.23.20.0',
      'TelegramBot (like TwitterBot)',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
      'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com',
    ]) {
      const status = (await call(s.path, { headers: { 'user-agent': ua } })).status;
      expect({ ua, unfurler: isLinkUnfurler(ua), status }).toEqual({ ua, unfurler: true, status: 200 });
    }
    expect(await views(s.id)).toBe(0);
    const person = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
    expect(isLinkUnfurler(person)).toBe(false);
    expect(isLinkUnfurler(null)).toBe(false);
    expect((await call(s.path, { headers: { 'user-agent': person } })).status).toBe(200);
    expect(await views(s.id)).toBe(1);
  });

  it('the unfurler list is one list of non-empty, distinct entries', () => {
    expect(LINK_UNFURLER_AGENTS.length).toBeGreaterThan(10);
    expect(new Set(LINK_UNFURLER_AGENTS.map((a) => a.toLowerCase())).size).toBe(LINK_UNFURLER_AGENTS.length);
    for (const a of LINK_UNFURLER_AGENTS) expect(a.trim()).toBe(a);
  });

  it('/unsubscribe/ is rate limited per IP: 60 a minute, then 429', async () => {
    const get = () => call('/unsubscribe/some-unknown-token', { headers: { 'cf-connecting-ip': '203.0.113.200' } });
    for (let i = 0; i < 60; i++) expect((await get()).status).toBe(404);
    expect((await get()).status).toBe(429);
  });

  it('requesters: IPv4 as is, IPv6 by its /64', () => {
    expect(requesterOf(null)).toBe('-');
    expect(requesterOf('192.0.2.1')).toBe('ip:192.0.2.1');
    expect(requesterOf('2001:db8:0:1:aaaa::1')).toBe('ip6:2001:db8:0:1');
    expect(requesterOf('2001:0db8:0000:0001:ffff:ffff:ffff:ffff')).toBe('ip6:2001:db8:0:1');
    expect(requesterOf('2001:db8::1')).toBe('ip6:2001:db8:0:0');
    expect(requesterOf('::1')).toBe('ip6:0:0:0:0');
  });
});

describe('device tokens', () => {
  it('a token unused for 90 days is refused (401) and its device revoked; one used within 90 days works', async () => {
    const old = await signIn('idle@example.com', 'Old laptop');
    const recent = await signIn('idle@example.com', 'New laptop');
    const at = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
    await env.DB.prepare('UPDATE devices SET last_seen_at = ?2, created_at = ?2 WHERE id = ?1')
      .bind(old.device.id, at(91))
      .run();
    await env.DB.prepare('UPDATE devices SET last_seen_at = ?2 WHERE id = ?1').bind(recent.device.id, at(89)).run();
    const res = await call('/api/v1/me', { token: old.token });
    expect(res.status).toBe(401);
    expect(JSON.stringify(await res.json())).toContain('90 days');
    const row = await env.DB.prepare('SELECT revoked FROM devices WHERE id = ?').bind(old.device.id).first();
    expect(row).toEqual({ revoked: 1 });
    expect((await call('/api/v1/me', { token: recent.token })).status).toBe(200);
  });
});

describe('cron clean-up', () => {
  it('deletes codes expired over an hour ago, idle buckets and digests older than 400 days; keeps the rest', async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const { user } = await signIn('cleanup@example.com');
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO auth_codes (email, code_hash, expires_at, created_at) VALUES ('old@example.com', 'h', ?1, ?1)",
      ).bind(iso(now - 2 * 60 * 60 * 1000)),
      env.DB.prepare(
        "INSERT INTO auth_codes (email, code_hash, expires_at, created_at) VALUES ('live@example.com', 'h', ?1, ?2)",
      ).bind(iso(now + 60_000), iso(now)),
      env.DB.prepare("INSERT INTO rate_buckets (key, tokens, updated_ms) VALUES ('idle', 0, ?1)").bind(
        now - 2 * DAY_MS,
      ),
      env.DB.prepare("INSERT INTO rate_buckets (key, tokens, updated_ms) VALUES ('busy', 0, ?1)").bind(now),
      env.DB.prepare(
        "INSERT INTO digests (id, user_id, iso_week, created_at) VALUES ('old-d', ?1, '2024-W01', ?2)",
      ).bind(user.id, iso(now - (DIGEST_RETENTION_DAYS + 1) * DAY_MS)),
      env.DB.prepare(
        "INSERT INTO digests (id, user_id, iso_week, created_at) VALUES ('new-d', ?1, '2025-W01', ?2)",
      ).bind(user.id, iso(now - (DIGEST_RETENTION_DAYS - 1) * DAY_MS)),
    ]);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: '0 * * * *' }), env);
    log.mockRestore();
    const left = await env.DB.batch([
      env.DB.prepare("SELECT email FROM auth_codes WHERE email IN ('old@example.com', 'live@example.com')"),
      env.DB.prepare("SELECT key FROM rate_buckets WHERE key IN ('idle', 'busy')"),
      env.DB.prepare("SELECT id FROM digests WHERE id IN ('old-d', 'new-d')"),
    ]);
    expect(left.map((r) => r.results)).toEqual([[{ email: 'live@example.com' }], [{ key: 'busy' }], [{ id: 'new-d' }]]);
  });
});
