/**
 * `github-pr`: a pull request on github.com or GitHub Enterprise, any tab
 * (`/owner/repo/pull/N[/changes|/files|/commits|/checks…]`). Reads the page: the 2026 Primer React
 * header (embedded route JSON when it matches the URL, StateLabel, summary line, tab counters, sr-only
 * diffstat; ./embedded.ts, ./facts.ts) and the legacy server-rendered markup (2019 pages, Enterprise
 * Server), the title and its `… by author · Pull Request #N · owner/repo` suffix, the reviewers and
 * labels sidebar (selectors with their pages: ./selectors.ts). Page side and zod-free: the
 * optional REST enrichment (./enrich.ts, ./rest.ts) runs after it, in
 * `extractCapture`/the side panel, never in the content script.
 */
import type { CaptureDraft, GithubPrMeta, Metric } from '../../../shared/schemas';
import { canonicalizeUrl, GITHUB_PR_PATH } from '../../../shared/url';
import { clean, firstMatch, firstText, metaContent, textOf, toIsoDate, todayOf, truncate, uniqueNames } from '../dom';
import type { DetectExamples, ExtractContext, Extractor } from '../types';
import { embeddedPr, type EmbeddedPr } from './embedded';
import {
  diffstatOf,
  labelStateOf,
  latestTimeOf,
  legacyMergedAtOf,
  legacyStateOf,
  MERGED,
  summaryMergedAtOf,
  tabCountOf,
  type PageState,
} from './facts';
import { missingPrFacts, pageShowsPr } from './page-check';
import { reviewDecisionOf } from './review';
import * as S from './selectors';
import { EXTRACTOR_MATCHES } from '../hosts';
import { deriveGithubRole } from './role';

export { deriveGithubRole, prRoleOf, suggestCompetencies } from './role';

/**
 * Example URLs for `detect`, checked by tests/extractors/detect.test.ts (a separate export, not a
 * field of the extractor, so the content script's bundle leaves them out).
 */
export const examples = {
  match: [
    'https://github.com/sourcegraph/sourcegraph/pull/3221',
    'https://github.com/sourcegraph/sourcegraph/pull/3257/files',
    'https://github.com/sourcegraph/sourcegraph/pull/3257/files?diff=unified#diff-1a2b',
    'https://github.com/casebook-demo/platform/pull/1287/changes',
    'https://github.com/refined-github/refined-github/pull/148/commits/6f1b0a1',
    'https://github.com/kepano/defuddle/pull/42/',
    'https://github.example.corp/platform/api/pull/88/checks',
    'http://ghe.internal/team.name/repo_x/pull/7#issuecomment-1',
  ],
  noMatch: [
    'https://github.com/sourcegraph/sourcegraph/pulls',
    'https://github.com/kepano/defuddle/issues/56',
    'https://github.com/sourcegraph/sourcegraph/pull/new/feature-branch',
    'https://github.com/sourcegraph/sourcegraph/compare/main...feature',
    'https://github.com/sourcegraph/sourcegraph',
    'https://github.com/sourcegraph/sourcegraph/pull/abc',
    'https://gitlab.com/group/project/-/merge_requests/3',
    'https://bitbucket.org/owner/repo/pull-requests/3',
    'file:///home/me/sourcegraph/pull/3221',
  ],
} as const satisfies DetectExamples;

/** `Title by author · Pull Request #N · owner/repo` with optional ` · GitHub` (or any site) tail; the `by author` part is optional. */
const TITLE_SUFFIX = /^(.*?)(?:\s+by\s+(\S+))?\s+·\s+Pull Request\s+#(\d+)\s+·\s+([^\s·]+\/[^\s·]+)(?:\s+·\s+.*)?$/su;

/**
 * Splits a PR page title into its parts, e.g. `"make x by alice · Pull Request #3 · o/r"` gives
 * `{title: 'make x', author: 'alice', number: 3, repo: 'o/r'}`; `undefined` when it has no PR suffix.
 */
export function parsePrTitle(
  raw: string,
): { title: string; author?: string; number: number; repo: string } | undefined {
  const m = TITLE_SUFFIX.exec(raw.replace(/\s+/g, ' ').trim());
  if (!m || !m[1]) return undefined;
  return { title: m[1], number: Number(m[3]), repo: m[4]!, ...(m[2] ? { author: m[2] } : {}) };
}

/** A reviewer's review state from the status labels in their sidebar row. */
function reviewStatusOf(row: Element | null): string | undefined {
  if (!row) return undefined;
  for (const el of row.querySelectorAll(S.REVIEW_STATUS)) {
    const label = el.getAttribute('aria-label') ?? '';
    if (/approved these changes/i.test(label)) return 'APPROVED';
    if (/requested changes/i.test(label)) return 'CHANGES_REQUESTED';
    if (/left review comments|reviewed|commented/i.test(label)) return 'COMMENTED';
  }
  return undefined;
}

