/**
 * Amazon-style packet (SDE II to SDE III): stories told as prose under the
 * Leadership Principles they show, with organisational impact beyond the
 * team (docs/DESIGN.md, company presets). Pure.
 */
import type { PacketMarkdownInput } from '../packet';
import type { StoryScope } from '../schemas';
import { formatDay } from '../dates';
import { storySpan, type StoryView } from './stories';
import { md, header, preparePacket, quoteBlocks, quoteBullets, quotesAbout, sentence } from './common';
import type { PublicCard } from './cards';

/** The Leadership Principles the packet uses, in Amazon's order. */
export const LEADERSHIP_PRINCIPLES = [
  'Ownership',
  'Invent and Simplify',
  'Are Right, A Lot',
  'Hire and Develop the Best',
  'Insist on the Highest Standards',
  'Think Big',
  'Dive Deep',
  'Have Backbone; Disagree and Commit',
  'Earn Trust',
  'Deliver Results',
] as const;
export type LeadershipPrinciple = (typeof LEADERSHIP_PRINCIPLES)[number];

const BY_COMPETENCY: Record<string, LeadershipPrinciple> = {
  ownership: 'Ownership',
  ambiguity: 'Are Right, A Lot',
  multiplier: 'Hire and Develop the Best',
  'technical-leadership': 'Invent and Simplify',
  communication: 'Earn Trust',
  judgment: 'Have Backbone; Disagree and Commit',
};
const BY_SCOPE: Record<StoryScope, LeadershipPrinciple> = {
  'cross-team': 'Think Big',
  'org-wide': 'Think Big',
  architecture: 'Invent and Simplify',
  ambiguous: 'Dive Deep',
  incident: 'Insist on the Highest Standards',
  mentoring: 'Hire and Develop the Best',
};

/**
 * The principles a story shows: from its scope signals and its evidence's
 * competencies, plus Deliver Results when its outcome holds a number;
 * the first one is where the story is told, the others are named.
 */
export function principlesOf(s: Pick<StoryView, 'scope' | 'competencyIds' | 'outcome'>): LeadershipPrinciple[] {
  const found = new Set<LeadershipPrinciple>();
  for (const id of s.competencyIds) if (BY_COMPETENCY[id]) found.add(BY_COMPETENCY[id]!);
  for (const x of s.scope) found.add(BY_SCOPE[x]);
  if (/\d/.test(s.outcome)) found.add('Deliver Results');
  if (found.size === 0) found.add('Ownership');
  return LEADERSHIP_PRINCIPLES.filter((lp) => found.has(lp));
}

function listTitles(items: readonly PublicCard[]): string {
  return andList(items.map((c) => md.titleLink(c)));
}

function andList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The case as an Amazon-style packet (Markdown ending in a newline): one
 * `##` section per Leadership Principle that has a story or an item, each
 * story told once as a paragraph (situation, action, result, evidence) under
 * its first principle followed by the shown peer quotes about its items,
 * single items as short sentences under their competency's principle (each
 * with its quotes), and every shown quote under "What peers say". Hidden
 * testimonials never appear.
 */
export function amazonPacket(input: PacketMarkdownInput): string {
  const p = preparePacket(input);
  const out = header(p, 'promotion document (Leadership Principles)');
  const stories = new Map<LeadershipPrinciple, { story: StoryView; also: LeadershipPrinciple[] }[]>();
  for (const s of p.stories) {
    const [first, ...also] = principlesOf(s);
    stories.set(first!, [...(stories.get(first!) ?? []), { story: s, also }]);
  }
  const items = new Map<LeadershipPrinciple, PublicCard[]>();
  for (const c of p.loose) {
    const lp = c.competencies.map((id) => BY_COMPETENCY[id]).find(Boolean) ?? 'Deliver Results';
    items.set(lp, [...(items.get(lp) ?? []), c]);
  }
  for (const lp of LEADERSHIP_PRINCIPLES) {
    const told = stories.get(lp) ?? [];
    const single = items.get(lp) ?? [];
    if (told.length + single.length === 0) continue;
    out.push(`## ${lp}`, '');
    for (const { story: s, also } of told) {
      const parts = [
        `**${md.inline(s.title)}** (${storySpan(s)}).`,
        s.problem ? `The situation: ${sentence(s.problem)}` : '',
        s.approach ? `What I did: ${sentence(s.approach)}` : '',
        s.outcome ? `The result: ${sentence(s.outcome)}` : '',
        `The record: ${listTitles(s.items)}.`,
        also.length > 0 ? `This also shows ${andList(also)}.` : '',
      ];
      out.push(parts.filter(Boolean).join(' '), '', ...quoteBlocks(quotesAbout(p, s.evidenceIds)));
    }
    for (const c of single) {
      const what = c.claim ? ` ${sentence(c.claim)}` : '';
      const result = c.impact ? ` ${sentence(c.impact)}` : '';
      out.push(
        `- On ${formatDay(c.occurredOn)}, ${md.titleLink(c)}.${what}${result}`,
        ...quoteBullets(p.quotesOf.get(c.id)),
      );
    }
    if (single.length > 0) out.push('');
  }
  if (p.quotes.length > 0) out.push('## What peers say', '', ...quoteBlocks(p.quotes));
  return out.join('\n');
}
