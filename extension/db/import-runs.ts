/**
 * History import runs (local `importRuns` table, never synced): when a run of
 * `importHistory` started and finished, its range, counts, the problems the
 * source reported, and the importer's resume cursor while it is incomplete
 * (cancelled, or stopped by a long rate limit). The inbox shows the last run
 * and offers Resume from it.
 */
import { ulid } from 'ulid';
import * as z from 'zod/mini';
import { db as defaultDb, type CasebookDB, type ImportRun } from './index';

/** Schema of a stored run (rows are parsed when read; an unreadable row is ignored). */
export const ImportRunRecord = z.object({
  id: z.string().check(z.minLength(1)),
  source: z.enum(['github', 'jira']),
  from: z.string(),
  to: z.string(),
  startedAt: z.string(),
  finishedAt: z.nullable(z.string()),
  complete: z.boolean(),
  resume: z.nullable(z.string()),
  counts: z.object({
    found: z.int().check(z.nonnegative()),
    added: z.int().check(z.nonnegative()),
    known: z.int().check(z.nonnegative()),
    skipped: z.int().check(z.nonnegative()),
    requests: z.int().check(z.nonnegative()),
  }),
  errors: z.array(
    z.object({
      source: z.enum(['github', 'jira']),
      code: z.string(),
      message: z.string(),
      fix: z.optional(z.string()),
    }),
  ),
});

/**
 * Records the start of a run over `from`..`to` (`YYYY-MM-DD`) at `now` (ms).
 * @returns the stored run (incomplete, no finish time yet).
 */
export async function startImportRun(
  input: { source: ImportRun['source']; from: string; to: string },
  now: number = Date.now(),
  db: CasebookDB = defaultDb,
): Promise<ImportRun> {
  const run: ImportRun = {
    id: ulid(now),
    ...input,
    startedAt: new Date(now).toISOString(),
    finishedAt: null,
    complete: false,
    resume: null,
    counts: { found: 0, added: 0, known: 0, skipped: 0, requests: 0 },
    errors: [],
  };
  await db.importRuns.add(run);
  return run;
}

/**
 * Records how run `id` ended at `now` (ms): `complete`, the resume cursor
 * (kept only while incomplete), counts added to the run's, and errors.
 * @returns the updated run, or undefined when there is no such run.
 */
export async function finishImportRun(
  id: string,
  outcome: { complete: boolean; resume?: string; counts: ImportRun['counts']; errors: ImportRun['errors'] },
  now: number = Date.now(),
  db: CasebookDB = defaultDb,
): Promise<ImportRun | undefined> {
  return db.transaction('rw', db.importRuns, async () => {
    const run = await db.importRuns.get(id);
    if (!run) return undefined;
    const next: ImportRun = {
      ...run,
      finishedAt: new Date(now).toISOString(),
      complete: outcome.complete,
      resume: outcome.complete ? null : (outcome.resume ?? null),
      counts: outcome.counts,
      errors: outcome.errors,
    };
    await db.importRuns.put(next);
    return next;
  });
}

/** The most recently started run of `source` (or of any source), if any readable one exists. */
export async function lastImportRun(
  source?: ImportRun['source'],
  db: CasebookDB = defaultDb,
): Promise<ImportRun | undefined> {
  const rows = await db.importRuns.orderBy('startedAt').reverse().toArray();
  for (const row of rows) {
    const parsed = ImportRunRecord.safeParse(row);
    if (parsed.success && (!source || parsed.data.source === source)) return parsed.data;
  }
  return undefined;
}
