/**
 * The local copy of the user's peer testimonials (docs/DESIGN.md "Peer
 * testimonials"): the server owns them; the panel reads them through the API
 * and keeps the last answer here so the Library, the case view and the
 * backup work offline. Never synced, never written by the outbox.
 */
import { Testimonial } from '../../shared/testimonials';
import { db as defaultDb, type CasebookDB } from './index';

/**
 * Replaces the cache with `list` (each parsed with the `Testimonial` schema;
 * an invalid one is skipped and counted) in one transaction.
 * @returns how many were stored and how many skipped.
 */
export async function replaceCachedTestimonials(
  list: readonly unknown[],
  db: CasebookDB = defaultDb,
): Promise<{ stored: number; skipped: number }> {
  const valid: Testimonial[] = [];
  for (const raw of list) {
    const parsed = Testimonial.safeParse(raw);
    if (parsed.success) valid.push(parsed.data);
  }
  await db.transaction('rw', db.testimonials, async () => {
    await db.testimonials.clear();
    await db.testimonials.bulkPut(valid);
  });
  return { stored: valid.length, skipped: list.length - valid.length };
}

/** Updates one cached testimonial (after hide or show). */
export async function putCachedTestimonial(t: Testimonial, db: CasebookDB = defaultDb): Promise<void> {
  await db.testimonials.put(t);
}

/** Every cached testimonial, newest first. */
export async function listCachedTestimonials(db: CasebookDB = defaultDb): Promise<Testimonial[]> {
  const all = await db.testimonials.toArray();
  return all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
