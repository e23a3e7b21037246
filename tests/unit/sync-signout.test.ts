/**
 * Issue 16, leaving a session behind safely: changing the sync server or logging out while
 * the server is unreachable queues the old token (storage.local `casebook.revoke`), and the
 * next sync attempt revokes it once that server answers; logging out can remove this
 * browser's data (a shared computer). The server side is a fetch answering exactly as
 * worker/routes/auth.ts does (`POST /api/v1/auth/logout` 204, 401 for a dead token).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CasebookApi } from '../../extension/api/client';
import { flushRevocations, pendingRevocations, REVOKE_KEY } from '../../extension/api/revoke';
import {
  clearSession,
  getSession,
  serverOrigin,
  SERVER_KEY,
  SESSION_KEY,
  setServerOverride,
  setSession,
} from '../../extension/api/session';
import { signOut } from '../../extension/api/signout';
import { saveEvidence } from '../../extension/db/write';
import { setDeviceState } from '../../extension/db/device-state';
import type { CasebookDB } from '../../extension/db/index';
import { SyncRunner } from '../../extension/sync/runner';
import { freshDb, prEvidence } from './helpers/evidence';

const session = {
  token: 'b2xkLXRva2VuLW9mLXRoaXMtZGV2aWNl',
  user: { id: 'u1', email: 'ana@example.com' },
  device: { id: 'd1', name: 'Chrome on Linux' },
};

const dbs: CasebookDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** A server that is down until `up` is set, then revokes tokens like the worker's `/auth/logout`. */
function server() {
  const live = new Set([session.token]);
  const calls: { url: string; auth: string | null }[] = [];
  const state = { up: false };
  const fetchImpl: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    calls.push({ url: req.url, auth: req.headers.get('authorization') });
    if (!state.up) throw new TypeError('Failed to fetch');
    const token = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '')?.[1] ?? '';
    if (new URL(req.url).pathname !== '/api/v1/auth/logout' || req.method !== 'POST') {
      return Response.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 });
    }
    if (!live.delete(token)) {
      return Response.json({ error: { code: 'unauthorized', message: 'Sign in again.' } }, { status: 401 });
    }
    return new Response(null, { status: 204 });
  };
  return { fetch: fetchImpl, calls, live, state };
}

describe('tokens to revoke', () => {
  it('changing the sync server queues the old token for the old server; a later sync revokes it there', async () => {
    const old = server();
    await setSession(session);
    // What Settings does when the server changes (components/account/SettingsSections.tsx).
    await clearSession();
    await setServerOverride('https://casebook.example.com');
    expect(await getSession()).toBeNull();
    expect(await pendingRevocations()).toMatchObject([{ origin: serverOrigin(), token: session.token }]);

    // The old server is unreachable: the token keeps waiting.
    expect(await flushRevocations(old.fetch)).toEqual({ revoked: 0, waiting: 1 });
    // Reachable again: the next sync attempt (signed out here) revokes it on the OLD server.
    old.state.up = true;
    const db = freshDb();
    dbs.push(db);
    await new SyncRunner({
      db,
      getApi: async () => null,
      beforeSync: async () => void (await flushRevocations(old.fetch)),
    }).sync();
    expect(old.live.has(session.token)).toBe(false);
    expect(old.calls.at(-1)).toEqual({
      url: `${serverOrigin()}/api/v1/auth/logout`,
      auth: `Bearer ${session.token}`,
    });
    expect(await pendingRevocations()).toEqual([]);
  });

  it('a token the server no longer knows (401) leaves the list; a forgotten session after 401 queues nothing', async () => {
    const s = server();
    s.state.up = true;
    s.live.clear();
    await setSession(session);
    await clearSession();
    expect(await flushRevocations(s.fetch)).toEqual({ revoked: 1, waiting: 0 });
    await setSession(session);
    await clearSession({ revoke: false });
    expect(await pendingRevocations()).toEqual([]);
  });

  it('keeps at most 20 tokens, dropping the oldest', async () => {
    for (let i = 0; i < 25; i++) {
      await setSession({ ...session, token: `token-${i}` });
      await clearSession();
    }
    const list = await pendingRevocations();
    expect(list).toHaveLength(20);
    expect(list[0]!.token).toBe('token-5');
  });
});

describe('signing out', () => {
  async function signedInStore(): Promise<CasebookDB> {
    const db = freshDb();
    dbs.push(db);
    await setSession(session);
    await setDeviceState(db, 'account', { userId: 'u1', email: session.user.email });
    await saveEvidence(prEvidence(1), { db, now: () => Date.parse('2026-11-20T09:00:00Z') });
    await fakeBrowser.storage.local.set({
      [SERVER_KEY]: 'https://casebook.example.com',
      'casebook.digestSchedule': { day: 5 },
      'casebook.githubToken': 'ghp-secret',
    });
    return db;
  }

  it('offline: the session is forgotten, the token waits for the server, local data stays unless asked', async () => {
    const db = await signedInStore();
    const s = server();
    const api = new CasebookApi({
      baseUrl: 'https://casebook.example.com',
      getToken: async () => session.token,
      fetch: s.fetch,
    });
    expect(await signOut(api, db, false)).toEqual({ token: 'queued', cleared: false });
    expect(await getSession()).toBeNull();
    expect((await pendingRevocations()).map((r) => r.origin)).toEqual(['https://casebook.example.com']);
    expect(await db.evidence.count()).toBe(1);
    s.state.up = true;
    await flushRevocations(s.fetch);
    expect(s.live.has(session.token)).toBe(false);
  });

  it('on a shared computer: revoked at once, and every table and personal setting is removed', async () => {
    const db = await signedInStore();
    const s = server();
    s.state.up = true;
    const api = new CasebookApi({
      baseUrl: 'https://casebook.example.com',
      getToken: async () => session.token,
      fetch: s.fetch,
    });
    expect(await signOut(api, db, true)).toEqual({ token: 'revoked', cleared: true });
    expect(s.live.has(session.token)).toBe(false);
    for (const table of db.tables) expect(await table.count()).toBe(0);
    const left = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(left).sort()).toEqual([REVOKE_KEY, SERVER_KEY].filter((k) => k in left).sort());
    expect(left).not.toHaveProperty(SESSION_KEY);
    expect(left).not.toHaveProperty('casebook.githubToken');
    expect(await pendingRevocations()).toEqual([]);
  });
});
