/**
 * Rate limits through the Workers Rate Limiting binding (simulated by the
 * vitest plugin from wrangler.toml's `[[ratelimits]]`): `auth/start` per IP and
 * per address, `auth/verify` per address and IP, and the `limitByIp` helper the
 * `/s/` and `/d/` routes use. A refusal is 429 `rate_limited` with Retry-After.
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

  it('auth/start: 5 a minute per address, whatever the IPs', async () => {
    const email = 'one-address@example.com';
    for (let i = 0; i < 5; i++) expect((await start(email, `198.51.100.${i}`)).status).toBe(202);
    await expectRateLimited(await start(email, '198.51.100.99'));
    // The answer is the same for an address that has an account and one that does not.
    expect((await start('someone-else@example.com', '198.51.100.99')).status).toBe(202);
  });

  it('auth/verify: 10 a minute per address and IP; then even the right code is refused from that IP', async () => {
    const email = 'guesser@example.com';
    expect((await start(email, '192.0.2.1')).status).toBe(202);
    const code = await latestCode(email);
    const wrong = code === '11111111' ? '22222222' : '11111111';
    for (let i = 0; i < 10; i++) expect((await verify(email, wrong, '192.0.2.1')).status).toBe(401);
    await expectRateLimited(await verify(email, code, '192.0.2.1'));
    // Another address from the same IP is counted separately.
    expect((await verify('other@example.com', wrong, '192.0.2.1')).status).toBe(401);
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
