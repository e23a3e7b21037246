/**
 * The JSON backup of everything the user has (evidence, weekly logs, goals,
 * settings, dismissed import candidates) and its import. The backup is the user's own file, so it keeps
 * every field, private notes included, and tombstones (records with a
 * `deletedAt`), so that a restore merges like a sync does.
 *
 * Import is planned here and applied by the caller: the file is checked as
 * a whole (JSON, format, version), then every record on its own with its
 * schema, so one bad record does not reject the rest; records are merged by
 * id and `updatedAt` (a hybrid logical clock string: comparing two strings
 * compares the clocks). A bad file plans no writes, so nothing already
 * stored is lost. Pure: no DOM, no Workers APIs; nothing here throws.
 */
import * as z from 'zod/mini';
import {
  collectionSchemas,
  Dismissal,
  Evidence,
  Goal,
  IsoDateTime,
  Story,
  UserSettingsRecord,
  WeeklyLog,
  type Collection,
} from './schemas';
import { Testimonial } from './testimonials';

/** The `format` value every backup file carries. */
export const BACKUP_FORMAT = 'casebook-backup';
/** The backup version this code writes and reads. */
export const BACKUP_VERSION = 1;

/**
 * A backup file: `{ format: 'casebook-backup', version: 1, exportedAt (ISO
 * time), evidence, weeklyLogs, goals, settings, dismissals?, stories? }`, each collection
 * an array of its records (`dismissals` is absent from files made before the
 * history import existed, `stories` from files made before stories; such files import as before). The type of what {@link makeBackup} writes; imports do not
 * parse the file with it as a whole (see {@link planImport}).
 */
export const BackupFile = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: IsoDateTime,
  evidence: z.array(Evidence),
  weeklyLogs: z.array(WeeklyLog),
  goals: z.array(Goal),
  settings: z.array(UserSettingsRecord),
  dismissals: z.optional(z.array(Dismissal)),
  stories: z.optional(z.array(Story)),
  /**
   * Peer testimonials as last read from the server (absent in older files).
   * Kept for the user's own record; an import does not write them back (the
   * server owns them).
   */
  testimonials: z.optional(z.array(Testimonial)),
});
export type BackupFile = z.infer<typeof BackupFile>;

/**
 * What an import does: counts of records `added` (new id), `updated` (newer
 * `updatedAt` than the stored one) and `skipped` (same or older than the
 * stored one, or a duplicate in the file), and the `invalid` records, each
 * with its collection, its 0-based index in that collection's array and
 * what is wrong. A problem with the file as a whole (not JSON, not a
 * backup, a newer version) is one invalid entry with collection `file` and
 * index 0.
 */
export interface ImportReport {
  added: number;
  updated: number;
  skipped: number;
  invalid: { collection: string; index: number; message: string }[];
  /**
   * Stories imported with links to evidence that is neither in the file nor
   * stored: those links are dropped, the known ones kept; one entry per story
   * with its id, title and the dropped evidence ids. Absent when there are none.
   */
  unlinked?: { storyId: string; title: string; evidenceIds: string[] }[];
}

/** The writes an import needs (records already parsed with their schema, in file order) and its report. */
export interface ImportPlan {
  writes: { collection: Collection; record: unknown }[];
  report: ImportReport;
}

/** The records a backup holds, by collection. */
export interface BackupRecords {
  evidence: readonly Evidence[];
  weeklyLogs: readonly WeeklyLog[];
  goals: readonly Goal[];
  settings: readonly UserSettingsRecord[];
  dismissals?: readonly Dismissal[];
  stories?: readonly Story[];
  testimonials?: readonly Testimonial[];
}

/** The collections in the order they are written and imported. */
const COLLECTIONS: readonly Collection[] = ['settings', 'goals', 'weeklyLogs', 'evidence', 'dismissals', 'stories'];

/**
 * The backup of `records`, exported at `now`: every record as given
 * (private notes and tombstones included: this is the user's own file),
 * copied into new arrays. Serialise it with `JSON.stringify`.
 */
export function makeBackup(records: BackupRecords, now: Date): BackupFile {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    evidence: [...records.evidence],
    weeklyLogs: [...records.weeklyLogs],
    goals: [...records.goals],
    settings: [...records.settings],
    dismissals: [...(records.dismissals ?? [])],
    stories: [...(records.stories ?? [])],
    ...(records.testimonials ? { testimonials: [...records.testimonials] } : {}),
  };
}

/** The first schema problem of a record as one line, e.g. `title: Too small...` (+ how many more). */
function describeIssues(error: z.core.$ZodError): string {
  const [first] = error.issues;
  if (!first) return 'invalid record';
  const path = first.path.map(String).join('.');
  const more = error.issues.length - 1;
  return `${path ? `${path}: ` : ''}${first.message}${more > 0 ? ` (and ${more} more ${more === 1 ? 'problem' : 'problems'})` : ''}`;
}

function fileProblem(message: string): ImportPlan {
  return {
    writes: [],
    report: { added: 0, updated: 0, skipped: 0, invalid: [{ collection: 'file', index: 0, message }] },
  };
}

