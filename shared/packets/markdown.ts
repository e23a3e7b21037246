/**
 * Markdown escaping and the small Markdown pieces every packet format shares
 * (title links, peer quotes). User text is escaped so that it renders as the
 * text the user typed: a title cannot open a link, an image, raw HTML, a table
 * cell or a heading, cannot start a spreadsheet formula (`=HYPERLINK(...)`)
 * and cannot spell a `javascript:` URL. Pure.
 */
import { attribution, type PeerQuote } from '../testimonials';
import type { PublicCard } from './cards';

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

/** `[title](<url>)` for http(s) sources, the escaped title alone otherwise. */
export function titleLink(card: PublicCard): string {
  const title = escapeMarkdownInline(card.title);
  return card.href ? `[${title}](<${linkDestination(card.href)}>)` : title;
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
