/**
 * Checks of a PR page beside the extraction itself (page side, zod-free, no page content leaves):
 * - `missingPrFacts`: the facts a PR page should give that a draft lacks (the panel says "state not
 *   found on this page");
 * - `prPageMarkers`: which structural markers the page has, as counts and booleans only, for "Copy
 *   diagnostics" in Settings (no titles, names, numbers of the PR or URLs);
 * - `pageShowsPr`: false while the page still shows another PR than its URL names (GitHub changes the URL
 *   first on a soft navigation, then renders the new PR).
 */
import type { CaptureDraft } from '../../../shared/schemas';
import { GITHUB_PR_PATH } from '../../../shared/url';
import { textOf } from '../dom';
import { embeddedPr, type EmbeddedCounts } from './embedded';
import { srDiffstatOf } from './facts';
import * as S from './selectors';

/** Facts every PR page shows (the merge time only on a merged PR), as `GithubPrMeta` keys. */
const EXPECTED = ['state', 'author', 'additions', 'deletions', 'changedFiles', 'commits'] as const;

/**
 * The `GithubPrMeta` keys a `github-pr` draft lacks although a PR page shows them, in a fixed order:
 * `state`, `author`, `additions`, `deletions`, `changedFiles`, `commits`, then `mergedAt` for a merged PR
 * without a merge time. `[]` for a complete draft or a draft of another source.
 */
export function missingPrFacts(draft: CaptureDraft): string[] {
  if (draft.source !== 'github-pr') return [];
  const meta = draft.meta;
  const out: string[] = EXPECTED.filter((k) => meta[k] === undefined || meta[k] === null);
  if (meta['state'] === 'merged' && !meta['mergedAt']) out.push('mergedAt');
  return out;
}

/** The number (and `owner/repo` when the title names it) of the PR the page's header or `<title>` shows. */
function shownPr(doc: Document): { number?: number; repo?: string } {
  const h1 = /#(\d+)\s*$/.exec(textOf(doc.querySelector(S.HEADER_TITLE)));
  const title = /Pull Request\s+#(\d+)\s+·\s+([^\s·]+\/[^\s·]+)/.exec(textOf(doc.querySelector('title')));
  return {
    ...(h1 || title ? { number: Number((h1 ?? title)![1]) } : {}),
    ...(title ? { repo: title[2]!.toLowerCase() } : {}),
  };
}

/**
 * False when the page visibly shows another PR than `url` names (its header's hidden `#N` or its
 * `<title>`'s `Pull Request #N · owner/repo` disagree with the URL); true otherwise, including pages
 * that name no PR at all.
 */
export function pageShowsPr(url: URL, doc: Document): boolean {
  const m = GITHUB_PR_PATH.exec(url.pathname);
  if (!m) return true;
  const shown = shownPr(doc);
  if (shown.number !== undefined && shown.number !== Number(m[3])) return false;
  return shown.repo === undefined || shown.repo === `${m[1]}/${m[2]}`.toLowerCase();
}

/** Number of elements matching `selector`. */
const count = (doc: Document, selector: string): number => doc.querySelectorAll(selector).length;

/**
 * Structural markers of a PR page at `url`, counts and booleans only: which of the 2026 React header's
 * parts (embedded JSON and whether it matches the URL, title, StateLabel with `data-status`, summary line,
 * tabs, diffstat) and of the legacy markup are present. Never text, names or numbers of the PR.
 */
export function prPageMarkers(url: URL, doc: Document): Record<string, number | boolean> {
  const m = GITHUB_PR_PATH.exec(url.pathname);
  const counts: EmbeddedCounts = { scripts: 0, prs: 0, matching: 0 };
  if (m) embeddedPr(doc, `${m[1]}/${m[2]}`, Number(m[3]), counts);
  return {
    embeddedJson: counts.scripts,
    embeddedJsonPr: counts.prs,
    embeddedJsonMatchesUrl: counts.matching > 0,
    headerTitle: count(doc, S.HEADER_TITLE),
    headerMarkdownTitle: count(doc, `${S.HEADER_TITLE} .markdown-title`),
    stateLabel: count(doc, S.STATE_LABEL),
    stateLabelWithStatus: count(doc, `${S.STATE_LABEL}[data-status]`),
    headerSummary: count(doc, S.HEADER_SUMMARY),
    summaryAuthorLink: count(doc, `${S.HEADER_SUMMARY} ${S.SUMMARY_AUTHOR}`),
    summaryRelativeTime: count(doc, `${S.HEADER_SUMMARY} ${S.RELATIVE_TIME}`),
    prNavigation: count(doc, S.PR_NAV),
    headerNavigation: count(doc, S.HEADER_NAV),
    commitsTab: count(doc, S.COMMITS_TAB),
    filesTab: count(doc, S.FILES_TAB),
    counterLabels: count(doc, '[data-component="CounterLabel"]'),
    srOnlyDiffstat: srDiffstatOf(doc).additions !== undefined,
    navDiffstatSuccess: count(doc, `${S.HEADER_NAV} .fgColor-success`),
    perFileDiffstats: count(doc, S.PER_FILE),
    sidebarSections: count(doc, S.SIDEBAR_SECTION),
    legacyHeader: count(doc, '#partial-discussion-header, .gh-header-meta'),
    legacyStateBadge: count(doc, '.State'),
    legacyDiffstat: count(doc, S.DIFFSTAT.join(', ')),
    legacyTabCounters: count(doc, `${S.COMMITS_COUNTER}, ${S.FILES_COUNTER}`),
    ogAuthor: count(doc, `meta[property="${S.AUTHOR_META}"]`) > 0,
    titleHasPrSuffix: /Pull Request\s+#\d+/.test(textOf(doc.querySelector('title'))),
    showsUrlPr: pageShowsPr(url, doc),
  };
}
