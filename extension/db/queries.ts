/**
 * Reads from the local store. Every record read back is checked with its zod
 * schema; a record that fails is reported (console.warn) and left out of the
 * answer, never deleted. A record that passes is answered as stored, not as
 * zod's copy: the schemas have no defaults or transforms, and stored records
 * carry no unknown top-level keys (every write and every pulled record is
 * parsed before it is stored), so the copy would be equal; at 10,000 items it
 * would also double the panel's heap (bench/RESULTS.md, memory row).
 */
import * as z from 'zod/mini';
import { Dismissal, Evidence, Goal, Story, UserSettingsRecord, WeeklyLog, type Collection } from '../../shared/schemas';
import { db as defaultDb, type CasebookDB } from './index';

/** Records checked per task: between two slices the panel paints and the garbage of zod's checks is collected. */
const SLICE = 1000;

/** Per database, the `updatedAt` each record id last passed its check with. */
const passed = new WeakMap<CasebookDB, Map<string, string>>();

/**
 * The rows of `collection` that pass `schema`, as stored. A row whose id passed
 * before with the same `updatedAt` is the same record (every write stamps a new
 * HLC) and is not checked again, so a live query's re-read after one save checks
 * one record. Long lists are checked in slices of SLICE with a yield between.
 */
async function keepValid<T>(
  db: CasebookDB,
  collection: Collection,
  schema: z.core.$ZodType<T>,
  rows: unknown[],
): Promise<T[]> {
  let memo = passed.get(db);
  if (!memo) passed.set(db, (memo = new Map()));
  const out: T[] = [];
  for (let start = 0; start < rows.length; start += SLICE) {
    if (start > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    for (let i = start; i < Math.min(rows.length, start + SLICE); i++) {
      const row = rows[i] as { id?: unknown; updatedAt?: unknown } | null;
      const id = row?.id;
      const stamp = row?.updatedAt;
      const key = typeof id === 'string' && typeof stamp === 'string' ? `${collection}/${id}` : null;
      if (key !== null && memo.get(key) === stamp) {
        out.push(row as T);
        continue;
      }
      const parsed = z.safeParse(schema, row);
      if (parsed.success) {
        out.push(row as T);
        if (key !== null) memo.set(key, stamp as string);
      } else {
        if (key !== null) memo.delete(key);
        console.warn(
          `casebook: skipping unreadable ${collection} record ${String(id)}: ${z.prettifyError(parsed.error)}`,
        );
      }
    }
  }
  return out;
}

/**
 * Live (not deleted) evidence, newest first: by `occurredOn` descending, then
 * `capturedAt` descending.
 */
export async function listEvidence(db: CasebookDB = defaultDb): Promise<Evidence[]> {
  // One getAll in key order (no cursor over the occurredOn index), then sorted here:
  // the order a reverse walk of that index gives, ties on the same day by capture time.
  const rows = await db.evidence.toArray();
  const live = (await keepValid(db, 'evidence', Evidence, rows)).filter((e) => e.deletedAt === null);
  return live.sort(newestFirst);
}

/** Newest first: `occurredOn` descending, then `capturedAt` descending, then id descending. */
function newestFirst(a: Evidence, b: Evidence): number {
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? 1 : -1;
  if (a.capturedAt !== b.capturedAt) return a.capturedAt < b.capturedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The newest `limit` live evidence items by `occurredOn` (ties on the same day
 * by capture time), read through the index so the panel can paint its first
 * screen before the whole list is loaded.
 */
export async function listNewestEvidence(limit: number, db: CasebookDB = defaultDb): Promise<Evidence[]> {
  const rows = await db.evidence
    .orderBy('occurredOn')
    .reverse()
    .filter((e) => e.deletedAt === null)
    .limit(limit)
    .toArray();
  return (await keepValid(db, 'evidence', Evidence, rows)).sort(newestFirst);
}

/** The live evidence whose canonical `url` equals `url`, if any (to update instead of duplicating). */
export async function findEvidenceByUrl(url: string, db: CasebookDB = defaultDb): Promise<Evidence | undefined> {
  if (!url) return undefined;
  const rows = await db.evidence.where('url').equals(url).toArray();
  return (await keepValid(db, 'evidence', Evidence, rows)).find((e) => e.deletedAt === null);
}

/** The synced settings record, or undefined before the first save/pull. */
export async function getSettings(db: CasebookDB = defaultDb): Promise<UserSettingsRecord | undefined> {
  const row = await db.settings.get('settings');
  return row ? (await keepValid(db, 'settings', UserSettingsRecord, [row]))[0] : undefined;
}

/** Number of local changes waiting for the server (changes set aside as needing attention not included). */
export async function pendingCount(db: CasebookDB = defaultDb): Promise<number> {
  return db.outbox.filter((e) => !e.attention).count();
}

/** Live weekly logs, newest ISO week first. */
export async function listWeeklyLogs(db: CasebookDB = defaultDb): Promise<WeeklyLog[]> {
  const rows = await db.weeklyLogs.orderBy('week').reverse().toArray();
  return (await keepValid(db, 'weeklyLogs', WeeklyLog, rows)).filter((l) => l.deletedAt === null);
}

/** The live weekly log of ISO week `week` (`2026-W47`), if any. */
export async function getWeeklyLog(week: string, db: CasebookDB = defaultDb): Promise<WeeklyLog | undefined> {
  const rows = await db.weeklyLogs.where('week').equals(week).toArray();
  return (await keepValid(db, 'weeklyLogs', WeeklyLog, rows)).find((l) => l.deletedAt === null);
}

/** Live goals: open and in-progress first, then by due date (no date last), then done and dropped. */
export async function listGoals(db: CasebookDB = defaultDb): Promise<Goal[]> {
  const rows = await db.goals.toArray();
  const rank = { 'in-progress': 0, open: 1, done: 2, dropped: 3 } as const;
  return (await keepValid(db, 'goals', Goal, rows))
    .filter((g) => g.deletedAt === null)
    .sort(
      (a, b) =>
        rank[a.status] - rank[b.status] ||
        (a.dueOn ?? '9999-99-99').localeCompare(b.dueOn ?? '9999-99-99') ||
        a.id.localeCompare(b.id),
    );
}

/** Live dismissals of import candidates (synced), in no particular order. */
export async function listDismissals(db: CasebookDB = defaultDb): Promise<Dismissal[]> {
  const rows = await db.dismissals.toArray();
  return (await keepValid(db, 'dismissals', Dismissal, rows)).filter((d) => d.deletedAt === null);
}

/** Live stories (synced), in no particular order (see shared/story.ts `sortStories`). */
export async function listStories(db: CasebookDB = defaultDb): Promise<Story[]> {
  const rows = await db.stories.toArray();
  return (await keepValid(db, 'stories', Story, rows)).filter((s) => s.deletedAt === null);
}

/** Every live synced record, for a backup: `{ evidence, weeklyLogs, goals, settings, dismissals, stories }`. */
export async function allLiveRecords(db: CasebookDB = defaultDb): Promise<{
  evidence: Evidence[];
  weeklyLogs: WeeklyLog[];
  goals: Goal[];
  settings: UserSettingsRecord | null;
  dismissals: Dismissal[];
  stories: Story[];
}> {
  const [evidence, weeklyLogs, goals, settings, dismissals, stories] = await Promise.all([
    listEvidence(db),
    listWeeklyLogs(db),
    listGoals(db),
    getSettings(db),
    listDismissals(db),
    listStories(db),
  ]);
  return {
    evidence,
    weeklyLogs,
    goals,
    settings: settings && settings.deletedAt === null ? settings : null,
    dismissals,
    stories,
  };
}
