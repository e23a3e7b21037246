/**
 * Every selector the `github-pr` extractor uses, each with the page it was taken from.
 * Lists are tried in order; the first that matches wins. Pages (all in tests/fixtures/github/,
 * provenance in tests/fixtures/SOURCES.md):
 * - [2019-closed]  github-pr--closed-unmerged-conversation-2019.html: real github.com PR page,
 *                  Conversation tab, sourcegraph/sourcegraph#3221 (server-rendered, `gh-header`, `tabnav-pr`).
 * - [2019-merged]  github-pr--merged-files-tab-2019.html: real github.com PR page, Files tab, sourcegraph#3257.
 * - [2025-issue]   tests/fixtures/web/web--github-issue-2025.html: real 2025 github.com issue page (React,
 *                  `data-testid`, `prc-*` Primer React classes); PR pages share its header/sidebar components.
 * - [modern]       github-pr--modern-merged-handwritten.html / github-pr--modern-draft-handwritten.html:
 *                  HAND-WRITTEN after [2025-issue]'s conventions and Primer's `State--merged|open|closed|draft`.
 * - [synthetic]    github-pr--synthetic-defuddle-42.html: defuddle's hand-written PR page (timeline classes).
 */

/** PR title element. [2025-issue]/[modern]: `<bdi data-testid="issue-title">`; [2019-*]: `h1.gh-header-title > span.js-issue-title`. */
export const TITLE = ['[data-testid="issue-title"]', '.gh-header-title .js-issue-title', 'h1 .js-issue-title'] as const;

/** Title meta keys whose value carries the `… by author · Pull Request #N · owner/repo` suffix ([2019-*], [synthetic] `<title>`). */
export const TITLE_META = ['og:title', 'twitter:title'] as const;

/** PR author login meta: `<meta property="og:author:username">` ([2025-issue], [modern]). */
export const AUTHOR_META = 'og:author:username';

/**
 * State badge. [2025-issue]/[modern]: `<span data-testid="header-state" class="State State--merged">`;
 * [2019-*]: `.gh-header-meta .State` (`State--purple` "Status: Merged", `State--red` "Status: Closed").
 */
export const STATE = [
  '[data-testid="header-state"]',
  '.gh-header-meta .State',
  '#partial-discussion-header .State',
  '[data-testid="issue-header"] .State',
  '.State',
] as const;

/** State badge class tokens ([modern] Primer `State--*`; [2019-*] colour classes), checked before the badge text. */
export const STATE_CLASSES: ReadonlyArray<readonly [string, 'merged' | 'draft' | 'closed' | 'open']> = [
  ['State--merged', 'merged'],
  ['State--purple', 'merged'],
  ['State--draft', 'draft'],
  ['State--closed', 'closed'],
  ['State--red', 'closed'],
  ['State--open', 'open'],
  ['State--green', 'open'],
];

/**
 * Header meta line: "alexandnpu wants to merge 4 commits into …" / "beyang merged 1 commit into … <relative-time>".
 * [2019-*]: `.gh-header-meta`; [modern]/[2025-issue]: `[data-testid="issue-metadata-fixed"]`.
 */
export const HEADER_META = ['.gh-header-meta', '[data-testid="issue-metadata-fixed"]'] as const;

/** The person named first in the header meta line. [2019-*]: `a.author`; [modern]: a user link with a hovercard. */
export const HEADER_PERSON = ['a.author', 'a[data-hovercard-url*="/users/"]', 'a[data-hovercard-type="user"]'] as const;

/** Author of the PR description. [2025-issue]/[modern]: `data-testid="issue-body-header-author"`; [synthetic]: first `.timeline-comment-header a.author`. */
export const BODY_AUTHOR = ['[data-testid="issue-body-header-author"]', '.timeline-comment-header a.author'] as const;

/** Every timestamp on the page: GitHub's `<relative-time datetime>` element ([2019-merged], [2025-issue], [modern], [synthetic]). */
export const RELATIVE_TIME = 'relative-time[datetime]';

