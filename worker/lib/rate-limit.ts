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
    /** `POST /auth/start`, per e-mail address and requester (5 a minute; D1 backs off per pair, see routes/auth.ts). */
    RL_AUTH_START_EMAIL: RateLimit;
    /** `POST /auth/start`, per requester: IPv4 address or IPv6 /64 (20 a minute). */
    RL_AUTH_START_IP: RateLimit;
    /** `POST /auth/verify`, per requester across addresses (10 a minute). */
    RL_AUTH_VERIFY: RateLimit;
    /** `GET /s/*`, `/d/*` and `/unsubscribe/*`, per requester (60 a minute). */
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
 * What limits count a client by: `ip:<IPv4>` for IPv4, `ip6:<first four
 * groups>` (the /64, which one subscriber usually holds whole) for IPv6, or
 * `-` when there is no client IP.
 */
export function requesterOf(ip: string | null): string {
  if (!ip) return '-';
  if (!ip.includes(':')) return `ip:${ip}`;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `ip6:${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+/, '') || '0')
    .join(':')}`;
}

/** {@link requesterOf} the request's {@link clientIp}. */
export function requester(c: Context<AppEnv>): string {
  return requesterOf(clientIp(c));
}

/** A 429 `rate_limited` failure with `Retry-After: seconds` (rounded up, at least 1). */
export function tooManyRequests(message: string, seconds: number): ApiFailure {
  return new ApiFailure(429, 'rate_limited', message, {
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(seconds))) },
  });
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
    if (ip) await rateLimit(c.env[binding], `${prefix}:${requesterOf(ip)}`);
    await next();
  });
}
