/**
 * The Markdown packet behind a share link (`GET /s/:token/packet.md`): the
 * same case as the share page, as CommonMark/GFM to paste into a promotion
 * document. User text is escaped so that it renders as the text the user
 * typed: a title cannot open a link, an image, raw HTML, a table cell or a
 * heading. Private notes cannot appear (evidence goes through `toCard`).
 */
import { buildCase, formatDay, KIND_LABELS, monthlyCounts, ROLE_LABELS, SOURCE_LABELS } from '../../shared/case';
import {
  compactTimeline,
  periodLabel,
  shareAsOf,
  shortMonth,
  STRENGTH_LABELS,
  toCard,
  WEEKLY_PROMPTS,
  weekLabel,
  type EvidenceCard,
} from './common';
import type { ShareCaseInput } from './types';

/** How many items each calibration answer lists before "and N more". */
const SUMMARY_ITEMS = 5;

/**
 * `text` escaped for use inside a Markdown paragraph, list item or table cell
 * (one line: newlines become spaces). Escapes `\ ` * _ [ ] < > | ~`, so no
 * emphasis, code span, link, image, raw HTML, autolink or table cell break
 * can be formed, and breaks GFM bare-URL autolinks (`https\://`, `www\.`).
 */
export function escapeMarkdownInline(text: string): string {
  let out = text.includes('\n') ? text.replace(/\s*\r?\n\s*/g, ' ') : text;
  out = out.replace(/[\\`*_[\]<>|~]/g, '\\$&');
  if (out.includes('://')) out = out.replace(/([A-Za-z][A-Za-z0-9+.-]*):\/\//g, '$1\\://');
  if (/www\./i.test(out)) out = out.replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`);
  return out;
}

/**
 * Multi-line user `text` escaped as in {@link escapeMarkdownInline}, line by
 * line, keeping its line breaks: every line after the first is indented by
 * `indent` (so it stays inside the list item) and any block marker at its
 * start (`#`, `>`, `-`, `+`, `=`, `1.`) is escaped. Blank lines are dropped.
 */
export function escapeMarkdownBlock(text: string, indent: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) =>
      escapeMarkdownInline(line)
        .replace(/^([#>+=-])/, '\\$1')
        .replace(/^(\d{1,9})([.)])/, '$1\\$2'),
    )
    .join(`  \n${indent}`);
}

/** An http(s) URL made safe as a `<...>` link destination (no spaces, angle brackets or newlines). */
function linkDestination(url: string): string {
  return url.replace(/[\s<>]/g, (c) => encodeURIComponent(c));
}

/** `[title](<url>)` for http(s) sources, the escaped title alone otherwise. */
function titleLink(card: EvidenceCard): string {
  const title = escapeMarkdownInline(card.title);
  return card.href ? `[${title}](<${linkDestination(card.href)}>)` : title;
}

function itemCount(n: number): string {
  return n === 1 ? '1 item' : `${n} items`;
}

function evidenceBullet(card: EvidenceCard): string[] {
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

/**
 * The share's case as Markdown (UTF-8 text ending in a newline): title with
 * owner and label; rubric, period and item count; the calibration summary
 * (each answer with up to 5 items); a coverage table; one `##` section per
 * competency in rubric order (restricted to the share's competencies when
 * scoped) with one bullet per evidence item (title linked when its URL is
 * http(s), date, role, kind, source, then claim, impact, metrics and people
 * as sub-bullets); "Untagged"; weekly logs when given; a monthly timeline.
 */
export function packetMarkdown(input: ShareCaseInput): string {
  const cards = input.evidence.map(toCard);
  const asOf = shareAsOf(input);
  const view = buildCase(cards, input.rubric, asOf);
  const scoped = input.scope.competencies;
  const groups = scoped && scoped.length > 0 ? view.groups.filter((g) => scoped.includes(g.competencyId)) : view.groups;
  const out: string[] = [];

  out.push(`# ${escapeMarkdownInline(input.ownerName)}: promotion case`, '');
  out.push(
    `**${escapeMarkdownInline(input.label)}** · Rubric: ${escapeMarkdownInline(input.rubric.name)} · Period: ${periodLabel(input.scope)} · ${itemCount(cards.length)}`,
    '',
  );
  out.push(`Generated ${formatDay(input.generatedAt.slice(0, 10))} by Casebook. Private notes are never included.`, '');

  out.push('## Calibration summary', '');
  for (const a of view.calibration.answers) {
    out.push(`### ${a.question}`, '', escapeMarkdownInline(a.answer), '');
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

  for (const g of groups) {
    out.push(`## ${escapeMarkdownInline(g.name)} (${itemCount(g.items.length)})`, '');
    const description = input.rubric.competencies.find((c) => c.id === g.competencyId)?.description;
    if (description) out.push(`_${escapeMarkdownInline(description)}_`, '');
    if (g.items.length === 0) out.push('No evidence in this period.', '');
    for (const card of g.items) out.push(...evidenceBullet(card));
    if (g.items.length > 0) out.push('');
  }

  if (view.untagged.length > 0) {
    out.push(`## Untagged (${itemCount(view.untagged.length)})`, '');
    for (const card of view.untagged) out.push(...evidenceBullet(card));
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
