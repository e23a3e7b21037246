/**
 * The Markdown promotion packet: the case as CommonMark/GFM to paste into a
 * promotion document. One renderer for both places it is made:
 * - the side panel's export ({@link casePacketMarkdown}, from the local
 *   evidence), and
 * - a share link's `GET /s/:token/packet.md` (the worker's `packetMarkdown`
 *   is a thin call into {@link renderPacketMarkdown}),
 * so the two never drift.
 *
 * User text is escaped (shared/packets/markdown.ts) so that it renders as the
 * text the user typed. Private notes never appear: evidence is reduced to
 * public fields one by one (`toCard`, shared/packets/cards.ts) before anything
 * is rendered. This module is also the entry for those two: their names are
 * re-exported here.
 *
 * Pure: no DOM, no Workers APIs, no clock (`generatedAt` is passed in).
 */
import { buildCase, KIND_LABELS, monthlyCounts, ROLE_LABELS, SOURCE_LABELS } from './case';
import { formatDay, isoWeekRange } from './dates';
import type { Rubric } from './rubric';
import type { Evidence, ShareScope, Story, WeeklyLog } from './schemas';
import { quotesByEvidence, type PeerQuote } from './testimonials';
import { storiesCiting, storiesForShare, STORY_QUESTIONS, type PublicStory } from './story';
import {
  caseAsOf,
  compactTimeline,
  periodLabel,
  shortMonth,
  STRENGTH_LABELS,
  toCard,
  WEEKLY_PROMPTS,
  weekLabel,
  type PacketEvidence,
  type PublicCard,
} from './packets/cards';
import {
  escapeMarkdownBlock,
  escapeMarkdownInline,
  MARKDOWN_TOOLS,
  peerBullets,
  peerQuoteBlock,
  titleLink,
} from './packets/markdown';
import { storiesMarkdown, storyViews } from './packets/stories';

// The cards, labels and Markdown pieces, under the names importers have always used.
export * from './packets/cards';
export * from './packets/markdown';

// ---------------------------------------------------------------------------
// The packet
// ---------------------------------------------------------------------------

/** How many items each calibration answer lists before "and N more". */
const SUMMARY_ITEMS = 5;

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
