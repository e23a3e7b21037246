/**
 * Export of the local store: the JSON backup (shared/backup.ts `makeBackup`)
 * and the file name it is saved under. Import lives in ./bulk.ts (`importBackup`).
 */
import { makeBackup, type BackupFile } from '../../shared/backup';
import { allLiveRecords } from './queries';
import { listCachedTestimonials } from './testimonials';
import { db as defaultDb, type CasebookDB } from './index';

/**
 * The backup of every live record (evidence with private notes, weekly logs,
 * goals, settings, dismissed import candidates, stories) and the cached peer
 * testimonials as of `now`. Tombstones are left out.
 */
export async function exportBackup(now: Date = new Date(), db: CasebookDB = defaultDb): Promise<BackupFile> {
  const r = await allLiveRecords(db);
  const testimonials = await listCachedTestimonials(db);
  return makeBackup(
    {
      evidence: r.evidence,
      weeklyLogs: r.weeklyLogs,
      goals: r.goals,
      settings: r.settings ? [r.settings] : [],
      dismissals: r.dismissals,
      stories: r.stories,
      testimonials,
    },
    now,
  );
}

/** `casebook-backup-2026-11-20.json` for a backup exported on that (UTC) day. */
export function backupFileName(now: Date = new Date()): string {
  return `casebook-backup-${now.toISOString().slice(0, 10)}.json`;
}
