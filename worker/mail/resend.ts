/**
 * Resend mailer: `POST https://api.resend.com/emails` with the API key as a
 * bearer token; the answer is `{ id }`.
 */
import type { Mailer } from './types';

/** Resend's send-email endpoint. */
export const RESEND_ENDPOINT = 'https://api.resend.com/emails';

/**
 * A mailer sending through Resend's HTTP API with `apiKey`; `fetchImpl` is
 * injectable for tests.
 * @throws Error (from `send`) with the HTTP status when Resend refuses the message.
 */
export function createResendMailer(apiKey: string, fetchImpl: typeof fetch = fetch): Mailer {
  return {
    async send(mail) {
      const res = await fetchImpl(RESEND_ENDPOINT, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          'user-agent': 'casebook-worker',
        },
        body: JSON.stringify({
          from: mail.from,
          to: [mail.to],
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: mail.headers ?? {},
        }),
      });
      if (!res.ok) throw new Error(`Resend refused the message: HTTP ${res.status}`);
      const body: unknown = await res.json();
      const id = (body as { id?: unknown }).id;
      if (typeof id !== 'string') throw new Error('Resend answered without a message id');
      return { id };
    },
  };
}
