/**
 * The share page's model: what the page shows, computed once from a loaded
 * share (`ShareCaseInput`). Evidence becomes public cards field by field
 * (`toCard`), so private notes cannot reach the markup.
 *
 * Only the parts of the case the page shows are computed: the competency
 * groups, the untagged items, coverage and the calibration answers (the same
 * functions `buildCase` in shared/case/ calls, on the same newest-first
 * order), not the consistency table, gaps or streak, which the page never
 * shows (the digest does).
 */
import {
  calibrationSummary,
  coverage,
  groupByCompetency,
  sortNewestFirst,
  untaggedItems,
  type CalibrationAnswer,
  type CompetencyCoverage,
  type CompetencyGroup,
} from '../../../shared/case';
import { storyViews, type StoryView } from '../../../shared/packets/stories';
import { quotesByEvidence, type PeerQuote } from '../../../shared/testimonials';
import { shareAsOf, toCard, type PublicCard } from '../common';
import type { ShareCaseInput } from '../types';
import { competencyNames } from '../../../shared/competency-names';

/** Everything the share page shows, computed once by {@link shareModel}. */
export interface ShareModel {
  input: ShareCaseInput;
  /** Every shared item as a public card, in the order given. */
  cards: PublicCard[];
  /** The case's "as of" day (`YYYY-MM-DD`, see `shareAsOf`). */
  asOf: string;
  /** One group per shown competency (the share's competencies when scoped), rubric order, newest first inside. */
  groups: CompetencyGroup<PublicCard>[];
  /** Items mapped to no competency of the rubric, newest first. */
  untagged: PublicCard[];
  /** Coverage rows of the shown competencies. */
  coverageRows: CompetencyCoverage[];
  /** The calibration questions with their answers and evidence. */
  answers: CalibrationAnswer<PublicCard>[];
  /** Competency id to name, from the rubric. */
  names: ReadonlyMap<string, string>;
  /** Card id to the group holding its `#ev-ID` anchor (its first shown competency; '' for "Untagged"). */
  firstGroup: Map<string, string>;
  /** Ids of the cards with an anchor on the page. */
  anchors: Set<string>;
  /** The shared stories that cite at least one shown item. */
  stories: StoryView[];
  /** The testimonials shared with the case (possibly none). */
  quotes: PeerQuote[];
  /** Evidence id to the testimonials quoting it. */
  quotesOf: Map<string, PeerQuote[]>;
}

/** The model of the share page for `input` (pure; see {@link ShareModel}). */
export function shareModel(input: ShareCaseInput): ShareModel {
  const cards = input.evidence.map(toCard);
  const asOf = shareAsOf(input);
  const sorted = sortNewestFirst(cards);
  const allGroups = groupByCompetency(sorted, input.rubric);
  const untagged = untaggedItems(sorted, input.rubric);
  const scoped = input.scope.competencies;
  const groups = scoped && scoped.length > 0 ? allGroups.filter((g) => scoped.includes(g.competencyId)) : allGroups;
  const coverageRows = coverage(sorted, input.rubric).filter((c) =>
    groups.some((g) => g.competencyId === c.competencyId),
  );
  const names = competencyNames(input.rubric);

  // Each card gets its anchor (`#ev-ID`) where it first appears: its first shown competency, else "Untagged".
  const firstGroup = new Map<string, string>();
  for (const g of groups) for (const c of g.items) if (!firstGroup.has(c.id)) firstGroup.set(c.id, g.competencyId);
  for (const c of untagged) if (!firstGroup.has(c.id)) firstGroup.set(c.id, '');

  const quotes = input.testimonials ?? [];
  return {
    input,
    cards,
    asOf,
    groups,
    untagged,
    coverageRows,
    answers: calibrationSummary(sorted, input.rubric, asOf).answers,
    names,
    firstGroup,
    anchors: new Set(firstGroup.keys()),
    stories: storyViews(input.stories ?? [], cards, input.rubric).filter((v) => !v.empty),
    quotes,
    quotesOf: quotesByEvidence(quotes),
  };
}
