/**
 * What every packet format reads: the case's cards, its stories (as views),
 * the items no story holds and the shown peer quotes, plus small Markdown
 * helpers. Pure.
 */
import type { Rubric } from '../rubric';
import { KIND_LABELS, sortNewestFirst } from '../case';
import { formatDay } from '../dates';
import {
  MARKDOWN_TOOLS,
  peerBullets,
  peerQuoteBlock,
  periodLabel,
  toCard,
  type PublicCard,
  type PacketMarkdownInput,
} from '../packet';
import { quotesByEvidence, type PeerQuote } from '../testimonials';
import { storyViews, type StoryView } from './stories';

/** The packet formats (docs/DESIGN.md "Stories" and the company presets). */
export const PACKET_FORMATS = ['senior', 'google', 'amazon', 'meta'] as const;
export type PacketFormat = (typeof PACKET_FORMATS)[number];

/** Options of a format: `wordBudget` (Meta-style only; default 1,000 words). */
export interface PacketOptions {
  wordBudget?: number;
}

/** The case prepared once for a format. */
export interface PacketCase {
  input: PacketMarkdownInput;
  cards: PublicCard[];
  /** Stories with shown evidence, newest work first. */
  stories: StoryView[];
  /** Cards in no shown story, newest first. */
  loose: PublicCard[];
  rubric: Rubric;
  /** Shown peer testimonials, in the order given ("What peers say"). */
  quotes: PeerQuote[];
  /** The shown quotes about each evidence id. */
  quotesOf: Map<string, PeerQuote[]>;
}

/** Prepares `input` for a format: cards, story views (non-empty only) and the items outside stories. */
export function preparePacket(input: PacketMarkdownInput): PacketCase {
  const cards = sortNewestFirst(input.evidence.map(toCard));
  const stories = storyViews(input.stories ?? [], cards, input.rubric).filter((v) => !v.empty);
  const inStory = new Set(stories.flatMap((s) => s.evidenceIds));
  // Hidden testimonials must not be passed at all; one that slips through (a `hidden: true` record) is still dropped.
  const quotes = (input.testimonials ?? []).filter((q) => (q as { hidden?: unknown }).hidden !== true);
  return {
    input,
    cards,
    stories,
    loose: cards.filter((c) => !inStory.has(c.id)),
    rubric: input.rubric,
    quotes,
    quotesOf: quotesByEvidence(quotes),
  };
}

/** The shown quotes about any of `ids`, each once, first mention first. */
export function quotesAbout(p: PacketCase, ids: readonly string[]): PeerQuote[] {
  return [...new Set(ids.flatMap((id) => p.quotesOf.get(id) ?? []))];
}

/** Peer quotes as sub-bullets (`  - **Peer:** “text” (name, relationship)`), escaped as in the default packet. */
export const quoteBullets = peerBullets;

/** Peer quotes as block quotes (`> text` / `> — name, relationship`), escaped as in the default packet. */
export function quoteBlocks(quotes: readonly PeerQuote[]): string[] {
  return quotes.flatMap(peerQuoteBlock);
}

export const md = MARKDOWN_TOOLS;

/** The packet's title block: `# Owner: <heading>`, the facts line and the privacy line. */
export function header(p: PacketCase, heading: string): string[] {
  const facts = [`Period: ${periodLabel(p.input.scope)}`, p.cards.length === 1 ? '1 item' : `${p.cards.length} items`];
  if (p.stories.length > 0) facts.push(p.stories.length === 1 ? '1 story' : `${p.stories.length} stories`);
  if (p.input.label !== undefined) facts.unshift(`**${md.inline(p.input.label)}**`);
  return [
    `# ${md.inline(p.input.ownerName)}: ${heading}`,
    '',
    facts.join(' · '),
    '',
    `Generated ${formatDay(p.input.generatedAt.slice(0, 10))} by Casebook. Private notes are never included.`,
    '',
  ];
}

/** `- [title](<url>) · 5 Oct 2026 · Design doc` plus the claim as a sub-bullet when `withClaim`. */
export function itemLine(c: PublicCard, withClaim = false): string[] {
  const lines = [`- ${md.titleLink(c)} · ${formatDay(c.occurredOn)} · ${KIND_LABELS[c.kind]}`];
  if (withClaim && c.claim) lines.push(`  - ${md.block(c.claim, '    ')}`);
  return lines;
}

/** Sentence-cased text ending in a full stop (for prose), escaped. Empty in, empty out. */
export function sentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (!t) return '';
  return md.inline(/[.!?]$/.test(t) ? t : `${t}.`);
}
