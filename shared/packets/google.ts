/**
 * Google-style packet (L4 to L5): project summaries, each with its design
 * docs and peer input, then the rest of the work; design docs and peer
 * reviews weigh heavily in that framing (docs/DESIGN.md, company presets). Pure.
 */
import type { PacketMarkdownInput } from '../packet';
import { storyFacts } from './stories';
import { header, itemLine, md, preparePacket, quoteBlocks, quoteBullets, quotesAbout, sentence } from './common';

/**
 * The case as a Google-style promotion packet (Markdown ending in a
 * newline): "Project summaries" (one per story: summary, design docs,
 * launches, peer input, the shown peer quotes about its items), "Other
 * contributions" (items in no story, design docs first, each with its
 * quotes), "Peer input" (reviews given, people worked with, every shown
 * quote under "What peers say"). Hidden testimonials never appear.
 */
export function googlePacket(input: PacketMarkdownInput): string {
  const p = preparePacket(input);
  const out = header(p, 'promotion packet (project summaries)');
  out.push('## Project summaries', '');
  if (p.stories.length === 0)
    out.push('No stories yet: group related evidence into a story to summarise a project.', '');
  for (const s of p.stories) {
    out.push(`### ${md.inline(s.title)}`, '', `_${storyFacts(s).map(md.inline).join(' · ')}_`, '');
    const summary = [sentence(s.problem), sentence(s.approach), sentence(s.outcome)].filter(Boolean).join(' ');
    if (summary) out.push(`**Summary.** ${summary}`, '');
    const docs = s.items.filter((c) => c.kind === 'design-doc');
    const shipped = s.items.filter((c) => c.kind !== 'design-doc' && c.kind !== 'code-review');
    const reviews = s.items.filter((c) => c.kind === 'code-review');
    if (docs.length > 0) out.push('**Design docs**', '', ...docs.flatMap((c) => itemLine(c, true)), '');
    if (shipped.length > 0) out.push('**Launched through**', '', ...shipped.flatMap((c) => itemLine(c)), '');
    const quotes = quotesAbout(p, s.evidenceIds);
    if (reviews.length + s.people.length > 0) {
      out.push('**Peer input**', '');
      if (s.people.length > 0) out.push(`- Worked with ${s.people.map(md.inline).join(', ')}`);
      for (const c of reviews) out.push(...itemLine(c, true));
      out.push('');
    }
    if (quotes.length > 0) out.push('**What peers say**', '', ...quoteBlocks(quotes));
  }
  out.push('## Other contributions', '');
  const rest = [...p.loose].sort((a, b) => Number(b.kind === 'design-doc') - Number(a.kind === 'design-doc'));
  if (rest.length === 0) out.push('Everything is part of a project above.', '');
  else out.push(...rest.flatMap((c) => [...itemLine(c, true), ...quoteBullets(p.quotesOf.get(c.id))]), '');
  const reviews = p.cards.filter((c) => c.kind === 'code-review' || c.role === 'reviewer');
  const people = [...new Set(p.cards.flatMap((c) => c.people))];
  out.push('## Peer input', '');
  out.push(`- Code reviews given: ${reviews.length}`);
  if (people.length > 0) out.push(`- Worked with: ${people.map(md.inline).join(', ')}`);
  out.push('');
  if (p.quotes.length > 0) out.push('### What peers say', '', ...quoteBlocks(p.quotes));
  return out.join('\n');
}
