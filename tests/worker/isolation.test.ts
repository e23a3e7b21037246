/**
 * One user never reaches another's data: every endpoint of the HTTP API table
 * (docs/DESIGN.md) is called by user B with user A's ids, cursors and capability
 * tokens, and with records written under the same ids by both users; nothing
 * of A's leaks to B and nothing of A's changes.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuthVerifyResponse, Evidence } from '../../shared/schemas';
import { sha256Hex } from '../../worker/lib/crypto';
import { call, hlcAt, prEvidence, pull, push, signIn, upsert } from './helpers';

const PR = 'rest-pull-merged-github3py-671.json';
const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const A_PRIVATE_MARK = 'A-ONLY-private-note-7f3a';
const A_CLAIM = 'A-ONLY claim: I designed the retry budget';
const B_CLAIM = 'B wrote this under the same id';
const WEEK = '2026-W47';

let a: AuthVerifyResponse;
let aPhone: AuthVerifyResponse;
let b: AuthVerifyResponse;
let shared: Evidence;
let aShare: { id: string; url: string };
const aDigestToken = 'aDigestViewTokenAAAAAAAAAAAAAAAAAAAAAAAAAAA';

beforeAll(async () => {
  a = await signIn('alice@example.com', 'Alice laptop');
  aPhone = await signIn('alice@example.com', 'Alice phone');
  b = await signIn('bob@example.com', 'Bob laptop');
  shared = prEvidence(PR, { hlc: hlcAt(T0, 'devA'), privateNote: A_PRIVATE_MARK, claim: A_CLAIM });
  await ok(push(a.token, [upsert(1, shared)]), 200);
  // B writes a record under the very same id, with a newer clock.
  const bCopy = { ...shared, claim: B_CLAIM, privateNote: '', updatedAt: hlcAt(T0 + 60_000, 'devB') };
  await ok(push(b.token, [upsert(1, bCopy)]), 200);

  const res = await ok(call('/api/v1/shares', { token: a.token, json: { label: 'A calibration' } }), 201);
  aShare = (await res.json()) as { id: string; url: string };

  await env.DB.prepare(
    `INSERT INTO digests (id, user_id, iso_week, subject, html, text, view_token_hash, created_at, sent_at)
     VALUES ('dig-a', ?1, ?2, 'A-ONLY digest', '<p>A-ONLY</p>', 'A-ONLY', ?3, ?4, ?4)`,
  )
    .bind(a.user.id, WEEK, await sha256Hex(aDigestToken), new Date(T0).toISOString())
    .run();
});

/** Awaits `res` and throws unless it has `status` (setup steps, outside any test). */
async function ok(res: Promise<Response>, status: number): Promise<Response> {
  const r = await res;
  if (r.status !== status) throw new Error(`setup request answered ${r.status}: ${await r.text()}`);
  return r;
}

async function text(res: Response): Promise<string> {
  return res.text();
}

