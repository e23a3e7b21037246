import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/schemas';
import { call, outbox } from './helpers';

describe('dev outbox', () => {
  it('GET /dev/outbox.json lists every message with its parts and headers, newest last', async () => {
    await call('/api/v1/auth/start', { json: { email: 'first@example.com' } });
    await call('/api/v1/auth/start', { json: { email: 'second@example.com' } });
    const res = await call('/dev/outbox.json');
    expect(res.status).toBe(200);
    const all = (await res.json()) as Record<string, unknown>[];
    expect(all.map((m) => m.to)).toEqual(['first@example.com', 'second@example.com']);
    for (const m of all) {
      expect(Object.keys(m).sort()).toEqual(['createdAt', 'from', 'headers', 'html', 'id', 'subject', 'text', 'to']);
      expect(m.from).toBe(env.MAIL_FROM);
      expect(typeof m.headers).toBe('object');
    }
  });

  it('GET /dev/outbox lists messages; each opens with its HTML sandboxed and its text part', async () => {
    const [mail] = await outbox();
    const list = await call('/dev/outbox');
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain(mail!.subject);
    expect(html).toContain(`/dev/outbox/${mail!.id}`);

    const one = await call(`/dev/outbox/${mail!.id}`);
    expect(one.status).toBe(200);
    const page = await one.text();
    expect(page).toMatch(/<iframe[^>]*sandbox=""[^>]*srcdoc="/);
    const code = /\b(\d{8})\b/.exec(mail!.text)![1]!;
    expect(page).toContain(code);
    expect((await call('/dev/outbox/nope')).status).toBe(404);
  });

  it('is hidden (404) outside development', async () => {
    const production = { ...env, ENVIRONMENT: 'production' };
    for (const path of ['/dev/outbox', '/dev/outbox.json']) {
      const res = await call(path, { env: production });
      expect(res.status).toBe(404);
      expect(ApiError.parse(await res.json()).error.code).toBe('not_found');
    }
  });
});
