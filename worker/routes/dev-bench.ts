/**
 * `/dev/bench` (development only, 404 otherwise): the floor the sync push
 * benchmark (bench/sync.ts) is measured against.
 * - `POST /d1-insert` `{ rows: [{ id, hlc, data }] }` (at most 1,000 rows) ->
 *   `{ inserted }`: inserts the rows straight into a scratch table
 *   `bench_scratch` (same columns and primary key as `records`, created on
 *   first use, never by a migration) in one D1 batch of one plain `INSERT OR
 *   REPLACE` per row. No auth, no record validation, no last-writer-wins, no
 *   rev: only the body's shape is checked.
 * Mounted only when ENVIRONMENT is `development` (the same guard as /dev/outbox),
 * so a production worker answers 404 and never creates the table.
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../env';
import { notFound } from '../lib/errors';
import { isDevelopment } from '../lib/limits';
import { validate } from '../lib/validate';

/** A 1 to 64 character id or clock string. */
const ShortId = z.string().check(z.minLength(1), z.maxLength(64));
/** The raw-insert body: rows as the sync push would store them. */
const D1InsertBody = z.object({
  rows: z.array(z.object({ id: ShortId, hlc: ShortId, data: z.unknown() })).check(z.maxLength(1000)),
});

const CREATE_SQL = `CREATE TABLE IF NOT EXISTS bench_scratch (
  user_id TEXT NOT NULL,
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  device_id TEXT NOT NULL,
  rev INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  data TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (user_id, collection, id)
) WITHOUT ROWID`;

const INSERT_SQL = `INSERT OR REPLACE INTO bench_scratch (user_id, collection, id, hlc, device_id, rev, deleted, data, updated_at)
VALUES ('bench', 'evidence', ?1, ?2, 'bench', ?3, 0, ?4, ?5)`;

let created = false;

/** Dev bench router, mounted at `/dev/bench`; 404 unless ENVIRONMENT is `development`. */
export const devBench = new Hono<AppEnv>()
  .use('*', async (c, next) => {
    if (!isDevelopment(c.env)) notFound();
    await next();
    c.header('Cache-Control', 'no-store');
  })
  .post('/d1-insert', validate('json', D1InsertBody), async (c) => {
    const { rows } = c.req.valid('json');
    const db = c.env.DB;
    if (!created) {
      await db.prepare(CREATE_SQL).run();
      created = true;
    }
    const now = new Date().toISOString();
    if (rows.length > 0) {
      await db.batch(rows.map((r, i) => db.prepare(INSERT_SQL).bind(r.id, r.hlc, i + 1, JSON.stringify(r.data), now)));
    }
    return c.json({ inserted: rows.length });
  });
