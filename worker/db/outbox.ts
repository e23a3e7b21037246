/**
 * Queries on `dev_outbox`: the development mailer's record of every e-mail it
 * "sent", listed at /dev/outbox.
 */
import { run } from './d1';

/** One stored e-mail, as `/dev/outbox.json` returns it. */
export interface OutboxMessage {
  id: string;
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** ISO time it was stored. */
  createdAt: string;
}

interface OutboxRow {
  id: string;
  to_addr: string;
  from_addr: string;
  subject: string;
  text: string;
  html: string;
  headers: string;
  created_at: string;
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    to: row.to_addr,
    from: row.from_addr,
    subject: row.subject,
    text: row.text,
    html: row.html,
    headers: JSON.parse(row.headers) as Record<string, string>,
    createdAt: row.created_at,
  };
}

/** Stores one e-mail. */
export async function insertOutboxMessage(db: D1Database, m: OutboxMessage): Promise<void> {
  await run(
    db,
    `INSERT INTO dev_outbox (id, to_addr, from_addr, subject, text, html, headers, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
    [m.id, m.to, m.from, m.subject, m.text, m.html, JSON.stringify(m.headers), m.createdAt],
  );
}

/** Every stored e-mail, oldest first (newest last). */
export async function listOutboxMessages(db: D1Database): Promise<OutboxMessage[]> {
  const { results } = await db.prepare('SELECT * FROM dev_outbox ORDER BY seq').all<OutboxRow>();
  return results.map(toMessage);
}

/** One stored e-mail by id, or null. */
export async function getOutboxMessage(db: D1Database, id: string): Promise<OutboxMessage | null> {
  const row = await db.prepare('SELECT * FROM dev_outbox WHERE id = ?1').bind(id).first<OutboxRow>();
  return row ? toMessage(row) : null;
}
