/**
 * The per-source metadata of an evidence item (`meta`): typed for GitHub PRs,
 * Jira tickets and design docs, free-form otherwise, unknown keys always kept
 * (a newer client may have written them), at most 16 KiB as JSON
 * (docs/DESIGN.md, "Data model"). Re-exported by ./schemas.ts.
 */
import * as z from 'zod/mini';

import { IsoDateTime } from './primitives';

/** A string inside source metadata: at most 1,000 characters (the whole `meta` is also capped). */
const MetaText = z.string().check(z.maxLength(1000));
/** A count in source metadata (lines, files, commits, words): a whole number, 0 or more. */
const MetaCount = z.optional(z.int().check(z.nonnegative()));
/** An optional source-metadata string that may also be null (the page said "none"). */
const MetaNullish = z.nullish(MetaText);
/** An optional list of metadata strings (reviewers, labels, headings), at most 200. */
const MetaList = z.optional(z.array(MetaText).check(z.maxLength(200)));
/** An optional ISO time that may also be null. */
const TimeNullish = z.nullish(IsoDateTime);

/** GitHub PR metadata. Unknown extra keys are kept (a newer client may have written them). */
export const GithubPrMeta = z.looseObject({
  repo: MetaText,
  number: z.int().check(z.positive()),
  /** Absent when the page did not show it (unknown, never guessed; see extension/extractors/github-pr/facts.ts). */
  state: z.optional(z.enum(['open', 'draft', 'merged', 'closed'])),
  author: z.optional(MetaText),
  mergedAt: TimeNullish,
  additions: MetaCount,
  deletions: MetaCount,
  changedFiles: MetaCount,
  commits: MetaCount,
  reviewers: MetaList,
  labels: MetaList,
  reviewDecision: MetaNullish,
});
export type GithubPrMeta = z.infer<typeof GithubPrMeta>;

/** Jira ticket metadata (from `/rest/api/{2,3}/issue/{key}` or the page). */
export const JiraMeta = z.looseObject({
  key: MetaText,
  ...z.partial(z.object({ project: MetaText, issueType: MetaText, status: MetaText })).shape,
  resolution: MetaNullish,
  resolvedAt: TimeNullish,
  assignee: MetaNullish,
  reporter: MetaNullish,
  storyPoints: z.nullish(z.number()),
  epic: MetaNullish,
  sprint: MetaNullish,
});
export type JiraMeta = z.infer<typeof JiraMeta>;

/** Design doc metadata (Google Docs, Confluence, Notion). */
export const DocMeta = z.looseObject({
  docId: MetaText,
  owner: MetaNullish,
  lastEditedAt: TimeNullish,
  wordCount: MetaCount,
  headings: MetaList,
});
export type DocMeta = z.infer<typeof DocMeta>;

/** Largest `meta` of one record, serialised as JSON (UTF-8 bytes): 16 KiB. */
export const MAX_META_BYTES = 16 * 1024;

/** Per-source metadata; free-form for `web` and `manual`, always kept as written; at most 16 KiB as JSON. */
export const Meta = z.record(z.string().check(z.maxLength(200)), z.unknown()).check(
  z.refine((m) => new TextEncoder().encode(JSON.stringify(m)).length <= MAX_META_BYTES, {
    message: `meta is larger than ${MAX_META_BYTES} bytes as JSON`,
  }),
);
