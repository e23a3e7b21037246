/**
 * extension/api/session.ts: the sync server set in Settings overrides the
 * build-time default for every API call, and only acceptable origins are kept;
 * extension/api/client.ts: the panel's new endpoints parse their answers.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createApi,
  getServerOrigin,
  parseServerOrigin,
  serverOrigin,
  SERVER_KEY,
  setServerOverride,
  setSession,
} from '../../extension/api/session';
import { ApiError } from '../../extension/api/client';

const session = {
  token: 'tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  user: { id: 'u1', email: 'ada@example.com' },
  device: { id: 'd1', name: 'Chrome on Linux' },
};

/** A fetch that answers `body` as JSON with `status` and records each request. */
function recorder(body: unknown, status = 200) {
  const calls: { url: string; method: string; auth: string | null; body: unknown }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const h = new Headers(init?.headers);
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      auth: h.get('authorization'),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    });
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('parseServerOrigin', () => {
  it('accepts https origins (adding the scheme) and http only for this computer', () => {
    expect(parseServerOrigin('casebook.example.com/some/path')).toEqual({
      ok: true,
      origin: 'https://casebook.example.com',
    });
    expect(parseServerOrigin('https://casebook.example.com:8443/')).toEqual({
      ok: true,
      origin: 'https://casebook.example.com:8443',
    });
    expect(parseServerOrigin('http://127.0.0.1:8799')).toEqual({ ok: true, origin: 'http://127.0.0.1:8799' });
    expect(parseServerOrigin('http://casebook.example.com').ok).toBe(false);
    expect(parseServerOrigin('ftp://casebook.example.com').ok).toBe(false);
    expect(parseServerOrigin('https://user:pw@casebook.example.com').ok).toBe(false);
    expect(parseServerOrigin('  ').ok).toBe(false);
  });
});

describe('server override', () => {
  it('sends API calls to the override, read at request time, and back to the default when cleared', async () => {
    await setSession(session);
    const { fetch, calls } = recorder({ devices: [] });
    const api = createApi({ fetch });

    await api.listDevices();
    expect(calls[0]!.url).toBe(`${serverOrigin()}/api/v1/devices`);

    await setServerOverride('https://casebook.example.com/');
    expect(await getServerOrigin()).toBe('https://casebook.example.com');
    await api.listDevices();
    expect(calls[1]!.url).toBe('https://casebook.example.com/api/v1/devices');
    expect(calls[1]!.auth).toBe(`Bearer ${session.token}`);

    await setServerOverride(null);
    await api.listDevices();
    expect(calls[2]!.url).toBe(`${serverOrigin()}/api/v1/devices`);
  });

  it('ignores an unacceptable stored value and refuses to store one', async () => {
    await fakeBrowser.storage.local.set({ [SERVER_KEY]: 'http://evil.example.com' });
    expect(await getServerOrigin()).toBe(serverOrigin());
    await expect(setServerOverride('http://evil.example.com')).rejects.toThrow(/https/);
  });
});

describe('panel endpoints', () => {
  it('lists devices, revokes one, lists and fetches digests, previews, and patches the schedule', async () => {
    await setSession(session);
    const devices = recorder({
      devices: [{ id: 'd1', name: 'Chrome', createdAt: '2026-11-01T10:00:00.000Z', lastSeenAt: null, current: true }],
    });
    expect(await createApi({ fetch: devices.fetch }).listDevices()).toHaveLength(1);

    const revoke = recorder(null, 204);
    await createApi({ fetch: revoke.fetch }).revokeDevice('d/2');
    expect(revoke.calls[0]).toMatchObject({ method: 'DELETE', url: `${serverOrigin()}/api/v1/devices/d%2F2` });

    const digest = { subject: '3 items this week', html: '<p>x</p>', text: 'x' };
    const preview = recorder(digest);
    expect(await createApi({ fetch: preview.fetch }).previewDigest()).toEqual(digest);
    expect(preview.calls[0]).toMatchObject({ method: 'POST', url: `${serverOrigin()}/api/v1/digests/preview` });

    const list = recorder({
      digests: [{ isoWeek: '2026-W47', subject: 's', createdAt: '2026-11-20T16:00:00.000Z', sentAt: null }],
    });
    expect((await createApi({ fetch: list.fetch }).listDigests())[0]!.isoWeek).toBe('2026-W47');
    await expect(createApi({ fetch: list.fetch }).getDigest('2026-47')).rejects.toMatchObject({
      code: 'invalid_input',
    });

    const settings = {
      displayName: 'Ada',
      timezone: 'Europe/Berlin',
      digestDay: 4,
      digestHour: 9,
      digestEnabled: true,
    };
    const patch = recorder({ settings });
    expect(
      await createApi({ fetch: patch.fetch }).updateAccountSettings({ digestDay: 4, timezone: 'Europe/Berlin' }),
    ).toEqual(settings);
    expect(patch.calls[0]).toMatchObject({ method: 'PATCH', body: { digestDay: 4, timezone: 'Europe/Berlin' } });
    const bad = await createApi({ fetch: patch.fetch })
      .updateAccountSettings({ timezone: 'Mars/Olympus' })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    expect(patch.calls).toHaveLength(1);
  });

  it('rejects an answer that is not the documented shape', async () => {
    await setSession(session);
    const wrong = recorder({ devices: [{ id: 1 }] });
    await expect(createApi({ fetch: wrong.fetch }).listDevices()).rejects.toMatchObject({ code: 'bad_response' });
  });
});
