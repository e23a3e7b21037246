/**
 * `/api/v1/auth`: sign-in by e-mailed one-time code. Limits count per address
 * AND requester (IPv4 address or IPv6 /64), back off rather than lock, and
 * never invalidate a code its owner has not tried (docs/SECURITY.md, "Sign-in").
 * - `POST /start` `{ email }` -> 202 `{ ok: true }` whether or not the account
 *   exists (no lookup of the account); 429 `rate_limited` with `Retry-After`
 *   when this requester must wait ({@link startBackoffMs}), when the address
 *   already has {@link MAX_LIVE_CODES} live codes from other requesters, or
 *   over the per-requester binding limits; 503 `mail_unavailable` when no
 *   mailer is configured outside development (logged).
 * - `POST /verify` `{ email, code, deviceName }` -> 200 `{ token, user, device }`;
 *   401 `invalid_code` (wrong, expired, used, or out of attempts: one answer,
 *   with the same hashing work whether or not a code exists); 429 over the
 *   per-requester limit (across addresses) or the per-address guess bucket.
 *   Creates the account on its first verify.
 * - `POST /logout` (bearer) -> 204, revokes the calling device.
 */
import { Hono } from 'hono';
import { ulid } from 'ulid';
import type { AuthStartResponse } from '../../shared/api-responses';
import { AuthStartRequest, AuthVerifyRequest, type AuthVerifyResponse } from '../../shared/schemas';
import {
  CODE_TTL_MS,
  insertAuthCode,
  liveCodes,
  type LiveCode,
  markCodeUsed,
  MAX_LIVE_CODES,
  recentCodeCount,
  takeCodeAttempts,
} from '../db/auth-codes';
import { takeToken, type BucketSpec } from '../db/buckets';
import { insertDevice, revokeDevice } from '../db/devices';
import { ensureUser } from '../db/users';
import type { AppEnv } from '../env';
import { requireAuth } from '../lib/auth';
import { digestsEqual, randomCode, randomToken, sha256Hex } from '../lib/crypto';
import { ApiFailure } from '../lib/errors';
import { rateLimit, requester, tooManyRequests } from '../lib/rate-limit';
import { validate } from '../lib/validate';
import { mailerFor, MailUnavailableError, type Mailer } from '../mail';
import { signInCodeMail } from '../mail/sign-in-code';

/** Codes one requester may get for one address in an hour before backing off. */
export const CODES_BEFORE_BACKOFF = 5;
/** Longest back-off between two codes for one address and requester (ms). */
export const MAX_BACKOFF_MS = 60 * 60 * 1000;
/** Verify attempts per address (any requester): 10 at once, 10 more an hour. */
export const VERIFY_BUCKET: BucketSpec = { capacity: 10, refillPerSecond: 10 / 3600 };
const HOUR_MS = 60 * 60 * 1000;
/** Compared against when there is no live code: 64 characters that are not hex, so no SHA-256 hex digest equals it. */
const NO_CODE_HASH = 'x'.repeat(64);

/** SHA-256 hex of `email:code`: what `auth_codes.code_hash` holds. */
export function hashSignInCode(email: string, code: string): Promise<string> {
  return sha256Hex(`${email}:${code}`);
}

/**
 * How long (ms) a requester waits after the newest of `count` codes it got
 * for one address within the hour: nothing for the first
 * {@link CODES_BEFORE_BACKOFF}, then 1, 2, 4 ... minutes, at most an hour.
 */
export function startBackoffMs(count: number): number {
  if (count < CODES_BEFORE_BACKOFF) return 0;
  return Math.min(MAX_BACKOFF_MS, 60_000 * 2 ** (count - CODES_BEFORE_BACKOFF));
}

/**
 * Which live code (oldest first in `live`) a new code for `who` replaces: the
 * requester's own oldest, else the oldest of whichever requester holds the
 * most codes if that is more than one; undefined when every requester holds
 * exactly one (then nobody's only code is retired).
 */
export function evictionFor(live: LiveCode[], who: string): number | undefined {
  const own = live.find((l) => l.requester === who);
  if (own) return own.id;
  const counts = new Map<string, number>();
  for (const l of live) counts.set(l.requester, (counts.get(l.requester) ?? 0) + 1);
  let busiest: string | undefined;
  for (const [r, n] of counts) if (n > 1 && (busiest === undefined || n > counts.get(busiest)!)) busiest = r;
  return busiest === undefined ? undefined : live.find((l) => l.requester === busiest)?.id;
}

