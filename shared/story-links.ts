/**
 * Link suggestions for stories (docs/DESIGN.md "Stories"): which other
 * evidence probably belongs to the same piece of work. The engineer confirms
 * each suggestion; nothing is linked automatically.
 *
 * Rules, each read from what the evidence holds (title, claim, impact, meta):
 * - `jira-key`: a Jira key (`PLAT-1432`) in a PR's title or branch
 *   (`meta.headRef`, `meta.branch`) that is a ticket's key, either way round;
 * - `url`: a design doc or ticket URL mentioned in a PR or ticket (title,
 *   claim, impact, any string in meta) that is another item's URL;
 * - `epic`: the same epic (`meta.epic`), or the epic ticket itself;
 * - `repo-people`: the same repository (`meta.repo`), dates within 14 days
 *   of each other, and at least one person in common (other than the engineer).
 *
 * Pure: no DOM, no Workers APIs, no clock.
 */
import { daysBetween } from './dates';
import { canonicalizeUrl } from './url';
import { itemPeople, type StoryItem } from './story';

/** Why an item is suggested. */
export type LinkReason = 'jira-key' | 'url' | 'epic' | 'repo-people';

/** One suggested link: `evidenceId` could join the story because of `reason` (`detail` says which key, URL, epic or repo). */
export interface LinkSuggestion {
  evidenceId: string;
  reason: LinkReason;
  detail: string;
  /** The story item it relates to. */
  viaId: string;
}

/** Items the rules read: story items plus `claim` and `impact` when present. */
export type LinkItem = StoryItem & { claim?: string; impact?: string };

/** Jira issue keys: project key (a capital letter, then capitals, digits or `_`), a dash and a number. */
const JIRA_KEY = /\b([A-Z][A-Z0-9_]{1,9}-[1-9]\d{0,6})\b/g;
const URL_RE = /https?:\/\/[^\s<>"'`)\]]+/g;
/** Days apart that still count as overlapping work in one repository. */
const REPO_WINDOW_DAYS = 14;

/** Jira keys in `text`, upper-case, deduplicated, in order. */
export function jiraKeysIn(text: string): string[] {
  return [...new Set([...text.matchAll(JIRA_KEY)].map((m) => m[1]!))];
}

function branchOf(e: LinkItem): string {
  const meta = e.meta;
  for (const k of ['headRef', 'branch', 'head']) if (typeof meta[k] === 'string') return meta[k] as string;
  return '';
}

/** Jira keys an item mentions where the rule looks: a PR's title and branch (a branch's `plat-1432` counts too). */
export function prJiraKeys(e: LinkItem): string[] {
  if (e.source !== 'github-pr' && e.kind !== 'pull-request' && e.kind !== 'code-review') return [];
  return jiraKeysIn(`${e.title} ${branchOf(e).toUpperCase()}`);
}

/** The item's own Jira key (`meta.key`), or null. */
function ticketKey(e: LinkItem): string | null {
  return typeof e.meta.key === 'string' && /^[A-Z][A-Z0-9_]*-\d+$/.test(e.meta.key) ? e.meta.key : null;
}

/** Every string in a metadata value, depth-limited. */
function stringsIn(value: unknown, out: string[], depth = 0): void {
  if (depth > 4) return;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out, depth + 1);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out, depth + 1);
}

function canonical(url: string): string {
  try {
    return canonicalizeUrl(url.replace(/[.,;:!?]+$/, ''));
  } catch {
    return url;
  }
}

/** Canonical URLs an item mentions in its title, claim, impact or metadata (not its own URL). */
export function mentionedUrls(e: LinkItem): string[] {
  const texts = [e.title, e.claim ?? '', e.impact ?? ''];
  stringsIn(e.meta, texts);
  const own = e.url ? canonical(e.url) : '';
  const urls = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(URL_RE)) urls.add(canonical(m[0]));
  urls.delete(own);
  return [...urls];
}

function epicOf(e: LinkItem): string | null {
  return typeof e.meta.epic === 'string' && e.meta.epic !== '' ? e.meta.epic : null;
}

function daysApart(a: string, b: string): number {
  return Math.abs(daysBetween(a, b));
}

