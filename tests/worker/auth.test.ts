import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { evictionFor, startBackoffMs } from '../../worker/routes/auth';
import { AccountSettings, ApiError, AuthVerifyResponse } from '../../shared/schemas';
import { call, latestCode, outbox, signIn } from './helpers';

describe('sign-in by e-mailed code', () => {
  it('start sends an 8-digit code; verify creates the user and a device token', async () => {
    const email = 'ada@example.com';
    const start = await call('/api/v1/auth/start', { json: { email: '  Ada@Example.com ' } });
    expect(start.status).toBe(202);
    expect(await start.json()).toEqual({ ok: true });

    const mail = (await outbox()).filter((m) => m.to === email).at(-1)!;
    // The code is in the body, never in the subject (lock screens, provider logs).
    expect(mail.subject).toBe('Your Casebook sign-in code');
    const code = /\b(\d{8})\b/.exec(mail.text)?.[1];
    expect(code).toMatch(/^\d{8}$/);
    expect(mail.subject).not.toMatch(/\d/);
    expect(mail.text).toContain(code);
    expect(mail.html).toContain(code);
    expect(mail.from).toBe(env.MAIL_FROM);

    // Only a hash of the code is stored.
    const stored = await env.DB.prepare('SELECT code_hash FROM auth_codes WHERE email = ?').bind(email).all();
    expect(JSON.stringify(stored.results)).not.toContain(code);

    const res = await call('/api/v1/auth/verify', { json: { email, code, deviceName: 'Work laptop' } });
    expect(res.status).toBe(200);
    const body = AuthVerifyResponse.parse(await res.json());
    expect(body.user.email).toBe(email);
    expect(body.device.name).toBe('Work laptop');
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const device = await env.DB.prepare('SELECT token_hash FROM devices WHERE id = ?')
      .bind(body.device.id)
      .first<{ token_hash: string }>();
    expect(device?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(device?.token_hash).not.toContain(body.token);

    const me = await call('/api/v1/me', { token: body.token });
    expect(me.status).toBe(200);
    const meBody = (await me.json()) as { user: { id: string; email: string }; settings: unknown };
    expect(meBody.user).toEqual(body.user);
    expect(AccountSettings.parse(meBody.settings)).toEqual({
      displayName: '',
      timezone: 'UTC',
      digestDay: 5,
      digestHour: 16,
      digestEnabled: true,
    });

    // The code works once.
    const again = await call('/api/v1/auth/verify', { json: { email, code, deviceName: 'Phone' } });
    expect(again.status).toBe(401);
    expect(ApiError.parse(await again.json()).error.code).toBe('invalid_code');
  });

  it('a second sign-in of the same address reuses the account', async () => {
    const first = await signIn('grace@example.com', 'Laptop');
    const second = await signIn('grace@example.com', 'Desktop');
    expect(second.user.id).toBe(first.user.id);
    expect(second.device.id).not.toBe(first.device.id);
  });

  it('start answers the same whether or not the account exists', async () => {
    await signIn('known@example.com');
    const known = await call('/api/v1/auth/start', { json: { email: 'known@example.com' } });
    const unknown = await call('/api/v1/auth/start', { json: { email: 'nobody-yet@example.com' } });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.text()).toBe(await unknown.text());
  });

  it('a wrong code is 401 invalid_code', async () => {
    const email = 'wrong@example.com';
    await call('/api/v1/auth/start', { json: { email } });
    const code = await latestCode(email);
    const wrong = code === '00000000' ? '00000001' : '00000000';
    const res = await call('/api/v1/auth/verify', { json: { email, code: wrong, deviceName: 'x' } });
    expect(res.status).toBe(401);
    expect(ApiError.parse(await res.json()).error.code).toBe('invalid_code');
  });

  it('after 5 wrong attempts even the right code is refused', async () => {
    const email = 'attempts@example.com';
    await call('/api/v1/auth/start', { json: { email } });
    const code = await latestCode(email);
    const wrong = code === '12345678' ? '87654321' : '12345678';
    for (let i = 0; i < 5; i++) {
      const res = await call('/api/v1/auth/verify', { json: { email, code: wrong, deviceName: 'x' } });
      expect(res.status).toBe(401);
    }
    const right = await call('/api/v1/auth/verify', { json: { email, code, deviceName: 'x' } });
    expect(right.status).toBe(401);
    // A fresh code works again.
    const fresh = await signIn(email);
    expect(fresh.user.email).toBe(email);
  });

  it('an expired code is refused', async () => {
    const email = 'late@example.com';
    await call('/api/v1/auth/start', { json: { email } });
    const code = await latestCode(email);
    await env.DB.prepare("UPDATE auth_codes SET expires_at = '2000-01-01T00:00:00.000Z' WHERE email = ?")
      .bind(email)
      .run();
    const res = await call('/api/v1/auth/verify', { json: { email, code, deviceName: 'x' } });
    expect(res.status).toBe(401);
  });

  it('a new code does not invalidate an untried one; signing in with either retires the other', async () => {
    const email = 'twice@example.com';
    await call('/api/v1/auth/start', { json: { email } });
    const first = await latestCode(email);
    await call('/api/v1/auth/start', { json: { email } });
    const second = await latestCode(email);
    const res = await call('/api/v1/auth/verify', { json: { email, code: first, deviceName: 'x' } });
    expect(res.status).toBe(200);
    const other =
      first === second ? null : await call('/api/v1/auth/verify', { json: { email, code: second, deviceName: 'x' } });
    expect(other?.status ?? 401).toBe(401);
  });

  it("an attacker's auth/start calls for the victim's address from another IP do not stop the victim's code", async () => {
    const email = 'victim@example.com';
    const victim = { 'cf-connecting-ip': '192.0.2.10' };
    expect((await call('/api/v1/auth/start', { json: { email }, headers: victim })).status).toBe(202);
    const held = await latestCode(email);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await call('/api/v1/auth/start', {
        json: { email },
        headers: { 'cf-connecting-ip': '203.0.113.66' },
      });
      statuses.push(res.status);
    }
    // The attacker is slowed down (per address AND requester), never the victim.
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5)).toContain(429);
    const res = await call('/api/v1/auth/verify', {
      json: { email, code: held, deviceName: 'Laptop' },
      headers: victim,
    });
    expect(res.status).toBe(200);
  });

  it('at most 3 live codes per address: a busy requester gives up its own oldest, nobody loses an only code', async () => {
    const email = 'crowded@example.com';
    const from = (ip: string) => call('/api/v1/auth/start', { json: { email }, headers: { 'cf-connecting-ip': ip } });
    expect((await from('192.0.2.21')).status).toBe(202);
    const victimCode = await latestCode(email);
    for (const ip of ['192.0.2.22', '192.0.2.23']) expect((await from(ip)).status).toBe(202);
    // Three requesters hold one code each: a fourth waits for the soonest expiry (at most 15 minutes).
    const refused = await from('192.0.2.24');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    const res = await call('/api/v1/auth/verify', {
      json: { email, code: victimCode, deviceName: 'Laptop' },
      headers: { 'cf-connecting-ip': '192.0.2.21' },
    });
    expect(res.status).toBe(200);
    const live = (requester: string, id: number) => ({ id, requester, code_hash: '', created_at: '', expires_at: '' });
    expect(evictionFor([live('a', 1), live('b', 2), live('b', 3)], 'c')).toBe(2);
    expect(evictionFor([live('a', 1), live('b', 2), live('c', 3)], 'c')).toBe(3);
    expect(evictionFor([live('a', 1), live('b', 2), live('c', 3)], 'd')).toBeUndefined();
  });

  it('codes for one address and requester back off (1, 2, 4 ... minutes) instead of locking', async () => {
    expect([0, 4, 5, 6, 7, 20].map(startBackoffMs)).toEqual([0, 0, 60_000, 120_000, 240_000, 3_600_000]);
  });

  it('without a mailer outside development, start is 503 mail_unavailable, logged, and nothing is stored', async () => {
    const production = { ...env, ENVIRONMENT: 'production' };
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await call('/api/v1/auth/start', { json: { email: 'nomail@example.com' }, env: production });
    expect(res.status).toBe(503);
    expect(ApiError.parse(await res.json()).error.code).toBe('mail_unavailable');
    expect(errors.mock.calls.flat().join(' ')).toMatch(/mail unavailable: no mailer configured/);
    errors.mockRestore();
    const stored = await env.DB.prepare(
      "SELECT count(*) AS n FROM auth_codes WHERE email = 'nomail@example.com'",
    ).first();
    expect(stored).toEqual({ n: 0 });
    expect((await outbox()).filter((m) => m.to === 'nomail@example.com')).toEqual([]);
  });

  it('past 5 codes an hour for one address and requester, the next waits: 429 with Retry-After', async () => {
    const email = 'flood@example.com';
    for (let i = 0; i < 5; i++) expect((await call('/api/v1/auth/start', { json: { email } })).status).toBe(202);
    const res = await call('/api/v1/auth/start', { json: { email } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(ApiError.parse(await res.json()).error.code).toBe('rate_limited');
  });
});

