/**
 * Queries on `records`: the synced collections (evidence, weeklyLogs, goals,
 * settings), last writer wins per record by (hlc, device_id), each applied
 * change stamped with a per-user revision (`rev`) that pull pages through.
 */
import type { Collection, PullChange, PushChange, PushResponse } from '../../shared/schemas';

/**
 * Largest JSON payload (UTF-8 bytes) bound to one push statement. D1 caps a
 * bound string at 1,000,000 bytes; changes go in chunks under this size.
 */
export const PUSH_CHUNK_BYTES = 900_000;

/** One change as bound into the push statement (serialised into a JSON array). */
interface ChunkChange {
  seq: number;
  collection: Collection;
  id: string;
  hlc: string;
  deleted: boolean;
  data: Record<string, unknown> | null;
}

const encoder = new TextEncoder();

/** UTF-8 byte length of `s`. */
export function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

/**
 * Groups serialised changes into JSON arrays of at most `maxBytes` UTF-8
 * bytes each (a single larger change gets a chunk of its own).
 */
export function chunkChanges(serialised: string[], maxBytes = PUSH_CHUNK_BYTES): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const item of serialised) {
    const bytes = utf8Length(item) + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(item);
    size += bytes;
  }
  if (current.length > 0) chunks.push(`[${current.join(',')}]`);
  return chunks;
}

/** Serialises one pushed change for the push statement. */
export function serialiseChange(change: PushChange): string {
  const row: ChunkChange = {
    seq: change.seq,
    collection: change.collection,
    id: change.id,
    hlc: change.hlc,
    deleted: change.op === 'delete',
    data: change.op === 'delete' ? null : (change.data ?? null),
  };
  return JSON.stringify(row);
}

/*
 * One statement per chunk, 4 bound parameters however many changes it holds:
 * rows come from json_each over the chunk; changes at or below the device's
 * stored last_seq are skipped (replays); the upsert keeps the greater
 * (hlc, device_id); each row's rev is the user's current rev plus its index
 * plus one, so revs are unique and above every rev already visible.
 */
const APPLY_CHUNK_SQL = `
INSERT INTO records (user_id, collection, id, hlc, device_id, rev, deleted, data, updated_at)
SELECT ?1,
       json_extract(c.value, '$.collection'),
       json_extract(c.value, '$.id'),
       json_extract(c.value, '$.hlc'),
       ?2,
       (SELECT rev FROM users WHERE id = ?1) + c.key + 1,
       json_extract(c.value, '$.deleted'),
       json_extract(c.value, '$.data'),
       ?3
FROM json_each(?4) AS c
WHERE json_extract(c.value, '$.seq') > (SELECT last_seq FROM devices WHERE id = ?2 AND user_id = ?1)
ON CONFLICT (user_id, collection, id) DO UPDATE SET
  hlc = excluded.hlc,
  device_id = excluded.device_id,
  rev = excluded.rev,
  deleted = excluded.deleted,
  data = excluded.data,
  updated_at = excluded.updated_at
WHERE excluded.hlc > records.hlc OR (excluded.hlc = records.hlc AND excluded.device_id > records.device_id)
RETURNING 1 AS applied`;

/*
 * The account's storage counters (users.usage_records, usage_bytes: live
 * records and the UTF-8 bytes of their JSON) follow every chunk in the same
 * batch: the rows the chunk names are subtracted before it applies and added
 * back after, so the counters move by exactly what changed. Row-value IN over
 * the chunk's (collection, id) pairs counts each record once, however often
 * the chunk names it; each side is one primary-key lookup per change.
 */
const CHUNK_ROWS = `user_id = ?1 AND deleted = 0 AND (collection, id) IN
  (SELECT json_extract(value, '$.collection'), json_extract(value, '$.id') FROM json_each(?2))`;
const usageSql = (sign: '+' | '-') => `
UPDATE users SET (usage_records, usage_bytes) =
  (SELECT users.usage_records ${sign} count(*), users.usage_bytes ${sign} coalesce(sum(length(CAST(data AS BLOB))), 0)
   FROM records WHERE ${CHUNK_ROWS})
WHERE id = ?1`;
const USAGE_BEFORE_SQL = usageSql('-');
const USAGE_AFTER_SQL = usageSql('+');

/** Raises the user's rev to the highest rev stamped on any of their records. */
const BUMP_REV_SQL = `
UPDATE users SET rev = max(rev, (SELECT coalesce(max(rev), 0) FROM records WHERE user_id = ?1))
WHERE id = ?1`;

/**
 * Applies a device's push in one D1 batch (a transaction): every change whose
 * `seq` is above the device's stored `last_seq`, last writer wins per record,
 * then stores the new `last_seq`, keeping the account's storage counters in
 * step. Replays change nothing. `changes` must already be validated
 * (PushRequest) and checked for future clocks, quota and seq conflicts.
 * @returns the device's `lastSeq`, the user's `rev`, and how many changes were
 *   applied or ignored (replayed or older than the stored record).
 */