describe('isolation between users', () => {
  it('GET /me answers the caller only', async () => {
    const body = await text(await call('/api/v1/me', { token: b.token }));
    expect(body).toContain('bob@example.com');
    expect(body).not.toContain('alice');
    expect(body).not.toContain(a.user.id);
  });

  it("PATCH /me/settings changes the caller's settings only", async () => {
    const res = await call('/api/v1/me/settings', { method: 'PATCH', token: b.token, json: { displayName: 'Bob' } });
    expect(res.status).toBe(200);
    const me = (await (await call('/api/v1/me', { token: a.token })).json()) as { settings: { displayName: string } };
    expect(me.settings.displayName).toBe('');
  });

  it("GET /devices lists none of A's devices; DELETE of A's device is 404 and A keeps working", async () => {
    const list = await text(await call('/api/v1/devices', { token: b.token }));
    expect(list).not.toContain(a.device.id);
    expect(list).not.toContain(aPhone.device.id);
    expect(list).not.toContain('Alice');
    for (const id of [a.device.id, aPhone.device.id]) {
      const res = await call(`/api/v1/devices/${id}`, { method: 'DELETE', token: b.token });
      expect(res.status).toBe(404);
    }
    expect((await call('/api/v1/me', { token: a.token })).status).toBe(200);
    expect((await call('/api/v1/me', { token: aPhone.token })).status).toBe(200);
  });

  it("sync pull gives B only B's record, whatever the cursor; A still sees A's own version", async () => {
    for (const since of [0, 1, 2, 5]) {
      const page = await pull(b.token, since);
      const all = JSON.stringify(page);
      expect(all).not.toContain(A_PRIVATE_MARK);
      expect(all).not.toContain(A_CLAIM);
    }
    const bPage = await pull(b.token, 0);
    expect(bPage.changes).toHaveLength(1);
    expect(bPage.changes[0]?.data?.claim).toBe(B_CLAIM);
    const aPage = await pull(a.token, 0);
    expect(aPage.changes).toHaveLength(1);
    expect(aPage.changes[0]?.data).toMatchObject({ claim: A_CLAIM, privateNote: A_PRIVATE_MARK });
  });

  it("sync push under A's ids, even a delete with a later clock, never touches A's records", async () => {
    const del = { seq: 2, collection: 'evidence', id: shared.id, op: 'delete', hlc: hlcAt(T0 + 120_000, 'devB') };
    expect((await push(b.token, [del])).status).toBe(200);
    const aPage = await pull(a.token, 0);
    expect(aPage.changes[0]).toMatchObject({ deleted: false, data: { claim: A_CLAIM } });
    // B's own seq cursor is separate from A's: A's next push with seq 2 still applies.
    const edit = { ...shared, claim: 'A edit 2', updatedAt: hlcAt(T0 + 1000, 'devA') };
    const res = (await (await push(a.token, [upsert(2, edit)])).json()) as { applied: number };
    expect(res.applied).toBe(1);
  });

  it("GET /shares lists none of A's shares; DELETE of A's share is 404 and the link keeps working", async () => {
    const list = await text(await call('/api/v1/shares', { token: b.token }));
    expect(list).not.toContain(aShare.id);
    expect(list).not.toContain('A calibration');
    const res = await call(`/api/v1/shares/${aShare.id}`, { method: 'DELETE', token: b.token });
    expect(res.status).toBe(404);
    expect((await call(new URL(aShare.url).pathname)).status).toBe(200);
  });

  it("A's share page and packet show A's version of a record B wrote under the same id, never B's", async () => {
    const page = await text(await call(new URL(aShare.url).pathname));
    const packet = await text(await call(`${new URL(aShare.url).pathname}/packet.md`));
    for (const body of [page, packet]) {
      expect(body).not.toContain(B_CLAIM);
      expect(body).not.toContain('bob');
      expect(body).not.toContain(A_PRIVATE_MARK); // private notes never leave the owner's account
    }
  });

  it("GET /digests and /digests/:isoWeek never show A's digest to B; preview holds B's data only", async () => {
    const list = await text(await call('/api/v1/digests', { token: b.token }));
    expect(list).not.toContain('A-ONLY');
    const week = await call(`/api/v1/digests/${WEEK}`, { token: b.token });
    expect(week.status).toBe(404);
    expect(await text(week)).not.toContain('A-ONLY');
    expect((await call(`/api/v1/digests/${WEEK}`, { token: a.token })).status).toBe(200);
    const preview = await text(await call('/api/v1/digests/preview', { method: 'POST', token: b.token }));
    expect(preview).not.toContain(A_CLAIM);
    expect(preview).not.toContain(A_PRIVATE_MARK);
  });

  it('/d/:token shows only the digest the token was made for', async () => {
    const res = await call(`/d/${aDigestToken}`);
    expect(res.status).toBe(200);
    const body = await text(res);
    expect(body).toContain('A-ONLY');
    expect(body).not.toContain(B_CLAIM);
  });

  it("B's logout revokes B's device only", async () => {
    const bTablet = await signIn('bob@example.com', 'Bob tablet');
    expect((await call('/api/v1/auth/logout', { method: 'POST', token: bTablet.token })).status).toBe(204);
    expect((await call('/api/v1/me', { token: bTablet.token })).status).toBe(401);
    for (const t of [a.token, aPhone.token, b.token]) expect((await call('/api/v1/me', { token: t })).status).toBe(200);
  });

  it('a revoked token reaches nothing on the next request, on any endpoint', async () => {
    const gone = await signIn('alice@example.com', 'Alice old laptop');
    expect((await call(`/api/v1/devices/${gone.device.id}`, { method: 'DELETE', token: a.token })).status).toBe(204);
    const attempts: [string, RequestInit & { json?: unknown }][] = [
      ['/api/v1/me', {}],
      ['/api/v1/me/settings', { method: 'PATCH', json: { displayName: 'x' } }],
      ['/api/v1/devices', {}],
      [`/api/v1/devices/${a.device.id}`, { method: 'DELETE' }],
      ['/api/v1/sync/pull?since=0', {}],
      ['/api/v1/sync/push', { json: { changes: [] } }],
      ['/api/v1/shares', {}],
      ['/api/v1/shares', { json: { label: 'x' } }],
      [`/api/v1/shares/${aShare.id}`, { method: 'DELETE' }],
      ['/api/v1/digests', {}],
      [`/api/v1/digests/${WEEK}`, {}],
      ['/api/v1/digests/preview', { method: 'POST' }],
      ['/api/v1/auth/logout', { method: 'POST' }],
    ];
    for (const [path, init] of attempts) {
      const res = await call(path, { ...init, token: gone.token });
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
      expect(await text(res)).not.toContain('alice');
    }
    expect((await call('/api/v1/me', { token: a.token })).status).toBe(200);
    expect((await call(new URL(aShare.url).pathname)).status).toBe(200);
  });
});