/** The login in a hovercard URL such as `/users/ada/hovercard`. */
const hovercardLogin = (a: Element): string | undefined =>
  /\/users\/([^/?#]+)\/hovercard/.exec(a.getAttribute('data-hovercard-url') ?? '')?.[1];

/** Reviewers listed in the sidebar with their review state; `undefined` when the page has no reviewers sidebar (e.g. the Files tab). */
function reviewersOf(doc: Document): { login: string; status?: string }[] | undefined {
  let entries: { login: string | undefined; row: Element | null }[] | undefined;
  const form = doc.querySelector(S.REVIEWERS_FORM);
  if (form) {
    entries = [...form.querySelectorAll(`[${S.REVIEWER_NAME_ATTR}]`)].map((el) => ({
      login: el.getAttribute(S.REVIEWER_NAME_ATTR) ?? undefined,
      row: el.closest(S.REVIEWER_ROW),
    }));
  } else {
    const section = [...doc.querySelectorAll(S.SIDEBAR_SECTION)].find((s) =>
      /^reviewers\b/i.test(textOf(s.querySelector(S.SIDEBAR_HEADING))),
    );
    if (section) {
      entries = [...section.querySelectorAll(S.SIDEBAR_USER)].map((a) => ({
        login: hovercardLogin(a) ?? textOf(a),
        row: a.closest(S.REVIEWER_ROW),
      }));
    }
  }
  if (!entries) return undefined;
  const out = new Map<string, { login: string; status?: string }>();
  for (const { login, row } of entries) {
    const name = clean(login);
    if (!name) continue;
    const prev = out.get(name.toLowerCase());
    const status = reviewStatusOf(row) ?? prev?.status;
    out.set(name.toLowerCase(), { login: prev?.login ?? name, ...(status ? { status } : {}) });
  }
  return [...out.values()];
}

/** Label names in the sidebar; `[]` for "None yet"/"No labels"; `undefined` when there is no labels sidebar. */
function labelsOf(doc: Document): string[] | undefined {
  const box = firstMatch(doc, S.LABELS_CONTAINER);
  if (!box) return undefined;
  return uniqueNames(
    [...box.querySelectorAll(S.LABEL)].map(
      (el) => el.getAttribute('data-name') ?? (textOf(el) || el.getAttribute('title')),
    ),
  );
}

/** Owner, repo and number of a PR URL; `undefined` when the path is not a PR. */
export function parsePrUrl(url: URL): { owner: string; repo: string; number: number } | undefined {
  const m = GITHUB_PR_PATH.exec(url.pathname);
  return m ? { owner: m[1]!, repo: m[2]!, number: Number(m[3]) } : undefined;
}

/** Numbers shown on the capture card: lines changed, files changed, commits, reviewers (each only when known). */
export function prMetricsOf(meta: GithubPrMeta): Metric[] {
  const metrics: Metric[] = [];
  if (meta.additions !== undefined && meta.deletions !== undefined)
    metrics.push({ label: 'Lines changed', value: meta.additions + meta.deletions });
  if (meta.changedFiles !== undefined) metrics.push({ label: 'Files changed', value: meta.changedFiles });
  if (meta.commits !== undefined) metrics.push({ label: 'Commits', value: meta.commits });
  if (meta.reviewers?.length) metrics.push({ label: 'Reviewers', value: meta.reviewers.length });
  return metrics;
}

/** The state from the embedded JSON, refined by the StateLabel for draft/queued; else StateLabel, else legacy badge. */
function pageStateOf(doc: Document, embedded: EmbeddedPr | undefined): PageState | undefined {
  const label = labelStateOf(doc);
  if (embedded?.state === 'open') {
    if (label === 'draft' || label === 'queued') return label;
    return embedded.inMergeQueue ? 'queued' : 'open';
  }
  return embedded?.state ?? label ?? legacyStateOf(doc);
}

/**
 * Reads a PR page into a draft: `source: 'github-pr'`, canonical `url` (`https://host/owner/repo/pull/N`, also
 * from `/pull/N/changes`), `title` without the page-title suffix, `occurredOn` = merge date, else the latest
 * timestamp on the page, else today; `meta` = `GithubPrMeta` (+ `mergedBy` when shown, `inMergeQueue: true`
 * for a queued PR); metrics, role, kind and competencies derived. Each fact is read in the order of
 * ./facts.ts; a fact found nowhere is left out (`state` too: unknown, never a default), and
 * `missingPrFacts` names it.
 * @throws Error when the URL is not a PR URL, when a non-github.com page does not look like GitHub,
 *   or when no title can be found (the registry then falls back to the generic extractor).
 */
export function extractGithubPr(ctx: ExtractContext): CaptureDraft {
  const doc = ctx.document;
  const pageUrl = new URL(ctx.url);
  const pr = parsePrUrl(pageUrl);
  if (!pr) throw new Error(`not a pull request URL: ${pageUrl.pathname}`);
  const repo = `${pr.owner}/${pr.repo}`;

  const rawTitles = [metaContent(doc, ...S.TITLE_META), clean(doc.querySelector('title')?.textContent)];
  const parsedTitles = rawTitles.flatMap((t) => {
    const p = t ? parsePrTitle(t) : undefined;
    return p ? [p] : [];
  });
  if (pageUrl.host !== 'github.com' && !firstMatch(doc, S.GITHUB_PAGE_MARKS) && parsedTitles.length === 0) {
    throw new Error(`not a GitHub page: ${pageUrl.host}`);
  }
  const embedded = embeddedPr(doc, repo, pr.number);
  const title = firstText(doc, S.TITLE) ?? embedded?.title ?? parsedTitles[0]?.title;
  if (!title) throw new Error('no pull request title on the page');

  const header = firstMatch(doc, S.HEADER_META);
  const headerText = textOf(header);
  const headerPerson = header ? firstText(header, S.HEADER_PERSON) : undefined;
  const headerAuthor = headerPerson && /\bwants to merge\b/i.test(headerText) ? headerPerson : undefined;
  const summaryAuthor = firstText(doc, [`${S.HEADER_SUMMARY} ${S.SUMMARY_AUTHOR}`]);
  const author =
    embedded?.author ??
    metaContent(doc, S.AUTHOR_META) ??
    parsedTitles.find((p) => p.author)?.author ??
    summaryAuthor ??
    headerAuthor ??
    firstText(doc, S.BODY_AUTHOR);
  const mergedBy =
    embedded?.mergedBy ?? (headerPerson && !headerAuthor && MERGED.test(headerText) ? headerPerson : undefined);

  const pageState = pageStateOf(doc, embedded);
  const state = pageState === 'queued' ? 'open' : pageState;
  const reviewers = reviewersOf(doc);
  const labels = labelsOf(doc);
  const commits = tabCountOf(doc, 'commits') ?? embedded?.commits;
  const changedFiles = tabCountOf(doc, 'files');
  const { additions, deletions } = diffstatOf(doc);

  const meta: GithubPrMeta = {
    repo,
    number: pr.number,
    reviewDecision: reviewers
      ? reviewDecisionOf(reviewers.map((r) => ({ user: r.login, state: r.status ?? '' })))
      : null,
  };
  if (state) {
    meta.state = state;
    meta.mergedAt =
      state === 'merged' ? (embedded?.mergedAt ?? summaryMergedAtOf(doc) ?? legacyMergedAtOf(doc) ?? null) : null;
  }
  if (pageState === 'queued') meta['inMergeQueue'] = true;
  if (author) meta.author = author;
  if (mergedBy && state === 'merged') meta.mergedBy = mergedBy;
  if (additions !== undefined) meta.additions = additions;
  if (deletions !== undefined) meta.deletions = deletions;
  if (changedFiles !== undefined) meta.changedFiles = changedFiles;
  if (commits !== undefined) meta.commits = commits;
  if (reviewers)
    meta.reviewers = reviewers.map((r) => r.login).filter((r) => r.toLowerCase() !== author?.toLowerCase());
  if (labels) meta.labels = labels;

  const occurredOn = toIsoDate(meta.mergedAt ?? undefined) ?? toIsoDate(latestTimeOf(doc)) ?? todayOf(ctx.now);
  const draft: CaptureDraft = {
    source: 'github-pr',
    kind: 'pull-request',
    url: canonicalizeUrl(pageUrl.toString()),
    title: truncate(title, 500),
    occurredOn,
    suggestedCompetencies: [],
    metrics: prMetricsOf(meta),
    meta,
  };
  return deriveGithubRole(draft, ctx.identities);
}

/** The GitHub pull request extractor (github.com match patterns; Enterprise hosts are detected by path). */
export const githubPr: Extractor = {
  id: 'github-pr',
  matches: EXTRACTOR_MATCHES['github-pr'],
  detect: (url) => (url.protocol === 'https:' || url.protocol === 'http:') && GITHUB_PR_PATH.test(url.pathname),
  extract: extractGithubPr,
  deriveRole: deriveGithubRole,
  missing: missingPrFacts,
  showsUrl: pageShowsPr,
};
