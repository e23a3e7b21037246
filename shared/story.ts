/**
 * Stories (docs/DESIGN.md "Stories"): several pieces of evidence told as one
 * piece of work, with a problem, an approach, an outcome and scope signals
 * saying why it is senior-sized. The `Story` zod schema lives in
 * ./schemas.ts next to the other synced records (its collection table needs
 * it, and a two-way import would be circular); this module re-exports it and
 * holds the pure logic every reader of a case uses: the story's live
 * evidence, its timeline, competencies and people, suggested scope signals,
 * and the public (share) view of a story.
 *
 * Pure: no DOM, no Workers APIs, no clock.
 */
import type { Evidence, Kind, Story, StoryScope } from './schemas';

export { MAX_STORY_EVIDENCE, Story, StoryScope } from './schemas';

/** Display names of scope signals, e.g. `cross-team` -> `Cross-team`. */
export const SCOPE_LABELS: Record<StoryScope, string> = {
  'cross-team': 'Cross-team',
  ambiguous: 'Ambiguous problem',
  architecture: 'Architecture',
  incident: 'Incident',
  mentoring: 'Mentoring',
  'org-wide': 'Org-wide',
};

/** The three questions the story editor asks, by field, with the hint it shows. */
export const STORY_PROMPTS = [
  { key: 'problem', label: 'Problem', hint: 'What was wrong, and who noticed?' },
  { key: 'approach', label: 'Approach', hint: 'What you decided, drove or changed.' },
  { key: 'outcome', label: 'Outcome', hint: 'What changed, with numbers.' },
] as const satisfies readonly { key: keyof Story; label: string; hint: string }[];

/** The evidence fields story logic reads (a full `Evidence` and a public one both fit). */
export type StoryItem = Pick<
  Evidence,
  'id' | 'kind' | 'role' | 'source' | 'title' | 'url' | 'occurredOn' | 'competencies' | 'people' | 'meta'
>;

/**
 * Where a kind sits in a story's timeline: the design doc first, then the
 * tickets it created, the PRs and reviews that shipped it, then the incident
 * after it; everything else last.
 */
const STAGE: Record<Kind, number> = {
  'design-doc': 0,
  ticket: 1,
  'pull-request': 2,
  'code-review': 2,
  incident: 3,
  mentoring: 4,
  talk: 4,
  other: 4,
};

/**
 * The story's evidence in timeline order (doc → tickets → PRs → incident →
 * the rest; by `occurredOn` then title within a stage), from `byId` (live
 * evidence by id). Ids whose evidence is deleted or unknown are left out and
 * counted in `missing`: the story keeps the rest, and with none left it is
 * empty but still a story.
 */
export function storyTimeline<T extends Pick<StoryItem, 'id' | 'kind' | 'occurredOn' | 'title'>>(
  story: Pick<Story, 'evidenceIds'>,
  byId: ReadonlyMap<string, T>,
): { items: T[]; missing: number } {
  const items: T[] = [];
  let missing = 0;
  for (const id of story.evidenceIds) {
    const e = byId.get(id);
    if (e) items.push(e);
    else missing++;
  }
  items.sort(
    (a, b) =>
      STAGE[a.kind] - STAGE[b.kind] ||
      (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0) ||
      (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
  );
  return { items, missing };
}

/** The union of the items' competency ids, in first-seen order. */
export function storyCompetencies(items: readonly Pick<StoryItem, 'competencies'>[]): string[] {
  return [...new Set(items.flatMap((e) => e.competencies))];
}

/** Strings of `meta[key]` when it is a string or an array of strings. */
function metaStrings(meta: Record<string, unknown>, key: string): string[] {
  const v = meta[key];
  if (typeof v === 'string') return v ? [v] : [];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];
}

/**
 * Everyone an item names: its `people`, and from its metadata the PR's
 * author and reviewers, the ticket's assignee and reporter, the doc's owner.
 */
export function itemPeople(e: Pick<StoryItem, 'people' | 'meta'>): string[] {
  const meta = e.meta;
  return [
    ...e.people,
    ...metaStrings(meta, 'author'),
    ...metaStrings(meta, 'reviewers'),
    ...metaStrings(meta, 'assignee'),
    ...metaStrings(meta, 'reporter'),
    ...metaStrings(meta, 'owner'),
  ];
}

/**
 * The story's people: everyone its items name (see {@link itemPeople}), in
 * first-seen order, without `self` (the engineer's own names, compared
 * case-insensitively).
 */
export function storyPeople(
  items: readonly Pick<StoryItem, 'people' | 'meta'>[],
  self: readonly string[] = [],
): string[] {
  const mine = new Set(self.filter(Boolean).map((s) => s.toLowerCase()));
  const seen = new Map<string, string>();
  for (const p of items.flatMap(itemPeople)) {
    const k = p.trim().toLowerCase();
    if (k && !mine.has(k) && !seen.has(k)) seen.set(k, p.trim());
  }
  return [...seen.values()];
}

