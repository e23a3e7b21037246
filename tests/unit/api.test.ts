/**
 * extension/api: the typed client (bearer token, error shape, answer validation)
 * and the stored session in browser.storage.local (WXT's fake browser).
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ApiError, CasebookApi } from '../../extension/api/client';
import { clearSession, getSession, SESSION_KEY, setSession } from '../../extension/api/session';

interface Seen {
  url: string;
  method: string;
  auth: string | null;
  body: unknown;
}

function client(answer: (req: Request) => Response | Promise<Response>, token: string | null = 'tok-1') {
  const seen: Seen[] = [];
  const api = new CasebookApi({
    baseUrl: 'http://127.0.0.1:8787/',
    getToken: async () => token,
    fetch: async (input, init) => {
      const req = new Request(input, init);
      const text = await req.clone().text();
      seen.push({
        url: req.url,
        method: req.method,
        auth: req.headers.get('authorization'),
        body: text ? JSON.parse(text) : null,
      });
      return answer(req);
    },
  });
  return { api, seen };
}

describe('CasebookApi', () => {
  it('sends the bearer token to authenticated routes only and parses answers with their schemas', async () => {
    const { api, seen } = client((req) =>
      new URL(req.url).pathname === '/api/v1/auth/verify'
        ? Response.json({
            token: 't',
            user: { id: 'u1', email: 'ana@example.com' },
            device: { id: 'd1', name: 'Chrome on Linux' },
          })
        : Response.json({ lastSeq: 0, rev: 0, applied: 0, ignored: 0 }),
    );
    const verified = await api.authVerify({
      email: ' Ana@Example.com ',
      code: '12345678',
      deviceName: 'Chrome on Linux',
    });
    expect(verified.user.email).toBe('ana@example.com');
    await api.push({ changes: [] });

    expect(seen[0]).toMatchObject({
      url: 'http://127.0.0.1:8787/api/v1/auth/verify',
      method: 'POST',
      auth: null,
      body: { email: 'ana@example.com', code: '12345678', deviceName: 'Chrome on Linux' },
    });
    expect(seen[1]).toMatchObject({ url: 'http://127.0.0.1:8787/api/v1/sync/push', auth: 'Bearer tok-1' });
  });

  it("turns the API's { error: { code, message } } into ApiError with status, code and Retry-After", async () => {
    const { api } = client(() =>
      Response.json(
        { error: { code: 'rate_limited', message: 'Too many codes requested' } },
        { status: 429, headers: { 'retry-after': '90' } },
      ),
    );
    const err = await api.authStart('ana@example.com').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: 'Too many codes requested',
      retryAfter: 90,
    });
    expect((err as ApiError).retryable).toBe(true);

    const { api: api2 } = client(() =>
      Response.json({ error: { code: 'invalid_code', message: 'Invalid code' } }, { status: 401 }),
    );
    const err2 = await api2
      .authVerify({ email: 'ana@example.com', code: '00000000', deviceName: 'x' })
      .catch((e: unknown) => e);
    expect(err2).toMatchObject({ status: 401, code: 'invalid_code' });
    expect((err2 as ApiError).retryable).toBe(false);
  });

  it('reports an unexpected answer shape, a non-JSON error and an unreachable server as ApiError', async () => {
    const bad = client(() => Response.json({ changes: 'nope', rev: -1 }));
    await expect(bad.api.pull(0, 500)).rejects.toMatchObject({ code: 'bad_response', status: 200 });

    const html = client(() => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(html.api.listShares()).rejects.toMatchObject({ code: 'http_502', status: 502 });

    const down = new CasebookApi({
      baseUrl: 'http://127.0.0.1:9',
      getToken: async () => 't',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const err = await down.me().catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 0, code: 'network' });
    expect((err as ApiError).retryable).toBe(true);
  });

  it('validates request bodies before sending and refuses authenticated calls when signed out', async () => {
    const { api, seen } = client(() => Response.json({}), null);
    await expect(api.authStart('not-an-email')).rejects.toMatchObject({ code: 'invalid_input', status: 0 });
    await expect(api.createShare({ label: 'H2', from: '2026-01-01', to: '2026-12-01' })).rejects.toMatchObject({
      code: 'not_signed_in',
    });
    const signedIn = client(() => Response.json({}));
    await expect(signedIn.api.createShare({ label: 'H2', from: '2026-12-01', to: '2026-01-01' })).rejects.toMatchObject(
      {
        code: 'invalid_input',
      },
    );
    expect(seen).toHaveLength(0);
    expect(signedIn.seen).toHaveLength(0);
  });

  it('creates, lists and revokes shares on the documented routes', async () => {
    const { api, seen } = client((req) => {
      const path = new URL(req.url).pathname;
      if (req.method === 'POST') {
        return Response.json(
          { id: 's1', url: 'http://127.0.0.1:8787/s/abc', expiresAt: '2026-12-20T09:00:00.000Z' },
          { status: 201 },
        );
      }
      if (req.method === 'DELETE' && path === '/api/v1/shares/s1') return new Response(null, { status: 204 });
      return Response.json({
        shares: [
          {
            id: 's1',
            label: 'H2 calibration',
            scope: {},
            createdAt: '2026-11-20T09:00:00.000Z',
            expiresAt: '2026-12-20T09:00:00.000Z',
            revokedAt: null,
            viewCount: 2,
            lastViewedAt: '2026-11-21T10:00:00.000Z',
          },
        ],
      });
    });
    expect((await api.createShare({ label: 'H2 calibration' })).url).toBe('http://127.0.0.1:8787/s/abc');
    expect(seen[0]!.body).toEqual({ label: 'H2 calibration', expiresInDays: 30 });
    expect((await api.listShares())[0]!.viewCount).toBe(2);
    await api.revokeShare('s1');
    expect(seen.map((s) => `${s.method} ${new URL(s.url).pathname}`)).toEqual([
      'POST /api/v1/shares',
      'GET /api/v1/shares',
      'DELETE /api/v1/shares/s1',
    ]);
  });
});

describe('session storage', () => {
  const session = {
    token: 'dGhpcy1pcy1hLXRlc3QtdG9rZW4',
    user: { id: 'u1', email: 'ana@example.com' },
    device: { id: 'd1', name: 'Chrome on Linux' },
  };

  it('stores the session in storage.local under casebook.session and reads it back validated', async () => {
    expect(await getSession()).toBeNull();
    await setSession(session);
    expect(await fakeBrowser.storage.local.get(SESSION_KEY)).toEqual({ [SESSION_KEY]: session });
    expect(await getSession()).toEqual(session);
    await clearSession();
    expect(await getSession()).toBeNull();
  });

  it('treats an unreadable stored value as signed out', async () => {
    await fakeBrowser.storage.local.set({ [SESSION_KEY]: { token: 42 } });
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      expect(await getSession()).toBeNull();
    } finally {
      console.warn = warn;
    }
  });
});
