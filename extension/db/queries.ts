/**
 * Reads from the local store. Every record read back is parsed with its zod
 * schema; a record that fails is reported (console.warn) and left out of the
 * answer, never deleted.
 */
import { z } from 'zod';
import { Evidence, UserSettingsRecord, type Collection } from '../../shared/schemas';
import { db as defaultDb, type CasebookDB } from './index';

function keepValid<T>(collection: Collection, schema: z.ZodType<T>, rows: unknown[]): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
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

/** Number of local changes waiting for the server. */
export async function pendingCount(db: CasebookDB = defaultDb): Promise<number> {
  return db.outbox.count();
}
