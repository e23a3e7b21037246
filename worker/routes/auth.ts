/**
 * `/api/v1/auth`: sign-in by e-mailed one-time code.
 * - `POST /start` `{ email }` -> 202 `{ ok: true }` whether or not the account
 *   exists (the same work is done either way: no lookup of the account);
 *   429 `rate_limited` with `Retry-After` after 5 codes for one address in an
 *   hour (D1), or over the per-address or per-IP binding limits.
 * - `POST /verify` `{ email, code, deviceName }` -> 200 `{ token, user, device }`;
 *   401 `invalid_code` (wrong, expired, used, or out of attempts: one answer,
 *   with the same hashing work whether or not a code exists); 429 over the
 *   per-address-and-IP limit. Creates the account on its first verify.
 * - `POST /logout` (bearer) -> 204, revokes the calling device.
 */
import { Hono } from 'hono';
import { ulid } from 'ulid';
import { AuthStartRequest, AuthVerifyRequest, type AuthVerifyResponse } from '../../shared/schemas';
import { CODE_TTL_MS, insertAuthCode, markCodeUsed, recentCodeCount, takeCodeAttempt } from '../db/auth-codes';
import { insertDevice, revokeDevice } from '../db/devices';
import { ensureUser } from '../db/users';
import type { AppEnv } from '../env';
import { requireAuth } from '../lib/auth';
import { digestsEqual, randomCode, randomToken, sha256Hex } from '../lib/crypto';
import { ApiFailure } from '../lib/errors';
import { clientIp, rateLimit } from '../lib/rate-limit';
import { validate } from '../lib/validate';
import { mailerFor } from '../mail';
import { signInCodeMail } from '../mail/sign-in-code';

/** Codes one address may request per hour. */
export const CODES_PER_HOUR = 5;
const HOUR_MS = 60 * 60 * 1000;
/** Compared against when there is no live code: 64 characters that are not hex, so no SHA-256 hex digest equals it. */
const NO_CODE_HASH = 'x'.repeat(64);

/** SHA-256 hex of `email:code`: what `auth_codes.code_hash` holds. */
export function hashSignInCode(email: string, code: string): Promise<string> {
  return sha256Hex(`${email}:${code}`);
}

/** Sign-in router, mounted at `/api/v1/auth` (see the module comment for routes and answers). */
export const auth = new Hono<AppEnv>()
  .post('/start', validate('json', AuthStartRequest), async (c) => {
    const { email } = c.req.valid('json');
    const ip = clientIp(c);
    if (ip) await rateLimit(c.env.RL_AUTH_START_IP, `start:ip:${ip}`);
    await rateLimit(c.env.RL_AUTH_START_EMAIL, `start:email:${email}`);
    const now = new Date();
    const recent = await recentCodeCount(c.env.DB, email, new Date(now.getTime() - HOUR_MS).toISOString());
    if (recent.count >= CODES_PER_HOUR) {
      const oldest = recent.oldest ? Date.parse(recent.oldest) : now.getTime();
      const retryAfter = Math.max(1, Math.ceil((oldest + HOUR_MS - now.getTime()) / 1000));
      throw new ApiFailure(429, 'rate_limited', 'Too many sign-in codes for this address; try again later.', {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
    const code = randomCode();
    await insertAuthCode(c.env.DB, { email, codeHash: await hashSignInCode(email, code), now });
    const content = await signInCodeMail(code, CODE_TTL_MS / 60_000);
    await mailerFor(c.env).send({ to: email, from: c.env.MAIL_FROM, ...content });
    return c.json({ ok: true as const }, 202);
  })
  .post('/verify', validate('json', AuthVerifyRequest), async (c) => {
    const { email, code, deviceName } = c.req.valid('json');
    await rateLimit(c.env.RL_AUTH_VERIFY, `verify:${email}:${clientIp(c) ?? '-'}`);
    const now = new Date().toISOString();
    // Hash first and always compare, so an address without a live code costs the same work.
    const presented = await hashSignInCode(email, code);
    const attempt = await takeCodeAttempt(c.env.DB, email, now);
    const matches = digestsEqual(attempt?.code_hash ?? NO_CODE_HASH, presented) && attempt !== null;
    if (!attempt || !matches || !(await markCodeUsed(c.env.DB, attempt.id))) {
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