/** Whether `a` and `b` are linked, and why (the first rule that matches, in the order of the module doc). */
export function linkBetween(
  a: LinkItem,
  b: LinkItem,
  self: ReadonlySet<string>,
): Omit<LinkSuggestion, 'evidenceId' | 'viaId'> | null {
  const keyA = ticketKey(a);
  const keyB = ticketKey(b);
  if (keyB && prJiraKeys(a).includes(keyB)) return { reason: 'jira-key', detail: keyB };
  if (keyA && prJiraKeys(b).includes(keyA)) return { reason: 'jira-key', detail: keyA };

  const urlB = b.url ? canonical(b.url) : '';
  const urlA = a.url ? canonical(a.url) : '';
  const talks = (e: LinkItem) =>
    e.kind === 'pull-request' ||
    e.kind === 'code-review' ||
    e.kind === 'ticket' ||
    e.kind === 'incident' ||
    e.source === 'jira';
  const linkable = (e: LinkItem) =>
    e.kind === 'design-doc' || e.kind === 'ticket' || e.kind === 'incident' || e.source === 'jira';
  if (urlB && talks(a) && linkable(b) && mentionedUrls(a).includes(urlB)) return { reason: 'url', detail: urlB };
  if (urlA && talks(b) && linkable(a) && mentionedUrls(b).includes(urlA)) return { reason: 'url', detail: urlA };
  if (keyB && talks(a) && a.source !== 'github-pr' && jiraKeysIn(`${a.claim ?? ''} ${a.impact ?? ''}`).includes(keyB))
    return { reason: 'url', detail: keyB };

  const epicA = epicOf(a);
  const epicB = epicOf(b);
  if (epicA && epicA === epicB) return { reason: 'epic', detail: epicA };
  if (epicA && keyB === epicA) return { reason: 'epic', detail: epicA };
  if (epicB && keyA === epicB) return { reason: 'epic', detail: epicB };

  const repoA = typeof a.meta.repo === 'string' ? a.meta.repo.toLowerCase() : '';
  const repoB = typeof b.meta.repo === 'string' ? b.meta.repo.toLowerCase() : '';
  if (repoA && repoA === repoB && daysApart(a.occurredOn, b.occurredOn) <= REPO_WINDOW_DAYS) {
    const people = new Set(
      itemPeople(a)
        .map((p) => p.toLowerCase())
        .filter((p) => !self.has(p)),
    );
    const shared = itemPeople(b).find((p) => people.has(p.toLowerCase()));
    if (shared) return { reason: 'repo-people', detail: `${a.meta.repo as string} with ${shared}` };
  }
  return null;
}

/**
 * Suggested links for a story whose items are `storyItems`: each candidate
 * from `others` (not already in the story) linked to any story item by a
 * rule above, once, with the first rule and story item that matched;
 * candidates in the order given. `self` are the engineer's own names
 * (GitHub login, Atlassian name), which never count as a shared person.
 */
export function suggestLinks(
  storyItems: readonly LinkItem[],
  others: readonly LinkItem[],
  self: readonly string[] = [],
): LinkSuggestion[] {
  const mine = new Set(self.filter(Boolean).map((s) => s.toLowerCase()));
  const inStory = new Set(storyItems.map((e) => e.id));
  const out: LinkSuggestion[] = [];
  for (const candidate of others) {
    if (inStory.has(candidate.id)) continue;
    for (const item of storyItems) {
      const link = linkBetween(item, candidate, mine);
      if (link) {
        out.push({ evidenceId: candidate.id, viaId: item.id, ...link });
        break;
      }
    }
  }
  return out;
}

/** Plain-language label of a suggestion, e.g. `Jira key PLAT-1432 in a PR`. */
export function describeLink(s: Pick<LinkSuggestion, 'reason' | 'detail'>): string {
  switch (s.reason) {
    case 'jira-key':
      return `Jira key ${s.detail} in a PR title or branch`;
    case 'url':
      return `Mentions ${s.detail}`;
    case 'epic':
      return `Same epic ${s.detail}`;
    case 'repo-people':
      return `Same repository and dates: ${s.detail}`;
  }
}

/**
 * For the digest's nudge: the first story each of `weekItems` could join
 * (items already in some story are skipped), as `{ evidenceId, storyId }`.
 * `storyItemsOf(story)` gives a story's live evidence.
 */
export function storyNudges<S extends { id: string; evidenceIds: readonly string[] }>(
  weekItems: readonly LinkItem[],
  stories: readonly S[],
  storyItemsOf: (story: S) => readonly LinkItem[],
  self: readonly string[] = [],
): { evidenceId: string; storyId: string; reason: LinkReason }[] {
  const linked = new Set(stories.flatMap((s) => s.evidenceIds));
  const free = weekItems.filter((e) => !linked.has(e.id));
  const out: { evidenceId: string; storyId: string; reason: LinkReason }[] = [];
  const taken = new Set<string>();
  for (const story of stories) {
    for (const s of suggestLinks(storyItemsOf(story), free, self)) {
      if (taken.has(s.evidenceId)) continue;
      taken.add(s.evidenceId);
      out.push({ evidenceId: s.evidenceId, storyId: story.id, reason: s.reason });
    }
  }
  return out;
}
