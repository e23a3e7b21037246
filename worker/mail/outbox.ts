/**
 * Development mailer: writes each e-mail to the `dev_outbox` D1 table instead
 * of sending it; /dev/outbox shows them. The default when no provider is set.
 */
import { ulid } from 'ulid';
import { insertOutboxMessage } from '../db/outbox';
import type { Mailer } from './types';

/** A mailer storing every message in `db`'s dev outbox; ids are ULIDs. */
export function createOutboxMailer(db: D1Database): Mailer {
  return {
    async send(mail) {
      const id = ulid();
      await insertOutboxMessage(db, {
        id,
        to: mail.to,
        from: mail.from,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers ?? {},
        createdAt: new Date().toISOString(),
      });
      return { id };
    },
  };
}