/** The team an item belongs to: the GitHub owner of its repo, or its Jira project; null when unknown. */
export function itemTeam(e: Pick<StoryItem, 'source' | 'meta'>): string | null {
  const meta = e.meta;
  if (typeof meta.repo === 'string' && meta.repo.includes('/')) return meta.repo.split('/')[0]!.toLowerCase();
  if (typeof meta.project === 'string' && meta.project) return meta.project.toUpperCase();
  if (typeof meta.key === 'string' && /^[A-Z][A-Z0-9_]*-\d+$/.test(meta.key)) return meta.key.split('-')[0]!;
  return null;
}

/** One suggested scope signal and why. */
export interface ScopeSuggestion {
  scope: StoryScope;
  reason: string;
}

const AUTHORED = new Set(['author', 'owner']);

/**
 * Scope signals the evidence suggests (the user confirms each):
 * - `cross-team`: people outside the team (the items span more than one
 *   GitHub owner or Jira project, or name 4 or more other people);
 * - `architecture`: a design doc the engineer wrote (role author/owner);
 * - `ambiguous`: a design doc followed by tickets (a vague problem turned into a plan);
 * - `incident`: an incident (kind, or a Jira issue type "Incident");
 * - `mentoring`: reviews given or mentoring (kind code-review/mentoring, role reviewer/mentor);
 * - `org-wide`: three or more teams.
 * `self` are the engineer's names (left out of the people count).
 */
export function suggestScope(items: readonly StoryItem[], self: readonly string[] = []): ScopeSuggestion[] {
  const out: ScopeSuggestion[] = [];
  const teams = new Set(items.map(itemTeam).filter((t): t is string => t !== null));
  const people = storyPeople(items, self);
  if (teams.size >= 2) out.push({ scope: 'cross-team', reason: `spans ${[...teams].join(', ')}` });
  else if (people.length >= 4) out.push({ scope: 'cross-team', reason: `${people.length} people involved` });
  const docs = items.filter((e) => e.kind === 'design-doc' && AUTHORED.has(e.role));
  if (docs.length > 0) out.push({ scope: 'architecture', reason: `design doc you wrote: ${docs[0]!.title}` });
  if (docs.length > 0 && items.some((e) => e.kind === 'ticket'))
    out.push({ scope: 'ambiguous', reason: 'a design doc turned into tickets' });
  const incident = items.find(
    (e) => e.kind === 'incident' || (typeof e.meta.issueType === 'string' && /incident/i.test(e.meta.issueType)),
  );
  if (incident) out.push({ scope: 'incident', reason: `incident: ${incident.title}` });
  const reviews = items.filter(
    (e) => e.kind === 'code-review' || e.kind === 'mentoring' || e.role === 'reviewer' || e.role === 'mentor',
  );
  if (reviews.length > 0)
    out.push({
      scope: 'mentoring',
      reason: `${reviews.length} review${reviews.length === 1 ? '' : 's'} or mentoring given`,
    });
  if (teams.size >= 3) out.push({ scope: 'org-wide', reason: `${teams.size} teams` });
  return out;
}

/** A story as shown to someone other than its owner: no private note, only in-scope evidence ids. */
export type PublicStory = Omit<Story, 'privateNote'>;

/**
 * The stories a share shows (docs/DESIGN.md "Share links"): those live
 * stories with at least one evidence item among `visibleIds` (the share's
 * in-scope evidence), each with only those items, without its private note
 * (fields are picked one by one, so nothing else leaks), in the order given.
 */
export function storiesForShare(stories: readonly Story[], visibleIds: ReadonlySet<string>): PublicStory[] {
  const out: PublicStory[] = [];
  for (const s of stories) {
    if (s.deletedAt !== null) continue;
    const evidenceIds = s.evidenceIds.filter((id) => visibleIds.has(id));
    if (evidenceIds.length === 0) continue;
    out.push({
      id: s.id,
      title: s.title,
      problem: s.problem,
      approach: s.approach,
      outcome: s.outcome,
      evidenceIds,
      scope: [...s.scope],
      updatedAt: s.updatedAt,
      deletedAt: null,
    });
  }
  return out;
}

/**
 * Stories newest work first: by the latest `occurredOn` of their live
 * evidence (empty stories last), then title. `byId` holds live evidence.
 */
export function sortStories<S extends Pick<Story, 'evidenceIds' | 'title'>>(
  stories: readonly S[],
  byId: ReadonlyMap<string, Pick<StoryItem, 'occurredOn'>>,
): S[] {
  const latest = (s: S) =>
    s.evidenceIds.reduce((max, id) => {
      const d = byId.get(id)?.occurredOn ?? '';
      return d > max ? d : max;
    }, '');
  return [...stories].sort((a, b) => {
    const la = latest(a);
    const lb = latest(b);
    return la !== lb ? (la < lb ? 1 : -1) : a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
  });
}

/**
 * The stories that cite any of `evidenceIds` (e.g. a calibration answer's
 * items), in the order given: answers cite stories before single items.
 */
export function storiesCiting<S extends Pick<Story, 'evidenceIds'>>(
  stories: readonly S[],
  evidenceIds: readonly string[],
): S[] {
  const ids = new Set(evidenceIds);
  return stories.filter((s) => s.evidenceIds.some((id) => ids.has(id)));
}

/** Calibration questions whose answers cite stories first (the others cite items only). */
export const STORY_QUESTIONS: readonly string[] = ['next-level', 'team-impact', 'technical-leadership'];
