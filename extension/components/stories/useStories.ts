/**
 * Live stories for the panel, with their evidence resolved against the live
 * evidence list (deleted evidence drops out; a story with none left is empty).
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Evidence, Story } from '../../../shared/schemas';
import { sortStories, storyTimeline } from '../../../shared/story';
import { listStories } from '../../db/queries';

/** A story with its live evidence in timeline order and how many linked items are gone. */
export interface LiveStory {
  story: Story;
  items: Evidence[];
  missing: number;
}

/** Live stories newest work first, resolved against `evidence` (undefined while loading). */
export function useStories(evidence: readonly Evidence[] | undefined): LiveStory[] | undefined {
  const stories = useLiveQuery(() => listStories(), []);
  return useMemo(() => {
    if (!stories || !evidence) return undefined;
    const byId = new Map(evidence.map((e) => [e.id, e]));
    return sortStories(stories, byId).map((story) => ({ story, ...storyTimeline(story, byId) }));
  }, [stories, evidence]);
}
