import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../worker/env';
import { mailerFor } from '../../worker/mail';
import { RESEND_ENDPOINT, createResendMailer } from '../../worker/mail/resend';
import { outbox } from './helpers';

const mail = {
  to: 'ada@example.com',
  from: 'Casebook <casebook@example.com>',
  subject: 'Your Casebook week 2026-W47',
  text: 'plain',
  html: '<!doctype html><p>html</p>',
  headers: { 'List-Unsubscribe': '<https://casebook.example/unsubscribe/t>' },
};

describe('mailers', () => {
  it('the default (nothing configured) is the dev outbox', async () => {
    const { id } = await mailerFor(env).send(mail);
    const stored = (await outbox()).find((m) => m.id === id);
    expect(stored).toMatchObject({ ...mail, id });
  });

  it('Resend: one POST with the key as bearer and the message as JSON; its id comes back', async () => {
    const requests: Request[] = [];
    const mailer = createResendMailer('re_test_key', async (input, init) => {
      requests.push(new Request(input, init));
      return Response.json({ id: '49a3999c-0ce1-4ea6-ab68-afcd6dc2e794' });
    });
    expect(await mailer.send(mail)).toEqual({ id: '49a3999c-0ce1-4ea6-ab68-afcd6dc2e794' });
    expect(requests).toHaveLength(1);
    const req = requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe(RESEND_ENDPOINT);
    expect(req.headers.get('authorization')).toBe('Bearer re_test_key');
    expect(await req.json()).toEqual({
      from: mail.from,
      to: [mail.to],
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
    });
  });

  it('Resend: a refusal is an error (so the caller retries)', async () => {
    const mailer = createResendMailer('re_bad', async () =>
      Response.json({ statusCode: 403, name: 'validation_error', message: 'bad key' }, { status: 403 }),
    );
    await expect(mailer.send(mail)).rejects.toThrow(/HTTP 403/);
  });

  it('MAILER=cloudflare without the EMAIL binding is a configuration error', () => {
    expect(() => mailerFor({ ...env, MAILER: 'cloudflare' } as Env)).toThrow(/EMAIL/);
  });
});
