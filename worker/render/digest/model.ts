/**
 * The weekly digest's model: everything the HTML and text parts show,
 * computed once from the loaded data (grouping, gaps, consistency, streak,
 * follow-ups), plus the subject line and the small sentences both parts
 * share. Pure; see ./index.ts for `composeDigest`. Private notes never
 * appear (evidence goes through `toCard`).
 */
import { consistency, gaps, groupByCompetency, untaggedItems, weekStreak } from '../../../shared/case';
import { formatDay, formatMonth, KIND_LABELS, ROLE_LABELS, SOURCE_LABELS } from '../../../shared/case';
import type { CompetencyGap, Consistency, Streak } from '../../../shared/case';
import type { WeeklyLog } from '../../../shared/schemas';
import { DIGEST_FOLLOW_UPS, dueFollowUps } from '../../../shared/followup';
import { backfilledInWeek, evidenceOfWeek, isoWeekRange } from '../../../shared/dates';
import { draftCount, NEEDS_CLAIM } from '../../../shared/draft';
import { oneLine } from '../../mail/mime';
import { toCard, truncate, weekLabel, type PublicCard } from '../common';
import type { DigestInput } from '../types';
import { storyNudgeLine } from '../story-nudge';
import { competencyNames } from '../../../shared/competency-names';

/** Longest claim shown per item, in characters. */
export const CLAIM_CHARS = 240;
/** Untagged items listed (newest first) before "and N more". */
export const UNTAGGED_SHOWN = 10;

/** How much of each item a rendering shows: `full` (claims), `compact` (titles), `capped` (first N titles). */
export type Detail = { level: 'full' | 'compact' | 'capped'; limit: number };

/** Everything the digest shows, computed once; both parts render from it. */
export interface DigestModel {
  greetingName: string;
  week: string;
  weekTitle: string;
  subject: string;
  /** This week's items grouped by their first rubric competency, rubric order; `also` lists their other competencies. */
  groups: { name: string; items: { card: PublicCard; also: string[] }[] }[];
  thisWeekCount: number;
  /** Items added this week for work done before it (a history import): one line, never listed. */
  imported: number;
  /** Live evidence with no claim yet (drafts, marked "Needs claim"). */
  drafts: number;
  /** One line when this week's evidence could join an existing story (shared/story-links.ts), else null. */
  storyNudge: string | null;
  /** Untagged items from before this week (newest first); the renderers show the first few. */
  untagged: PublicCard[];
  gaps: CompetencyGap[];
  consistency: Consistency;
  streak: Streak;
  weeklyLog: WeeklyLog | null;
  /** Up to {@link DIGEST_FOLLOW_UPS} items due for an outcome follow-up, each with its link (docs/DESIGN.md "Outcome follow-ups"). */
  followUps: { card: PublicCard; href: string }[];
  /** "Sam answered your request." or null (see {@link peerAnswerLine}). */
  peerLine: string | null;
  asOf: string;
  links: DigestInput['links'];
}

/**
 * One line about testimonial answers this week: `Sam answered your request.`,
 * `Sam and Alex answered your requests.`, `Sam, Alex and 2 others answered
 * your requests.`; null when nobody answered.
 */
export function peerAnswerLine(names: readonly string[]): string | null {
  const clean = names.map((n) => oneLine(n).trim()).filter((n) => n !== '');
  if (clean.length === 0) return null;
  if (clean.length === 1) return `${clean[0]} answered your request.`;
  if (clean.length === 2) return `${clean[0]} and ${clean[1]} answered your requests.`;
  const rest = clean.length - 2;
  return `${clean[0]}, ${clean[1]} and ${rest} other${rest === 1 ? '' : 's'} answered your requests.`;
}

/** `1 item`, `3 items`. */
export function items(n: number): string {
  return n === 1 ? '1 item' : `${n} items`;
}

/**
 * The digest's subject line, specific to the week:
 * - items this week and the longest-silent competency:
 *   `3 items this week, nothing on Communication and influence since October`;
 * - items and no gap: `3 items this week across 2 competencies`;
 * - an empty week: a short nudge, `Nothing clipped this week yet: what did you ship?`.
 * Month names carry the year when it is not the year of `asOf`. Always one
 * line of at most {@link SUBJECT_MAX_CHARS} characters: line breaks and other
 * control characters (possible in an imported ladder's competency names)
 * become spaces, so nothing user-written can start a new mail header.
 */
export function digestSubject(
  thisWeekCount: number,
  competencyCount: number,
  firstGap: CompetencyGap | undefined,
  asOf: string,
): string {
  return truncate(
    oneLine(subjectText(thisWeekCount, competencyCount, firstGap, asOf)).replace(/ {2,}/g, ' '),
    SUBJECT_MAX_CHARS,
  );
}

/** Longest digest subject (characters). */
export const SUBJECT_MAX_CHARS = 150;

function subjectText(
  thisWeekCount: number,
  competencyCount: number,
  firstGap: CompetencyGap | undefined,
  asOf: string,
): string {
  if (thisWeekCount === 0) return 'Nothing clipped this week yet: what did you ship?';
  const head = `${items(thisWeekCount)} this week`;
  if (firstGap) {
    return firstGap.lastOn
      ? `${head}, nothing on ${firstGap.name} since ${formatMonth(firstGap.lastOn, asOf)}`
      : `${head}, nothing on ${firstGap.name} yet`;
  }
  return competencyCount > 0
    ? `${head} across ${competencyCount === 1 ? '1 competency' : `${competencyCount} competencies`}`
    : head;
}

