/**
 * The one capability-link lookup: a row found by the SHA-256 hex of its
 * link's token on the table's UNIQUE `token_hash` index, with its owner's
 * account row, in one query. Shares (`/s/`) and testimonial requests (`/t/`)
 * use it. Revoked and expired rows are returned too: the caller answers 404
 * or 410, so every token costs the same single indexed lookup
 * (docs/SECURITY.md).
 */
import type { UserRow } from './users';

/** The `users` columns a lookup reads, in `UserRow` order. */
const OWNER_COLUMNS = [
  'id',
  'email',
  'display_name',
  'timezone',
  'digest_day',
  'digest_hour',
  'digest_enabled',
  'rev',
  'created_at',
] as const satisfies readonly (keyof UserRow)[];

/** What a lookup reads: the link table, its columns, and optionally one more table joined on the link row. */
export interface CapabilityLookup<R> {
  /** The link table (a constant, never user input). */
  table: 'shares' | 'testimonial_requests';
  /** The link table's alias in the query (`s`, `r`), constant. */
  alias: string;
  /** The link row's columns, as typed in `R`. */
  columns: readonly (keyof R & string)[];
  /** One more LEFT JOIN on the link row (constant SQL), with the columns read from it, prefixed `j_`. */
  join?: { sql: string; alias: string; columns: readonly string[] };
}

/** A link row with its owner (null when the account is gone) and the joined row's columns (null when none). */
export interface CapabilityRow<R> {
  row: R;
  owner: UserRow | null;
  /** The joined table's columns by name when the join found a row (its first column not null), else null. */
  joined: Record<string, unknown> | null;
}

/** `row`'s columns `names`, each read from `prefix + name`. */
function pick(row: Record<string, unknown>, names: readonly string[], prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) out[name] = row[prefix + name];
  return out;
}

/**
 * The `lookup.table` row whose token hashes to `tokenHash`, with its owner
 * and the joined row, in one query; null when there is none.
 */
export async function findByTokenHash<R>(
  db: D1Database,
  lookup: CapabilityLookup<R>,
  tokenHash: string,
): Promise<CapabilityRow<R> | null> {
  const { join, alias: l } = lookup;
  const select = [
    ...lookup.columns.map((c) => `${l}.${c}`),
    ...OWNER_COLUMNS.map((c) => `u.${c} AS u_${c}`),
    ...(join ? join.columns.map((c) => `${join.alias}.${c} AS j_${c}`) : []),
  ].join(', ');
  const found = await db
    .prepare(
      `SELECT ${select} FROM ${lookup.table} ${l} LEFT JOIN users u ON u.id = ${l}.user_id ${join?.sql ?? ''}
       WHERE ${l}.token_hash = ?1`,
    )
    .bind(tokenHash)
    .first<Record<string, unknown>>();
  if (!found) return null;
  return {
    row: pick(found, lookup.columns) as R,
    owner: typeof found.u_id === 'string' ? (pick(found, OWNER_COLUMNS, 'u_') as unknown as UserRow) : null,
    joined: join && found[`j_${join.columns[0]}`] != null ? pick(found, join.columns, 'j_') : null,
  };
}
