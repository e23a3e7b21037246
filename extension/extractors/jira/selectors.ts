/**
 * Every selector and page marker the `jira` extractor uses when the REST API cannot be read, each
 * with the page it comes from. No real Jira issue page could be found under a permissive licence
 * (see tests/fixtures/SOURCES.md, "Gaps"), so these follow Jira's documented, long-stable markup:
 * - [server] Jira Server/Data Center issue view (`/browse/KEY`): `<meta name="ajs-*">` page data,
 *            `#summary-val`, `#type-val`, `#status-val`, `#resolution-val`, `#assignee-val`, `#reporter-val`;
 *            `<title>[KEY] Summary - Jira</title>`.
 * - [cloud]  Jira Cloud issue view (React): `data-testid="issue.views.issue-base.foundation.summary.heading"`,
 *            `<title>[KEY] Summary - Jira</title>`.
 * tests/fixtures/jira/jira--page-only-handwritten.html is a HAND-WRITTEN page with these marks.
 */

/** `[KEY] Summary - Jira` (also `- JIRA`, `- Your Jira site`): the document title of both issue views. */
export const TITLE_PATTERN = /^\[([A-Z][A-Z0-9_]*-\d+)\]\s*(.*?)(?:\s+-\s+[^-]*\bJira\b[^-]*)?$/i;

/** Summary element: [cloud] heading test id, [server] `#summary-val`, older `h1#summary-val`. */
export const SUMMARY = [
  '[data-testid="issue.views.issue-base.foundation.summary.heading"]',
  '#summary-val',
  'h1#summary-val',
] as const;

/** Issue type: [server] `#type-val`; [cloud] the issue-type button's accessible label is not stable, so none. */
export const ISSUE_TYPE = ['#type-val'] as const;
/** Status: [server] `#status-val` (a lozenge inside); [cloud] the status button. */
export const STATUS = [
  '#status-val',
  '[data-testid="issue.views.issue-base.foundation.status.status-field-wrapper"] button',
] as const;
/** Resolution: [server] `#resolution-val`. */
export const RESOLUTION = ['#resolution-val'] as const;
/** Assignee: [server] `#assignee-val` (user hover link inside). */
export const ASSIGNEE = ['#assignee-val'] as const;
/** Reporter: [server] `#reporter-val`. */
export const REPORTER = ['#reporter-val'] as const;
/** Resolution date: [server] `#resolved-date time[datetime]` in the Dates module. */
export const RESOLVED_TIME = ['#resolved-date time[datetime]', '#resolved-date [datetime]'] as const;

/** [server] page data meta: the web context path (e.g. `/jira`), for the REST base on self-hosted servers. */
export const CONTEXT_PATH_META = 'ajs-context-path';

/** Marks of a Jira page, required before using the page on a non-atlassian.net host when REST failed. */
export const JIRA_PAGE_MARKS = [
  'meta[name="application-name"][content="JIRA" i]',
  'meta[name="ajs-issue-key"]',
  'meta[name="ajs-version-number"]',
  'body#jira',
  '[data-testid="issue.views.issue-base.foundation.summary.heading"]',
] as const;