/**
 * Plans the import of a backup. `input` is the file's text (a string,
 * parsed as JSON; a leading byte-order mark is ignored) or the value
 * already parsed. `existing(collection, id)` gives the stored record's
 * `updatedAt`, or undefined when there is none (a throwing lookup makes
 * that record invalid, not the import).
 *
 * The file must be an object with `format: 'casebook-backup'` and
 * `version: 1`; otherwise (not JSON, another format, a newer or unknown
 * version) the plan has no writes and one invalid entry saying why.
 * `exportedAt` is not needed to import. Each collection present must be an
 * array (a missing one is empty); each record is parsed with its schema
 * (unknown top-level fields are dropped, unknown `meta` keys kept). Per id,
 * the record with the greatest `updatedAt` in the file is considered (the
 * others count as skipped); it is added when the id is new, updates the
 * stored record when its `updatedAt` is greater, and is skipped when it is
 * equal or older. Never throws.
 */
export function planImport(
  input: unknown,
  existing: (collection: Collection, id: string) => { updatedAt: string } | undefined,
): ImportPlan {
  try {
    return plan(input, existing);
  } catch (err) {
    // Defensive: a bug must not crash the panel or write half an import.
    return fileProblem(`The backup could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function plan(
  input: unknown,
  existing: (collection: Collection, id: string) => { updatedAt: string } | undefined,
): ImportPlan {
  let data = input;
  if (typeof data === 'string') {
    const text = data.charCodeAt(0) === 0xfeff ? data.slice(1) : data;
    try {
      data = JSON.parse(text);
    } catch {
      return fileProblem('This file is not JSON, so it is not a Casebook backup. Nothing was imported.');
    }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return fileProblem('This file is not a Casebook backup (expected a JSON object). Nothing was imported.');
  const file = data as Record<string, unknown>;
  if (file.format !== BACKUP_FORMAT)
    return fileProblem(
      `This file is not a Casebook backup (format ${JSON.stringify(file.format ?? null)}, expected "${BACKUP_FORMAT}"). Nothing was imported.`,
    );
  if (typeof file.version === 'number' && Number.isInteger(file.version) && file.version > BACKUP_VERSION)
    return fileProblem(
      `This backup was made by a newer Casebook (version ${file.version}; this one reads version ${BACKUP_VERSION}). Update the extension and import it again. Nothing was imported.`,
    );
  if (file.version !== BACKUP_VERSION)
    return fileProblem(
      `This backup has an unknown version (${JSON.stringify(file.version ?? null)}; expected ${BACKUP_VERSION}). Nothing was imported.`,
    );

  const report: ImportReport = { added: 0, updated: 0, skipped: 0, invalid: [] };
  const writes: ImportPlan['writes'] = [];
  // Evidence ids the file holds (valid records only): a story may link to these or to stored evidence.
  const evidenceIds = new Set<string>();
  if (Array.isArray(file.evidence))
    for (const raw of file.evidence as unknown[]) {
      const parsed = Evidence.safeParse(raw);
      if (parsed.success) evidenceIds.add(parsed.data.id);
    }
  for (const collection of COLLECTIONS) {
    const list = file[collection];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      report.invalid.push({ collection, index: 0, message: `"${collection}" must be an array of records.` });
      continue;
    }
    const schema = collectionSchemas[collection];
    // Per id: the newest valid record of the file and its position.
    const best = new Map<string, { record: { id: string; updatedAt: string }; index: number }>();
    list.forEach((raw: unknown, index) => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        report.invalid.push({ collection, index, message: describeIssues(parsed.error) });
        return;
      }
      const record = parsed.data as { id: string; updatedAt: string };
      if (collection === 'stories') keepKnownLinks(record as Story, evidenceIds, existing, report);
      const prev = best.get(record.id);
      if (!prev) best.set(record.id, { record, index });
      else {
        report.skipped += 1;
        if (record.updatedAt > prev.record.updatedAt) best.set(record.id, { record, index });
      }
    });
    const chosen = [...best.values()].sort((a, b) => a.index - b.index);
    for (const { record, index } of chosen) {
      let stored: { updatedAt: string } | undefined;
      try {
        stored = existing(collection, record.id);
      } catch (err) {
        report.invalid.push({
          collection,
          index,
          message: `Could not compare with the stored record: ${err instanceof Error ? err.message : String(err)}`,
        });
        continue;
      }
      if (stored === undefined) {
        report.added += 1;
        writes.push({ collection, record });
      } else if (record.updatedAt > stored.updatedAt) {
        report.updated += 1;
        writes.push({ collection, record });
      } else {
        report.skipped += 1;
      }
    }
  }
  if (report.unlinked?.length === 0) delete report.unlinked;
  report.invalid.sort(
    (a, b) =>
      COLLECTIONS.indexOf(a.collection as Collection) - COLLECTIONS.indexOf(b.collection as Collection) ||
      a.index - b.index,
  );
  return { writes, report };
}

/**
 * Drops from `story.evidenceIds` (in place) the ids that are neither in the
 * file (`inFile`) nor stored (`existing('evidence', id)`), and records them
 * in `report.unlinked`. A lookup that throws counts as unknown.
 */
function keepKnownLinks(
  story: Story,
  inFile: ReadonlySet<string>,
  existing: (collection: Collection, id: string) => { updatedAt: string } | undefined,
  report: ImportReport,
): void {
  const known = (id: string) => {
    if (inFile.has(id)) return true;
    try {
      return existing('evidence', id) !== undefined;
    } catch {
      return false;
    }
  };
  const dropped = story.evidenceIds.filter((id) => !known(id));
  if (dropped.length === 0) return;
  story.evidenceIds = story.evidenceIds.filter(known);
  (report.unlinked ??= []).push({ storyId: story.id, title: story.title, evidenceIds: dropped });
}
