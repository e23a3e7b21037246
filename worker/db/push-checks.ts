/**
 * What the sync push checks against D1 before it applies anything
 * (worker/routes/sync.ts): renumbered changes (409 `seq_conflict`) and the
 * account's storage quota (413 `quota_exceeded`), plus the usage numbers
 * `GET /api/v1/me` shows. Both checks cost nothing on the common path: they
 * run only when the push holds a seq at or below the device's cursor, or when
 * the account is close to its quota.
 */
import type { PushChange } from '../../shared/schemas';
import type { Quota } from '../lib/limits';
import { serialiseChange, utf8Length } from './records';

/*
 * A change at or below the device's last_seq conflicts when applying it now
 * would change the stored record: the record does not exist, or the change
 * wins last-writer-wins against it, or it carries the stored record's exact
 * clock from this device with other content. Whatever was applied under that
 * seq is stored or was superseded by a newer write, so none of these can be a
 * replay. Anything else is a replay or already superseded: it changes nothing
 * either way. No per-seq history is kept (nothing to retain or clean up).
 * ?1 user, ?2 device, ?3 JSON array of serialised changes.
 */
const CONFLICT_SQL = `
SELECT json_extract(c.value, '$.seq') AS seq
FROM json_each(?3) AS c
LEFT JOIN records r
  ON r.user_id = ?1 AND r.collection = json_extract(c.value, '$.collection') AND r.id = json_extract(c.value, '$.id')
WHERE r.id IS NULL
   OR json_extract(c.value, '$.hlc') > r.hlc
   OR (json_extract(c.value, '$.hlc') = r.hlc AND ?2 > r.device_id)
   OR (json_extract(c.value, '$.hlc') = r.hlc AND ?2 = r.device_id
       AND (json_extract(c.value, '$.deleted') != r.deleted OR json_extract(c.value, '$.data') IS NOT r.data))
LIMIT 1`;

/**
 * The seq of one change in `changes` that is at or below `lastSeq` yet not a
 * replay of what was applied (see the SQL's comment), or null when every such
 * change is a harmless replay. One query, only when some seq is <= `lastSeq`.
 */
export async function findSeqConflict(
  db: D1Database,
  userId: string,
  deviceId: string,
  lastSeq: number,
  changes: PushChange[],
): Promise<number | null> {
  const old = changes.filter((c) => c.seq <= lastSeq);
  if (old.length === 0) return null;
  const row = await db
    .prepare(CONFLICT_SQL)
    .bind(userId, deviceId, `[${old.map(serialiseChange).join(',')}]`)
    .first<{ seq: number }>();
  return row ? row.seq : null;
}

/** Live records and their UTF-8 bytes. */
export interface Usage {
  records: number;
  bytes: number;
}

/** The account's storage counters (kept by applyPush). */
export async function getUsage(db: D1Database, userId: string): Promise<Usage> {
  const row = await db
    .prepare('SELECT usage_records AS records, usage_bytes AS bytes FROM users WHERE id = ?1')
    .bind(userId)
    .first<Usage>();
  return row ?? { records: 0, bytes: 0 };
}

/** What a change leaves behind for its record: live with `bytes`, or a tombstone. */
function finalStates(changes: PushChange[]): Map<string, number | null> {
  const states = new Map<string, number | null>();
  for (const c of [...changes].sort((a, b) => a.seq - b.seq)) {
    states.set(`${c.collection}\u0000${c.id}`, c.op === 'upsert' ? utf8Length(JSON.stringify(c.data ?? {})) : null);
  }
  return states;
}

/**
 * The account's usage after `changes`, or null when the push certainly fits
 * (no upserts, or `usage` plus every upsert counted as new stays within
 * `quota`: no query). Otherwise one query reads the stored sizes of the
 * records the push names and the result is exact (as if every change won).
 */
export async function usageAfterPush(
  db: D1Database,
  userId: string,
  usage: Usage,
  quota: Quota,
  changes: PushChange[],
): Promise<Usage | null> {
  const states = finalStates(changes);
  let addRecords = 0;
  let addBytes = 0;
  for (const bytes of states.values()) {
    if (bytes === null) continue;
    addRecords++;
    addBytes += bytes;
  }
  if (addRecords === 0) return null;
  if (usage.records + addRecords <= quota.maxRecords && usage.bytes + addBytes <= quota.maxBytes) return null;
  const keys = JSON.stringify([...states.keys()].map((k) => k.split('\u0000')));
  const stored = await db
    .prepare(
      `SELECT count(*) AS records, coalesce(sum(length(CAST(data AS BLOB))), 0) AS bytes FROM records
       WHERE user_id = ?1 AND deleted = 0 AND (collection, id) IN
         (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?2))`,
    )
    .bind(userId, keys)
    .first<Usage>();
  return {
    records: usage.records - (stored?.records ?? 0) + addRecords,
    bytes: usage.bytes - (stored?.bytes ?? 0) + addBytes,
  };
}
