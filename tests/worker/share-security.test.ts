/**
 * Share-link rules beyond the basics in shares.test.ts: the capability
 * headers on every /s/ and /d/ answer (errors, unknown routes, rate limits
 * included), uniform work for unknown, revoked and expired tokens, views
 * counted without the token, the owner's chosen rubric, and hostile evidence
 * (script, javascript: and data: URLs, 10,000-character titles, right-to-left
 * and emoji text) pushed through the real API and rendered by the real route.
 */
import { env } from 'cloudflare:workers';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { ShareCreateResponse, type Evidence } from '../../shared/schemas';
import type { Env } from '../../worker/env';
import { renderSharePage } from '../../worker/render/share-page';
import { sampleShare } from './render-fixtures';
import { fixtures, select } from './render-load';
import { call, expectCapabilityHeaders, hlcAt, prEvidence, push, signIn, upsert } from './helpers';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');

async function share(token: string, body: Record<string, unknown> = { label: 'Case' }) {
  const res = await call('/api/v1/shares', { token, json: body });
  expect(res.status).toBe(201);
  const created = ShareCreateResponse.parse(await res.json());
  return { ...created, path: new URL(created.url).pathname, token: created.url.split('/s/')[1]! };
}

function manual(over: Partial<Evidence> & { hlc: string }): Evidence {
  return {
    id: ulid(),
    source: 'manual',
    kind: 'other',
    role: 'author',
    url: '',
    title: 'Manual item',
    occurredOn: '2026-10-01',
    capturedAt: '2026-10-01T10:00:00.000Z',
    claim: '',
    impact: '',
    metrics: [],
    competencies: ['ownership'],
    tags: [],
    people: [],
    meta: {},
    privateNote: '',
    updatedAt: over.hlc,
    deletedAt: null,
    ...over,
  };
}

describe('capability headers on every /s/ and /d/ answer', () => {
  it('pages, packets, 404, 410, unknown sub-routes, other methods, 500 and 429 all carry them', async () => {
    const { token } = await signIn('headers@example.com');
    const s = await share(token);
    const expired = await share(token, { label: 'old' });
    await env.DB.prepare("UPDATE shares SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(expired.id)
      .run();
    const broken = {
      ...env,
      DB: {
        prepare() {
          throw new Error('D1_ERROR: boom');
        },
        batch() {
          throw new Error('D1_ERROR: boom');
        },
      },
    } as unknown as Env;
    const cases: [string, RequestInit & { env?: Env }, number][] = [
      [s.path, {}, 200],
      [`${s.path}/packet.md`, {}, 200],
      [expired.path, {}, 410],
      [`${expired.path}/packet.md`, {}, 410],
      [`/s/${'x'.repeat(43)}`, {}, 404],
      ['/s/short', {}, 404],
      [`${s.path}/nope/deeper`, {}, 404],
      [s.path, { method: 'POST' }, 404],
      ['/s/', {}, 404],
      [`/d/${'y'.repeat(43)}`, {}, 404],
      ['/d/x/y', {}, 404],
      [s.path, { env: broken }, 500],
      [`/d/${'y'.repeat(43)}`, { env: broken }, 500],
    ];
    for (const [path, init, status] of cases) {
      const res = await call(path, init);
      expect({ path, method: init.method ?? 'GET', status: res.status }).toEqual({
        path,
        method: init.method ?? 'GET',
        status,
      });
      expectCapabilityHeaders(res);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).not.toMatch(/https?:|\*/);
      expect(await res.text()).not.toContain('D1_ERROR');
    }
  });

  it('rate limited per client IP: 429 with Retry-After and the headers, other IPs unaffected', async () => {
    const { token } = await signIn('ratelimit-share@example.com');
    const s = await share(token);
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 200 && !limited; i++) {
      const res = await call(s.path, { headers: { 'cf-connecting-ip': '203.0.113.9' } });
      statuses.push(res.status);
      limited = res.status === 429 ? res : undefined;
    }
    expect(new Set(statuses.slice(0, -1))).toEqual(new Set([200]));
    expect(limited).toBeDefined();
    expect(limited!.headers.get('retry-after')).toBe('60');
    expectCapabilityHeaders(limited!);
    const digestLimited = await call(`/d/${'q'.repeat(43)}`, { headers: { 'cf-connecting-ip': '203.0.113.9' } });
    expect([404, 429]).toContain(digestLimited.status);
    expect((await call(s.path, { headers: { 'cf-connecting-ip': '198.51.100.7' } })).status).toBe(200);
  });

  it('robots.txt disallows /s/ and /d/', async () => {
    const text = await (await call('/robots.txt')).text();
    expect(text).toMatch(/^Disallow: \/s\/$/m);
    expect(text).toMatch(/^Disallow: \/d\/$/m);
  });
});