describe('account and devices', () => {
  it('PATCH /me/settings validates and stores the settings', async () => {
    const { token } = await signIn('settings@example.com');
    const ok = await call('/api/v1/me/settings', {
      method: 'PATCH',
      token,
      json: { displayName: 'Ada L.', timezone: 'Europe/Paris', digestDay: 1, digestHour: 9, digestEnabled: false },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      settings: { displayName: 'Ada L.', timezone: 'Europe/Paris', digestDay: 1, digestHour: 9, digestEnabled: false },
    });
    const partial = await call('/api/v1/me/settings', { method: 'PATCH', token, json: { digestHour: 18 } });
    expect(((await partial.json()) as { settings: { digestHour: number; timezone: string } }).settings).toMatchObject({
      digestHour: 18,
      timezone: 'Europe/Paris',
    });
    const badZone = await call('/api/v1/me/settings', { method: 'PATCH', token, json: { timezone: 'Mars/Olympus' } });
    expect(badZone.status).toBe(400);
    expect(ApiError.parse(await badZone.json()).error.code).toBe('validation_failed');
    const badDay = await call('/api/v1/me/settings', { method: 'PATCH', token, json: { digestDay: 7 } });
    expect(badDay.status).toBe(400);
  });

  it('lists devices, revokes one, and the revoked token stops working', async () => {
    const laptop = await signIn('devices@example.com', 'Laptop');
    const phone = await signIn('devices@example.com', 'Phone');
    const list = await call('/api/v1/devices', { token: laptop.token });
    const { devices } = (await list.json()) as { devices: { id: string; name: string; current: boolean }[] };
    expect(devices.map((d) => d.name).sort()).toEqual(['Laptop', 'Phone']);
    expect(devices.find((d) => d.current)?.id).toBe(laptop.device.id);

    expect((await call(`/api/v1/devices/${phone.device.id}`, { method: 'DELETE', token: laptop.token })).status).toBe(
      204,
    );
    expect((await call('/api/v1/me', { token: phone.token })).status).toBe(401);
    expect((await call('/api/v1/me', { token: laptop.token })).status).toBe(200);
  });

  it("DELETE of another user's device is 404 and changes nothing", async () => {
    const a = await signIn('owner-a@example.com');
    const b = await signIn('owner-b@example.com');
    const res = await call(`/api/v1/devices/${a.device.id}`, { method: 'DELETE', token: b.token });
    expect(res.status).toBe(404);
    expect(ApiError.parse(await res.json()).error.code).toBe('not_found');
    expect((await call('/api/v1/me', { token: a.token })).status).toBe(200);
  });

  it('logout revokes the calling device only', async () => {
    const one = await signIn('logout@example.com', 'One');
    const two = await signIn('logout@example.com', 'Two');
    const res = await call('/api/v1/auth/logout', { method: 'POST', token: one.token });
    expect(res.status).toBe(204);
    expect((await call('/api/v1/me', { token: one.token })).status).toBe(401);
    expect((await call('/api/v1/me', { token: two.token })).status).toBe(200);
  });
});
