// @vitest-environment happy-dom
/**
 * Peer testimonials in the panel, offline: the Testimonials list and the
 * Library read the answers cached in IndexedDB (Dexie version 4) when the
 * server cannot be asked (here: signed out), and the case view answers
 * "What do their peers say?" from them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { TestimonialsList } from '../../../extension/components/testimonials/TestimonialsList';
import { CaseTab } from '../../../extension/components/case/CaseTab';
import { LibraryTab } from '../../../extension/components/library/LibraryTab';
import { replaceCachedTestimonials } from '../../../extension/db/testimonials';
import type { Testimonial } from '../../../shared/testimonials';
import { seedEvidence } from '../helpers/seed';
import { renderPanel, resetDb, seed } from './helpers';

const TEXT =
  'She split the 3,000-line controller into five reviewable PRs; review turnaround went from a week to two days.';

beforeEach(async () => {
  await resetDb();
});
afterEach(() => {
  cleanup();
});

async function seedWithTestimonial(hidden = false) {
  const items = seedEvidence(3, { asOf: '2026-11-20', spanDays: 30 });
  await seed({ evidence: items });
  const t: Testimonial = {
    id: 't1',
    requestId: 'r1',
    evidenceIds: [items[0]!.id],
    name: 'Sam <b>Lee</b>',
    relationship: 'Staff engineer',
    text: TEXT,
    competencies: [],
    createdAt: '2026-11-19T10:00:00.000Z',
    hidden,
  };
  await replaceCachedTestimonials([t]);
  return { items, t };
}

describe('testimonials offline', { timeout: 20_000 }, () => {
  it('the Testimonials list shows the cached answers when the server cannot be asked', async () => {
    await seedWithTestimonial();
    renderPanel(<TestimonialsList active />);
    const row = await screen.findByTestId('testimonial-row');
    expect(row.textContent).toContain(TEXT);
    expect(row.textContent).toContain('Sam <b>Lee</b>, Staff engineer');
    expect(row.querySelector('b')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('saved on this device');
  });

  it('the Library shows a shown answer beside its item, and not a hidden one', async () => {
    const { items } = await seedWithTestimonial();
    renderPanel(<LibraryTab active onCapture={() => undefined} />);
    const card = await screen.findByRole('article', { name: items[0]!.title });
    await waitFor(() => expect(within(card).getByTestId('peer-quote').textContent).toContain(TEXT));
    cleanup();
    await resetDb();
    await seedWithTestimonial(true);
    renderPanel(<LibraryTab active onCapture={() => undefined} />);
    await screen.findByRole('article', { name: items[0]!.title });
    expect(screen.queryByTestId('peer-quote')).toBeNull();
  });

  it('the case view answers “What do their peers say?” with the quote', async () => {
    await seedWithTestimonial();
    renderPanel(<CaseTab ownerName="Ada" onOpenLibrary={() => undefined} />);
    const answer = await screen.findByTestId('calibration-peers');
    await waitFor(() => expect(answer.textContent).toContain(TEXT));
    expect(answer.textContent).toContain('Answered');
  });
});
