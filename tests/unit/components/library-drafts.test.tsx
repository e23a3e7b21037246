// @vitest-environment happy-dom
/**
 * Drafts in the Library (shared/draft.ts): evidence whose claim is still empty
 * (accepted in bulk from the Inbox) carries a "Needs claim" badge, a count that
 * doubles as a filter, and a filter in the filter panel.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LibraryTab } from '../../../extension/components/library/LibraryTab';
import { seedEvidence } from '../helpers/seed';
import { renderPanel, resetDb, seed } from './helpers';

beforeEach(async () => {
  await resetDb();
});
afterEach(() => {
  cleanup();
});

describe('LibraryTab drafts', { timeout: 20_000 }, () => {
  it('marks drafts "Needs claim", counts them and filters to them', async () => {
    const user = userEvent.setup();
    const items = seedEvidence(30).map((e, i) => (i < 3 ? { ...e, claim: i === 2 ? '   ' : '' } : e));
    await seed({ evidence: items });
    renderPanel(<LibraryTab active onCapture={vi.fn<() => void>()} />);
    await screen.findAllByTestId('evidence-item');
    const chip = await screen.findByTestId('library-drafts');
    expect(chip.textContent).toBe('Needs claim: 3');
    expect(chip.getAttribute('aria-pressed')).toBe('false');

    await user.click(chip);
    await waitFor(() => expect(screen.getAllByTestId('evidence-item')).toHaveLength(3));
    for (const li of screen.getAllByTestId('evidence-item')) {
      expect(within(li).getByTestId('needs-claim').textContent).toBe('Needs claim');
    }
    expect(screen.getByTestId('library-count').textContent).toBe('3 of 30 match');
    expect(screen.getByTestId('library-filters-toggle').textContent).toBe('Filters (1)');

    // The same filter in the filter panel; turning it off shows everything again.
    await user.click(screen.getByTestId('library-filters-toggle'));
    const box = screen.getByTestId('filter-drafts') as HTMLInputElement;
    expect(box.checked).toBe(true);
    await user.click(box);
    await waitFor(() => expect(screen.getByTestId('library-count').textContent).toBe('30 items'));
  });

  it('clicking the badge opens the inline editor to write the claim', async () => {
    const user = userEvent.setup();
    await seed({ evidence: seedEvidence(5).map((e) => ({ ...e, claim: '' })) });
    renderPanel(<LibraryTab active onCapture={vi.fn<() => void>()} />);
    const [badge] = await screen.findAllByTestId('needs-claim');
    await user.click(badge!);
    expect(await screen.findByRole('button', { name: /save/i })).toBeTruthy();
  });
});
