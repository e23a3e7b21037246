/**
 * Stories as every reader of a case shows them (case view, share page,
 * packet formats): each story with its evidence cards in timeline order, the
 * competencies of that evidence, its people and scope signals; and the
 * Markdown "Stories" section the packets lead with.
 *
 * Input stories are public (no private note: see shared/story.ts
 * `storiesForShare`); cards are public by construction (`toCard`). Pure.
 */
import type { Rubric } from '../rubric';
import type { StoryScope } from '../schemas';
import { SCOPE_LABELS, sortStories, storyCompetencies, storyTimeline, type PublicStory } from '../story';
import { KIND_LABELS } from '../case';
import { formatDay } from '../dates';
import type { PublicCard } from './cards';
import { competencyNames } from '../competency-names';

/** One story ready to render. `items` in timeline order; `empty` when none of its evidence is shown. */
export interface StoryView {
  id: string;
  title: string;
  problem: string;
  approach: string;
  outcome: string;
  scope: StoryScope[];
  /** Display names of the scope signals. */
  scopeLabels: string[];
  items: PublicCard[];
  /** Ids of the shown items (timeline order). */
  evidenceIds: string[];
  /** Ids of the competencies of its evidence (union), and their names in the rubric (unknown ids by id). */
  competencyIds: string[];
  competencies: string[];
  /** People its evidence names, first seen first. */
  people: string[];
  /** First and last `occurredOn` of its items (`YYYY-MM-DD`), null when empty. */
  from: string | null;
  to: string | null;
  /** Evidence ids linked but not shown (deleted, or outside a share's scope). */
  missing: number;
  empty: boolean;
}

/**
 * Views of `stories` over `cards` (the evidence being shown), newest work
 * first. Every story is kept, an empty one too (`empty: true`): callers that
 * must show only stories with visible evidence filter first
 * (`storiesForShare`).
 */
export function storyViews(stories: readonly PublicStory[], cards: readonly PublicCard[], rubric: Rubric): StoryView[] {
  const byId = new Map(cards.map((c) => [c.id, c]));
  const names = competencyNames(rubric);
  return sortStories(stories, byId).map((s) => {
    const { items, missing } = storyTimeline(s, byId);
    const competencyIds = storyCompetencies(items);
    const seen = new Map<string, string>();
    for (const p of items.flatMap((c) => c.people)) if (!seen.has(p.toLowerCase())) seen.set(p.toLowerCase(), p);
    const dates = items.map((c) => c.occurredOn).sort();
    return {
      id: s.id,
      title: s.title,
      problem: s.problem.trim(),
      approach: s.approach.trim(),
      outcome: s.outcome.trim(),
      scope: [...s.scope],
      scopeLabels: s.scope.map((x) => SCOPE_LABELS[x]),
      items,
      evidenceIds: items.map((c) => c.id),
      competencyIds,
      competencies: competencyIds.map((id) => names.get(id) ?? id),
      people: [...seen.values()],
      from: dates[0] ?? null,
      to: dates[dates.length - 1] ?? null,
      missing,
      empty: items.length === 0,
    };
  });
}

/** `5 Oct 2026 to 14 Oct 2026`, one day alone, or `No evidence shown`. */
export function storySpan(v: Pick<StoryView, 'from' | 'to'>): string {
  if (!v.from || !v.to) return 'No evidence shown';
  return v.from === v.to ? formatDay(v.from) : `${formatDay(v.from)} to ${formatDay(v.to)}`;
}

/** One line of facts: span, scope signals, competencies, people. */
export function storyFacts(v: StoryView): string[] {
  const facts = [storySpan(v)];
  if (v.scopeLabels.length > 0) facts.push(`Scope: ${v.scopeLabels.join(', ')}`);
  if (v.competencies.length > 0) facts.push(`Competencies: ${v.competencies.join(', ')}`);
  if (v.people.length > 0) facts.push(`With: ${v.people.join(', ')}`);
  return facts;
}

/** Escapers and link formatting the Markdown section needs (passed in by shared/packet.ts to avoid an import cycle). */
export interface MarkdownTools {
  inline: (text: string) => string;
  block: (text: string, indent: string) => string;
  titleLink: (card: PublicCard) => string;
}

/**
 * The `## Stories` Markdown section: per story a `###` title, its facts line,
 * problem, approach and outcome, and its evidence as a numbered timeline.
 * Empty when there are no stories.
 */
export function storiesMarkdown(views: readonly StoryView[], md: MarkdownTools): string[] {
  if (views.length === 0) return [];
  const out = ['## Stories', ''];
  for (const v of views) {
    out.push(`### ${md.inline(v.title)}`, '', `_${storyFacts(v).map(md.inline).join(' · ')}_`, '');
    for (const [label, text] of [
      ['Problem', v.problem],
      ['Approach', v.approach],
      ['Outcome', v.outcome],
    ] as const) {
      if (text) out.push(`**${label}.** ${md.block(text, '')}`, '');
    }
    if (v.empty) out.push('No evidence left in this story.', '');
    v.items.forEach((c, i) => {
      out.push(`${i + 1}. ${md.titleLink(c)} · ${formatDay(c.occurredOn)} · ${KIND_LABELS[c.kind]}`);
    });
    if (v.items.length > 0) out.push('');
  }
  return out;
}
