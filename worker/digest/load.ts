/**
 * Loads what `composeDigest` needs for one user and ISO week: all their live
 * evidence, that week's weekly log, their stories, their rubric and the
 * colleagues who answered a testimonial request that week.
 */
import { Evidence, Story, WeeklyLog } from '../../shared/schemas';
import { isoWeekRange } from '../../shared/dates';
import { listLiveRecordData } from '../db/records';
import { listTestimonials } from '../db/testimonials';
import { displayNameOf, type UserRow } from '../db/users';
import { parseStored } from '../lib/parse-stored';
import type { DigestInput } from '../render/types';
import { rubricOf } from '../share/load';

/** The digest input for `user` and `week`; `links` are the capability URLs for this digest. */
export async function loadDigestInput(
  db: D1Database,
  user: UserRow,
  week: string,
  links: DigestInput['links'],
  now: Date,
): Promise<DigestInput> {
  const { start, end } = isoWeekRange(week);
  const [evidenceRows, logRows, rubric, storyRows, answered] = await Promise.all([
    listLiveRecordData(db, user.id, 'evidence'),
    listLiveRecordData(db, user.id, 'weeklyLogs'),
    rubricOf(db, user.id),
    listLiveRecordData(db, user.id, 'stories'),
    listTestimonials(db, user.id),
  ]);
  // Answers first given during the week (dates in UTC), oldest first.
  const peerAnswers = answered
    .filter((t) => t.created_at.slice(0, 10) >= start && t.created_at.slice(0, 10) <= end)
    .sort((a, b) => (a.created_at < b.created_at ? -1 : 1))
    .map((t) => t.name);
  const evidence = parseStored(evidenceRows, Evidence).records;
  const weeklyLog = parseStored(logRows, WeeklyLog).records.find((l) => l.week === week) ?? null;
  return {
    user: { displayName: displayNameOf(user), email: user.email },
    week,
    now: now.toISOString(),
    rubric,
    evidence,
    weeklyLog,
    stories: parseStored(storyRows, Story).records,
    peerAnswers,
    links,
  };
}
