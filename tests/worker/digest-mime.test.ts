/**
 * The digest as a real e-mail: the message the consumer sent through the
 * mailer interface, rendered to RFC 5322/MIME (worker/mail/mime.ts, served at
 * /dev/outbox/:id/raw.eml) and parsed back with postal-mime. Checks the parts,
 * the headers (List-Unsubscribe, List-Unsubscribe-Post, a Subject no hostile
 * name can break into a new header) and every link, with hostile evidence.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import PostalMime from 'postal-mime';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../shared/schemas';
import { localTime } from '../../shared/timezone';
import type { DigestMessage } from '../../worker/env';
import worker from '../../worker/index';
import { buildMimeMessage, encodeHeaderText } from '../../worker/mail/mime';
import { BASE, call, expectCapabilityHeaders, hlcAt, outbox, push, signIn } from './helpers';

const HOSTILE_NAME = 'Mallory\r\nBcc: attacker@evil.example\r\nX-Injected: yes';
const HOSTILE_COMPETENCY = 'Comms\r\nBcc: attacker@evil.example';
const HOSTILE_TITLE = '<script>alert("pwned")</script> Ship <b>it</b> & "quote" عربى 🚀';

async function sendOneDigest(email: string) {
  const { token, user } = await signIn(email);
  await call('/api/v1/me/settings', { method: 'PATCH', token, json: { displayName: HOSTILE_NAME } });
  const now = Date.now() - 5_000;
  const today = new Date(now).toISOString().slice(0, 10);
  const settings = {
    id: 'settings',
    githubLogin: '',
    atlassianName: '',
    rubricId: 'hostile-ladder',
    customRubrics: [
      {
        id: 'hostile-ladder',
        name: 'Imported <ladder>',
        competencies: [
          { id: 'ownership', name: 'Ownership', description: 'Owns things.', signals: [] },
          { id: 'comms', name: HOSTILE_COMPETENCY, description: 'Talks.', signals: [] },
        ],
      },
    ],
    updatedAt: hlcAt(now, 'dev1'),
    deletedAt: null,
  };
  const evidence: Evidence = {
    id: ulid(),
    source: 'web',
    kind: 'other',
    role: 'author',
    url: 'https://example.com/work?a=1&b=2',
    title: HOSTILE_TITLE,
    occurredOn: today,
    capturedAt: new Date(now).toISOString(),
    claim: 'I wrote javascript:alert(1) in a claim <img src=x onerror=alert(1)>',
    impact: '',
    metrics: [],
    competencies: ['ownership'],
    tags: [],
    people: [],
    meta: {},
    privateNote: 'PRIVATE-NOTE-MARK',
    updatedAt: hlcAt(now, 'dev1', 1),
    deletedAt: null,
  };
  const res = await push(token, [
    { seq: 1, collection: 'settings', id: 'settings', op: 'upsert', hlc: settings.updatedAt, data: settings },
    { seq: 2, collection: 'evidence', id: evidence.id, op: 'upsert', hlc: evidence.updatedAt, data: evidence },
  ]);
  expect(res.status).toBe(200);
  const isoWeek = localTime(new Date(), 'UTC').isoWeek;
  const batch = createMessageBatch<DigestMessage>('casebook-digests', [
    { id: 'mime-1', timestamp: new Date(), attempts: 1, body: { userId: user.id, isoWeek } },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['mime-1']);
  const mail = (await outbox()).filter((m) => m.to === email).at(-1)!;
  const raw = await call(`/dev/outbox/${mail.id}/raw.eml`);
  expect(raw.status).toBe(200);
  expect(raw.headers.get('content-type')).toBe('message/rfc822');
  const source = await raw.text();
  return { mail, source, parsed: await PostalMime.parse(source), token };
}

describe('the digest as a MIME message', () => {
  it('parses as multipart/alternative with a text and an HTML part, the right headers and links', async () => {
    const email = 'mime@example.com';
    const { mail, source, parsed } = await sendOneDigest(email);

    // Structure: CRLF line ends, one multipart/alternative, text then HTML, both UTF-8.
    expect(source).not.toMatch(/[^\r]\n/);
    expect(source).toMatch(/^Content-Type: multipart\/alternative; boundary="[^"]+"\r$/m);
    expect(source.match(/^Content-Type: text\/(plain|html); charset=utf-8\r$/gm)).toEqual([
      'Content-Type: text/plain; charset=utf-8\r',
      'Content-Type: text/html; charset=utf-8\r',
    ]);
    for (const line of source.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);

    expect(parsed.from).toEqual({ name: 'Casebook', address: 'casebook@localhost' });
    expect(parsed.to).toEqual([{ name: '', address: email }]);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.messageId).toBe(`<${mail.id}@localhost>`);
    expect(parsed.text).toBe(mail.text);
    expect(parsed.html).toBe(mail.html);

    const header = (key: string) => parsed.headers.filter((h) => h.key === key).map((h) => h.value);
    const unsubscribe = header('list-unsubscribe');
    expect(unsubscribe).toHaveLength(1);
    const unsubscribeUrl = /^<(http:\/\/127\.0\.0\.1:8787\/unsubscribe\/[A-Za-z0-9_-]{43})>$/.exec(
      unsubscribe[0]!,
    )?.[1];
    expect(unsubscribeUrl).toBeDefined();
    expect(header('list-unsubscribe-post')).toEqual(['List-Unsubscribe=One-Click']);
    expect(header('mime-version')).toEqual(['1.0']);

    // Links: view in browser (capability), unsubscribe, weekly log page, the evidence's own source.
    const hrefs = [...parsed.html!.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    const view = hrefs.find((h) => h.startsWith(`${BASE}/d/`));
    expect(view).toMatch(/\/d\/[A-Za-z0-9_-]{43}$/);
    expect(hrefs).toContain(unsubscribeUrl);
    const weeklyLog = hrefs.find((h) => h.startsWith(`${BASE}/open/weekly-log?week=`));
    expect(weeklyLog).toBeDefined();
    expect(hrefs).toContain('https://example.com/work?a=1&b=2');
    for (const h of hrefs) expect(h).toMatch(/^https?:\/\//);
    for (const link of [view!, unsubscribeUrl!, weeklyLog!]) expect(parsed.text).toContain(link);

    // Each link works: the digest in the browser, the unsubscribe confirmation, the weekly-log page.
    const viewed = await call(new URL(view!).pathname);
    expect(viewed.status).toBe(200);
    expectCapabilityHeaders(viewed);
    expect(await viewed.text()).toBe(mail.html);
    expect((await call(new URL(unsubscribeUrl!).pathname)).status).toBe(200);
    const open = await call(new URL(weeklyLog!).pathname + new URL(weeklyLog!).search);
    expect(open.status).toBe(200);
    const openText = await open.text();
    expect(openText).toContain('Alt</kbd>+<kbd>Shift</kbd>+<kbd>C');
    expect(openText).toMatch(/Week \d+, \d{4}/);
  });

  it('a hostile display name or competency name cannot add a header; the subject stays one line', async () => {
    const { parsed, source } = await sendOneDigest('mime-hostile@example.com');
    expect(parsed.headers.map((h) => h.key)).not.toContain('bcc');
    expect(parsed.headers.map((h) => h.key)).not.toContain('x-injected');
    expect(parsed.bcc ?? []).toEqual([]);
    expect(parsed.subject).toBe('1 item this week, nothing on Comms Bcc: attacker@evil.example yet');
    expect(parsed.subject).not.toMatch(/[\r\n]/);
    expect(source).not.toMatch(/^Bcc:/im);
    expect(source).not.toMatch(/^X-Injected:/im);
    // The name is text in the body, on one line.
    expect(parsed.html).toContain('Hi Mallory Bcc: attacker@evil.example X-Injected: yes, here is your week');
    expect(parsed.text).toContain('Hi Mallory Bcc: attacker@evil.example X-Injected: yes, here is your week');
  });

  it('hostile evidence is inert: no script, no markup from titles or claims, only http(s) links, no private note', async () => {
    const { parsed } = await sendOneDigest('mime-evidence@example.com');
    const html = parsed.html!;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; Ship &lt;b&gt;it&lt;/b&gt; &amp; &quot;quote&quot; عربى 🚀',
    );
    expect(parsed.text).toContain(HOSTILE_TITLE);
    expect(html + parsed.text).not.toContain('PRIVATE-NOTE-MARK');
    // A javascript: or data: URL can never be stored as evidence.
    const { token } = await signIn('mime-evil-url@example.com');
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>']) {
      const now = Date.now() - 1000;
      const res = await push(token, [
        {
          seq: 1,
          collection: 'evidence',
          id: '01JD3K8Q2VZ7AAAAAAAAAAAAAA',
          op: 'upsert',
          hlc: hlcAt(now, 'd'),
          data: {
            id: '01JD3K8Q2VZ7AAAAAAAAAAAAAA',
            source: 'web',
            kind: 'other',
            role: 'author',
            url,
            title: 'x',
            occurredOn: '2026-01-01',
            capturedAt: new Date(now).toISOString(),
            claim: '',
            impact: '',
            metrics: [],
            competencies: [],
            tags: [],
            people: [],
            meta: {},
            privateNote: '',
            updatedAt: hlcAt(now, 'd'),
            deletedAt: null,
          },
        },
      ]);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
    }
  });
});

describe('buildMimeMessage', () => {
  const base = {
    to: 'ada@example.com',
    from: 'Casebook <casebook@example.com>',
    subject: 'Week 47',
    text: 'plain ✓',
    html: '<p>html ✓</p>',
  };

  it('encodes non-ASCII subjects and names as RFC 2047 words that round-trip', async () => {
    const subject = '3 items this week, nothing on Kommunikation & Einfluss since Oktober 🚀 — مرحبا';
    const raw = buildMimeMessage(
      { ...base, subject, from: 'Ünïcode, Case Book <casebook@example.com>' },
      { id: 'id1', date: new Date('2026-11-20T16:00:00Z') },
    );
    expect(raw).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    expect(raw).toContain('Date: Fri, 20 Nov 2026 16:00:00 +0000');
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.from).toEqual({ name: 'Ünïcode, Case Book', address: 'casebook@example.com' });
    expect(parsed.text).toBe('plain ✓');
    expect(parsed.html).toBe('<p>html ✓</p>');
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
  });

  it('turns line breaks in any header value into spaces and refuses reserved or malformed headers', async () => {
    const raw = buildMimeMessage(
      {
        ...base,
        subject: 'Hello\r\nBcc: evil@example.com',
        headers: { 'List-Unsubscribe': '<https://x.example/u>\r\nBcc: evil@example.com' },
      },
      { id: 'id2', date: new Date() },
    );
    const parsed = await PostalMime.parse(raw);
    expect(parsed.headers.map((h) => h.key)).not.toContain('bcc');
    expect(parsed.subject).toBe('Hello Bcc: evil@example.com');
    expect(encodeHeaderText('a\nb\u2028c')).toBe('a b c');
    expect(() =>
      buildMimeMessage({ ...base, headers: { Bcc: 'x@example.com' } }, { id: 'i', date: new Date() }),
    ).toThrow(/cannot be set/);
    expect(() => buildMimeMessage({ ...base, headers: { 'X-A\r\nBcc': 'x' } }, { id: 'i', date: new Date() })).toThrow(
      /cannot be set/,
    );
    expect(() =>
      buildMimeMessage({ ...base, to: 'a@b.example>\r\nBcc: c@d.example' }, { id: 'i', date: new Date() }),
    ).toThrow(/address/);
  });
});
