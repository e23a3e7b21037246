/**
 * The panel's local copy of peer testimonials (extension/db/testimonials.ts,
 * Dexie version 4) and their place in the backup export.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { importBackup } from '../../extension/db/bulk';
import { exportBackup } from '../../extension/db/backup';
import type { CasebookDB } from '../../extension/db/index';
import {
  listCachedTestimonials,
  putCachedTestimonial,
  replaceCachedTestimonials,
} from '../../extension/db/testimonials';
import { saveEvidence } from '../../extension/db/write';
import { BackupFile } from '../../shared/backup';
import type { Testimonial } from '../../shared/testimonials';
import { freshDb, prEvidence } from './helpers/evidence';

const T0 = Date.parse('2026-11-20T09:15:02.114Z');
let db: CasebookDB;
let tick = 0;
const deps = () => ({ db, now: () => T0 + ++tick * 1000 });

afterEach(async () => {
  await db?.delete();
});

function testimonial(id: string, createdAt: string, fields: Partial<Testimonial> = {}): Testimonial {
  return {
    id,
    requestId: `r-${id}`,
    evidenceIds: ['01HV0000000000000000000001'],
    name: 'Sam Lee',
    relationship: 'Tech lead',
    text: 'She found the retry storm and wrote the design doc; duplicate charges went to zero.',
    competencies: ['ownership'],
    createdAt,
    hidden: false,
    ...fields,
  };
}

describe('testimonial cache', () => {
  it('replaces the cache with the server’s list, skipping records that fail the schema', async () => {
    db = freshDb();
    await replaceCachedTestimonials([testimonial('old', '2026-11-01T00:00:00.000Z')], db);
    const result = await replaceCachedTestimonials(
      [
        testimonial('a', '2026-11-02T00:00:00.000Z'),
        { id: 'bad', text: 42 },
        testimonial('b', '2026-11-03T00:00:00.000Z'),
      ],
      db,
    );
    expect(result).toEqual({ stored: 2, skipped: 1 });
    expect((await listCachedTestimonials(db)).map((t) => t.id)).toEqual(['b', 'a']);
    await putCachedTestimonial(testimonial('a', '2026-11-02T00:00:00.000Z', { hidden: true }), db);
    expect((await listCachedTestimonials(db)).find((t) => t.id === 'a')?.hidden).toBe(true);
  });

  it('is part of the backup export, and importing such a backup still works', async () => {
    db = freshDb();
    await saveEvidence(prEvidence(1), deps());
    await replaceCachedTestimonials([testimonial('a', '2026-11-02T00:00:00.000Z')], db);
    const backup = await exportBackup(new Date(T0), db);
    expect(BackupFile.parse(backup)).toEqual(backup);
    expect(backup.testimonials).toHaveLength(1);
    expect(backup.testimonials![0]!.name).toBe('Sam Lee');
    const other = freshDb();
    try {
      const res = await importBackup(JSON.stringify(backup), { db: other, now: () => T0 });
      expect(res.error ?? null).toBeNull();
      expect(await other.evidence.count()).toBe(1);
    } finally {
      await other.delete();
    }
  });
});
