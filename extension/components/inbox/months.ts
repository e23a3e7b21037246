/**
 * Pure helpers of the Inbox tab: candidates grouped by the month the work
 * happened, with counts per reason (written, reviewed, tickets), the
 * competencies an accept form starts with, and the import range presets.
 */
import { formatMonth } from '../../../shared/case';
import type { CandidateReason } from '../../../shared/import';

/** What the grouping reads of a candidate. */
interface Groupable {
  url: string;
  occurredOn?: string;
  reason: CandidateReason;
}

/** One month of the inbox: `key` `YYYY-MM` (or `undated`), its label and items, and counts per reason. */
export interface MonthGroup<T extends Groupable> {
  key: string;
  label: string;
  items: T[];
  counts: { written: number; reviewed: number; tickets: number };
}

/**
 * Groups `items` (already newest first) by the month of `occurredOn`, keeping
 * their order; items with no date come last under "No date". `today` (`YYYY-MM-DD`)
 * drops the year from labels of its own year.
 */
export function groupByMonth<T extends Groupable>(items: readonly T[], today: string): MonthGroup<T>[] {
  const groups = new Map<string, MonthGroup<T>>();
  for (const item of items) {
    const key = item.occurredOn ? item.occurredOn.slice(0, 7) : 'undated';
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        label: key === 'undated' ? 'No date' : formatMonth(`${key}-01`, today),
        items: [],
        counts: { written: 0, reviewed: 0, tickets: 0 },
      };
      groups.set(key, g);
    }
    g.items.push(item);
    if (item.reason === 'authored') g.counts.written++;
    else if (item.reason === 'reviewed') g.counts.reviewed++;
    else g.counts.tickets++;
  }
  const undated = groups.get('undated');
  groups.delete('undated');
  return [...groups.values(), ...(undated ? [undated] : [])];
}

/** `3 written · 1 reviewed` (zero counts left out). */
export function countsLine(counts: MonthGroup<Groupable>['counts']): string {
  return [
    counts.written ? `${counts.written} written` : '',
    counts.reviewed ? `${counts.reviewed} reviewed` : '',
    counts.tickets ? `${counts.tickets} ${counts.tickets === 1 ? 'ticket' : 'tickets'}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The competencies an accept form starts with: the candidate's suggestions, and
 * for a review `multiplier` (Multiplying others: reviews that change how others work).
 */
export function startingCompetencies(c: {
  reason: CandidateReason;
  suggestedCompetencies: readonly string[];
}): string[] {
  const ids = [...c.suggestedCompetencies];
  if (c.reason === 'reviewed' && !ids.includes('multiplier')) ids.unshift('multiplier');
  return ids;
}

/** `YYYY-MM-DD` of `date` (`YYYY-MM-DD`) minus `months` calendar months (day clamped to the month's end). */
export function monthsBefore(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - months;
  const d = Number(date.slice(8, 10));
  const first = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** Human words for an importer progress phase (`github:reviewed`...). */
export function phaseLabel(phase: string): string {
  const labels: Record<string, string> = {
    'github:authored': 'pull requests you wrote',
    'github:reviewed': 'pull requests you reviewed',
    'github:reviews': 'your reviews',
    'jira:assigned': 'tickets assigned to you',
    'jira:reported': 'tickets you reported',
  };
  return labels[phase] ?? phase;
}
