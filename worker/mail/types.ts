/**
 * The one mail interface every sender implements (dev outbox, Resend,
 * Cloudflare Email Service).
 */

/** An e-mail to send: one recipient, both a text and an HTML part. */
export interface OutgoingMail {
  /** Recipient address, e.g. `ada@example.com`. */
  to: string;
  /** Sender, e.g. `Casebook <casebook@example.com>`. */
  from: string;
  subject: string;
  /** Plain-text part. */
  text: string;
  /** HTML part (a complete document). */
  html: string;
  /** Extra headers, e.g. `List-Unsubscribe`. */
  headers?: Record<string, string>;
}

/** Sends e-mail. */
export interface Mailer {
  /**
   * Sends `mail`; resolves with the provider's message id.
   * @throws Error when the provider refuses or cannot be reached (callers retry).
   */
  send(mail: OutgoingMail): Promise<{ id: string }>;
}
