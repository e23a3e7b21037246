// @vitest-environment happy-dom
/**
 * The weekly log (WeekTab) and the case view (CaseTab, SignalsChecklist,
 * GoalsCard, PlanCard) with Testing Library over a real Dexie store.
 * Dates are relative to the real today, as the panel uses it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WeekTab } from '../../../extension/components/week/WeekTab';
import { CaseTab } from '../../../extension/components/case/CaseTab';
import { db } from '../../../extension/db/index';
import { localToday } from '../../../extension/components/format';
import { isoWeekOf } from '../../../shared/dates';
import { addDays } from '../../../shared/case';
import { seedEvidence, seedGoals } from '../helpers/seed';
import { renderPanel, resetDb, seed } from './helpers';

const today = localToday();

beforeEach(async () => {
  await resetDb();
});
afterEach(() => {
  cleanup();
});

describe('WeekTab', { timeout: 20_000 }, () => {
  it('saves the four prompts for this ISO week and shows the week’s evidence beside them', async () => {
    const user = userEvent.setup();
    // One item dated today, the rest over the last 60 days.
    const seeded = seedEvidence(60, { asOf: today, spanDays: 60 });
    const items = [{ ...seeded[0]!, occurredOn: today }, ...seeded.slice(1)];
    await seed({ evidence: items });
    renderPanel(<WeekTab />);
    expect(await screen.findByTestId('week-title')).toHaveProperty('textContent', expect.stringContaining('This week'));

    await user.type(screen.getByTestId('week-shipped'), 'Shipped the retry budget');
    await user.type(screen.getByTestId('week-decisions'), 'Chose a token bucket');
    await user.type(screen.getByTestId('week-helped'), 'Paired with Mei');
    await user.type(screen.getByTestId('week-impact'), 'Refund errors down 40%');
    await user.click(screen.getByTestId('week-save'));
    await screen.findByTestId('week-saved');

    const logs = await db.weeklyLogs.toArray();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      week: isoWeekOf(today),
      shipped: 'Shipped the retry budget',
      decisions: 'Chose a token bucket',
      helped: 'Paired with Mei',
      impact: 'Refund errors down 40%',
    });

    const monday = addDays(today, -((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7));
    const thisWeek = items.filter((e) => e.occurredOn >= monday && e.occurredOn <= today);
    expect(thisWeek.length).toBeGreaterThan(0);
    expect(within(screen.getByTestId('week-evidence')).getAllByRole('listitem')).toHaveLength(thisWeek.length);
  });

  it('saves unsaved answers when moving to another week, and loads that week’s log', async () => {
    const user = userEvent.setup();
    renderPanel(<WeekTab />);
    await user.type(await screen.findByTestId('week-shipped'), 'Draft answer');
    await user.click(screen.getByTestId('week-prev'));
    await waitFor(() => expect(screen.getByTestId('week-title').textContent).not.toContain('This week'));
    expect(await db.weeklyLogs.count()).toBe(1);
    await waitFor(() => expect((screen.getByTestId('week-shipped') as HTMLTextAreaElement).value).toBe(''));
    await user.click(screen.getByTestId('week-next'));
    await waitFor(() => expect((screen.getByTestId('week-shipped') as HTMLTextAreaElement).value).toBe('Draft answer'));
    expect((screen.getByTestId('week-next') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('CaseTab', { timeout: 20_000 }, () => {
  it('shows coverage, a 4-quarter heatmap, gaps and calibration answers from the evidence', async () => {
    const items = seedEvidence(120, { asOf: today, spanDays: 330 });
    await seed({ evidence: items });
    renderPanel(<CaseTab ownerName="ada@example.com" onOpenLibrary={() => undefined} />);
    const table = await screen.findByTestId('coverage-table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(6);
    const ownership = items.filter((e) => e.competencies.includes('ownership')).length;
    const row = rows.find((r) => r.textContent?.startsWith('Ownership and scope'))!;
    expect(within(row).getAllByRole('cell')[0]!.textContent).toBe(String(ownership));

    const heat = screen.getByTestId('heatmap');
    expect(within(heat).getAllByRole('columnheader')).toHaveLength(5);
    const calibration = screen.getByTestId('calibration');
    expect(
      within(calibration)
        .getAllByRole('listitem')
        .filter((li) => li.className === 'answered').length,
    ).toBe(4);
  });

  it('flags unanswered calibration questions and gaps when evidence is thin', async () => {
    const one = seedEvidence(1, { asOf: today, spanDays: 1 }).map((e) => ({
      ...e,
      kind: 'pull-request' as const,
      role: 'author' as const,
      competencies: ['judgment'],
    }));
    await seed({ evidence: one });
    renderPanel(<CaseTab ownerName="ada@example.com" onOpenLibrary={() => undefined} />);
    const calibration = await screen.findByTestId('calibration');
    expect(within(calibration).getAllByText('Unanswered').length).toBeGreaterThanOrEqual(3);
    const gaps = screen.getByTestId('gaps');
    expect(gaps.textContent).toContain('Ownership and scope: no evidence yet');
  });

  it('links evidence to a signal and adds a goal', async () => {
    const user = userEvent.setup();
    const items = seedEvidence(10, { asOf: today, spanDays: 20 });
    await seed({ evidence: items });
    renderPanel(<CaseTab ownerName="ada@example.com" onOpenLibrary={() => undefined} />);
    const signal = await screen.findByTestId('signal-ownership-0');
    await user.click(within(signal).getByRole('button', { name: '+ Link evidence' }));
    const select = within(signal).getByRole('combobox');
    const option = within(select).getAllByRole('option')[1] as HTMLOptionElement;
    await user.selectOptions(select, option.value);
    await user.click(within(signal).getByRole('button', { name: 'Link' }));
    await waitFor(async () => expect((await db.evidence.get(option.value))?.tags).toContain('signal:ownership:0'));
    await waitFor(() => expect(within(screen.getByTestId('signal-ownership-0')).getByText('Unlink')).toBeTruthy());
    expect(screen.getByTestId('signals-progress').textContent).toMatch(/^\(1 of 17 shown\)$/);

    await user.click(screen.getByTestId('goal-add'));
    await user.type(screen.getByTestId('goal-description'), 'Present the roadmap at product review');
    await user.selectOptions(screen.getByTestId('goal-competency'), 'communication');
    await user.click(screen.getByTestId('goal-save'));
    await waitFor(async () => {
      const goals = await db.goals.toArray();
      expect(goals).toHaveLength(1);
      expect(goals[0]).toMatchObject({ competency: 'communication', status: 'open', dueOn: null });
    });
    expect((await screen.findAllByTestId('goal'))[0]!.textContent).toContain('Present the roadmap');
  });

  it('lists stored goals in the empty state too', async () => {
    await seed({ goals: seedGoals() });
    renderPanel(<CaseTab ownerName="ada@example.com" onOpenLibrary={() => undefined} />);
    await screen.findByTestId('case-empty');
    expect(await screen.findAllByTestId('goal')).toHaveLength(3);
  });
});
