/**
 * The review period (docs/DESIGN.md "Review period"): the dates a case is
 * argued for, chosen in Settings as a preset relative to today (default: the
 * last 12 months; halves and quarters of the calendar year) or fixed dates.
 * The case view, its coverage and its calibration answers count only the
 * evidence inside it; coverage is measured against a target per competency
 * (default 3 items a half), scaled to the period's length.
 */
import type { ReviewPeriod } from './schemas';
import { addDays, dayOf, daysBetween } from './dates';

/** The period used when the settings name none. */
export const DEFAULT_PERIOD: ReviewPeriod = { preset: 'last-12-months' };
/** Default coverage target: items per competency per half. */
export const DEFAULT_TARGET_PER_HALF = 3;

/** The presets in the order the settings list them, with their labels. */
export const PERIOD_PRESETS: { id: ReviewPeriod['preset']; label: string }[] = [
  { id: 'last-12-months', label: 'Last 12 months' },
  { id: 'this-half', label: 'This half' },
  { id: 'last-half', label: 'Last half' },
  { id: 'this-quarter', label: 'This quarter' },
  { id: 'last-quarter', label: 'Last quarter' },
  { id: 'custom', label: 'Custom dates' },
];

/**
 * A resolved period: `from` and `to` inclusive (`YYYY-MM-DD`), a label such as
 * `H2 2026`, and how many halves it stands for (1 for a half even while it is
 * still running, 0.5 for a quarter, 2 for 12 months).
 */
export interface ResolvedPeriod {
  from: string;
  to: string;
  label: string;
  halves: number;
}

/**
 * The dates of `period` as of `today` (`YYYY-MM-DD`): `last-12-months` is the
 * 365 days ending today; halves are Jan–Jun and Jul–Dec, quarters Jan–Mar and
 * so on, "this" ones ending today; `custom` uses its `from`/`to` (a missing
 * end falls back to the last 12 months' end). `from` is never after `to`.
 */
export function resolvePeriod(period: ReviewPeriod | undefined, today: string): ResolvedPeriod {
  const p = period ?? DEFAULT_PERIOD;
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1;
  switch (p.preset) {
    case 'this-half': {
      const h = m < 6 ? 0 : 1;
      return { from: dayOf(y, h * 6, 1), to: today, label: `H${h + 1} ${y}`, halves: 1 };
    }
    case 'last-half': {
      const h = m < 6 ? 1 : 0;
      const year = m < 6 ? y - 1 : y;
      return { from: dayOf(year, h * 6, 1), to: dayOf(year, h * 6 + 6, 0), label: `H${h + 1} ${year}`, halves: 1 };
    }
    case 'this-quarter': {
      const q = Math.floor(m / 3);
      return { from: dayOf(y, q * 3, 1), to: today, label: `Q${q + 1} ${y}`, halves: 0.5 };
    }
    case 'last-quarter': {
      const q = (Math.floor(m / 3) + 3) % 4;
      const year = q === 3 ? y - 1 : y;
      return { from: dayOf(year, q * 3, 1), to: dayOf(year, q * 3 + 3, 0), label: `Q${q + 1} ${year}`, halves: 0.5 };
    }
    case 'custom': {
      const a = p.from ?? addDays(today, -364);
      const b = p.to ?? today;
      const [from, to] = a <= b ? [a, b] : [b, a];
      const days = daysBetween(from, to) + 1;
      return { from, to, label: `${from} to ${to}`, halves: Math.max(0.5, Math.round(days / 91.3) / 2) };
    }
    default:
      return { from: addDays(today, -364), to: today, label: 'Last 12 months', halves: 2 };
  }
}

/** True when `date` (`YYYY-MM-DD`) is inside `period`. */
export function inPeriod(date: string, period: ResolvedPeriod): boolean {
  return date >= period.from && date <= period.to;
}

/**
 * The coverage target per competency for a whole period: `perHalf` items for
 * each half it stands for, rounded up, at least 1. 12 months at 3 a half -> 6;
 * a half -> 3; a quarter -> 2.
 */
export function periodTarget(period: ResolvedPeriod, perHalf: number = DEFAULT_TARGET_PER_HALF): number {
  return Math.max(1, Math.ceil(perHalf * period.halves));
}
