import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ApiError, ShareCreateResponse, ShareSummary } from '../../shared/schemas';
import { BASE, call, expectCapabilityHeaders, hlcAt, jiraEvidence, prEvidence, push, signIn, upsert } from './helpers';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const SECRET = 'PRIVATE: comp discussion with my manager';

/** Signs in, pushes three real-fixture items (2016 PR, 2017 PR, 2019 Jira story), returns the token. */
async function seededUser(email: string) {
  const session = await signIn(email);
  const pr327 = prEvidence('rest-pull-merged-artsy-emission-327.json', {
    hlc: hlcAt(T0, 'd'),
    competencies: ['ownership'],
    privateNote: SECRET,
  });
  const pr671 = prEvidence('rest-pull-merged-github3py-671.json', {
    hlc: hlcAt(T0, 'd', 1),
    competencies: ['multiplier'],
    privateNote: SECRET,
  });
  const jira = jiraEvidence({ hlc: hlcAt(T0, 'd', 2), competencies: ['ownership', 'judgment'], privateNote: SECRET });
  const res = await push(session.token, [upsert(1, pr327), upsert(2, pr671), upsert(3, jira)]);
  expect(res.status).toBe(200);
  return { ...session, pr327, pr671, jira };
}

async function createShare(token: string, body: Record<string, unknown>) {
  const res = await call('/api/v1/shares', { token, json: body });
  expect(res.status).toBe(201);
  const created = ShareCreateResponse.parse(await res.json());
  const token_ = created.url.split('/s/')[1]!;
  return { ...created, token: token_, path: `/s/${token_}` };
}

