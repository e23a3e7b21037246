/**
 * Loads what `composeDigest` needs for one user and ISO week: all their live
 * evidence, that week's weekly log, their stories and their rubric.
 */
import { Evidence, Story, WeeklyLog } from '../../shared/schemas';
import { listLiveRecordData } from '../db/records';
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
  const [evidenceRows, logRows, rubric, storyRows] = await Promise.all([
    listLiveRecordData(db, user.id, 'evidence'),
    listLiveRecordData(db, user.id, 'weeklyLogs'),
    rubricOf(db, user.id),
    listLiveRecordData(db, user.id, 'stories'),
  ]);
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
    links,
  };
}
