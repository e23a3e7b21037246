/**
 * Drafts: evidence whose claim is still empty, typically accepted in bulk from
 * the history-import inbox (docs/DESIGN.md "History import and the inbox").
 * The Library marks them "Needs claim" (badge, filter, count) and the digest
 * counts them, so they get finished rather than forgotten.
 */

/** True when `e` is a draft: its claim is empty or only whitespace. */
export function isDraft(e: { claim: string }): boolean {
  return e.claim.trim() === '';
}

/** Number of live drafts among `items` (tombstones, `deletedAt` set, are not counted). */
export function draftCount(items: readonly { claim: string; deletedAt: string | null }[]): number {
  let n = 0;
  for (const e of items) if (e.deletedAt === null && isDraft(e)) n++;
  return n;
}

/** The label every surface shows on a draft. */
export const NEEDS_CLAIM = 'Needs claim';
