/**
 * The resume cursor of an incomplete import (docs/DESIGN.md "History import and the inbox"):
 * opaque to callers, base64url of JSON naming the work still to do (search windows with the page
 * to continue from, PRs whose reviews are still to read, Jira pages) and the keys of what was
 * already returned, so a resumed run neither repeats nor loses an item. Parsed with zod on the
 * way in: a cursor that does not parse, or belongs to another request, is refused.
 */
import * as z from 'zod/mini';

/** One GitHub search window still to read: `to: null` means open-ended (`updated:>=FROM`). */
export const SearchTask = z.object({
  k: z.literal('search'),
  part: z.enum(['authored', 'reviewed']),
  from: z.int(),
  to: z.nullable(z.int()),
  /** The next page to read (from a `Link: rel="next"`); absent: the window's first page. */
  url: z.optional(z.string().check(z.maxLength(4000))),
});
export type SearchTask = z.infer<typeof SearchTask>;

/** What a reviewed PR's candidate needs from its search item. */
export const PrRef = z.object({
  repo: z.string().check(z.maxLength(300)),
  number: z.int().check(z.positive()),
  title: z.string().check(z.maxLength(500)),
  url: z.string().check(z.maxLength(2000)),
  author: z.optional(z.string().check(z.maxLength(100))),
  state: z.enum(['open', 'draft', 'merged', 'closed']),
  labels: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(100))),
});
export type PrRef = z.infer<typeof PrRef>;

/** One PR whose review list is still to read (or to finish reading from `url`). */
export const ReviewsTask = z.object({
  k: z.literal('reviews'),
  pr: PrRef,
  url: z.optional(z.string().check(z.maxLength(4000))),
  count: z.int().check(z.nonnegative()),
  first: z.optional(z.string().check(z.maxLength(40))),
});
export type ReviewsTask = z.infer<typeof ReviewsTask>;

export const GithubTask = z.discriminatedUnion('k', [SearchTask, ReviewsTask]);
export type GithubTask = z.infer<typeof GithubTask>;

/** One Jira search still to read: which role, and the page token (Cloud) or offset (Server). */
export const JiraTask = z.object({
  part: z.enum(['assigned', 'reported']),
  token: z.optional(z.string().check(z.maxLength(4000))),
  startAt: z.optional(z.int().check(z.nonnegative())),
});
export type JiraTask = z.infer<typeof JiraTask>;

const MAX_KEYS = 200_000;

/** The state a cursor carries. `req` is a fingerprint of the request it belongs to. */
export const CursorState = z.discriminatedUnion('source', [
  z.object({
    v: z.literal(1),
    source: z.literal('github'),
    req: z.string().check(z.maxLength(2000)),
    tasks: z.array(GithubTask).check(z.maxLength(MAX_KEYS)),
    seen: z.array(z.string().check(z.maxLength(2100))).check(z.maxLength(MAX_KEYS)),
  }),
  z.object({
    v: z.literal(1),
    source: z.literal('jira'),
    req: z.string().check(z.maxLength(2000)),
    tasks: z.array(JiraTask).check(z.maxLength(10)),
    seen: z.array(z.string().check(z.maxLength(2100))).check(z.maxLength(MAX_KEYS)),
  }),
]);
export type CursorState = z.infer<typeof CursorState>;

/** `state` as an opaque cursor (base64url of its JSON). */
export function encodeCursor(state: CursorState): string {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The state inside `cursor`; `undefined` when it is not a cursor this code wrote. */
export function decodeCursor(cursor: string): CursorState | undefined {
  try {
    const b64 = cursor.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const r = CursorState.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
