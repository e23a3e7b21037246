/**
 * The weekly digest's story nudge (docs/DESIGN.md "Stories"): one line when
 * the week's evidence could join an existing story, found with the panel's
 * link suggestions (shared/story-links.ts).
 */
import type { Evidence } from '../../shared/schemas';
import { storyNudges } from '../../shared/story-links';
import { oneLine } from '../mail/mime';
import { truncate } from './common';
import type { DigestInput } from './types';

/**
 * The digest's one-line nudge when this week's evidence could join an
 * existing story (the panel's link suggestions: a Jira key, a linked URL, the
 * same epic, the same repository with shared people), e.g.
 * `“PLAT-1432: Version the sync API” could join your story “Versioned sync API”; add it from the Library.`
 * Null when nothing could. Titles are cut to one line; the renderers escape them.
 */
export function storyNudgeLine(input: DigestInput, thisWeek: readonly Evidence[]): string | null {
  const stories = (input.stories ?? []).filter((s) => s.deletedAt === null);
  if (stories.length === 0 || thisWeek.length === 0) return null;
  const live = new Map(input.evidence.filter((e) => e.deletedAt === null).map((e) => [e.id, e]));
  const nudges = storyNudges(thisWeek, stories, (s) => s.evidenceIds.flatMap((id) => live.get(id) ?? []));
  const first = nudges[0];
  if (!first) return null;
  const item = oneLine(live.get(first.evidenceId)?.title ?? '');
  const story = oneLine(stories.find((s) => s.id === first.storyId)?.title ?? '');
  const more =
    nudges.length > 1
      ? ` (and ${nudges.length === 2 ? '1 item' : `${nudges.length - 1} items`} more could join a story)`
      : '';
  return `“${truncate(item, 80)}” could join your story “${truncate(story, 80)}”${more}; add it from the Library.`;
}
