// @vitest-environment happy-dom
/**
 * The evidence library (LibraryTab) with Testing Library over a real Dexie
 * store (fake-indexeddb): search, filters, inline edit, delete with undo,
 * bulk tagging and the empty states.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LibraryTab } from '../../../extension/components/library/LibraryTab';
import { db } from '../../../extension/db/index';
import { seedEvidence } from '../helpers/seed';
import { renderPanel, resetDb, seed } from './helpers';

const items = seedEvidence(400);

beforeEach(async () => {
  await resetDb();
});
afterEach(() => {
  cleanup();
});

async function openLibrary() {
  const onCapture = vi.fn<() => void>();
  renderPanel(<LibraryTab active onCapture={onCapture} />);
  await screen.findAllByTestId('evidence-item');
  // The first screen comes from a quick read; the count appears once the whole list is in.
  await waitFor(() => expect(count()).not.toBe('Loading all items…'));
  return onCapture;
}

function count(): string {
  return screen.getByTestId('library-count').textContent ?? '';
}

function titles(): string[] {
  return screen
    .getAllByTestId('evidence-item')
    .map((li) => within(li).getByRole('article').getAttribute('aria-label') ?? '');
}

describe('LibraryTab', { timeout: 20_000 }, () => {
  it('shows an empty state that sends a new user to Capture', async () => {
    const user = userEvent.setup();
    const onCapture = vi.fn<() => void>();
    renderPanel(<LibraryTab active onCapture={onCapture} />);
    await screen.findByTestId('library-empty');
    await user.click(screen.getByRole('button', { name: 'Clip this page' }));
    expect(onCapture).toHaveBeenCalledOnce();
  });

  it('renders only a window of a large list, newest first', async () => {
    await seed({ evidence: items });
    await openLibrary();
    expect(count()).toBe('400 items');
    const rendered = screen.getAllByTestId('evidence-item');
    expect(rendered.length).toBeGreaterThan(3);
    expect(rendered.length).toBeLessThan(40);
    const newest = [...items].sort((a, b) => b.occurredOn.localeCompare(a.occurredOn))[0]!;
    expect(titles()[0]).toBe(newest.title);
  });

  it('searches title, claim and people, and says when nothing matches', async () => {
    const user = userEvent.setup();
    await seed({ evidence: items });
    await openLibrary();
    const box = screen.getByTestId('library-search');
    await user.type(box, 'postmortem');
    const expected = items.filter((e) => /postmortem/i.test(`${e.title} ${e.claim}`)).length;
    await waitFor(() => expect(count()).toBe(`${expected} of 400 match`));
    for (const t of titles()) expect(t).toMatch(/^Postmortem/);

    await user.clear(box);
    await user.type(box, 'zzzqqq');
    await screen.findByTestId('library-no-match');
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    await waitFor(() => expect(count()).toBe('400 items'));
  });

  it('filters by source and by untagged', async () => {
    const user = userEvent.setup();
    await seed({ evidence: items });
    await openLibrary();
    await user.click(screen.getByTestId('library-filters-toggle'));
    await user.selectOptions(screen.getByTestId('filter-source'), 'jira');
    const jira = items.filter((e) => e.source === 'jira').length;
    await waitFor(() => expect(count()).toBe(`${jira} of 400 match`));
    for (const li of screen.getAllByTestId('evidence-item')) expect(li.textContent).toContain('Jira');

    await user.selectOptions(screen.getByTestId('filter-source'), '');
    await user.click(screen.getByTestId('filter-untagged'));
    const untagged = items.filter((e) => e.competencies.length === 0).length;
    await waitFor(() => expect(count()).toBe(`${untagged} of 400 match`));
    expect(screen.getAllByText(/map it to a competency/).length).toBe(screen.getAllByTestId('evidence-item').length);
  });

  it('edits every field inline and saves through the write module', async () => {
    const user = userEvent.setup();
    await seed({ evidence: items.slice(0, 5) });
    await openLibrary();
    const first = screen.getAllByTestId('evidence-item')[0]!;
    const id = items.slice(0, 5).sort((a, b) => b.occurredOn.localeCompare(a.occurredOn))[0]!.id;
    await user.click(within(first).getByTestId('evidence-edit'));
    const title = screen.getByTestId('edit-title');
    await user.clear(title);
    await user.type(title, 'Drove the refunds redesign');
    const claim = screen.getByTestId('edit-claim');
    await user.clear(claim);
    await user.type(claim, 'I decided to split the refunds service and led the rollout.');
    await user.click(screen.getByTestId('edit-competency-judgment'));
    await user.type(screen.getByTestId('edit-tags'), 'h2-review{Enter}');
    await user.click(screen.getByTestId('edit-save'));

    await waitFor(async () => {
      const stored = await db.evidence.get(id);
      expect(stored?.title).toBe('Drove the refunds redesign');
      expect(stored?.claim).toBe('I decided to split the refunds service and led the rollout.');
      expect(stored?.competencies).toContain('judgment');
      expect(stored?.tags).toContain('h2-review');
    });
    expect(await db.outbox.filter((o) => o.id === id).count()).toBe(1);
    await waitFor(() => expect(screen.queryByTestId('edit-title')).toBeNull());
  });

  it('deletes with undo', async () => {
    const user = userEvent.setup();
    await seed({ evidence: items.slice(0, 3) });
    await openLibrary();
    const before = titles();
    await user.click(within(screen.getAllByTestId('evidence-item')[0]!).getByTestId('evidence-delete'));
    await waitFor(() => expect(count()).toBe('2 items'));
    expect(titles()).not.toContain(before[0]);
    await user.click(screen.getByTestId('undo-delete'));
    await waitFor(() => expect(count()).toBe('3 items'));
    expect(titles()).toEqual(before);
  });

  it('tags the selected items in bulk', async () => {
    const user = userEvent.setup();
    const five = items.slice(0, 5).map((e) => ({ ...e, competencies: [] }));
    await seed({ evidence: five });
    await openLibrary();
    const boxes = screen.getAllByRole('checkbox', { name: /^Select/ });
    await user.click(boxes[0]!);
    await user.click(boxes[2]!);
    expect(screen.getByTestId('bulk-bar').textContent).toContain('2 selected');
    await user.selectOptions(screen.getByTestId('bulk-competency'), 'communication');
    await user.click(screen.getByTestId('bulk-apply'));
    await waitFor(async () => {
      const tagged = (await db.evidence.toArray()).filter((e) => e.competencies.includes('communication'));
      expect(tagged).toHaveLength(2);
    });
  });
});
