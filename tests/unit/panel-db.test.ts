/**
 * The panel's store helpers: bulk tagging and signal links (extension/db/bulk.ts),
 * backup export/import (db/backup.ts, db/bulk.ts), weekly logs and goals
 * queries (db/queries.ts) and the digest-day badge (db/badge.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addCompetency, addTag, importBackup, setSignalLink, signalTag } from '../../extension/db/bulk';
import { backupFileName, exportBackup } from '../../extension/db/backup';
import { listGoals, listWeeklyLogs, getWeeklyLog } from '../../extension/db/queries';
import { saveEvidence, saveGoal, saveWeeklyLog, deleteGoal, RecordValidationError } from '../../extension/db/write';
import { shouldNudge } from '../../extension/background/badge';
import { localDay } from '../../shared/timezone';
import { BackupFile } from '../../shared/backup';
import type { CasebookDB } from '../../extension/db/index';
import { freshDb, prEvidence } from './helpers/evidence';

const T0 = Date.parse('2026-11-20T09:15:02.114Z');
let db: CasebookDB;
let tick = 0;
const deps = () => ({ db, now: () => T0 + ++tick * 1000 });

afterEach(async () => {
  await db?.delete();
});

describe('bulk tagging', () => {
  it('adds a competency to many items in one transaction, each with its own outbox entry', async () => {
    db = freshDb();
    const a = await saveEvidence({ ...prEvidence(1), competencies: [] }, deps());
    const b = await saveEvidence({ ...prEvidence(2), competencies: ['judgment'] }, deps());
    const c = await saveEvidence({ ...prEvidence(3), competencies: ['multiplier'] }, deps());
    await db.outbox.clear();

    expect(await addCompetency([a.id, b.id, c.id], 'judgment', deps())).toBe(2);

    expect((await db.evidence.get(a.id))!.competencies).toEqual(['judgment']);
    expect((await db.evidence.get(b.id))!.updatedAt).toBe(b.updatedAt); // unchanged: not rewritten
    expect((await db.evidence.get(c.id))!.competencies).toEqual(['multiplier', 'judgment']);
    const outbox = await db.outbox.toArray();
    expect(outbox.map((o) => o.id).sort()).toEqual([a.id, c.id].sort());
    expect(outbox.every((o) => o.op === 'upsert')).toBe(true);
  });

  it('writes nothing when one result is invalid (all or nothing)', async () => {
    db = freshDb();
    const a = await saveEvidence(prEvidence(1), deps());
    const b = await saveEvidence(prEvidence(2), deps());
    await db.outbox.clear();
    const err = await addTag([a.id, b.id], 'x'.repeat(61), deps()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordValidationError);
    expect((await db.evidence.get(a.id))!.tags).toEqual([]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('links and unlinks a signal through a signal: tag', async () => {
    db = freshDb();
    const a = await saveEvidence(prEvidence(1), deps());
    await setSignalLink(a.id, 'ownership', 2, true, deps());
    expect((await db.evidence.get(a.id))!.tags).toEqual([signalTag('ownership', 2)]);
    expect(signalTag('ownership', 2)).toBe('signal:ownership:2');
    await setSignalLink(a.id, 'ownership', 2, false, deps());
    expect((await db.evidence.get(a.id))!.tags).toEqual([]);
  });
});

describe('weekly logs and goals', () => {
  it('lists live weekly logs newest week first and finds one by week', async () => {
    db = freshDb();
    const blank = { shipped: '', decisions: '', helped: '', impact: '' };
    await saveWeeklyLog({ week: '2026-W45', ...blank, shipped: 'A' }, deps());
    await saveWeeklyLog({ week: '2026-W47', ...blank, shipped: 'B' }, deps());
    await saveWeeklyLog({ week: '2026-W46', ...blank }, deps());
    expect((await listWeeklyLogs(db)).map((l) => l.week)).toEqual(['2026-W47', '2026-W46', '2026-W45']);
    expect((await getWeeklyLog('2026-W45', db))?.shipped).toBe('A');
    expect(await getWeeklyLog('2026-W01', db)).toBeUndefined();
  });

  it('lists live goals: in progress, then open by due date, then done; deleted left out', async () => {
    db = freshDb();
    const g = (description: string, status: 'open' | 'in-progress' | 'done', dueOn: string | null) =>
      saveGoal({ competency: 'communication', description, status, dueOn }, deps());
    await g('done one', 'done', '2026-01-01');
    await g('open late', 'open', '2027-03-01');
    await g('open undated', 'open', null);
    await g('open soon', 'open', '2026-12-01');
    await g('doing', 'in-progress', null);
    const gone = await g('gone', 'open', '2026-11-01');
    await deleteGoal(gone.id, deps());
    expect((await listGoals(db)).map((x) => x.description)).toEqual([
      'doing',
      'open soon',
      'open late',
      'open undated',
      'done one',
    ]);
  });
});

describe('backup', () => {
  it('exports every live record as a valid backup file', async () => {
    db = freshDb();
    await saveEvidence(prEvidence(1), deps());
    await saveWeeklyLog({ week: '2026-W47', shipped: 'A', decisions: '', helped: '', impact: '' }, deps());
    await saveGoal({ competency: 'judgment', description: 'Say no with reasons', status: 'open', dueOn: null }, deps());
    const now = new Date(T0);
    const backup = await exportBackup(now, db);
    expect(BackupFile.parse(backup)).toEqual(backup);
    expect(backup.evidence).toHaveLength(1);
    expect(backup.evidence[0]!.privateNote).toBe('Ask Orta for a peer review quote.');
    expect(backup.weeklyLogs).toHaveLength(1);
    expect(backup.goals).toHaveLength(1);
    expect(backupFileName(now)).toBe('casebook-backup-2026-11-20.json');
  });

  it('reports a file that is not JSON or not a backup, and changes nothing', async () => {
    db = freshDb();
    await saveEvidence(prEvidence(1), deps());
    const before = await db.evidence.toArray();
    expect((await importBackup('{not json', deps())).error).toMatch(/not JSON/);
    expect((await importBackup('{"format":"something-else"}', deps())).error).toMatch(/not a Casebook backup/);
    expect(await db.evidence.toArray()).toEqual(before);
  });
});

describe('digest-day badge', () => {
  it('takes the calendar day in the schedule time zone', () => {
    // 2026-11-20T02:00Z is Friday in UTC and still Thursday evening in New York.
    const at = new Date('2026-11-20T02:00:00Z');
    expect(localDay(at, 'UTC')).toEqual({ date: '2026-11-20', weekday: 5 });
    expect(localDay(at, 'America/New_York')).toEqual({ date: '2026-11-19', weekday: 4 });
    expect(localDay(at, 'Not/AZone')).toEqual({ date: '2026-11-20', weekday: 5 });
  });

  it('nudges on the digest day only while the ISO week has no live evidence', async () => {
    db = freshDb();
    const friday = new Date('2026-11-20T12:00:00Z');
    const schedule = { digestDay: 5, timezone: 'UTC', digestEnabled: true };
    // Evidence from last week does not count.
    await saveEvidence({ ...prEvidence(1), occurredOn: '2026-11-13' }, deps());
    expect(await shouldNudge(friday, schedule, db)).toBe(true);
    expect(await shouldNudge(new Date('2026-11-19T12:00:00Z'), schedule, db)).toBe(false);
    expect(await shouldNudge(friday, { ...schedule, digestEnabled: false }, db)).toBe(false);
    await saveEvidence({ ...prEvidence(2), occurredOn: '2026-11-16' }, deps());
    expect(await shouldNudge(friday, schedule, db)).toBe(false);
  });
});
