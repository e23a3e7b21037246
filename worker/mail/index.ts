/**
 * Picks the mailer from the environment: the Cloudflare `EMAIL` binding when
 * `MAILER=cloudflare`, Resend when `RESEND_API_KEY` is set, the dev outbox in
 * D1 only when `ENVIRONMENT=development`, and otherwise none: a production
 * worker never writes sign-in codes to a readable table.
 */
import type { Env } from '../env';
import { isDevelopment } from '../lib/limits';
import { createCloudflareMailer } from './cloudflare';
import { createOutboxMailer } from './outbox';
import { createResendMailer } from './resend';
import type { Mailer } from './types';

export type { Mailer, OutgoingMail } from './types';

/** Thrown by {@link mailerFor} when no mailer is configured outside development. */
export class MailUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailUnavailableError';
  }
}

/**
 * The configured mailer.
 * @throws MailUnavailableError when `MAILER=cloudflare` but the `EMAIL` binding
 *   is missing, or when no provider is set and ENVIRONMENT is not `development`
 *   (the message names the settings to add; it is also logged).
 */
export function mailerFor(env: Env): Mailer {
  if (env.MAILER === 'cloudflare') {
    if (!env.EMAIL) {
      const message = 'MAILER=cloudflare needs the send_email binding EMAIL in wrangler.toml';
      console.error(`mail unavailable: ${message}`);
      throw new MailUnavailableError(message);
    }
    return createCloudflareMailer(env.EMAIL);
  }
  if (env.RESEND_API_KEY) return createResendMailer(env.RESEND_API_KEY);
  if (isDevelopment(env)) return createOutboxMailer(env.DB);
  const message =
    'no mailer configured: set MAILER = "cloudflare" with a [[send_email]] EMAIL binding, or the RESEND_API_KEY secret ' +
    '(the dev outbox is used only with ENVIRONMENT = "development")';
  console.error(`mail unavailable: ${message}`);
  throw new MailUnavailableError(message);
}
