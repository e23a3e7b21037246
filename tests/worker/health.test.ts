import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/schemas';
import type { Env } from '../../worker/env';
import { call, signIn } from './helpers';

describe('health, robots and the error shape', () => {
  it('GET /health answers ok with the package version', async () => {
    const res = await call('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: env.PACKAGE_VERSION });
  });

  it('robots.txt disallows share and digest links', async () => {
    const res = await call('/robots.txt');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^Disallow: \/s\/$/m);
    expect(text).toMatch(/^Disallow: \/d\/$/m);
  });

  it('unknown routes answer 404 in the error shape', async () => {
    const res = await call('/api/v1/nope');
    expect(res.status).toBe(404);
    const body = ApiError.parse(await res.json());
    expect(body.error.code).toBe('not_found');
  });

  it('a body failing its schema is 400 validation_failed with zod issues', async () => {
    const res = await call('/api/v1/auth/start', { json: { email: 'not-an-address' } });
    expect(res.status).toBe(400);
    const body = ApiError.parse(await res.json());
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues?.length).toBeGreaterThan(0);
    expect(body.error.issues?.[0]).toMatchObject({ path: ['email'] });
  });

  it('malformed JSON is a 400 in the error shape', async () => {
    const res = await call('/api/v1/auth/start', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    expect(res.status).toBe(400);
    expect(ApiError.parse(await res.json()).error.code).toBe('bad_request');
  });

  it('API routes need a bearer token: 401 unauthorized', async () => {
    for (const path of ['/api/v1/me', '/api/v1/sync/pull', '/api/v1/shares', '/api/v1/devices', '/api/v1/digests']) {
      const res = await call(path);
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(ApiError.parse(await res.json()).error.code).toBe('unauthorized');
    }
    const forged = await call('/api/v1/me', { token: 'A'.repeat(43) });
    expect(forged.status).toBe(401);
  });

  it('an unexpected failure is a 500 internal without internals', async () => {
    const { token } = await signIn('broken-db@example.com');
    const broken = {
      ...env,
      DB: {
        prepare() {
          throw new Error('D1_ERROR: no such table: users_secret_internal');
        },
        batch() {
          throw new Error('D1_ERROR: no such table: users_secret_internal');
        },
      },
    } as unknown as Env;
    const res = await call('/api/v1/me', { token, env: broken });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(ApiError.parse(JSON.parse(text)).error.code).toBe('internal');
    expect(text).not.toMatch(/D1_ERROR|users_secret_internal|at /);
  });
});
