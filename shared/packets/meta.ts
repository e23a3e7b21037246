/**
 * Meta-style packet (E4 to E5): impact per half-year, sustained across
 * halves, within a word budget the user sets (default 1,000 words)
 * (docs/DESIGN.md, company presets). Pure.
 */
import type { PacketMarkdownInput } from '../packet';
import type { PeerQuote } from '../testimonials';
import { header, itemLine, md, preparePacket, quoteBlocks, quoteBullets, quotesAbout, sentence } from './common';
import { storySpan } from './stories';

/** Default word budget of the Meta-style packet. */
export const DEFAULT_WORD_BUDGET = 1000;

/** Words in Markdown text (runs of letters or digits; markup and URLs in `<...>` do not count). */
export function countWords(text: string): number {
  return (text.replace(/<[^>]*>/g, ' ').match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

/** `2026-10-14` -> `2026 H2`. */
export function halfOf(date: string): string {
  return `${date.slice(0, 4)} H${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;
}

/**
 * The case as a Meta-style packet (Markdown ending in a newline): one `##`
 * section per half-year, newest first, with its stories (impact first: the
 * outcome, then problem and approach, then the evidence) and then its other
 * items; a story belongs to the half of its latest evidence. Blocks are
 * added in that order until the next one would pass `wordBudget` words
 * (default 1,000, at least 100); shown peer quotes go beside their story or
 * item, and those not shown there (their evidence left out) under "What peers
 * say", within the budget too; what is left out is counted at the end.
 * Hidden testimonials never appear.
 */
export function metaPacket(input: PacketMarkdownInput, opts: { wordBudget?: number } = {}): string {
  const budget = Math.max(100, Math.floor(opts.wordBudget ?? DEFAULT_WORD_BUDGET));
  const p = preparePacket(input);
  const out = header(p, 'performance summary (impact per half)');
  out.push(`_Word budget: ${budget.toLocaleString('en-US')} words._`, '');
  let used = countWords(out.join('\n'));
  let left = 0;
  const quoted = new Set<PeerQuote>();
  const halves = [
    ...new Set([...p.stories.map((s) => halfOf(s.to ?? '')), ...p.loose.map((c) => halfOf(c.occurredOn))]),
  ]
    .sort()
    .reverse();
  for (const half of halves) {
    const blocks: { lines: string[]; quotes: PeerQuote[] }[] = [];
    for (const s of p.stories.filter((x) => halfOf(x.to ?? '') === half)) {
      const lines = [`### ${md.inline(s.title)}`, ''];
      if (s.outcome) lines.push(`**Impact.** ${sentence(s.outcome)}`, '');
      const how = [sentence(s.problem), sentence(s.approach)].filter(Boolean).join(' ');
      if (how) lines.push(`**How.** ${how}`, '');
      lines.push(`_${storySpan(s)}${s.scopeLabels.length ? ` · ${s.scopeLabels.join(', ')}` : ''}_`, '');
      lines.push(...s.items.flatMap((c) => itemLine(c)), '');
      const quotes = quotesAbout(p, s.evidenceIds);
      lines.push(...quoteBlocks(quotes));
      blocks.push({ lines, quotes });
    }
    const loose = p.loose.filter((c) => halfOf(c.occurredOn) === half);
    for (const c of loose) {
      const lines = itemLine(c);
      if (c.impact) lines.push(`  - Impact: ${md.block(c.impact, '    ')}`);
      const quotes = p.quotesOf.get(c.id) ?? [];
      lines.push(...quoteBullets(quotes));
      blocks.push({ lines, quotes });
    }
    const heading = [`## ${half}`, ''];
    let headed = false;
    for (const { lines: b, quotes } of blocks) {
      const words = countWords(b.join('\n')) + (headed ? 0 : countWords(heading.join('\n')));
      if (used + words > budget) {
        left += 1;
        continue;
      }
      if (!headed) out.push(...heading);
      headed = true;
      out.push(...b);
      if (b[b.length - 1] !== '') out.push('');
      used += words;
      for (const q of quotes) quoted.add(q);
    }
  }
  // Quotes not shown beside an entry above (their evidence left out or outside the packet), within the budget too.
  let peersHeaded = false;
  for (const q of p.quotes.filter((x) => !quoted.has(x))) {
    const b = quoteBlocks([q]);
    const words = countWords(b.join('\n')) + (peersHeaded ? 0 : countWords('What peers say'));
    if (used + words > budget) {
      left += 1;
      continue;
    }
    if (!peersHeaded) out.push('## What peers say', '');
    peersHeaded = true;
    out.push(...b);
    used += words;
  }
  if (left > 0)
    out.push(
      `_${left === 1 ? '1 entry' : `${left} entries`} left out to stay within ${budget.toLocaleString('en-US')} words._`,
      '',
    );
  return out.join('\n');
}
