/**
 * The Markdown promotion packet: the case as CommonMark/GFM to paste into a
 * promotion document. One renderer for both places it is made:
 * - the side panel's export ({@link casePacketMarkdown}, from the local
 *   evidence), and
 * - a share link's `GET /s/:token/packet.md` (the worker's `packetMarkdown`
 *   is a thin call into {@link renderPacketMarkdown}),
 * so the two never drift.
 *
 * User text is escaped so that it renders as the text the user typed: a
 * title cannot open a link, an image, raw HTML, a table cell or a heading,
 * cannot start a spreadsheet formula (`=HYPERLINK(...)`) and cannot spell a
 * `javascript:` URL. Private notes never appear: evidence is reduced to
 * public fields one by one ({@link toCard}) before anything is rendered.
 *
 * Pure: no DOM, no Workers APIs, no clock (`generatedAt` is passed in).
 */
import {
  buildCase,
  formatDay,
  formatMonth,
  KIND_LABELS,
  monthlyCounts,
  ROLE_LABELS,
  SOURCE_LABELS,
  type Strength,
} from './case';
import type { Rubric } from './rubric';
import type { Evidence, Kind, Metric, Role, ShareScope, Source, Story, WeeklyLog } from './schemas';
import { attribution, quotesByEvidence, type PeerQuote } from './testimonials';
import { isHttpUrl } from './url';
import { isoWeekRange } from './week';
import { storiesCiting, storiesForShare, STORY_QUESTIONS, type PublicStory } from './story';
import { storiesMarkdown, storyViews } from './packets/stories';

// ---------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------

/** URL schemes that must never be spelled out whole in the output, even as text. */
const DANGEROUS_SCHEME = /\b(javascript|vbscript|data|file):/gi;

/**
 * `text` escaped for use inside a Markdown paragraph, list item or table cell
 * (one line: newlines become spaces). Escapes `\ ` * _ [ ] < > | ~ &` (but
 * not the `>` of an arrow, `->` or `=>`), so no
 * emphasis, code span, link, image, raw HTML, entity, autolink or table cell
 * break can be formed; breaks GFM bare-URL autolinks (`https\://`, `www\.`)
 * and dangerous schemes (`javascript\:`); and escapes a leading `=`, `+`,
 * `-` or `@`, so a cell pasted into a spreadsheet is not a formula. Every
 * escape is a CommonMark backslash escape: the rendered text is unchanged.
 */
