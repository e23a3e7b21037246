/**
 * Outcome follow-ups (docs/DESIGN.md "Outcome follow-ups"): evidence whose
 * outcome is not known yet when it is clipped (a PR, a ticket, a design doc, an
 * incident) is asked about again 30 to 120 days later, until its impact holds a
 * number. Pure: the panel's Week tab and the worker's digest both use it.
 */
import type { Evidence, Kind } from './schemas';
import { addDays } from './dates';

/** Kinds of evidence whose outcome is asked about later. */
export const FOLLOW_UP_KINDS: readonly Kind[] = ['pull-request', 'ticket', 'design-doc', 'incident'];
/** A follow-up is due from this many days after `occurredOn`… */
export const FOLLOW_UP_MIN_DAYS = 30;
/** …until this many days after it (inclusive). */
export const FOLLOW_UP_MAX_DAYS = 120;
/** "Snooze" hides a follow-up for this many days. */
export const FOLLOW_UP_SNOOZE_DAYS = 30;
/** Most follow-ups the weekly digest carries. */
export const DIGEST_FOLLOW_UPS = 5;

const SPELLED =
  'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half|halved|twice|double|doubled|triple|tripled|quadrupled';
const SPELLED_RE = new RegExp(`\\b(${SPELLED})\\b`, 'i');
/** "one" used as a pronoun, not a count. */
const PRONOUN_ONE = /\b(no|the|this|that|every|any|each|which)\s+one\b|\bone\s+(another|day)\b/gi;

/**
 * True when an impact statement carries a number: any digit ("14 a week",
 * "3x", "40%", "p99 at 180 ms"), a multiplier written without digits
 * ("x faster"), or a spelled-out
 * number or multiple ("twelve teams", "halved", "twice as fast", "a dozen").
 * "one" as a pronoun ("no one", "the one that…") is not a number. Empty or
 * whitespace-only text has no number.
 */
export function impactHasNumber(impact: string): boolean {
  if (/\d/.test(impact)) return true;
  if (/\b[x×]\s+(faster|slower|fewer|more|less|cheaper|smaller|larger|bigger)\b/i.test(impact)) return true;
  return SPELLED_RE.test(impact.replace(PRONOUN_ONE, ' '));
}

/** The evidence fields the follow-up rules read. */
export type FollowUpItem = Pick<Evidence, 'kind' | 'occurredOn' | 'impact' | 'deletedAt' | 'followUp'>;

/**
 * True when `item` is due for a follow-up on `today` (`YYYY-MM-DD`): a live item
 * of a {@link FOLLOW_UP_KINDS} kind whose `occurredOn` is 30 to 120 days before
 * `today`, whose impact has no number, that was not dismissed and is not snoozed
 * past `today`.
 */
export function isFollowUpDue(item: FollowUpItem, today: string): boolean {
  if (item.deletedAt !== null || !FOLLOW_UP_KINDS.includes(item.kind)) return false;
  if (item.followUp?.dismissedAt) return false;
  if (item.followUp?.snoozedUntil && item.followUp.snoozedUntil > today) return false;
  if (item.occurredOn > addDays(today, -FOLLOW_UP_MIN_DAYS)) return false;
  if (item.occurredOn < addDays(today, -FOLLOW_UP_MAX_DAYS)) return false;
  return !impactHasNumber(item.impact);
}

/** The items of `items` due for a follow-up on `today`, oldest work first (it leaves the window soonest). */
export function dueFollowUps<T extends FollowUpItem & { id: string }>(items: readonly T[], today: string): T[] {
  return items
    .filter((e) => isFollowUpDue(e, today))
    .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.id.localeCompare(b.id));
}

/** The `followUp` field after snoozing on `today`: hidden for {@link FOLLOW_UP_SNOOZE_DAYS} days. */
export function snoozedFollowUp(today: string): NonNullable<Evidence['followUp']> {
  return { snoozedUntil: addDays(today, FOLLOW_UP_SNOOZE_DAYS) };
}
