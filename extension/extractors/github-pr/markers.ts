/**
 * Structural markers of a PR page for "Copy diagnostics" in Settings (extension/capture/markers.ts runs
 * it in a script of its own, so the capture script stays small): which parts of the 2026 React header
 * and of the legacy markup a page has, as counts and booleans only. Never text, names, numbers of the
 * PR or URLs.
 */
import { GITHUB_PR_PATH } from '../../../shared/url';
import { textOf } from '../dom';
import { embeddedCandidates } from './embedded';
import { srDiffstatOf } from './facts';
import { pageShowsPr } from './page-check';
import * as S from './selectors';

/** Number of elements matching `selector`. */
const count = (doc: Document, selector: string): number => doc.querySelectorAll(selector).length;

/**
 * Structural markers of a PR page at `url`, counts and booleans only: which of the 2026 React header's
 * parts (embedded JSON and whether it matches the URL, title, StateLabel with `data-status`, summary line,
 * tabs, diffstat) and of the legacy markup are present. Never text, names or numbers of the PR.
 */
export function prPageMarkers(url: URL, doc: Document): Record<string, number | boolean> {
  const m = GITHUB_PR_PATH.exec(url.pathname);
  const prs = embeddedCandidates(doc);
  const repo = m ? `${m[1]}/${m[2]}`.toLowerCase() : '';
  return {
    embeddedJson: count(doc, S.EMBEDDED_JSON),
    embeddedJsonPr: prs.length,
    embeddedJsonMatchesUrl: prs.some((c) => c.pr['number'] === Number(m?.[3]) && c.repo === repo),
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