/** Comment bodies: timestamps inside them are quotes, not events ([synthetic] `.comment-body`, [2025-issue] `data-testid="markdown-body"`). */
export const COMMENT_BODY = '.comment-body, [data-testid="markdown-body"], .markdown-body';

/**
 * Diffstat container next to the tabs. [2019-closed]: `<span id="diffstat" class="diffstat">` with
 * `.text-green` "+183" / `.text-red` "−2"; [modern]: same id with Primer's `fgColor-success|danger`.
 */
export const DIFFSTAT = ['#diffstat', '.diffstat'] as const;
/** Added-lines count inside the diffstat ([2019-closed] `.text-green`, current Primer `.color-fg-success`, [modern] `.fgColor-success`). */
export const DIFFSTAT_ADDED = ['.text-green', '.color-fg-success', '.fgColor-success'] as const;
/** Deleted-lines count inside the diffstat ([2019-closed] `.text-red`, `.color-fg-danger`, [modern] `.fgColor-danger`). */
export const DIFFSTAT_DELETED = ['.text-red', '.color-fg-danger', '.fgColor-danger'] as const;

/** Tab counters by id ([2019-*]: `<span id="commits_tab_counter" class="Counter">4</span>`, `#files_tab_counter`). */
export const COMMITS_COUNTER = '#commits_tab_counter';
/** Files tab counter by id ([2019-*]: `<span id="files_tab_counter" class="Counter">3</span>`). */
export const FILES_COUNTER = '#files_tab_counter';
/** Tab links (`<a href="/o/r/pull/N/commits">`), for tab navs without counter ids ([modern] Primer UnderlineNav). */
export const TAB_LINKS = 'a[href*="/pull/"]';
/** A counter inside a tab link ([2019-*] `.Counter`; [modern] Primer React `CounterLabel` with `data-component="counter"`). */
export const TAB_COUNTER = ['.Counter', '[class*="CounterLabel"]', '[data-component="counter"]'] as const;

/** Reviewers sidebar form ([2019-closed]: `<form aria-label="Select reviewers">`), one `[data-assignee-name]` per reviewer. */
export const REVIEWERS_FORM = 'form[aria-label="Select reviewers"]';
/** Attribute naming a reviewer inside that form ([2019-closed]: `<span data-assignee-name="beyang">`). */
export const REVIEWER_NAME_ATTR = 'data-assignee-name';
/** React sidebar sections ([2025-issue]/[modern]: `<div data-testid="sidebar-section">` with an `<h3>` heading). */
export const SIDEBAR_SECTION = '[data-testid="sidebar-section"]';
/** The heading of a sidebar section ("Reviewers", "Assignees", "Labels"; [2025-issue]/[modern] `<h3>`). */
export const SIDEBAR_HEADING = 'h3';
/** A user inside a React sidebar section ([modern]: `<a data-hovercard-url="/users/ada/hovercard">`). */
export const SIDEBAR_USER = 'a[data-hovercard-url*="/users/"]';
/** Review status next to a reviewer ([2019-closed]: `.reviewers-status-icon[aria-label="beyang left review comments"]`; [modern]: `[aria-label="ada approved these changes"]`). */
export const REVIEW_STATUS = '[aria-label]';
/** Row holding one reviewer and their status ([2019-closed] `<p>`, [modern] `<li>`). */
export const REVIEWER_ROW = 'p, li';

/** Labels container ([2019-closed] `.js-issue-labels` "None yet"; [2025-issue]/[modern] `data-testid="issue-labels"`). */
export const LABELS_CONTAINER = ['[data-testid="issue-labels"]', '.js-issue-labels'] as const;
/** One label inside the container (`.IssueLabel` server-rendered, `a` tokens in [modern]); name from `data-name`, `title` or text. */
export const LABEL = '.IssueLabel, a';

/** Marks of a GitHub page, required before extracting on a non-github.com host (GitHub Enterprise). [2019-*]/[2025-issue]: `<meta name="hostname">`, `<meta name="expected-hostname">`, `og:site_name` "GitHub". */
export const GITHUB_PAGE_MARKS = [
  'meta[name="expected-hostname"]',
  'meta[name="hostname"]',
  'meta[property="og:site_name"][content^="GitHub"]',
] as const;
