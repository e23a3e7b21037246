/**
 * Opening the story editor from anywhere in the panel (Library selection,
 * an evidence card, the Inbox's `s` key) without threading props: a tiny
 * external store that `StoryDialog` (mounted once in App.tsx) subscribes to.
 */
import { useSyncExternalStore } from 'react';

/**
 * What to open: `new` (a story made of `evidenceIds`), `edit` (an existing
 * story, optionally adding `evidenceIds`), or `pick` (choose a story to add
 * `evidenceIds` to, or start a new one).
 */
export type StoryRequest =
  | { mode: 'new'; evidenceIds: string[] }
  | { mode: 'edit'; storyId: string; evidenceIds?: string[] }
  | { mode: 'pick'; evidenceIds: string[] };

let current: StoryRequest | null = null;
const listeners = new Set<() => void>();

function emit(next: StoryRequest | null): void {
  current = next;
  for (const l of listeners) l();
}

/** Opens the story dialog with `request`. */
export function openStory(request: StoryRequest): void {
  emit(request);
}

/** Closes the story dialog. */
export function closeStory(): void {
  emit(null);
}

/** The open request, or null (re-renders on change). */
export function useStoryRequest(): StoryRequest | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
    () => null,
  );
}
