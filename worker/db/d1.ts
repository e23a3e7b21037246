/**
 * The two D1 calls most queries are: run one statement, or read every row
 * of one query, with `params` bound as `?1`, `?2`, … in order. SQL is always
 * a constant of the calling module; user values go in `params` only.
 */

/** Runs `sql` with `params` bound; answers D1's result (`meta.changes` and so on). */
export function run(db: D1Database, sql: string, params: readonly unknown[]): Promise<D1Result> {
  return db
    .prepare(sql)
    .bind(...params)
    .run();
}

/** Every row `sql` selects with `params` bound, in the query's order. */
export async function all<T>(db: D1Database, sql: string, params: readonly unknown[]): Promise<T[]> {
  const { results } = await db
    .prepare(sql)
    .bind(...params)
    .all<T>();
  return results;
}