describe('token resolution does the same work whether the token exists or not', () => {
  /** `env` whose D1 counts the statements it is asked to prepare (the real database runs them). */
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

  it('unknown, malformed, revoked and expired tokens run the same single indexed lookup', async () => {
    const { token } = await signIn('timing@example.com');
    const revoked = await share(token, { label: 'revoked' });
    await call(`/api/v1/shares/${revoked.id}`, { method: 'DELETE', token });
    const expired = await share(token, { label: 'expired' });
    await env.DB.prepare("UPDATE shares SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(expired.id)
      .run();
    const traces: Record<string, { status: number; sql: string[] }> = {};
    for (const [name, path] of [
      ['unknown', `/s/${'x'.repeat(43)}`],
      ['malformed', '/s/not-a-token'],
      ['revoked', revoked.path],
      ['expired', expired.path],
    ] as const) {
      const counting = countingEnv();
      const res = await call(path, { env: counting.env });
      traces[name] = { status: res.status, sql: counting.sql };
    }
    expect(traces.unknown!.status).toBe(404);
    expect(traces.malformed!.status).toBe(404);
    expect(traces.revoked!.status).toBe(404);
    expect(traces.expired!.status).toBe(410);
    expect(traces.unknown!.sql).toHaveLength(1);
    expect(traces.unknown!.sql[0]).toMatch(/WHERE s\.token_hash = \?1$/);
    for (const name of ['malformed', 'revoked', 'expired']) expect(traces[name]!.sql).toEqual(traces.unknown!.sql);
  });

  it('counts views by share id; neither the token nor its hash appears anywhere but token_hash', async () => {
    const { token } = await signIn('views@example.com');
    const s = await share(token);
    for (let i = 0; i < 3; i++) expect((await call(s.path)).status).toBe(200);
    expect((await call(`${s.path}/packet.md`)).status).toBe(200);
    const row = await env.DB.prepare('SELECT view_count, last_viewed_at FROM shares WHERE id = ?')
      .bind(s.id)
      .first<{ view_count: number; last_viewed_at: string }>();
    expect(row?.view_count).toBe(3);
    const dump = JSON.stringify(
      await env.DB.batch([
        env.DB.prepare('SELECT * FROM shares'),
        env.DB.prepare('SELECT * FROM records'),
        env.DB.prepare('SELECT * FROM dev_outbox'),
        env.DB.prepare('SELECT * FROM digests'),
      ]),
    );
    expect(dump).not.toContain(s.token);
  });
});

describe('the share page uses the owner’s rubric and renders hostile evidence inertly', () => {
  it('shows the rubric picked in the synced settings record, including an imported ladder', async () => {
    const { token } = await signIn('rubric@example.com');
    const settings = {
      id: 'settings',
      githubLogin: '',
      atlassianName: '',
      rubricId: 'acme-ladder',
      customRubrics: [
        {
          id: 'acme-ladder',
          name: 'Acme Staff Engineer',
          competencies: [
            { id: 'ownership', name: 'Acme Ownership', description: 'Owns outcomes at Acme.', signals: [] },
            { id: 'craft', name: 'Craft', description: 'Builds well.', signals: [] },
          ],
        },
      ],
      updatedAt: hlcAt(T0, 'd'),
      deletedAt: null,
    };
    const pr = prEvidence('rest-pull-merged-github3py-671.json', {
      hlc: hlcAt(T0, 'd', 1),
      competencies: ['ownership'],
    });
    const res = await push(token, [
      { seq: 1, collection: 'settings', id: 'settings', op: 'upsert', hlc: settings.updatedAt, data: settings },
      upsert(2, pr),
    ]);
    expect(res.status).toBe(200);
    const s = await share(token);
    const html = await (await call(s.path)).text();
    expect((await select(html, '.facts dd'))[0]?.text).toBe('Acme Staff Engineer');
    expect((await select(html, 'main > section')).map((x) => x.attrs.id)).toEqual([
      'summary',
      'c-ownership',
      'c-craft',
      'timeline',
    ]);
    expect((await select(html, '#c-ownership h2'))[0]?.text).toContain('Acme Ownership');
    const md = await (await call(`${s.path}/packet.md`)).text();
    expect(md).toContain('Acme Staff Engineer');
  });

  it('escapes script, keeps RTL and emoji, links only http(s), and refuses javascript:/data: URLs and 10,000-char titles', async () => {
    const { token } = await signIn('hostile-share@example.com');
    const rtl = 'حسّنت زمن الاستجابة ⁧ltr⁩ 🚀👩🏽‍💻 שלום';
    const items = [
      manual({
        hlc: hlcAt(T0, 'd', 1),
        title: '<script>alert("t")</script><img src=x onerror=alert(1)>',
        url: 'https://example.com/a?x=<b>&y="q"',
      }),
      manual({
        hlc: hlcAt(T0, 'd', 2),
        title: rtl,
        claim: `${rtl}\njavascript:alert(1)`,
        impact: 'data:text/html,<svg onload=alert(1)>',
      }),
      manual({ hlc: hlcAt(T0, 'd', 3), title: 'W'.repeat(500), claim: 'x'.repeat(5000) }),
    ];
    const ok = await push(
      token,
      items.map((e, i) => upsert(i + 1, e)),
    );
    expect(ok.status).toBe(200);
    for (const [i, bad] of [
      manual({ hlc: hlcAt(T0, 'd', 4), url: 'javascript:alert(1)' }),
      manual({ hlc: hlcAt(T0, 'd', 5), url: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' }),
      manual({ hlc: hlcAt(T0, 'd', 6), title: 'T'.repeat(10_000) }),
    ].entries()) {
      const res = await push(token, [upsert(10 + i, bad)]);
      expect(res.status).toBe(400);
    }
    // A stored record that fails its schema (e.g. written before a rule existed) is skipped, not rendered.
    const { user } = await signIn('hostile-share@example.com', 'Second laptop');
    const legacy = manual({ hlc: hlcAt(T0, 'd', 9), title: 'L'.repeat(10_000), url: 'javascript:alert(2)' });
    await env.DB.prepare(
      "INSERT INTO records (user_id, collection, id, hlc, device_id, rev, deleted, data, updated_at) VALUES (?, 'evidence', ?, ?, 'legacy', 999, 0, ?, ?)",
    )
      .bind(user.id, legacy.id, legacy.updatedAt, JSON.stringify(legacy), new Date().toISOString())
      .run();

    const s = await share(token);
    const res = await call(s.path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(img|svg|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).not.toContain('LLLLLLLLLL');
    expect(html).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain(rtl);
    expect(html).toContain('W'.repeat(500));
    const hrefs = (await select(html, 'a')).map((a) => a.attrs.href ?? '');
    for (const h of hrefs) expect(h).toMatch(/^(https?:\/\/|#)/);
    const source = hrefs.find((h) => h.startsWith('https://example.com/a?x='));
    expect(source).toBeDefined();
    expect(source).not.toMatch(/[<>"]/);
    const md = await (await call(`${s.path}/packet.md`)).text();
    expect(md).not.toMatch(/\]\(javascript:/i);
    expect(md).not.toContain('<script>');
  });

  it('a 10,000-character title given straight to the renderer is escaped and breaks nowhere', async () => {
    const long = `${'<b>'.repeat(10)}${'A'.repeat(9_970)}`;
    const input = sampleShare(fixtures);
    const first = input.evidence[0]!;
    const html = renderSharePage({
      ...input,
      evidence: [
        { ...first, title: long, url: 'javascript:alert(1)' },
        { ...first, id: ulid(), url: 'data:text/html,x' },
      ],
    });
    expect(html).toContain('&lt;b&gt;'.repeat(10) + 'A'.repeat(9_970));
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('data:text');
    expect(await select(html, 'article.card h3 a')).toEqual([]);
  });
});