export function escapeMarkdownInline(text: string): string {
  let out = text.includes('\n') || text.includes('\r') ? text.replace(/\s*\r?\n\s*|\r/g, ' ') : text;
  // `>` only matters after an (escaped) `<` or at a line start: arrows (`->`, `=>`) read as typed.
  out = out.replace(/[\\`*_[\]<|~&]|(?<![-=])>/g, '\\$&');
  if (out.includes('://')) out = out.replace(/([A-Za-z][A-Za-z0-9+.-]*):\/\//g, '$1\\://');
  if (out.includes(':')) out = out.replace(DANGEROUS_SCHEME, '$1\\:');
  if (/www\./i.test(out)) out = out.replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`);
  return out.replace(/^([=+\-@#])/, '\\$1');
}

/**
 * Multi-line user `text` escaped as in {@link escapeMarkdownInline}, line by
 * line, keeping its line breaks: every line after the first is indented by
 * `indent` (so it stays inside the list item) and any block marker at its
 * start (`#`, `>`, `-`, `+`, `=`, `1.`) is escaped. Blank lines are dropped.
 */
export function escapeMarkdownBlock(text: string, indent: string): string {
  return text
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) =>
      escapeMarkdownInline(line)
        .replace(/^([#>+=-])/, '\\$1')
        .replace(/^(\d{1,9})([.)])/, '$1\\$2'),
    )
    .join(`  \n${indent}`);
}

/** An http(s) URL made safe as a `<...>` link destination (no spaces, angle brackets, backslashes or newlines). */
function linkDestination(url: string): string {
  return url.replace(/[\s<>\\]/g, (c) => encodeURIComponent(c));
}

// ---------------------------------------------------------------------------
// Evidence cards and labels
// ---------------------------------------------------------------------------

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

/** `{label: 'Lines changed', value: 1234}` -> `Lines changed: 1,234`; units: `42 ms`, `12%`. */
export function formatMetric(m: Metric): string {
  const value = NUMBER.format(m.value);
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

// ---------------------------------------------------------------------------
// The packet
// ---------------------------------------------------------------------------

/** How many items each calibration answer lists before "and N more". */
const SUMMARY_ITEMS = 5;

/** `[title](<url>)` for http(s) sources, the escaped title alone otherwise. */
function titleLink(card: PublicCard): string {
  const title = escapeMarkdownInline(card.title);
  return card.href ? `[${title}](<${linkDestination(card.href)}>)` : title;
}

function itemCount(n: number): string {
  return n === 1 ? '1 item' : `${n} items`;
}

function evidenceBullet(card: PublicCard): string[] {
  const facts = [
    formatDay(card.occurredOn),
    ROLE_LABELS[card.role],
    KIND_LABELS[card.kind],
    SOURCE_LABELS[card.source],
  ];
  if (card.ref) facts.push(escapeMarkdownInline(card.ref));
  const lines = [`- **${titleLink(card)}** · ${facts.join(' · ')}`];
  if (card.claim) lines.push(`  - **Claim:** ${escapeMarkdownBlock(card.claim, '    ')}`);
  if (card.impact) lines.push(`  - **Impact:** ${escapeMarkdownBlock(card.impact, '    ')}`);
  if (card.metrics.length > 0) lines.push(`  - **Metrics:** ${card.metrics.map(escapeMarkdownInline).join('; ')}`);
  if (card.people.length > 0) lines.push(`  - **With:** ${card.people.map(escapeMarkdownInline).join(', ')}`);
  return lines;
}

/** What {@link renderPacketMarkdown} renders: evidence and logs already chosen by the caller. */
export interface PacketMarkdownInput {
  /** Owner's display name. */
  ownerName: string;
  /** A share's label, e.g. "H1 calibration"; absent for the panel's own export. */
  label?: string;
  /** Period (`YYYY-MM-DD`, inclusive) and competencies the case covers; only labels and sections, no filtering. */
  scope: Pick<ShareScope, 'from' | 'to' | 'competencies'>;
  rubric: Rubric;
  /** The evidence to show, any order (a `privateNote` on it is never read). */
  evidence: readonly PacketEvidence[];
  /** Weekly logs to show (none: no section). */
  weeklyLogs: readonly WeeklyLog[];
  /** ISO time the packet is generated. */
  generatedAt: string;
  /** Stories to lead with (public: no private note), each listing only evidence in `evidence`; none: no section. */
  stories?: readonly PublicStory[];
  /** Shown peer testimonials (hidden ones must not be passed): "What peers say" and a quote beside each item. */
  testimonials?: readonly PeerQuote[];
}

/** A peer quote as Markdown sub-bullet lines (`  - **Peer:** “text” (name, relationship)`), escaped. */
export function peerBullets(quotes: readonly PeerQuote[] | undefined): string[] {
  return (quotes ?? []).map(
    (q) => `  - **Peer:** “${escapeMarkdownBlock(q.text, '    ')}” (${escapeMarkdownInline(attribution(q))})`,
  );
}

/** A peer quote as a Markdown block quote (`> text`, `>`, `> — name, relationship`, blank line), escaped. */
export function peerQuoteBlock(q: PeerQuote): string[] {
  return [`> ${escapeMarkdownBlock(q.text, '> ')}`, '>', `> — ${escapeMarkdownInline(attribution(q))}`, ''];
}

/** The Markdown tools the story section and the packet formats share. */
export const MARKDOWN_TOOLS = { inline: escapeMarkdownInline, block: escapeMarkdownBlock, titleLink };

/**
 * The case as Markdown (UTF-8 text ending in a newline): title with owner;
 * label (when given), rubric, period and item count; the stories (see
 * shared/packets/stories.ts), when any; the calibration summary
 * (each of the committee's questions answered from the evidence, with up to
 * 5 items); a coverage table; one `##` section per competency in rubric order
 * (only `scope.competencies` when given) with one bullet per evidence item
 * (title linked when its URL is http(s), date, role, kind, source, then
 * claim, impact, metrics and people as sub-bullets); "Untagged"; weekly logs
 * when given (newest first); a monthly timeline. Quarters are counted as of
 * the end of the period, or the generation day when that is earlier.
 */
export function renderPacketMarkdown(input: PacketMarkdownInput): string {
  const cards = input.evidence.map(toCard);
  const asOf = caseAsOf(input.scope, input.generatedAt);
  const view = buildCase(cards, input.rubric, asOf);
  const scoped = input.scope.competencies;
  const groups = scoped && scoped.length > 0 ? view.groups.filter((g) => scoped.includes(g.competencyId)) : view.groups;
  const out: string[] = [];

  out.push(`# ${escapeMarkdownInline(input.ownerName)}: promotion case`, '');
  const facts = [
    `Rubric: ${escapeMarkdownInline(input.rubric.name)}`,
    `Period: ${periodLabel(input.scope)}`,
    itemCount(cards.length),
  ];
  if (input.label !== undefined) facts.unshift(`**${escapeMarkdownInline(input.label)}**`);
  out.push(facts.join(' · '), '');
  out.push(`Generated ${formatDay(input.generatedAt.slice(0, 10))} by Casebook. Private notes are never included.`, '');

  const stories = storyViews(input.stories ?? [], cards, input.rubric).filter((v) => !v.empty);
  out.push(...storiesMarkdown(stories, MARKDOWN_TOOLS));

  out.push('## Calibration summary', '');
  for (const a of view.calibration.answers) {
    out.push(`### ${a.question}`, '', escapeMarkdownInline(a.answer), '');
    // Stories first: the committee weighs one piece of senior-sized work above single items.
    const cited = STORY_QUESTIONS.includes(a.id)
      ? storiesCiting(
          stories,
          a.evidence.map((e) => e.id),
        )
      : [];
    for (const v of cited) out.push(`- Story: **${escapeMarkdownInline(v.title)}** (${itemCount(v.items.length)})`);
    if (cited.length > 0 && a.evidence.length === 0) out.push('');
    const shown = a.evidence.slice(0, SUMMARY_ITEMS);
    for (const e of shown) out.push(`- ${titleLink(e)} (${formatDay(e.occurredOn)})`);
    if (a.evidence.length > shown.length) out.push(`- and ${a.evidence.length - shown.length} more below`);
    if (shown.length > 0) out.push('');
  }

  out.push('### Coverage', '', '| Competency | Items | Latest | Strength |', '| --- | ---: | --- | --- |');
  for (const c of view.coverage) {
    if (!groups.some((g) => g.competencyId === c.competencyId)) continue;
    out.push(
      `| ${escapeMarkdownInline(c.name)} | ${c.count} | ${c.lastOn ? formatDay(c.lastOn) : '–'} | ${STRENGTH_LABELS[c.strength]} |`,
    );
  }
  out.push('');

  // Hidden testimonials must not be passed at all; one that slips through (a `hidden: true` record) is still dropped.
  const quotes = (input.testimonials ?? []).filter((q) => (q as { hidden?: unknown }).hidden !== true);
  const byEvidence = quotesByEvidence(quotes);
  if (quotes.length > 0) {
    out.push('## What peers say', '');
    for (const q of quotes) out.push(...peerQuoteBlock(q));
  }

  for (const g of groups) {
    out.push(`## ${escapeMarkdownInline(g.name)} (${itemCount(g.items.length)})`, '');
    const description = input.rubric.competencies.find((c) => c.id === g.competencyId)?.description;
    if (description) out.push(`_${escapeMarkdownInline(description)}_`, '');
    if (g.items.length === 0) out.push('No evidence in this period.', '');
    for (const card of g.items) out.push(...evidenceBullet(card), ...peerBullets(byEvidence.get(card.id)));
    if (g.items.length > 0) out.push('');
  }

  if (view.untagged.length > 0) {
    out.push(`## Untagged (${itemCount(view.untagged.length)})`, '');
    for (const card of view.untagged) out.push(...evidenceBullet(card), ...peerBullets(byEvidence.get(card.id)));
    out.push('');
  }

  if (input.weeklyLogs.length > 0) {
    out.push('## Weekly logs', '');
    for (const log of [...input.weeklyLogs].sort((a, b) => (a.week < b.week ? 1 : -1))) {
      out.push(`### ${weekLabel(log.week)}`, '');
      const answered = WEEKLY_PROMPTS.filter((p) => log[p.key].trim() !== '');
      if (answered.length === 0) out.push('Nothing written this week.');
      for (const p of answered) out.push(`- **${p.label}** ${escapeMarkdownBlock(log[p.key], '  ')}`);
      out.push('');
    }
  }

  const months = monthlyCounts(cards);
  if (months.length > 0) {
    out.push('## Timeline', '');
    for (const row of compactTimeline(months)) {
      out.push(
        row.kind === 'gap'
          ? `- ${shortMonth(row.from)} to ${shortMonth(row.to)}: no evidence (${row.months} months)`
          : `- ${shortMonth(row.month)}: ${itemCount(row.count)}`,
      );
    }
    out.push('');
  }

  return out.join('\n');
}

/** Input of {@link casePacketMarkdown}: the panel's export. */
export interface CasePacketInput {
  ownerName: string;
  rubric: Rubric;
  /** The user's evidence (private notes are stripped; deleted items and items outside `from`/`to` are left out). */
  evidence: readonly Evidence[];
  /** Weekly logs to include (deleted ones and weeks entirely outside `from`/`to` are left out); none: no section. */
  weeklyLogs?: readonly WeeklyLog[];
  /** First day of the period (`YYYY-MM-DD`, inclusive); none: from the start. */
  from?: string;
  /** Last day of the period (`YYYY-MM-DD`, inclusive); none: up to now. */
  to?: string;
  /** ISO time of the export. */
  generatedAt: string;
  /** The user's stories (private notes stripped; deleted ones left out; each shows only its evidence in the period). */
  stories?: readonly Story[];
  /** Shown peer testimonials (see {@link PacketMarkdownInput}). */
  testimonials?: readonly PeerQuote[];
}

/**
 * The promotion packet the engineer exports from the panel, as Markdown (see
 * {@link renderPacketMarkdown} for the layout): non-deleted evidence dated
 * within `from`..`to`, private notes never included, the calibration
 * questions answered first, then each competency of `rubric` with its
 * evidence. Never reads a clock.
 */
export function casePacketMarkdown(input: CasePacketInput): string {
  return renderPacketMarkdown(casePacketInput(input));
}

/**
 * The packet input of the panel's export (see {@link casePacketMarkdown}):
 * live evidence and weekly logs in the period, stories with only their
 * evidence in it and without private notes. For the other packet formats
 * (shared/packets/index.ts `renderPacket`).
 */
export function casePacketInput(input: CasePacketInput): PacketMarkdownInput {
  const { from, to } = input;
  const inPeriod = (d: string) => (!from || d >= from) && (!to || d <= to);
  const evidence = input.evidence.filter((e) => e.deletedAt === null && inPeriod(e.occurredOn));
  const weeklyLogs = (input.weeklyLogs ?? []).filter((log) => {
    if (log.deletedAt !== null) return false;
    try {
      const { start, end } = isoWeekRange(log.week);
      return (!from || end >= from) && (!to || start <= to);
    } catch {
      return false;
    }
  });
  return {
    ownerName: input.ownerName,
    scope: { from, to },
    rubric: input.rubric,
    evidence,
    weeklyLogs,
    generatedAt: input.generatedAt,
    stories: storiesForShare(input.stories ?? [], new Set(evidence.map((e) => e.id))),
    ...(input.testimonials ? { testimonials: input.testimonials } : {}),
  };
}
