/**
 * Helpers for component tests: a clean default database per test, seeding
 * through the write module's tables, and rendering inside the panel's data provider.
 */
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { db } from '../../../extension/db/index';
import { CaseDataProvider } from '../../../extension/hooks/useCaseData';
import type { Evidence, Goal, WeeklyLog } from '../../../shared/schemas';

/** Empties the panel's database (the default `casebook` one the components use). */
export async function resetDb(): Promise<void> {
  db.close();
  await db.delete();
  await db.open();
}

/** Stores records as if they had been synced (no outbox entries). */
export async function seed(records: {
  evidence?: Evidence[];
  goals?: Goal[];
  weeklyLogs?: WeeklyLog[];
}): Promise<void> {
  if (records.evidence) await db.evidence.bulkPut(records.evidence);
  if (records.goals) await db.goals.bulkPut(records.goals);
  if (records.weeklyLogs) await db.weeklyLogs.bulkPut(records.weeklyLogs);
}

/** Renders `ui` inside `CaseDataProvider`. */
export function renderPanel(ui: ReactNode) {
  return render(<CaseDataProvider>{ui}</CaseDataProvider>);
}
