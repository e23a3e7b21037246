/**
 * Loads what a share page shows: the owner's in-scope, non-deleted evidence
 * (private notes removed), the stories with at least one of those items
 * (only those items, private notes removed) and, when the share includes
 * them, weekly logs.
 */
import { getRubric, type Rubric } from '../../shared/rubric';
import { findRubric } from '../../shared/rubrics';
import { Evidence, ShareScope, Story, UserSettingsRecord, WeeklyLog } from '../../shared/schemas';
import { storiesForShare } from '../../shared/story';
import { isoWeekRange } from '../../shared/dates';
import { getLiveRecordData, listLiveRecordData } from '../db/records';
import type { ShareRow } from '../db/shares';
import { listShownTestimonials } from '../db/testimonials';
import { peerQuotesFor } from '../testimonials/quotes';
import { displayNameOf, type UserRow } from '../db/users';
import { parseStored } from '../lib/parse-stored';
import type { PublicEvidence, ShareCaseInput } from '../render/types';

/** The scope stored on a share row (an empty scope when the JSON is unreadable). */
export function parseShareScope(json: string): ShareScope {
  try {
    const parsed = ShareScope.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** True when evidence `e` falls in `scope` (dates inclusive; competencies intersect when given). */
export function evidenceInScope(e: Pick<Evidence, 'occurredOn' | 'competencies'>, scope: ShareScope): boolean {
  if (scope.from && e.occurredOn < scope.from) return false;
  if (scope.to && e.occurredOn > scope.to) return false;
  if (scope.competencies && scope.competencies.length > 0) {
    return e.competencies.some((id) => scope.competencies!.includes(id));
  }
  return true;
}

/** True when ISO week `week` overlaps the scope's date range. */
export function weekInScope(week: string, scope: ShareScope): boolean {
  const { start, end } = isoWeekRange(week);
  return (!scope.from || end >= scope.from) && (!scope.to || start <= scope.to);
}

/** `e` without its private note (a copy). */
export function toPublicEvidence(e: Evidence): PublicEvidence {
  const copy: Partial<Evidence> = { ...e };
  delete copy.privateNote;
  return copy as PublicEvidence;
}

/**
 * The rubric the user picked in their synced settings record (collection
 * `settings`, id `settings`): `rubricId` among the presets and their
 * `customRubrics`; the default rubric when there is no settings record, it
 * fails its schema, or the id is unknown.
 */
export async function rubricOf(db: D1Database, userId: string): Promise<Rubric> {
  const json = await getLiveRecordData(db, userId, 'settings', 'settings');
  if (!json) return getRubric(undefined);
  try {
    const parsed = UserSettingsRecord.safeParse(JSON.parse(json));
    if (!parsed.success || parsed.data.deletedAt !== null) return getRubric(undefined);
    return findRubric(parsed.data.rubricId, parsed.data.customRubrics ?? []) ?? getRubric(undefined);
  } catch {
    return getRubric(undefined);
  }
}

/**
 * Everything the share renderers need for `share` owned by `owner`.
 * `packetUrl` is the absolute Markdown packet URL; `now` the generation time.
 */
export async function loadShareCase(
  db: D1Database,
  share: ShareRow,
  owner: UserRow,
  opts: { packetUrl: string; now: Date },
): Promise<ShareCaseInput> {
  const scope = parseShareScope(share.scope);
  const [evidenceRows, logRows, rubric, storyRows, quoteRows] = await Promise.all([
    listLiveRecordData(db, owner.id, 'evidence', { from: scope.from, to: scope.to }),
    scope.includeWeeklyLogs ? listLiveRecordData(db, owner.id, 'weeklyLogs') : Promise.resolve([]),
    rubricOf(db, owner.id),
    listLiveRecordData(db, owner.id, 'stories'),
    listShownTestimonials(db, owner.id),
  ]);
  const evidence = parseStored(evidenceRows, Evidence);
  const logs = parseStored(logRows, WeeklyLog);
  const stories = parseStored(storyRows, Story);
  const invalid = evidence.invalid + logs.invalid + stories.invalid;
  if (invalid > 0) {
    console.warn(`share page: skipped ${invalid} stored records that fail their schema`);
  }
  const shown = evidence.records.filter((e) => evidenceInScope(e, scope)).map(toPublicEvidence);
  return {
    ownerName: displayNameOf(owner),
    label: share.label,
    scope,
    rubric,
    evidence: shown,
    weeklyLogs: logs.records.filter((l) => weekInScope(l.week, scope)),
    generatedAt: opts.now.toISOString(),
    packetUrl: opts.packetUrl,
    stories: storiesForShare(stories.records, new Set(shown.map((e) => e.id))),
    testimonials: peerQuotesFor(quoteRows, new Set(shown.map((e) => e.id))),
  };
}