export async function applyPush(
  db: D1Database,
  userId: string,
  deviceId: string,
  changes: PushChange[],
  now: string,
): Promise<PushResponse> {
  const chunks = chunkChanges(changes.map(serialiseChange));
  const maxSeq = changes.reduce((m, c) => Math.max(m, c.seq), 0);
  const statements: D1PreparedStatement[] = [];
  for (const chunk of chunks) {
    statements.push(db.prepare(USAGE_BEFORE_SQL).bind(userId, chunk));
    statements.push(db.prepare(APPLY_CHUNK_SQL).bind(userId, deviceId, now, chunk));
    statements.push(db.prepare(BUMP_REV_SQL).bind(userId));
    statements.push(db.prepare(USAGE_AFTER_SQL).bind(userId, chunk));
  }
  statements.push(
    db
      .prepare('UPDATE devices SET last_seq = max(last_seq, ?3) WHERE id = ?1 AND user_id = ?2')
      .bind(deviceId, userId, maxSeq),
    db
      .prepare(
        `SELECT (SELECT last_seq FROM devices WHERE id = ?1 AND user_id = ?2) AS last_seq,
                (SELECT rev FROM users WHERE id = ?2) AS rev`,
      )
      .bind(deviceId, userId),
  );
  const results = await db.batch<{ applied?: number; last_seq?: number; rev?: number }>(statements);
  let applied = 0;
  for (let i = 0; i < chunks.length; i++) applied += results[i * 4 + 1]?.results.length ?? 0;
  const state = results[results.length - 1]?.results[0];
  return {
    lastSeq: state?.last_seq ?? 0,
    rev: state?.rev ?? 0,
    applied,
    ignored: changes.length - applied,
  };
}

/** A `records` row as pull reads it. */
interface PullRow {
  collection: Collection;
  id: string;
  rev: number;
  hlc: string;
  deleted: number;
  data: string | null;
}

/**
 * Changes of `userId` with rev above `since`, oldest first, at most `limit`.
 * `rev` is the cursor for the next pull: the last change's rev when `more`,
 * else the user's current rev. Tombstones have `data: null`.
 */
export async function pullChanges(
  db: D1Database,
  userId: string,
  since: number,
  limit: number,
): Promise<{ changes: PullChange[]; rev: number; more: boolean }> {
  const [rows, user] = await db.batch([
    db
      .prepare(
        'SELECT collection, id, rev, hlc, deleted, data FROM records WHERE user_id = ?1 AND rev > ?2 ORDER BY rev LIMIT ?3',
      )
      .bind(userId, since, limit + 1),
    db.prepare('SELECT rev FROM users WHERE id = ?1').bind(userId),
  ]);
  const found = (rows?.results ?? []) as PullRow[];
  const more = found.length > limit;
  const page = more ? found.slice(0, limit) : found;
  const changes: PullChange[] = page.map((r) => ({
    collection: r.collection,
    id: r.id,
    rev: r.rev,
    hlc: r.hlc,
    deleted: r.deleted === 1,
    data: r.deleted === 1 || r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>),
  }));
  const userRev = ((user?.results[0] as { rev?: number } | undefined)?.rev ?? 0) as number;
  const last = page[page.length - 1];
  return { changes, rev: more && last ? last.rev : Math.max(userRev, last?.rev ?? 0, since), more };
}

/**
 * The JSON `data` of `userId`'s live (not tombstoned) records in
 * `collection`; for evidence, optionally only those whose `occurredOn` lies
 * in [`from`, `to`] (inclusive `YYYY-MM-DD` bounds).
 */
export async function listLiveRecordData(
  db: D1Database,
  userId: string,
  collection: Collection,
  range: { from?: string | undefined; to?: string | undefined } = {},
): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT data FROM records
       WHERE user_id = ?1 AND collection = ?2 AND deleted = 0 AND data IS NOT NULL
         AND (?3 IS NULL OR json_extract(data, '$.occurredOn') >= ?3)
         AND (?4 IS NULL OR json_extract(data, '$.occurredOn') <= ?4)`,
    )
    .bind(userId, collection, range.from ?? null, range.to ?? null)
    .all<{ data: string }>();
  return results.map((r) => r.data);
}

/** The JSON `data` of one live record, or null. */
export async function getLiveRecordData(
  db: D1Database,
  userId: string,
  collection: Collection,
  id: string,
): Promise<string | null> {
  const row = await db
    .prepare('SELECT data FROM records WHERE user_id = ?1 AND collection = ?2 AND id = ?3 AND deleted = 0')
    .bind(userId, collection, id)
    .first<{ data: string | null }>();
  return row?.data ?? null;
}
