/**
 * The one capability-link lookup: a row found by the SHA-256 hex of its
 * link's token on the table's UNIQUE `token_hash` index, with its owner's
 * account row, in one query. Shares (`/s/`) and testimonial requests (`/t/`)
 * use it. Revoked and expired rows are returned too: the caller answers 404
 * or 410, so every token costs the same single indexed lookup
 * (docs/SECURITY.md).
 */
import { digestsEqual, sha256Hex } from '../lib/crypto';
import { isTokenShaped } from '../lib/urls';
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

/** The fields of a link row that decide whether it still opens. */
type LinkState = { token_hash: string; revoked_at: string | null; expires_at: string };

/** A resolved link: what `find` returned, with its owner present; or the status of the problem page. */
export type TokenResolution<T> = { ok: true; found: T & { owner: UserRow } } | { ok: false; status: 404 | 410 };

/** Compared against when no row matched, so the comparison always runs. */
const NO_MATCH = '0'.repeat(64);

/**
 * Resolves the capability-link `token` at `now` with `find` (a lookup by the
 * token's SHA-256 hex) and `link` (its link row): 404 when unknown,
 * malformed, revoked or its owner is gone; 410 when expired; else what
 * `find` returned. The same work whether or not the token exists: always
 * hashed (whatever its shape), looked up once, compared in constant time,
 * and only then classified, with no early return in between.
 */
export async function resolveToken<T extends { owner: UserRow | null }>(
  token: string,
  now: Date,
  find: (tokenHash: string) => Promise<T | null>,
  link: (found: T) => LinkState,
): Promise<TokenResolution<T>> {
  const hash = await sha256Hex(token);
  const found = await find(hash);
  const row = found ? link(found) : null;
  const matches = digestsEqual(row?.token_hash ?? NO_MATCH, hash);
  const shaped = isTokenShaped(token);
  const revoked = row?.revoked_at != null;
  const expired = row ? Date.parse(row.expires_at) <= now.getTime() : false;
  if (!found || !found.owner || !matches || !shaped || revoked) return { ok: false, status: 404 };
  if (expired) return { ok: false, status: 410 };
  return { ok: true, found: found as T & { owner: UserRow } };
}
