/**
 * Rate limits through the Workers Rate Limiting binding (`[[ratelimits]]` in
 * wrangler.toml; simulated locally by `wrangler dev` and the vitest plugin).
 * Each binding counts requests per key over its `simple.period` (10 or 60
 * seconds) in one Cloudflare location; counts are approximate by design.
 *
 * A refused request fails with 429 `rate_limited`, `Retry-After` set to the
 * binding's period, in the API's error shape (pages render it through
 * app.onError like every other failure).
 */
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiFailure } from './errors';

declare module '../env' {
  interface Env {
    /** `POST /auth/start`, per e-mail address (5 a minute; D1 also caps codes at 5 an hour). */
    RL_AUTH_START_EMAIL: RateLimit;
    /** `POST /auth/start`, per client IP (20 a minute). */
    RL_AUTH_START_IP: RateLimit;
    /** `POST /auth/verify`, per e-mail address and client IP (10 a minute). */
    RL_AUTH_VERIFY: RateLimit;
    /** `GET /s/*` and `/d/*`, per client IP (60 a minute). */
    RL_SHARE_IP: RateLimit;
  }
}

/** Seconds every binding's window lasts (wrangler.toml `simple.period`); sent as `Retry-After`. */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

/** Names of the rate-limit bindings on `Env`. */
export type RateLimitBinding = 'RL_AUTH_START_EMAIL' | 'RL_AUTH_START_IP' | 'RL_AUTH_VERIFY' | 'RL_SHARE_IP';

/**
 * The client's IP as Cloudflare reports it (`CF-Connecting-IP`, set by the edge
 * and not forgeable by the client), or null when absent (only outside
 * Cloudflare, e.g. a request made straight to the worker in tests).
 * `X-Forwarded-For` is never read: a client can write anything into it.
 */
export function clientIp(c: Context<AppEnv>): string | null {
  const ip = c.req.header('cf-connecting-ip')?.trim();
  return ip ? ip : null;
}

/**
 * Spends one request of `binding`'s budget for `key` (e.g. `ip:1.2.3.4`).
 * Keys should carry a prefix naming what they count so that two uses of one
 * binding never share a counter by accident; they are never logged.
 * @throws ApiFailure 429 `rate_limited` with `Retry-After` when the budget is spent.
 */
export async function rateLimit(binding: RateLimit, key: string): Promise<void> {
  const { success } = await binding.limit({ key });
  if (!success) {
    throw new ApiFailure(429, 'rate_limited', 'Too many requests; wait a minute and try again.', {
      headers: { 'Retry-After': String(RATE_LIMIT_PERIOD_SECONDS) },
    });
  }
}

/**
 * Middleware limiting each client IP on `binding` (for `/s/*` and `/d/*`:
 * `app.use('/s/*', limitByIp('RL_SHARE_IP'))`). Requests without
 * `CF-Connecting-IP` (never the case behind Cloudflare) are not counted.
 * @throws ApiFailure 429 `rate_limited` with `Retry-After` when the IP is over budget.
 */
export function limitByIp(binding: RateLimitBinding, prefix: string = binding) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const ip = clientIp(c);
    if (ip) await rateLimit(c.env[binding], `${prefix}:ip:${ip}`);
    await next();
  });
}
