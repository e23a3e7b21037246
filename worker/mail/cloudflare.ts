/**
 * Cloudflare Email Service mailer: the `send_email` binding's
 * `send({ from, to, subject, text, html, headers })`, answering `{ messageId }`.
 */
import type { Mailer } from './types';

/** A mailer sending through the `EMAIL` binding. */
export function createCloudflareMailer(binding: SendEmail): Mailer {
  return {
    async send(mail) {
      const result = await binding.send({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        ...(mail.headers ? { headers: mail.headers } : {}),
      });
      return { id: result.messageId };
    },
  };
}
