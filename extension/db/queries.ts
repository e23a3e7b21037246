/**
 * Reads from the local store. Every record read back is parsed with its zod
 * schema; a record that fails is reported (console.warn) and left out of the
 * answer, never deleted.
 */
import * as z from 'zod/mini';
import { Dismissal, Evidence, Goal, Story, UserSettingsRecord, WeeklyLog, type Collection } from '../../shared/schemas';
import { db as defaultDb, type CasebookDB } from './index';

function keepValid<T>(collection: Collection, schema: z.core.$ZodType<T>, rows: unknown[]): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const parsed = z.safeParse(schema, row);
    if (parsed.success) out.push(parsed.data);
    else {
      const id = (row as { id?: unknown } | null)?.id;
      console.warn(
        `casebook: skipping unreadable ${collection} record ${String(id)}: ${z.prettifyError(parsed.error)}`,
      );
    }
  }
  return out;
}

/**
 * Live (not deleted) evidence, newest first: by `occurredOn` descending, then
 * `capturedAt` descending.
 */
export async function listEvidence(db: CasebookDB = defaultDb): Promise<Evidence[]> {
  const rows = await db.evidence.orderBy('occurredOn').reverse().toArray();
  const live = keepValid('evidence', Evidence, rows).filter((e) => e.deletedAt === null);
  // orderBy gives occurredOn order; break ties on the same day by capture time.
  return live.sort((a, b) =>
    a.occurredOn === b.occurredOn ? b.capturedAt.localeCompare(a.capturedAt) : b.occurredOn.localeCompare(a.occurredOn),
  );
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
  return keepValid('evidence', Evidence, rows).sort((a, b) =>
    a.occurredOn === b.occurredOn ? b.capturedAt.localeCompare(a.capturedAt) : b.occurredOn.localeCompare(a.occurredOn),
  );
}

/** The live evidence whose canonical `url` equals `url`, if any (to update instead of duplicating). */
export async function findEvidenceByUrl(url: string, db: CasebookDB = defaultDb): Promise<Evidence | undefined> {
  if (!url) return undefined;
  const rows = await db.evidence.where('url').equals(url).toArray();
  return keepValid('evidence', Evidence, rows).find((e) => e.deletedAt === null);
}

/** The synced settings record, or undefined before the first save/pull. */
export async function getSettings(db: CasebookDB = defaultDb): Promise<UserSettingsRecord | undefined> {
  const row = await db.settings.get('settings');
  return row ? keepValid('settings', UserSettingsRecord, [row])[0] : undefined;
}

/** Number of local changes waiting for the server (changes set aside as needing attention not included). */
export async function pendingCount(db: CasebookDB = defaultDb): Promise<number> {
  return db.outbox.filter((e) => !e.attention).count();
}

/** Live weekly logs, newest ISO week first. */
export async function listWeeklyLogs(db: CasebookDB = defaultDb): Promise<WeeklyLog[]> {
  const rows = await db.weeklyLogs.orderBy('week').reverse().toArray();
  return keepValid('weeklyLogs', WeeklyLog, rows).filter((l) => l.deletedAt === null);
}

/** The live weekly log of ISO week `week` (`2026-W47`), if any. */
export async function getWeeklyLog(week: string, db: CasebookDB = defaultDb): Promise<WeeklyLog | undefined> {
  const rows = await db.weeklyLogs.where('week').equals(week).toArray();
  return keepValid('weeklyLogs', WeeklyLog, rows).find((l) => l.deletedAt === null);
}

/** Live goals: open and in-progress first, then by due date (no date last), then done and dropped. */
export async function listGoals(db: CasebookDB = defaultDb): Promise<Goal[]> {
  const rows = await db.goals.toArray();
  const rank = { 'in-progress': 0, open: 1, done: 2, dropped: 3 } as const;
  return keepValid('goals', Goal, rows)
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
  return keepValid('dismissals', Dismissal, rows).filter((d) => d.deletedAt === null);
}

/** Live stories (synced), in no particular order (see shared/story.ts `sortStories`). */
export async function listStories(db: CasebookDB = defaultDb): Promise<Story[]> {
  const rows = await db.stories.toArray();
  return keepValid('stories', Story, rows).filter((s) => s.deletedAt === null);
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
