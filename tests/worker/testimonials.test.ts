/**
 * Peer testimonials through the real worker (workerd, local D1): every route
 * of docs/DESIGN.md "Peer testimonials", isolation between two users, token
 * hashing at rest, 404/410 with the same work for unknown and revoked links,
 * the generic-praise check, escaping and hidden testimonials never rendered.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/schemas';
import { TestimonialList } from '../../shared/testimonials';
import type { Env } from '../../worker/env';
import { HSTS } from '../../worker/lib/headers';
import { BASE, call, expectCapabilityHeaders, outbox } from './helpers';
import { ask, form, GOOD, list, SECRET, seeded } from './testimonial-helpers';

async function count(table: string): Promise<number> {
  return (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
}

describe('creating a request', () => {
  it('answers 201 with a /t/ link; only the SHA-256 of the token is stored; the list never shows it', async () => {
    const { token, pr, jira } = await seeded('ask-create@example.com');
    const before = Date.now();
    const req = await ask(token, { peerName: 'Sam Lee', evidenceIds: [pr.id, jira.id], question: 'The billing work?' });
    expect(req.url).toMatch(new RegExp(`^${BASE}/t/[A-Za-z0-9_-]{43}$`));
    expect(Math.round((Date.parse(req.expiresAt) - before) / 86400_000)).toBe(14);
    expect(req.emailed).toBe(false);
    const row = await env.DB.prepare('SELECT * FROM testimonial_requests WHERE id = ?')
      .bind(req.id)
      .first<Record<string, unknown>>();
    expect(JSON.stringify(row)).not.toContain(req.token);
    expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.token_hash).not.toBe(req.token);
    const text = await (await call('/api/v1/testimonials', { token })).text();
    expect(text).not.toContain(req.token);
    const { requests, testimonials } = TestimonialList.parse(JSON.parse(text));
    expect(testimonials).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(requests![0]).toMatchObject({ id: req.id, peerName: 'Sam Lee', status: 'waiting', emailed: false });
  });

  it('refuses bad bodies with 400 and evidence that is not the caller’s with 404; nothing is stored', async () => {
    const a = await seeded('ask-bad-a@example.com');
    const b = await seeded('ask-bad-b@example.com');
    const before = await count('testimonial_requests');
    const ids = Array.from({ length: 21 }, (_, i) => `01JD3K8Q2VZ7${String(i).padStart(14, '0')}`);
    for (const body of [
      { peerName: 'Sam', evidenceIds: [] },
      { peerName: 'Sam', evidenceIds: ids },
      { peerName: '', evidenceIds: [a.pr.id] },
      { peerName: 'x'.repeat(101), evidenceIds: [a.pr.id] },
      { peerName: 'Sam', evidenceIds: [a.pr.id], expiresInDays: 61 },
      { peerName: 'Sam', evidenceIds: [a.pr.id], expiresInDays: 0 },
      { peerName: 'Sam', evidenceIds: [a.pr.id, a.pr.id] },
      { peerName: 'Sam', evidenceIds: [a.pr.id], peerEmail: 'not an address' },
      { peerName: 'Sam', evidenceIds: [a.pr.id], extra: true },
    ]) {
      const res = await call('/api/v1/testimonial-requests', { token: a.token, json: body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(ApiError.parse(await res.json()).error.code).toBe('validation_failed');
    }
    const theirs = await call('/api/v1/testimonial-requests', {
      token: a.token,
      json: { peerName: 'Sam', evidenceIds: [a.pr.id, b.pr.id] },
    });
    expect(theirs.status).toBe(404);
    expect(ApiError.parse(await theirs.json()).error.code).toBe('not_found');
    expect(await count('testimonial_requests')).toBe(before);
    expect(
      (await call('/api/v1/testimonial-requests', { json: { peerName: 'x', evidenceIds: [a.pr.id] } })).status,
    ).toBe(401);
  });

  it('e-mails the link once when given an address, never stores the address, and stops at 20 e-mails a day', async () => {
    const { token, pr } = await seeded('ask-mail@example.com');
    const peerEmail = 'sam.peer@example.org';
    const req = await ask(token, { peerName: 'Sam', peerEmail, evidenceIds: [pr.id] });
    expect(req.emailed).toBe(true);
    const mails = (await outbox()).filter((m) => m.to === peerEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('asked for your view');
    expect(mails[0]!.text).toContain(req.url);
    expect(mails[0]!.text).toContain('not kept');
    expect(mails[0]!.subject).not.toMatch(/[\r\n]/);
    const dump = JSON.stringify(
      await env.DB.batch([
        env.DB.prepare('SELECT * FROM testimonial_requests'),
        env.DB.prepare('SELECT * FROM testimonials'),
      ]),
    );
    expect(dump).not.toContain(peerEmail);
    // 19 more e-mailed requests today fill the cap (written straight to D1: the API allows 10 requests a minute).
    await env.DB.prepare(
      `INSERT INTO testimonial_requests (id, user_id, token_hash, peer_name, evidence_ids, created_at, expires_at, emailed_at)
       SELECT 'fill' || value, (SELECT user_id FROM testimonial_requests WHERE id = ?1), 'h' || value, 'x', '[]', ?2, ?2, ?2
       FROM json_each(?3)`,
    )
      .bind(req.id, new Date().toISOString(), JSON.stringify(Array.from({ length: 19 }, (_, i) => i)))
      .run();
    const before = await count('testimonial_requests');
    const res = await call('/api/v1/testimonial-requests', {
      token,
      json: { peerName: 'Al', peerEmail, evidenceIds: [pr.id] },
    });
    expect(res.status).toBe(429);
    expect(ApiError.parse(await res.json()).error.code).toBe('email_limit');
    expect(await count('testimonial_requests')).toBe(before);
    // Without an address the link is still made.
    await ask(token, { peerName: 'Al', evidenceIds: [pr.id] });
  });

  it('rate limits creating requests per account (429 with Retry-After)', async () => {
    const { token, pr } = await seeded('ask-rate@example.com');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const res = await call('/api/v1/testimonial-requests', {
        token,
        json: { peerName: 'Sam', evidenceIds: [pr.id] },
      });
      statuses.push(res.status);
      retryAfter = res.headers.get('retry-after') ?? retryAfter;
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(retryAfter).toBe('60');
  });
});

describe('the peer’s page', () => {
  it('shows the owner, the evidence (title, date, role, claim) and the question; never private notes; page headers', async () => {
    const { token, pr, jira } = await seeded('page-show@example.com');
    await call('/api/v1/me/settings', { method: 'PATCH', token, json: { displayName: 'Ada Lovelace' } });
    const req = await ask(token, {
      peerName: 'Sam',
      evidenceIds: [jira.id, pr.id],
      question: 'How did the release go?',
    });
    const res = await call(req.path);
    expect(res.status).toBe(200);
    expectCapabilityHeaders(res);
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(res.headers.get('strict-transport-security')).toBe(HSTS);
    const html = await res.text();
    expect(html).toContain('Ada Lovelace asked for your view');
    expect(html).toContain('What did you see them do, and what changed because of it?');
    expect(html).toContain('How did the release go?');
    expect(html).toContain(pr.title.replace(/&/g, '&amp;'));
    expect(html).toContain(jira.claim);
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain(pr.impact);
    expect(html).toContain('is not kept');
    expect(html).not.toMatch(/<script/i);
    expect(await (await call('/robots.txt')).text()).toMatch(/^Disallow: \/t\/$/m);
    expect(html.indexOf(jira.title)).toBeLessThan(html.indexOf(pr.title.replace(/&/g, '&amp;')));
  });

  it('sends short and generic text back with the text kept, an explanation and an example; stores nothing', async () => {
    const { token, pr } = await seeded('page-generic@example.com');
    const req = await ask(token, { peerName: 'Sam', evidenceIds: [pr.id] });
    const fields = { name: 'Sam', relationship: 'Tech lead', version: '' };
    const short = await form(req.path, { ...fields, text: 'Great work!' });
    expect(short.status).toBe(422);
    const shortHtml = await short.text();
    expect(shortHtml).toContain('at least 40 characters');
    expect(shortHtml).toContain('Great work!</textarea>');
    const generic = 'Sam is a great engineer, very smart, a real team player and always very helpful!!';
    const res = await form(req.path, { ...fields, text: generic });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('committee cannot use it');
    expect(html).toContain('For example:');
    expect(html).toContain(`${generic}</textarea>`);
    expect(html).toContain('value="Tech lead"');
    expect((await list(token)).testimonials).toEqual([]);
  });

  it('stores one testimonial, thanks the peer, and a second POST through the same link updates it', async () => {
    const { token, pr } = await seeded('page-store@example.com');
    const req = await ask(token, { peerName: 'Sam', evidenceIds: [pr.id] });
    const res = await form(req.path, {
      name: 'Sam Lee',
      relationship: 'Staff engineer, Payments',
      text: GOOD,
      competencies: ['ownership', 'not-in-rubric'],
      version: '',
    });
    expect(res.status).toBe(200);
    expectCapabilityHeaders(res);
    expect(await res.text()).toContain('Thank you');
    const first = await list(token);
    expect(first.testimonials).toHaveLength(1);
    expect(first.testimonials[0]).toMatchObject({
      requestId: req.id,
      evidenceIds: [pr.id],
      name: 'Sam Lee',
      relationship: 'Staff engineer, Payments',
      text: GOOD,
      competencies: ['ownership'],
      hidden: false,
    });
    expect(first.requests![0]!.status).toBe('answered');

    // The page now edits the answer; its form carries the stored version.
    const page = await (await call(req.path)).text();
    expect(page).toContain('You have already answered');
    const version = /name="version" value="([^"]*)"/.exec(page)![1]!;
    expect(version).toBe(first.testimonials[0]!.updatedAt);
    const edited = `${GOOD} Also: she wrote the runbook we still use.`;
    const again = await form(req.path, { name: 'Sam Lee', relationship: 'Staff engineer', text: edited, version });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Your answer is updated');
    const second = await list(token);
    expect(second.testimonials).toHaveLength(1);
    expect(second.testimonials[0]).toMatchObject({
      id: first.testimonials[0]!.id,
      text: edited,
      relationship: 'Staff engineer',
    });

    // Replaying the first form (empty version) is refused with 409 and changes nothing.
    const replay = await form(req.path, { name: 'Mallory', relationship: 'x', text: GOOD, version: '' });
    expect(replay.status).toBe(409);
    expect(await replay.text()).toContain('nothing was stored');
    expect((await list(token)).testimonials[0]!.text).toBe(edited);
  });

  it('refuses forged, malformed and oversized forms with a clear page; nothing is stored', async () => {
    const { token, pr } = await seeded('page-forged@example.com');
    const req = await ask(token, { peerName: 'Sam', evidenceIds: [pr.id] });
    const stored = await count('testimonials');
    const ok = { name: 'Sam', relationship: 'Peer', text: GOOD, version: '' };
    const cross = await form(req.path, ok, { headers: { origin: 'https://evil.example' } });
    expect(cross.status).toBe(403);
    expectCapabilityHeaders(cross);
    expect(await cross.text()).toContain('nothing was stored');
    expect((await form(req.path, ok, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await form(req.path, ok, { headers: { 'sec-fetch-site': 'same-site', origin: BASE } })).status).toBe(403);
    expect((await form(req.path, { ...ok, name: 'x'.repeat(101) })).status).toBe(400);
    expect((await form(req.path, { ...ok, relationship: 'x'.repeat(101) })).status).toBe(400);
    expect((await form(req.path, { ...ok, relationship: '' })).status).toBe(400);
    expect((await form(req.path, { ...ok, text: 'x'.repeat(2001) })).status).toBe(422);
    expect((await form(req.path, { ...ok, name: ['a', 'b'] })).status).toBe(400);
    expect((await form(req.path, { name: 'Sam', relationship: 'Peer', text: GOOD })).status).toBe(400);
    expect((await form(req.path, { ...ok, competencies: '<script>' })).status).toBe(400);
    expect((await form(req.path, { ...ok, text: 'y'.repeat(40_000) })).status).toBe(413);
    const json = await call(req.path, { method: 'POST', json: ok });
    expect(json.status).toBe(400);
    expect(await count('testimonials')).toBe(stored);
  });

  it('rate limits POST per client IP', async () => {
    const { token, pr } = await seeded('page-rate@example.com');
    const req = await ask(token, { peerName: 'Sam', evidenceIds: [pr.id] });
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await form(
        req.path,
        { name: 'S', relationship: 'P', text: 'short', version: '' },
        {
          headers: { 'cf-connecting-ip': '203.0.113.9' },
        },
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 422)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('escapes HTML and script in every field, on the thank-you page, the share page, the packet and the list', async () => {
    const { token, pr } = await seeded('page-escape@example.com');
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const req = await ask(token, { peerName: `${evil}`, evidenceIds: [pr.id], question: evil });
    const page = await (await call(req.path)).text();
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const text = `${evil} ${GOOD}`;
    const res = await form(req.path, { name: evil, relationship: `"><b>${evil}`, text, version: '' });
    expect(res.status).toBe(200);
    const thanks = await res.text();
    expect(thanks).not.toContain('<script>alert(1)');
    expect(thanks).not.toContain('<img src=x');
    const share = await call('/api/v1/shares', { token, json: { label: 'H2' } });
    const shareUrl = ((await share.json()) as { url: string }).url;
    const sharePath = shareUrl.slice(BASE.length);
    const html = await (await call(sharePath)).text();
    expect(html).toContain('What peers say');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('"><b>');
    const md = await (await call(`${sharePath}/packet.md`)).text();
    expect(md).toContain('## What peers say');
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>');
    expect((await list(token)).testimonials[0]!.name).toBe(evil);
  });
});

describe('the storage quota', () => {
  async function usage(token: string) {
    const me = (await (await call('/api/v1/me', { token })).json()) as { usage: { records: number; bytes: number } };
    return me.usage;
  }

  it('counts testimonials: one record and their bytes, edits by the difference; a full account refuses with 507', async () => {
    const { token, pr } = await seeded('quota@example.com');
    const req = await ask(token, { peerName: 'Sam', evidenceIds: [pr.id] });
    const before = await usage(token);
    const fields = { name: 'Sam', relationship: 'Peer', text: GOOD, version: '' };
    expect((await form(req.path, fields)).status).toBe(200);
    const after = await usage(token);
    const bytes = (s: string) => new TextEncoder().encode(s).length;
    expect(after.records).toBe(before.records + 1);
    expect(after.bytes).toBe(before.bytes + bytes('Sam') + bytes('Peer') + bytes(GOOD) + bytes('[]'));
    const version = (await list(token)).testimonials[0]!.updatedAt!;
    expect((await form(req.path, { ...fields, text: `${GOOD} More.`, version })).status).toBe(200);
    expect((await usage(token)).bytes).toBe(after.bytes + bytes(' More.'));
    expect((await usage(token)).records).toBe(after.records);

    const other = await ask(token, { peerName: 'Al', evidenceIds: [pr.id] });
    const full = { ...env, QUOTA_MAX_RECORDS: String(after.records) } as Env;
    const refused = await form(other.path, fields, { env: full });
    expect(refused.status).toBe(507);
    expect(await refused.text()).toContain('could not be stored');
    expect((await list(token)).testimonials).toHaveLength(1);
    expect((await usage(token)).records).toBe(after.records);
  });
});

describe('unknown, revoked and expired links', () => {
  function countingEnv() {
    const sql: string[] = [];
    const db = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'prepare')
          return (query: string) => {
            sql.push(query.replace(/\s+/g, ' ').trim());
            return target.prepare(query);
          };
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return { env: { ...env, DB: db } as Env, sql };
  }

  it('answer 404 (unknown, malformed, revoked) and 410 (expired) after the same single indexed lookup', async () => {
    const { token, pr } = await seeded('links@example.com');
    const revoked = await ask(token, { peerName: 'R', evidenceIds: [pr.id] });
    expect((await call(`/api/v1/testimonial-requests/${revoked.id}`, { method: 'DELETE', token })).status).toBe(204);
    const expired = await ask(token, { peerName: 'E', evidenceIds: [pr.id] });
    await env.DB.prepare("UPDATE testimonial_requests SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(expired.id)
      .run();
    const traces: Record<string, { status: number; sql: string[] }> = {};
    for (const [name, path] of [
      ['unknown', `/t/${'x'.repeat(43)}`],
      ['malformed', '/t/not-a-token'],
      ['revoked', revoked.path],
      ['expired', expired.path],
    ] as const) {
      const counting = countingEnv();
      const res = await call(path, { env: counting.env });
      expectCapabilityHeaders(res);
      traces[name] = { status: res.status, sql: counting.sql };
    }
    expect(traces.unknown!.status).toBe(404);
    expect(traces.malformed!.status).toBe(404);
    expect(traces.revoked!.status).toBe(404);
    expect(traces.expired!.status).toBe(410);
    expect(traces.unknown!.sql).toHaveLength(1);
    expect(traces.unknown!.sql[0]).toMatch(/WHERE r\.token_hash = \?1$/);
    for (const name of ['malformed', 'revoked', 'expired']) expect(traces[name]!.sql).toEqual(traces.unknown!.sql);

    const ok = { name: 'Sam', relationship: 'Peer', text: GOOD, version: '' };
    const stored = await count('testimonials');
    for (const [path, status] of [
      [revoked.path, 404],
      [expired.path, 410],
      [`/t/${'x'.repeat(43)}`, 404],
    ] as const) {
      const counting = countingEnv();
      const res = await form(path, ok, { env: counting.env });
      expect(res.status).toBe(status);
      expect(counting.sql).toEqual(traces.unknown!.sql);
    }
    expect(await count('testimonials')).toBe(stored);
  });
});

describe('the engineer’s side', () => {
  it('keeps two users apart: lists, hide, revoke and the peer page show only the owner’s data', async () => {
    const a = await seeded('iso-a@example.com');
    const b = await seeded('iso-b@example.com');
    const req = await ask(a.token, { peerName: 'Sam', evidenceIds: [a.pr.id] });
    expect((await form(req.path, { name: 'Sam', relationship: 'Peer', text: GOOD, version: '' })).status).toBe(200);
    const mine = await list(a.token);
    const id = mine.testimonials[0]!.id;
    expect((await list(b.token)).testimonials).toEqual([]);
    expect((await list(b.token)).requests).toEqual([]);
    const patch = await call(`/api/v1/testimonials/${id}`, { method: 'PATCH', token: b.token, json: { hidden: true } });
    expect(patch.status).toBe(404);
    expect((await call(`/api/v1/testimonial-requests/${req.id}`, { method: 'DELETE', token: b.token })).status).toBe(
      404,
    );
    expect((await list(a.token)).testimonials[0]!.hidden).toBe(false);
    expect((await call(req.path)).status).toBe(200);
    // B's share page never shows A's testimonial.
    const share = await call('/api/v1/shares', { token: b.token, json: { label: 'B' } });
    const html = await (await call(((await share.json()) as { url: string }).url.slice(BASE.length))).text();
    expect(html).not.toContain(GOOD.slice(0, 30));
    expect(html).not.toContain('What peers say');
  });

  it('hidden testimonials never appear on the share page or in the packet; shown ones sit under “What peers say” and beside their evidence', async () => {
    const { token, pr, jira } = await seeded('hide@example.com');
    const req = await ask(token, { peerName: 'Sam', evidenceIds: [pr.id] });
    await form(req.path, { name: 'Sam Lee', relationship: 'Staff engineer', text: GOOD, version: '' });
    const id = (await list(token)).testimonials[0]!.id;
    const share = await call('/api/v1/shares', { token, json: { label: 'H2' } });
    const path = ((await share.json()) as { url: string }).url.slice(BASE.length);

    const shown = await (await call(path)).text();
    expect(shown).toContain('What peers say');
    expect(shown.split(GOOD.slice(0, 40)).length - 1).toBe(2); // the section and beside the PR
    expect(shown).toContain('Sam Lee, Staff engineer');
    const cardStart = shown.indexOf(`id="ev-${pr.id}"`);
    expect(cardStart).toBeGreaterThan(-1);
    expect(shown.indexOf(GOOD.slice(0, 40), cardStart)).toBeGreaterThan(cardStart);
    expect(shown).not.toContain(jira.id + '"><figure');

    const hide = await call(`/api/v1/testimonials/${id}`, { method: 'PATCH', token, json: { hidden: true } });
    expect(hide.status).toBe(200);
    expect(((await hide.json()) as { testimonial: { hidden: boolean } }).testimonial.hidden).toBe(true);
    const hiddenHtml = await (await call(path)).text();
    expect(hiddenHtml).not.toContain(GOOD.slice(0, 40));
    expect(hiddenHtml).not.toContain('What peers say');
    expect(hiddenHtml).not.toContain('Sam Lee');
    const md = await (await call(`${path}/packet.md`)).text();
    expect(md).not.toContain('What peers say');
    expect(md).not.toContain('Sam Lee');

    expect((await call(`/api/v1/testimonials/${id}`, { method: 'PATCH', token, json: { hidden: 'no' } })).status).toBe(
      400,
    );
    await call(`/api/v1/testimonials/${id}`, { method: 'PATCH', token, json: { hidden: false } });
    expect(await (await call(`${path}/packet.md`)).text()).toContain('Sam Lee, Staff engineer');
  });

  it('revoking closes the link (404) and the list says revoked; unknown ids answer 404', async () => {
    const { token, pr } = await seeded('revoke@example.com');
    const req = await ask(token, { peerName: 'Sam', evidenceIds: [pr.id] });
    expect((await call(`/api/v1/testimonial-requests/${req.id}`, { method: 'DELETE', token })).status).toBe(204);
    expect((await call(req.path)).status).toBe(404);
    expect((await list(token)).requests![0]!.status).toBe('revoked');
    expect((await call('/api/v1/testimonial-requests/nope', { method: 'DELETE', token })).status).toBe(404);
    expect((await call('/api/v1/testimonials/nope', { method: 'PATCH', token, json: { hidden: true } })).status).toBe(
      404,
    );
  });
});
