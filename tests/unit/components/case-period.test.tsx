// @vitest-environment happy-dom
/**
 * The case view scoped to the review period (Settings): coverage counts only
 * the period's evidence and its bars measure against the target; dates show a
 * year only when it is not this year; the signals checklist starts collapsed
 * to the signals not shown yet. Over a real Dexie store, dates relative to today.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CaseTab } from '../../../extension/components/case/CaseTab';
import { ReviewPeriodSettings } from '../../../extension/components/account/ReviewPeriodSettings';
import { localToday } from '../../../extension/components/format';
import { getSettings } from '../../../extension/db/queries';
import { saveSettings } from '../../../extension/db/write';
import { addDays, formatDay } from '../../../shared/case';
import { resolvePeriod } from '../../../shared/period';
import type { Evidence } from '../../../shared/schemas';
import { seedEvidence } from '../helpers/seed';
import { renderPanel, resetDb, seed } from './helpers';

const today = localToday();

/** Ownership items: 2 in this quarter, 3 more earlier this year or last, 4 older than a year. */
function items(): Evidence[] {
  const base = seedEvidence(9, { asOf: today, spanDays: 5, seed: 11 });
  const thisQuarter = resolvePeriod({ preset: 'this-quarter' }, today).from;
  const days = [0, 0, 120, 200, 300, 400, 420, 500, 600];
  return base.map((e, i) => ({
    ...e,
    competencies: ['ownership'],
    tags: [],
    occurredOn: i < 2 ? thisQuarter : addDays(today, -days[i]!),
  }));
}

beforeEach(async () => {
  await resetDb();
});
afterEach(() => {
  cleanup();
});

function ownershipRow() {
  const rows = within(screen.getByTestId('coverage-table')).getAllByRole('row');
  return rows.find((r) => r.textContent?.startsWith('Ownership and scope'))!;
}

describe('case view and the review period', { timeout: 20_000 }, () => {
  it('counts the last 12 months by default, against a target of 6 (3 a half)', async () => {
    await seed({ evidence: items() });
    renderPanel(<CaseTab ownerName="Ada" onOpenLibrary={() => undefined} />);
    await screen.findByTestId('coverage-table');
    expect(screen.getByTestId('case-period').textContent).toBe('Last 12 months');
    expect(within(screen.getByTestId('coverage-table')).getByText('Items / 6')).toBeTruthy();
    const row = ownershipRow();
    expect(within(row).getAllByRole('cell')[0]!.textContent).toBe('5');
    const bar = row.querySelector('.bar > span') as HTMLElement;
    expect(bar.style.width).toBe(`${(5 / 6) * 100}%`);
    // Other competencies have nothing: empty bars, not bars relative to the largest count.
    const judgment = within(screen.getByTestId('coverage-table'))
      .getAllByRole('row')
      .find((r) => r.textContent?.startsWith('Judgment'))!;
    expect((judgment.querySelector('.bar > span') as HTMLElement).style.width).toBe('0%');
  });

  it('scopes to a quarter chosen in Settings, with its own target', async () => {
    const user = userEvent.setup();
    await seed({ evidence: items() });
    renderPanel(
      <>
        <ReviewPeriodSettings />
        <CaseTab ownerName="Ada" onOpenLibrary={() => undefined} />
      </>,
    );
    await user.selectOptions(await screen.findByTestId('period-preset'), 'this-quarter');
    await user.clear(screen.getByTestId('period-target'));
    await user.type(screen.getByTestId('period-target'), '4');
    await user.click(screen.getByTestId('period-save'));
    await waitFor(async () =>
      expect(await getSettings()).toMatchObject({ reviewPeriod: { preset: 'this-quarter' }, coverageTarget: 4 }),
    );
    await waitFor(() => expect(screen.getByTestId('case-period').textContent).toMatch(/^Q[1-4] \d{4}$/));
    expect(within(screen.getByTestId('coverage-table')).getByText('Items / 2')).toBeTruthy();
    expect(within(ownershipRow()).getAllByRole('cell')[0]!.textContent).toBe('2');
  });

  it('shows the year only when it is not this year', async () => {
    await seed({ evidence: items() });
    await saveSettings({ reviewPeriod: { preset: 'custom', from: addDays(today, -700), to: today } });
    renderPanel(<CaseTab ownerName="Ada" onOpenLibrary={() => undefined} />);
    await screen.findByTestId('coverage-table');
    const last = within(ownershipRow()).getAllByRole('cell')[1]!.textContent ?? '';
    // The newest item is dated the first day of this quarter: this year, so no year.
    const quarterStart = resolvePeriod({ preset: 'this-quarter' }, today).from;
    expect(last).toBe(`${Number(quarterStart.slice(8))} ${formatDay(quarterStart).split(' ')[1]}`);
    // The period starts 700 days ago: another year, so the header shows it.
    const head = screen.getByTestId('case-period').parentElement!.textContent ?? '';
    expect(head).toContain(formatDay(addDays(today, -700)));
    expect(formatDay(addDays(today, -700))).toMatch(/ \d{4}$/);
  });

  it('starts the signals checklist collapsed to the signals not shown yet', async () => {
    const user = userEvent.setup();
    const linked = items().map((e, i) => (i === 0 ? { ...e, tags: ['signal:ownership:0'] } : e));
    await seed({ evidence: linked });
    renderPanel(<CaseTab ownerName="Ada" onOpenLibrary={() => undefined} />);
    await screen.findByTestId('signals-progress');
    expect(screen.queryByTestId('signal-ownership-0')).toBeNull();
    expect(screen.getByTestId('signal-ownership-1')).toBeTruthy();
    await user.click(screen.getByTestId('signals-toggle'));
    expect(screen.getByTestId('signal-ownership-0').className).toContain('done');
  });
});
