/**
 * Writes that touch many records at once: bulk tagging in the library, signal
 * links from the case view, and applying an imported backup. Each call runs in
 * ONE Dexie transaction through the write module's `stageLocalWrite`, so every
 * record is validated, gets a fresh HLC and its outbox entry; an invalid record
 * aborts the whole call and nothing is written.
 */
import * as z from 'zod/mini';
import { Collection, collectionSchemas, type Evidence } from '../../shared/schemas';
import { planImport, type ImportReport } from '../../shared/backup';
import { db as defaultDb, type CasebookDB } from './index';
import { stageLocalWrite, RecordNotFoundError, type WriteDeps } from './write';
import { emitLocalWrite } from './events';

function deps(partial?: Partial<WriteDeps>): WriteDeps {
  return { db: defaultDb, now: () => Date.now(), ...partial };
}

/**
 * Applies `change` to each live evidence record in `ids` and stores the result
 * when it differs (records where `change` returns the same arrays are left alone).
 * @param change gets the stored record, returns the new `competencies`, `tags` and/or `people`.
 * @returns the number of records changed.
 * @throws RecordNotFoundError when an id does not exist; RecordValidationError when a result is invalid.
 */
export async function updateEvidenceMany(
  ids: readonly string[],
  change: (e: Evidence) => Partial<Pick<Evidence, 'competencies' | 'tags' | 'people'>>,
  partial?: Partial<WriteDeps>,
): Promise<number> {
  const d = deps(partial);
  const now = d.now();
  const changed = await d.db.transaction('rw', [d.db.evidence, d.db.outbox, d.db.deviceState], async () => {
    let n = 0;
    for (const id of ids) {
      const existing = await d.db.evidence.get(id);
      if (!existing) throw new RecordNotFoundError('evidence', id);
      if (existing.deletedAt !== null) continue;
      const patch = change(existing);
      const same = (Object.keys(patch) as (keyof typeof patch)[]).every(
        (k) => JSON.stringify(patch[k]) === JSON.stringify(existing[k]),
      );
      if (same) continue;
      await stageLocalWrite(d.db, 'evidence', 'upsert', (hlc) => ({ ...existing, ...patch, updatedAt: hlc }), now);
      n++;
    }
    return n;
  });
  if (changed > 0) emitLocalWrite();
  return changed;
}

/** Adds competency `id` to every record of `ids` (bulk tagging). @returns the number changed. */
export function addCompetency(ids: readonly string[], id: string, partial?: Partial<WriteDeps>): Promise<number> {
  return updateEvidenceMany(
    ids,
    (e) => ({ competencies: e.competencies.includes(id) ? e.competencies : [...e.competencies, id] }),
    partial,
  );
}

/** Adds the free-form tag `tag` (trimmed, 1-60 characters) to every record of `ids`. @returns the number changed. */
export function addTag(ids: readonly string[], tag: string, partial?: Partial<WriteDeps>): Promise<number> {
  const t = tag.trim();
  return updateEvidenceMany(ids, (e) => ({ tags: e.tags.includes(t) ? e.tags : [...e.tags, t] }), partial);
}

/**
 * The tag linking evidence to signal `index` (0-based, rubric order) of
 * competency `competencyId`: `signal:<competencyId>:<index>`. Stored in the
 * evidence's `tags` so it syncs and backs up like any tag; the library hides it
 * from the tag list.
 */
export function signalTag(competencyId: string, index: number): string {
  return `signal:${competencyId}:${index}`;
}

/** Links (`on`) or unlinks evidence `id` to a signal (see `signalTag`). */
export async function setSignalLink(
  id: string,
  competencyId: string,
  index: number,
  on: boolean,
  partial?: Partial<WriteDeps>,
): Promise<void> {
  const tag = signalTag(competencyId, index);
  await updateEvidenceMany(
    [id],
    (e) => ({
      tags: on ? (e.tags.includes(tag) ? e.tags : [...e.tags, tag]) : e.tags.filter((t) => t !== tag),
    }),
    partial,
  );
}

/** Result of `importBackup`: the shared report, plus `error` when the file could not be read at all. */
export interface ImportOutcome {
  report: ImportReport;
  /** Set when the text is not JSON or not a Casebook backup; nothing was written then. */
  error?: string;
}

/**
 * Imports a backup file's text: validated record by record by `planImport`
 * (shared/backup.ts), merged by id and `updatedAt` (a newer local record is
 * kept), and written in one transaction with fresh clocks so the records sync.
 * A file that is not JSON is reported, never thrown; nothing stored is lost.
 */
export async function importBackup(text: string, partial?: Partial<WriteDeps>): Promise<ImportOutcome> {
  const d = deps(partial);
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return { report: { added: 0, updated: 0, skipped: 0, invalid: [] }, error: 'This file is not JSON.' };
  }
  const head = z.object({ format: z.literal('casebook-backup') }).safeParse(input);
  if (!head.success) {
    return {
      report: { added: 0, updated: 0, skipped: 0, invalid: [] },
      error: 'This is not a Casebook backup (its "format" is not "casebook-backup").',
    };
  }
  const existing = await snapshot(d.db);
  const plan = planImport(input, (collection, id) => existing.get(`${collection}/${id}`));
  const now = d.now();
  if (plan.writes.length > 0) {
    await d.db.transaction('rw', [...d.db.syncedTables(), d.db.outbox, d.db.deviceState], async () => {
      for (const w of plan.writes) {
        const record = collectionSchemas[w.collection].parse(w.record) as { deletedAt: string | null };
        await stageLocalWrite(
          d.db,
          w.collection,
          record.deletedAt ? 'delete' : 'upsert',
          (hlc) => ({ ...record, updatedAt: hlc }),
          now,
        );
      }
    });
    emitLocalWrite();
  }
  return { report: plan.report };
}

/** `collection/id` -> `{ updatedAt }` of every stored record (tombstones included). */
async function snapshot(db: CasebookDB): Promise<Map<string, { updatedAt: string }>> {
  const out = new Map<string, { updatedAt: string }>();
  for (const c of Collection.options) {
    const rows = (await db.recordTable(c).toArray()) as { id: string; updatedAt: string }[];
    for (const r of rows) out.set(`${c}/${r.id}`, { updatedAt: r.updatedAt });
  }
  return out;
}
