/**
 * Every selector the `github-pr` extractor uses, each with the page it was taken from.
 * Lists are tried in order; the first that matches wins. Pages (all in tests/fixtures/github/,
 * provenance in tests/fixtures/SOURCES.md):
 * - [2019-closed]  github-pr--closed-unmerged-conversation-2019.html: real github.com PR page,
 *                  Conversation tab, sourcegraph/sourcegraph#3221 (server-rendered, `gh-header`, `tabnav-pr`).
 * - [2019-merged]  github-pr--merged-files-tab-2019.html: real github.com PR page, Files tab, sourcegraph#3257.
 * - [2025-issue]   tests/fixtures/web/web--github-issue-2025.html: real 2025 github.com issue page (React,
 *                  `data-testid`, `prc-*` Primer React classes); PR pages share its sidebar components.
 * - [2026]         github-pr--react-2026-*.html: RECONSTRUCTIONS of the September 2026 Primer React PR header
 *                  from the public description in refined-github / github-url-detection (issues #8946, #9443)
 *                  and aklinker1/github-better-line-counts. CSS-module classes carry rotating hash suffixes
 *                  (`prc-PageHeader-Title-p0Mgh`), so only their stable prefix is matched (`[class*=…]`).
 * - [synthetic]    github-pr--synthetic-defuddle-42.html: defuddle's hand-written PR page (timeline classes).
 */

/** Embedded route data of the React app ([2026]): `payload.pullRequestsLayoutRoute.pullRequest`. */
export const EMBEDDED_JSON = 'script[type="application/json"][data-target="react-app.embeddedData"]';

/** The PR header's title ([2026]); the h1 also holds a hidden `- #N`, so only `.markdown-title` is read. */
export const HEADER_TITLE = 'h1[class*="prc-PageHeader-Title"]';

/**
 * PR title element. [2026]: `h1[class*="prc-PageHeader-Title"] .markdown-title`; [2025-issue]:
 * `<bdi data-testid="issue-title">`; [2019-*]: `h1.gh-header-title > span.js-issue-title`.
 */
export const TITLE = [
  `${HEADER_TITLE} .markdown-title`,
  '[data-testid="issue-title"]',
  '.gh-header-title .js-issue-title',
  'h1 .js-issue-title',
] as const;

/** Title meta keys whose value carries the `… by author · Pull Request #N · owner/repo` suffix ([2019-*], [2026], [synthetic] `<title>`). */
export const TITLE_META = ['og:title', 'twitter:title'] as const;

/** PR author login meta: `<meta property="og:author:username">` ([2025-issue]). */
export const AUTHOR_META = 'og:author:username';

/** Primer's StateLabel ([2026]): `<span class="prc-StateLabel-…" data-status="pullMerged">Merged</span>`. */
export const STATE_LABEL = 'span[class*="StateLabel"]';

/** `data-status` values of the StateLabel ([2026]), Primer's names for a pull request's state. */
export const STATE_STATUS: Readonly<Record<string, 'open' | 'closed' | 'merged' | 'draft' | 'queued'>> = {
  pullOpened: 'open',
  pullClosed: 'closed',
  pullMerged: 'merged',
  draft: 'draft',
  pullQueued: 'queued',
};

/** The PR header of the React page ([2026]), where its StateLabel sits (before any StateLabel of the timeline). */
export const PAGE_HEADER = '[class*="prc-PageHeader-PageHeader"]';

/**
 * Legacy state badge (Enterprise Server lags github.com by months). [2025-issue]:
 * `<span data-testid="header-state">Open</span>`; [2019-*]: `.gh-header-meta .State`
 * (`State--purple` "Status: Merged", `State--red` "Status: Closed").
 */
export const STATE = [
  '[data-testid="header-state"]',
  '.gh-header-meta .State',
  '#partial-discussion-header .State',
  '.State',
] as const;

/**
 * Legacy state badge class tokens (Primer CSS `State--merged|draft|closed|open`; [2019-*] colour classes
 * `State--purple|red|green`), checked before the badge text; the colours map through `STATE_COLOURS`.
 */
export const STATE_CLASS = /(?:^|\s)State--(merged|purple|draft|closed|red|open|green)(?:\s|$)/;
/** What a [2019-*] badge colour means. */
export const STATE_COLOURS: Readonly<Record<string, 'merged' | 'closed' | 'open'>> = {
  purple: 'merged',
  red: 'closed',
  green: 'open',
};

/**
 * The React header's summary line ([2026]): in `[class*="prc-PageHeader-Description"]`, "octo-dev merged
 * 7 commits into main from …" with the author link and, on a merged PR, a `<relative-time>`.
 */
export const HEADER_SUMMARY = '[class*="PullRequestHeaderSummary"]';
/** The author link of the summary line ([2026]). */
export const SUMMARY_AUTHOR = 'a[data-hovercard-type="user"]';

/**
 * Legacy header meta line: "alexandnpu wants to merge 4 commits into …" / "beyang merged 1 commit into … <relative-time>".
 * [2019-*]: `.gh-header-meta`.
 */
export const HEADER_META = ['.gh-header-meta'] as const;

/** The person named first in the legacy header meta line. [2019-*]: `a.author`. */
export const HEADER_PERSON = ['a.author', 'a[data-hovercard-url*="/users/"]', 'a[data-hovercard-type="user"]'] as const;

/** Author of the PR description. [2025-issue]: `data-testid="issue-body-header-author"`; [synthetic]: first `.timeline-comment-header a.author`. */
export const BODY_AUTHOR = ['[data-testid="issue-body-header-author"]', '.timeline-comment-header a.author'] as const;

/** Every timestamp on the page: GitHub's `<relative-time datetime>` element ([2019-merged], [2025-issue], [2026], [synthetic]). */
export const RELATIVE_TIME = 'relative-time[datetime]';

