/**
 * Parses records read back from D1 with their zod schema. A record that
 * fails is skipped and counted, never rewritten or deleted.
 */
import type * as z from 'zod/mini';

/**
 * Parses each JSON string in `rows` with `schema` and keeps those that pass
 * and are not soft-deleted (`deletedAt` null).
 * @returns the records, and how many rows were unreadable or failed the schema.
 */
export function parseStored<S extends z.ZodMiniType<{ deletedAt: string | null }>>(
  rows: string[],
  schema: S,
): { records: z.output<S>[]; invalid: number } {
  const records: z.output<S>[] = [];
  let invalid = 0;
  for (const json of rows) {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      invalid++;
      continue;
    }
    const result = schema.safeParse(value);
    if (!result.success) invalid++;
    else if (result.data.deletedAt === null) records.push(result.data);
  }
  return { records, invalid };
}
