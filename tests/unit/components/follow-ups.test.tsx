// @vitest-environment happy-dom
/**
 * "What happened after?" in the Week tab (components/week/FollowUps.tsx,
 * docs/DESIGN.md "Outcome follow-ups") over a real Dexie store: answering
 * writes the impact, snoozing and dismissing write `followUp`; every action
 * is a write with an outbox entry, so it syncs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WeekTab } from '../../../extension/components/week/WeekTab';
import { db } from '../../../extension/db/index';
import { localToday } from '../../../extension/components/format';
import { addDays } from '../../../shared/case';
import type { Evidence } from '../../../shared/schemas';
import { seedEvidence } from '../helpers/seed';
import { renderPanel, resetDb, seed } from './helpers';

const today = localToday();

/** Three PRs due for a follow-up (40, 60, 90 days old), one with a number, one too recent, one review. */
function items(): Evidence[] {
  const base = seedEvidence(6, { asOf: today, spanDays: 10, seed: 7 });
  const make = (i: number, days: number, over: Partial<Evidence> = {}): Evidence => ({
    ...base[i]!,
    kind: 'pull-request',
    title: `PR ${days} days ago`,
    occurredOn: addDays(today, -days),
    impact: 'Shipped it',
    ...over,
  });
  return [
    make(0, 40),
    make(1, 60),
    make(2, 90),
    make(3, 50, { title: 'PR with a number', impact: 'Errors down 40%' }),
    make(4, 10, { title: 'Recent PR' }),
    make(5, 45, { title: 'A review', kind: 'code-review' }),
  ];
}

beforeEach(async () => {
  await resetDb();
});
afterEach(() => {
  cleanup();
});

function listed(): string[] {
  return screen.queryAllByTestId('follow-up').map((li) => li.querySelector('.follow-up-title')?.textContent ?? '');
}

describe('What happened after?', { timeout: 20_000 }, () => {
  it('lists PRs from 30 to 120 days ago whose impact has no number, oldest first', async () => {
    await seed({ evidence: items() });
    renderPanel(<WeekTab />);
    await screen.findByTestId('follow-ups');
    expect(listed()).toEqual(['PR 90 days ago', 'PR 60 days ago', 'PR 40 days ago']);
  });

  it('answering writes the impact (with an outbox entry) and the item leaves the list', async () => {
    const user = userEvent.setup();
    const seeded = items();
    await seed({ evidence: seeded });
    renderPanel(<WeekTab />);
    const item = (await screen.findAllByTestId('follow-up'))[0]!;
    const answer = within(item).getByTestId('follow-up-answer');
    await user.clear(answer);
    await user.type(answer, 'Checkout errors down from 14 a week to 0');
    await user.click(within(item).getByTestId('follow-up-save'));
    await waitFor(() => expect(listed()).toEqual(['PR 60 days ago', 'PR 40 days ago']));
    const stored = await db.evidence.get(seeded[2]!.id);
    expect(stored?.impact).toBe('Checkout errors down from 14 a week to 0');
    const outbox = await db.outbox.toArray();
    expect(outbox.map((o) => o.id)).toEqual([seeded[2]!.id]);
    expect(outbox[0]?.data).toMatchObject({ impact: 'Checkout errors down from 14 a week to 0' });
  });

  it('an answer without a number is kept and the item is snoozed for 30 days', async () => {
    const user = userEvent.setup();
    const seeded = items();
    await seed({ evidence: seeded });
    renderPanel(<WeekTab />);
    const item = (await screen.findAllByTestId('follow-up'))[0]!;
    const answer = within(item).getByTestId('follow-up-answer');
    await user.clear(answer);
    await user.type(answer, 'Other teams adopted it');
    await user.click(within(item).getByTestId('follow-up-save'));
    expect((await screen.findByTestId('follow-up-status')).textContent).toContain('ask again in 30 days');
    const stored = await db.evidence.get(seeded[2]!.id);
    expect(stored).toMatchObject({ impact: 'Other teams adopted it', followUp: { snoozedUntil: addDays(today, 30) } });
  });

  it('snooze and dismiss are stored on the evidence record and synced', async () => {
    const user = userEvent.setup();
    const seeded = items();
    await seed({ evidence: seeded });
    renderPanel(<WeekTab />);
    const [first] = await screen.findAllByTestId('follow-up');
    await user.click(within(first!).getByTestId('follow-up-snooze'));
    await waitFor(() => expect(listed()).toEqual(['PR 60 days ago', 'PR 40 days ago']));
    const second = screen.getAllByTestId('follow-up')[0]!;
    await user.click(within(second).getByTestId('follow-up-dismiss'));
    await waitFor(() => expect(listed()).toEqual(['PR 40 days ago']));

    expect((await db.evidence.get(seeded[2]!.id))?.followUp).toEqual({ snoozedUntil: addDays(today, 30) });
    expect((await db.evidence.get(seeded[1]!.id))?.followUp?.dismissedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const outbox = await db.outbox.toArray();
    expect(outbox.map((o) => [o.id, o.op])).toEqual([
      [seeded[2]!.id, 'upsert'],
      [seeded[1]!.id, 'upsert'],
    ]);
    expect(outbox[1]?.data).toMatchObject({ followUp: { dismissedAt: expect.any(String) } });
  });

  it('focuses the item named by the digest link', async () => {
    const seeded = items();
    await seed({ evidence: seeded });
    renderPanel(<WeekTab followUp={seeded[1]!.id} />);
    await screen.findByTestId('follow-ups');
    const target = screen.getAllByTestId('follow-up').find((li) => li.dataset.id === seeded[1]!.id)!;
    await waitFor(() => expect(document.activeElement).toBe(within(target).getByTestId('follow-up-answer')));
  });

  it('shows nothing when no item is due', async () => {
    await seed({ evidence: items().slice(3) });
    renderPanel(<WeekTab />);
    await screen.findByTestId('week-title');
    await screen.findByTestId('week-evidence').catch(() => undefined);
    expect(screen.queryByTestId('follow-ups')).toBeNull();
  });
});