describe('share links', () => {
  it('create answers 201 with a capability URL; only its hash is stored; list never shows a token', async () => {
    const { token } = await seededUser('share-create@example.com');
    const before = Date.now();
    const share = await createShare(token, { label: 'H2 calibration', expiresInDays: 14 });
    expect(share.url).toMatch(new RegExp(`^${BASE}/s/[A-Za-z0-9_-]{43}$`));
    const expires = Date.parse(share.expiresAt);
    expect(expires - before).toBeGreaterThanOrEqual(14 * 86400_000 - 1000);
    expect(expires - before).toBeLessThanOrEqual(14 * 86400_000 + 5000);

    const stored = await env.DB.prepare('SELECT * FROM shares WHERE id = ?')
      .bind(share.id)
      .first<Record<string, unknown>>();
    expect(JSON.stringify(stored)).not.toContain(share.token);
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const list = await call('/api/v1/shares', { token });
    const text = await list.text();
    expect(text).not.toContain(share.token);
    const { shares } = JSON.parse(text) as { shares: unknown[] };
    expect(shares).toHaveLength(1);
    expect(ShareSummary.parse(shares[0])).toMatchObject({
      id: share.id,
      label: 'H2 calibration',
      scope: {},
      revokedAt: null,
      viewCount: 0,
      lastViewedAt: null,
    });
  });

  it('the default expiry is 30 days and the request is validated', async () => {
    const { token } = await signIn('share-default@example.com');
    const share = await createShare(token, { label: 'Default' });
    expect(Math.round((Date.parse(share.expiresAt) - Date.now()) / 86400_000)).toBe(30);
    for (const body of [
      { label: '' },
      { label: 'x', expiresInDays: 0 },
      { label: 'x', expiresInDays: 366 },
      { label: 'x', from: '2026-02-01', to: '2026-01-01' },
    ]) {
      const res = await call('/api/v1/shares', { token, json: body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(ApiError.parse(await res.json()).error.code).toBe('validation_failed');
    }
  });

  it('GET /s/:token renders the case with security headers, counts the view, never shows private notes', async () => {
    const { token, pr327, pr671, jira } = await seededUser('share-view@example.com');
    await call('/api/v1/me/settings', { method: 'PATCH', token, json: { displayName: 'Ada Lovelace' } });
    const share = await createShare(token, { label: 'Promo packet' });
    const res = await call(share.path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expectCapabilityHeaders(res);
    const html = await res.text();
    expect(html).toContain('Ada Lovelace');
    for (const e of [pr327, pr671, jira]) expect(html).toContain(e.url);
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain('privateNote');

    const md = await call(`${share.path}/packet.md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expectCapabilityHeaders(md);
    const mdText = await md.text();
    expect(mdText).toContain('Ada Lovelace');
    expect(mdText).not.toContain(SECRET);

    const { shares } = (await (await call('/api/v1/shares', { token })).json()) as { shares: ShareSummary[] };
    expect(shares[0]?.viewCount).toBe(1);
    expect(shares[0]?.lastViewedAt).not.toBeNull();
  });

  it('scope: dates and competencies filter the evidence shown', async () => {
    const { token, pr327, pr671, jira } = await seededUser('share-scope@example.com');
    const byDate = await createShare(token, { label: 'Since 2017', from: '2017-01-01' });
    const dated = await (await call(byDate.path)).text();
    expect(dated).not.toContain(pr327.url);
    expect(dated).toContain(pr671.url);
    expect(dated).toContain(jira.url);

    const byCompetency = await createShare(token, { label: 'Ownership', competencies: ['ownership'] });
    const owned = await (await call(byCompetency.path)).text();
    expect(owned).toContain(pr327.url);
    expect(owned).not.toContain(pr671.url);
    expect(owned).toContain(jira.url);
    const { shares } = (await (await call('/api/v1/shares', { token })).json()) as { shares: ShareSummary[] };
    expect(shares.find((s) => s.id === byCompetency.id)?.scope).toEqual({ competencies: ['ownership'] });
  });

  it('deleted evidence is not shown', async () => {
    const { token, pr671 } = await seededUser('share-deleted@example.com');
    await push(token, [{ seq: 4, collection: 'evidence', id: pr671.id, op: 'delete', hlc: hlcAt(T0 + 1000, 'd') }]);
    const share = await createShare(token, { label: 'After delete' });
    expect(await (await call(share.path)).text()).not.toContain(pr671.url);
  });

  it('unknown token: 404 page; revoked: 404 at once; expired: 410; all with the headers', async () => {
    const { token } = await seededUser('share-states@example.com');
    const unknown = await call(`/s/${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^text\/html/);
    expectCapabilityHeaders(unknown);
    expect((await call('/s/short')).status).toBe(404);

    const revoked = await createShare(token, { label: 'Revoke me' });
    expect((await call(revoked.path)).status).toBe(200);
    expect((await call(`/api/v1/shares/${revoked.id}`, { method: 'DELETE', token })).status).toBe(204);
    const after = await call(revoked.path);
    expect(after.status).toBe(404);
    expectCapabilityHeaders(after);
    expect((await call(`${revoked.path}/packet.md`)).status).toBe(404);
    const { shares } = (await (await call('/api/v1/shares', { token })).json()) as { shares: ShareSummary[] };
    expect(shares.find((s) => s.id === revoked.id)?.revokedAt).not.toBeNull();

    const expired = await createShare(token, { label: 'Old', expiresInDays: 1 });
    await env.DB.prepare("UPDATE shares SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(expired.id)
      .run();
    const gone = await call(expired.path);
    expect(gone.status).toBe(410);
    expectCapabilityHeaders(gone);
    expect(await gone.text()).toMatch(/expired/i);
    expect((await call(`${expired.path}/packet.md`)).status).toBe(410);
  });

  it("another user's token cannot list, revoke or see a share", async () => {
    const a = await seededUser('share-a@example.com');
    const b = await signIn('share-b@example.com');
    const share = await createShare(a.token, { label: 'A only' });
    const del = await call(`/api/v1/shares/${share.id}`, { method: 'DELETE', token: b.token });
    expect(del.status).toBe(404);
    expect(ApiError.parse(await del.json()).error.code).toBe('not_found');
    expect(((await (await call('/api/v1/shares', { token: b.token })).json()) as { shares: unknown[] }).shares).toEqual(
      [],
    );
    expect((await call(share.path)).status).toBe(200);
  });

  it('includes weekly logs only when asked to', async () => {
    const { token } = await signIn('share-logs@example.com');
    const log = {
      id: '01JD3K8Q2VZ7AAAAAAAAAAAAAA',
      week: '2026-W47',
      shipped: 'Shipped the tracing rollout',
      decisions: 'Chose tracing over logs',
      helped: 'Paired with Sam',
      impact: 'On-call found slow commands',
      updatedAt: hlcAt(T0, 'd'),
      deletedAt: null,
    };
    await push(token, [{ seq: 1, collection: 'weeklyLogs', id: log.id, op: 'upsert', hlc: log.updatedAt, data: log }]);
    const without = await createShare(token, { label: 'No logs' });
    const withLogs = await createShare(token, { label: 'Logs', includeWeeklyLogs: true });
    expect(await (await call(without.path)).text()).not.toContain('Shipped the tracing rollout');
    expect(await (await call(withLogs.path)).text()).toContain('Shipped the tracing rollout');
  });
});
