/**
 * Evidence as every renderer shows it to someone other than its owner
 * ({@link PublicCard}: public fields only, display strings prepared), and the
 * labels around a case: its period, "as of" day, weekly-log prompts, coverage
 * strengths, week labels and the compact monthly timeline. Pure.
 */
import type { Strength } from '../case/coverage';
import { formatDay, formatMonth, isoWeekRange } from '../dates';
import type { Evidence, Kind, Metric, Role, ShareScope, Source, WeeklyLog } from '../schemas';
import { isHttpUrl } from '../url';

/** Evidence as shown to someone other than its owner: no private note. A full `Evidence` fits it too. */
export type PacketEvidence = Omit<Evidence, 'privateNote'>;

/**
 * One evidence item as every renderer shows it: only public fields, with
 * display strings prepared. `href` is the source URL only when it is an
 * absolute http(s) URL (anything else, e.g. `javascript:`, is never a link);
 * `ref` is a short source reference such as `sourcegraph/sourcegraph#3257` or
 * `TST-8` when the metadata has one; `metrics` are formatted
 * (`Lines changed: 1,234`).
 */
export interface PublicCard {
  id: string;
  source: Source;
  kind: Kind;
  role: Role;
  title: string;
  occurredOn: string;
  competencies: string[];
  url: string;
  href: string | null;
  claim: string;
  impact: string;
  metrics: string[];
  people: string[];
  ref: string | null;
}

/**
 * Short source reference from per-source metadata: `owner/repo#N` for a
 * GitHub PR (`meta.repo`, `meta.number`), the issue key for Jira
 * (`meta.key`), else null. Plain type checks, not a schema parse: `meta` is
 * free-form and this runs for every card of a 500-item page.
 */
export function sourceRef(e: Pick<Evidence, 'source' | 'meta'>): string | null {
  const meta = e.meta;
  if (e.source === 'github-pr' && typeof meta.repo === 'string' && typeof meta.number === 'number')
    return `${meta.repo}#${meta.number}`;
  if (e.source === 'jira' && typeof meta.key === 'string' && meta.key !== '') return meta.key;
  return null;
}

/* One formatter for every metric: building an Intl.NumberFormat per call costs tens of microseconds. */
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/**
 * `1234` -> `1,234`, `0.125` -> `0.13`: en-US grouping, at most two decimals.
 * Safe integers take a plain-string path with the same output as Intl (the
 * share page formats hundreds of metrics; bench/RESULTS.md "Share page render").
 */
export function formatNumber(v: number): string {
  if (Number.isSafeInteger(v) && !Object.is(v, -0)) return String(v).replace(/\B(?=(\d{3})+$)/g, ',');
  return NUMBER.format(v);
}

/** `{label: 'Lines changed', value: 1234}` -> `Lines changed: 1,234`; units: `42 ms`, `12%`. */
export function formatMetric(m: Metric): string {
  const value = formatNumber(m.value);
  const unit = !m.unit ? '' : m.unit === '%' ? '%' : ` ${m.unit}`;
  return `${m.label}: ${value}${unit}`;
}

/**
 * The card for `e`. Fields are picked one by one, so a `privateNote` (or any
 * unknown field) present at run time on the object passed in is dropped,
 * never spread into the output.
 */
export function toCard(e: PacketEvidence): PublicCard {
  return {
    id: e.id,
    source: e.source,
    kind: e.kind,
    role: e.role,
    title: e.title,
    occurredOn: e.occurredOn,
    competencies: [...e.competencies],
    url: e.url,
    href: e.url && isHttpUrl(e.url) ? e.url : null,
    claim: e.claim.trim(),
    impact: e.impact.trim(),
    metrics: e.metrics.map(formatMetric),
    people: [...e.people],
    ref: sourceRef(e),
  };
}

/**
 * The period a case covers, for people: `1 Jan 2026 to 30 Jun 2026`,
 * `Since 1 Jan 2026`, `Up to 30 Jun 2026` or `All time`.
 */
export function periodLabel(scope: Pick<ShareScope, 'from' | 'to'>): string {
  if (scope.from && scope.to) return `${formatDay(scope.from)} to ${formatDay(scope.to)}`;
  if (scope.from) return `Since ${formatDay(scope.from)}`;
  if (scope.to) return `Up to ${formatDay(scope.to)}`;
  return 'All time';
}

/**
 * The "as of" date (`YYYY-MM-DD`) of a case: the end of its period when that
 * is before the generation time, else the generation day. Quarters and the
 * "sustained" answer are computed relative to it.
 */
export function caseAsOf(scope: Pick<ShareScope, 'to'>, generatedAt: string): string {
  const today = generatedAt.slice(0, 10);
  return scope.to && scope.to < today ? scope.to : today;
}

/** The four weekly-log prompts, in the order the panel asks them. */
export const WEEKLY_PROMPTS = [
  { key: 'shipped', label: 'What did you ship?' },
  { key: 'decisions', label: 'What decisions did you make?' },
  { key: 'helped', label: 'Who did you help, and how?' },
  { key: 'impact', label: 'What was the impact?' },
] as const satisfies readonly { key: keyof WeeklyLog; label: string }[];

/** Display names of coverage strengths. */
export const STRENGTH_LABELS: Record<Strength, string> = {
  none: 'No evidence',
  thin: 'Thin',
  developing: 'Developing',
  strong: 'Strong',
};

/** `2026-W47` -> `Week 47, 2026 (16 Nov to 22 Nov)`; an invalid week id is returned unchanged. */
export function weekLabel(week: string): string {
  try {
    const { start, end } = isoWeekRange(week);
    const short = (d: string) => formatDay(d).replace(/ \d{4}$/, '');
    return `Week ${Number(week.slice(6))}, ${week.slice(0, 4)} (${short(start)} to ${short(end)})`;
  } catch {
    return week;
  }
}

/** One row of a compact timeline: a month with its count, or a run of empty months. */
export type TimelineRow =
  { kind: 'month'; month: string; count: number } | { kind: 'gap'; from: string; to: string; months: number };

/**
 * Monthly counts (`{month: 'YYYY-MM', count}` oldest first, as from
 * `monthlyCounts`) with every run of at least `minRun` empty months folded
 * into one `gap` row (`from`/`to` are its first and last `YYYY-MM`).
 */
export function compactTimeline(months: readonly { month: string; count: number }[], minRun = 3): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let i = 0;
  while (i < months.length) {
    const m = months[i] as { month: string; count: number };
    let j = i;
    while (j < months.length && (months[j] as { count: number }).count === 0) j += 1;
    if (j - i >= minRun) {
      rows.push({ kind: 'gap', from: m.month, to: (months[j - 1] as { month: string }).month, months: j - i });
      i = j;
    } else {
      rows.push({ kind: 'month', month: m.month, count: m.count });
      i += 1;
    }
  }
  return rows;
}

/** `2016-11` -> `Nov 2016`. */
export function shortMonth(month: string): string {
  return formatMonth(`${month}-01`).replace(/^(\w{3})\w*/, '$1');
}
