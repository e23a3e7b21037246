/**
 * Picks the mailer from the environment: the Cloudflare `EMAIL` binding when
 * `MAILER=cloudflare`, Resend when `RESEND_API_KEY` is set, otherwise the dev
 * outbox in D1.
 */
import type { Env } from '../env';
import { createCloudflareMailer } from './cloudflare';
import { createOutboxMailer } from './outbox';
import { createResendMailer } from './resend';
import type { Mailer } from './types';

export type { Mailer, OutgoingMail } from './types';

/**
 * The configured mailer.
 * @throws Error when `MAILER=cloudflare` but the `EMAIL` binding is missing.
 */
export function mailerFor(env: Env): Mailer {
  if (env.MAILER === 'cloudflare') {
    if (!env.EMAIL) throw new Error('MAILER=cloudflare needs the send_email binding EMAIL in wrangler.toml');
    return createCloudflareMailer(env.EMAIL);
  }
  if (env.RESEND_API_KEY) return createResendMailer(env.RESEND_API_KEY);
  return createOutboxMailer(env.DB);
}