function configuredMailer(env: AppEnv['Bindings']): Mailer {
  try {
    return mailerFor(env);
  } catch (err) {
    if (err instanceof MailUnavailableError) {
      throw new ApiFailure(503, 'mail_unavailable', 'This server cannot send e-mail yet; tell its operator.');
    }
    throw err;
  }
}

/** Sign-in router, mounted at `/api/v1/auth` (see the module comment for routes and answers). */
export const auth = new Hono<AppEnv>()
  .post('/start', validate('json', AuthStartRequest), async (c) => {
    const { email } = c.req.valid('json');
    const who = requester(c);
    if (who !== '-') await rateLimit(c.env.RL_AUTH_START_IP, `start:${who}`);
    await rateLimit(c.env.RL_AUTH_START_EMAIL, `start:${email}:${who}`);
    const mailer = configuredMailer(c.env);
    const now = new Date();
    const recent = await recentCodeCount(c.env.DB, email, who, new Date(now.getTime() - HOUR_MS).toISOString());
    const wait = recent.newest ? Date.parse(recent.newest) + startBackoffMs(recent.count) - now.getTime() : 0;
    if (wait > 0)
      throw tooManyRequests('Too many sign-in codes for this address; wait a little and try again.', wait / 1000);
    // Stay within MAX_LIVE_CODES without touching anyone's only code: retire this requester's own
    // oldest, else the oldest of a requester holding several; refuse only when each holds one.
    const live = await liveCodes(c.env.DB, email, now.toISOString());
    let evictId: number | undefined;
    if (live.length >= MAX_LIVE_CODES) {
      evictId = evictionFor(live, who);
      if (evictId === undefined) {
        const soonest = Math.min(...live.map((l) => Date.parse(l.expires_at)));
        throw tooManyRequests(
          'Several sign-in codes for this address are still valid; use one or wait.',
          (soonest - now.getTime()) / 1000,
        );
      }
    }
    const code = randomCode();
    await insertAuthCode(c.env.DB, {
      email,
      codeHash: await hashSignInCode(email, code),
      requester: who,
      now,
      ...(evictId !== undefined ? { evictId } : {}),
    });
    const content = await signInCodeMail(code, CODE_TTL_MS / 60_000);
    await mailer.send({ to: email, from: c.env.MAIL_FROM, ...content });
    const body: AuthStartResponse = { ok: true };
    return c.json(body, 202);
  })
  .post('/verify', validate('json', AuthVerifyRequest), async (c) => {
    const { email, code, deviceName } = c.req.valid('json');
    // Per requester across addresses; requests without a client IP (never behind Cloudflare) skip it.
    const who = requester(c);
    if (who !== '-') await rateLimit(c.env.RL_AUTH_VERIFY, `verify:${who}`);
    const nowMs = Date.now();
    const guess = await takeToken(c.env.DB, `verify:${email}`, VERIFY_BUCKET, nowMs);
    if (!guess.ok)
      throw tooManyRequests('Too many sign-in attempts for this address; wait and try again.', guess.retryAfterSeconds);
    const now = new Date(nowMs).toISOString();
    // Hash first and always compare MAX_LIVE_CODES times, so any number of live codes costs the same work.
    const presented = await hashSignInCode(email, code);
    const attempts = await takeCodeAttempts(c.env.DB, email, now);
    let match: number | null = null;
    for (let i = 0; i < MAX_LIVE_CODES; i++) {
      const candidate = attempts[i];
      if (digestsEqual(candidate?.code_hash ?? NO_CODE_HASH, presented) && candidate && match === null)
        match = candidate.id;
    }
    if (match === null || !(await markCodeUsed(c.env.DB, email, match))) {
      throw new ApiFailure(401, 'invalid_code', 'The code is wrong, expired or used up. Ask for a new one.');
    }
    const user = await ensureUser(c.env.DB, email, ulid(), now);
    const token = randomToken();
    const device = { id: ulid(), name: deviceName };
    await insertDevice(c.env.DB, { ...device, userId: user.id, tokenHash: await sha256Hex(token), now });
    const body: AuthVerifyResponse = { token, user: { id: user.id, email: user.email }, device };
    return c.json(body, 200);
  })
  .post('/logout', requireAuth, async (c) => {
    const { userId, deviceId } = c.get('auth');
    await revokeDevice(c.env.DB, userId, deviceId);
    return c.body(null, 204);
  });