/** Comment bodies: timestamps inside them are quotes, not events ([synthetic] `.comment-body`, [2025-issue] `data-testid="markdown-body"`). */
export const COMMENT_BODY = '.comment-body, [data-testid="markdown-body"], .markdown-body';

/** The header's navigation row ([2026]): the tabs and the PR's diffstat `+243 −47`. */
export const HEADER_NAV = '[class*="prc-PageHeader-Navigation"]';
/** Visually hidden text ([2026]: "Lines changed: 243 additions & 47 deletions"). */
export const SR_ONLY = '.sr-only';
/** "Lines changed: 243 additions & 47 deletions" ([2026] `.sr-only` of the header diffstat). */
export const SR_DIFFSTAT = /Lines changed:\s*([\d,]+)\s+additions?\s*(?:&|and)\s*([\d,]+)\s+deletions?/i;
/**
 * Per-file diffstats, never the PR's ([2026] `/changes`: file headers `[class*="DiffFileHeader"]` and the
 * file tree's items). A diffstat inside one of these is skipped.
 */
export const PER_FILE = '[class*="DiffFileHeader"], [role="treeitem"], [class*="FileTree"]';

/**
 * Legacy diffstat container next to the tabs. [2019-closed]: `<span id="diffstat" class="diffstat">` with
 * `.text-green` "+183" / `.text-red` "−2".
 */
export const DIFFSTAT = ['#diffstat', '.diffstat'] as const;
/** Added-lines count ([2019-closed] `.text-green`, Primer CSS `.color-fg-success`, [2026] `.fgColor-success`). */
export const DIFFSTAT_ADDED = ['.fgColor-success', '.text-green', '.color-fg-success'] as const;
/** Deleted-lines count ([2019-closed] `.text-red`, `.color-fg-danger`, [2026] `.fgColor-danger`). */
export const DIFFSTAT_DELETED = ['.fgColor-danger', '.text-red', '.color-fg-danger'] as const;

/** The Commits tab ([2026]: `<a id="prs-commits-anchor-tab" href="/o/r/pull/N/commits">`). */
export const COMMITS_TAB = '#prs-commits-anchor-tab';
/** The Files changed tab ([2026]: `<a id="prs-files-anchor-tab" href="/o/r/pull/N/changes">`, `/files` before December 2025). */
export const FILES_TAB = '#prs-files-anchor-tab';
/** Tab counters by id ([2019-*]: `<span id="commits_tab_counter" class="Counter">4</span>`). */
export const COMMITS_COUNTER = '#commits_tab_counter';
/** Files tab counter by id ([2019-*]: `<span id="files_tab_counter" class="Counter">3</span>`). */
export const FILES_COUNTER = '#files_tab_counter';
/** Tab links (`<a href="/o/r/pull/N/commits">`), for tab navs without ids. */
export const TAB_LINKS = 'a[href*="/pull/"]';
/** A counter inside a tab ([2026] `data-component="CounterLabel"`; [2019-*] `.Counter`; Primer React `prc-CounterLabel-…`). */
export const TAB_COUNTER = ['[data-component="CounterLabel"]', '.Counter', '[class*="CounterLabel"]'] as const;
/** The tab nav of a PR ([2026] `nav[aria-label="Pull request navigation"]`), a diagnostics marker only. */
export const PR_NAV = 'nav[aria-label="Pull request navigation"]';

/** Reviewers sidebar form ([2019-closed]: `<form aria-label="Select reviewers">`), one `[data-assignee-name]` per reviewer. */
export const REVIEWERS_FORM = 'form[aria-label="Select reviewers"]';
/** Attribute naming a reviewer inside that form ([2019-closed]: `<span data-assignee-name="beyang">`). */
export const REVIEWER_NAME_ATTR = 'data-assignee-name';
/** React sidebar sections ([2025-issue]/[2026]: `<div data-testid="sidebar-section">` with an `<h3>` heading). */
export const SIDEBAR_SECTION = '[data-testid="sidebar-section"]';
/** The heading of a sidebar section ("Reviewers", "Assignees", "Labels"; [2025-issue]/[2026] `<h3>`). */
export const SIDEBAR_HEADING = 'h3';
/** A user inside a React sidebar section ([2026]: `<a data-hovercard-url="/users/ada/hovercard">`). */
export const SIDEBAR_USER = 'a[data-hovercard-url*="/users/"]';
/** Review status next to a reviewer ([2019-closed]: `.reviewers-status-icon[aria-label="beyang left review comments"]`; [2026]: `[aria-label="ada approved these changes"]`). */
export const REVIEW_STATUS = '[aria-label]';
/** Row holding one reviewer and their status ([2019-closed] `<p>`, [2026] `<li>`). */
export const REVIEWER_ROW = 'p, li';

/** Labels container ([2019-closed] `.js-issue-labels` "None yet"; [2025-issue]/[2026] `data-testid="issue-labels"`). */
export const LABELS_CONTAINER = ['[data-testid="issue-labels"]', '.js-issue-labels'] as const;
/** One label inside the container (`.IssueLabel` server-rendered, `a` tokens in [2026]); name from `data-name`, `title` or text. */
export const LABEL = '.IssueLabel, a';

/** Marks of a GitHub page, required before extracting on a non-github.com host (GitHub Enterprise). [2019-*]/[2025-issue]: `<meta name="hostname">`, `<meta name="expected-hostname">`, `og:site_name` "GitHub". */
export const GITHUB_PAGE_MARKS = [
  'meta[name="expected-hostname"]',
  'meta[name="hostname"]',
  'meta[property="og:site_name"][content^="GitHub"]',
] as const;