/** The digest model of `input` (see {@link DigestModel}); as of the earlier of `input.now` and the week's Sunday. */
export function buildModel(input: DigestInput): DigestModel {
  const { end } = isoWeekRange(input.week);
  const today = input.now.slice(0, 10);
  const asOf = today < end ? today : end;
  const live = input.evidence.filter((e) => e.deletedAt === null).map(toCard);
  // This week's evidence: the work happened this week (shared/dates.ts, the Week tab's definition too).
  // What was imported or clipped this week for earlier work is one count line, not a list.
  const thisWeek = evidenceOfWeek(input.evidence, input.week).map(toCard);
  const thisWeekIds = new Set(thisWeek.map((c) => c.id));
  const names = competencyNames(input.rubric);
  const placed = new Set<string>();
  const groups = groupByCompetency(thisWeek, input.rubric)
    .map((g) => ({
      name: g.name,
      items: g.items
        .filter((c) => {
          if (placed.has(c.id)) return false;
          placed.add(c.id);
          return true;
        })
        .map((card) => ({
          card,
          also: card.competencies
            .filter((id) => id !== g.competencyId && names.has(id))
            .map((id) => names.get(id) ?? id),
        })),
    }))
    .filter((g) => g.items.length > 0);
  const weekGaps = gaps(live, input.rubric, asOf);
  const untaggedThisWeek = untaggedItems(thisWeek, input.rubric);
  if (untaggedThisWeek.length > 0)
    groups.push({ name: 'Untagged', items: untaggedThisWeek.map((card) => ({ card, also: [] })) });
  const greetingName =
    oneLine(input.user.displayName).replace(/ {2,}/g, ' ').trim() || input.user.email.split('@')[0] || 'there';
  return {
    greetingName,
    week: input.week,
    weekTitle: weekLabel(input.week),
    subject: digestSubject(thisWeek.length, groups.filter((g) => g.name !== 'Untagged').length, weekGaps[0], asOf),
    groups,
    thisWeekCount: thisWeek.length,
    imported: backfilledInWeek(input.evidence, input.week),
    drafts: draftCount(input.evidence),
    storyNudge: storyNudgeLine(input, evidenceOfWeek(input.evidence, input.week)),
    untagged: untaggedItems(live, input.rubric).filter((c) => !thisWeekIds.has(c.id)),
    gaps: weekGaps,
    consistency: consistency(live, input.rubric, asOf),
    streak: weekStreak(live, asOf),
    weeklyLog: input.weeklyLog && input.weeklyLog.deletedAt === null ? input.weeklyLog : null,
    followUps: input.links.followUp
      ? dueFollowUps(input.evidence, asOf)
          .slice(0, DIGEST_FOLLOW_UPS)
          .map((e) => ({ card: toCard(e), href: `${input.links.followUp}?id=${encodeURIComponent(e.id)}` }))
      : [],
    peerLine: peerAnswerLine(input.peerAnswers ?? []),
    asOf,
    links: input.links,
  };
}

/** The first `limit` items over all groups, with the number left out. */
export function visibleGroups(model: DigestModel, detail: Detail): { groups: DigestModel['groups']; hidden: number } {
  if (detail.level !== 'capped') return { groups: model.groups, hidden: 0 };
  let left = detail.limit;
  let hidden = 0;
  const groups = model.groups
    .map((g) => {
      const shown = g.items.slice(0, Math.max(0, left));
      hidden += g.items.length - shown.length;
      left -= shown.length;
      return { name: g.name, items: shown };
    })
    .filter((g) => g.items.length > 0);
  return { groups, hidden };
}

/** `No streak yet: …`, `1 week in a row with evidence.`, `N weeks in a row with evidence.` */
export function streakLine(streak: Streak): string {
  if (streak.weeks === 0) return 'No streak yet: one item this week starts one.';
  return streak.weeks === 1 ? '1 week in a row with evidence.' : `${streak.weeks} weeks in a row with evidence.`;
}

/** `412 items imported from your history this week.` */
export function importedLine(n: number): string {
  return `${items(n)} imported from your history this week.`;
}

/** `3 items need a claim (Needs claim in your Library).` */
export function draftsLine(n: number): string {
  return `${items(n)} ${n === 1 ? 'needs' : 'need'} a claim (marked ${NEEDS_CLAIM} in your Library).`;
}

/** `last evidence 8 Apr 2019` or `no evidence yet`. */
export function gapLine(gap: CompetencyGap): string {
  return gap.lastOn ? `last evidence ${formatDay(gap.lastOn)}` : 'no evidence yet';
}

/** `8 Apr 2019 · Author · Pull request · GitHub PR · owner/repo#N · also X`; `brief` leaves out the kind and the reference. */
export function itemMeta(card: PublicCard, also: string[], brief = false): string {
  const parts = brief
    ? [formatDay(card.occurredOn), ROLE_LABELS[card.role], SOURCE_LABELS[card.source]]
    : [formatDay(card.occurredOn), ROLE_LABELS[card.role], KIND_LABELS[card.kind], SOURCE_LABELS[card.source]];
  if (card.ref && !brief) parts.push(card.ref);
  if (also.length > 0) parts.push(`also ${also.join(', ')}`);
  return parts.join(' · ');
}
