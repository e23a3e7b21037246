/**
 * Rate limits through the Workers Rate Limiting binding (simulated by the
 * vitest plugin from wrangler.toml's `[[ratelimits]]`): `auth/start` per IP
 * (IPv6 /64) and per address and IP, `auth/verify` per IP across addresses, and
 * the `limitByIp` helper the `/s/`, `/d/` and `/unsubscribe/` routes use. A refusal is 429 `rate_limited` with Retry-After.
 */
import { env } from 'cloudflare:workers';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/schemas';
import type { AppEnv } from '../../worker/env';
import { ApiFailure, errorBody } from '../../worker/lib/errors';
import { limitByIp, RATE_LIMIT_PERIOD_SECONDS } from '../../worker/lib/rate-limit';
import { call, latestCode } from './helpers';

function start(email: string, ip: string): Promise<Response> {
  return call('/api/v1/auth/start', { json: { email }, headers: { 'cf-connecting-ip': ip } });
}

function verify(email: string, code: string, ip: string): Promise<Response> {
  return call('/api/v1/auth/verify', {
    json: { email, code, deviceName: 'Laptop' },
    headers: { 'cf-connecting-ip': ip },
  });
}

async function expectRateLimited(res: Response): Promise<void> {
  expect(res.status).toBe(429);
  expect(res.headers.get('retry-after')).toBe(String(RATE_LIMIT_PERIOD_SECONDS));
  const body = ApiError.parse(await res.json());
  expect(body.error.code).toBe('rate_limited');
}

describe('rate limits', () => {
  it('auth/start: 20 a minute per IP, whatever the addresses; another IP is not affected', async () => {
    for (let i = 0; i < 20; i++) expect((await start(`ip-${i}@example.com`, '203.0.113.7')).status).toBe(202);
    await expectRateLimited(await start('ip-20@example.com', '203.0.113.7'));
    expect((await start('ip-20@example.com', '203.0.113.8')).status).toBe(202);
  });

  it('auth/start: 5 a minute per address and IP; another IP asking for the same address is not affected', async () => {
    const email = 'one-address@example.com';
    for (let i = 0; i < 5; i++) expect((await start(email, '198.51.100.7')).status).toBe(202);
    await expectRateLimited(await start(email, '198.51.100.7'));
    expect((await start(email, '198.51.100.8')).status).toBe(202);
    // The answer is the same for an address that has an account and one that does not.
    expect((await start('someone-else@example.com', '198.51.100.7')).status).toBe(202);
  });

  it('auth/start: an IPv6 /64 counts as one requester', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await start(`v6-${i}@example.com`, `2001:db8:aa:bb:${i.toString(16)}::1`)).status).toBe(202);
    }
    await expectRateLimited(await start('v6-20@example.com', '2001:0db8:00aa:00bb:ffff::2'));
    expect((await start('v6-20@example.com', '2001:db8:aa:bc::1')).status).toBe(202);
  });

  it('auth/verify: 10 a minute per IP across addresses; then even the right code is refused from that IP', async () => {
    const email = 'guesser@example.com';
    expect((await start(email, '192.0.2.1')).status).toBe(202);
    const code = await latestCode(email);
    const wrong = code === '11111111' ? '22222222' : '11111111';
    for (let i = 0; i < 4; i++) expect((await verify(email, wrong, '192.0.2.1')).status).toBe(401);
    for (let i = 0; i < 6; i++) expect((await verify(`other-${i}@example.com`, wrong, '192.0.2.1')).status).toBe(401);
    await expectRateLimited(await verify(email, code, '192.0.2.1'));
    // From another IP the right code still works (4 guesses left it one attempt).
    expect((await verify(email, code, '192.0.2.2')).status).toBe(200);
  });

  it('limitByIp (for /s/ and /d/): 60 a minute per IP, then 429 in the error shape', async () => {
    const app = new Hono<AppEnv>()
      .use('/s/*', limitByIp('RL_SHARE_IP', 'test-share'))
      .get('/s/:token', (c) => c.text('case page'));
    app.onError((err, c) => {
      if (!(err instanceof ApiFailure)) throw err;
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return c.json(errorBody(err.code, err.message), err.status);
    });
    const get = (ip: string) => app.request('/s/some-capability-token', { headers: { 'cf-connecting-ip': ip } }, env);
    for (let i = 0; i < 60; i++) expect((await get('203.0.113.50')).status).toBe(200);
    await expectRateLimited(await get('203.0.113.50'));
    expect((await get('203.0.113.51')).status).toBe(200);
  });
});
