/**
 * `jira`: a Jira issue on Jira Cloud (`*.atlassian.net`) or a self-hosted Jira Server/Data Center,
 * at `/browse/KEY` or on a board/backlog/navigator with `?selectedIssue=KEY`. Reads the issue through
 * the page's own session with the injected fetch: `GET {base}/rest/api/3/issue/KEY?expand=names`
 * (Cloud), then `GET {base}/rest/api/2/issue/KEY?expand=names` (Server/DC, older Cloud), and falls
 * back to the page (title and the classic issue view's fields, see ./selectors.ts) when both fail.
 * Page side: zod-free, the body is read by ./rest.ts with the typed readers of ../json.ts; `finishCapture`
 * validates the result with `JiraMeta`.
 */
import type { CaptureDraft, JiraMeta, Metric } from '../../../shared/schemas';
import { clean, firstText, metaContent, toIsoDate, toIsoDateTime, todayOf, truncate } from '../dom';
import { firstReading, getJson, type ApiReading } from '../json';
import type { DetectExamples, ExtractContext, Extractor } from '../types';
import { KEY, readIssue, type IssueFacts } from './rest';
import { deriveJiraRole, jiraRoleOf, jiraSuggestions } from './role';

export { deriveJiraRole, isSameUser, jiraRoleOf, jiraSuggestions } from './role';
import * as S from './selectors';
import { siteExtractor } from '../define';

export { FALLBACK_EPIC_LINK_IDS, FALLBACK_STORY_POINT_IDS, readIssue } from './rest';

/**
 * Example URLs for `detect`, checked by tests/extractors/detect.test.ts (a separate export, not a
 * field of the extractor, so the content script's bundle leaves them out).
 */
export const examples = {
  match: [
    'https://airbyteio.atlassian.net/browse/TESTKEY13-1',
    'https://ctreminiom.atlassian.net/browse/KP-10?focusedCommentId=10001',
    'https://ctreminiom.atlassian.net/jira/software/projects/KP/boards/4?selectedIssue=KP-10',
    'https://ctreminiom.atlassian.net/jira/software/c/projects/KP/issues/KP-10',
    'http://localhost:2990/jira/browse/TST-8',
    'https://jira.example.corp/secure/RapidBoard.jspa?rapidView=1&selectedIssue=PRJX-14',
    'https://issues.example.org/browse/ABC_2-7',
  ],
  noMatch: [
    'https://ctreminiom.atlassian.net/jira/software/projects/KP/boards/4',
    'https://ctreminiom.atlassian.net/browse/KP',
    'https://ctreminiom.atlassian.net/wiki/spaces/DUMMY/pages/64290828',
    'https://example.com/browse/lowercase-1',
    'https://example.com/shop?selectedIssue=KP-10',
    'ftp://jira.example.corp/browse/TST-8',
  ],
} as const satisfies DetectExamples;

/** `{contextPath}/browse/KEY`. */
const BROWSE_PATH = /^(.*?)\/browse\/([A-Z][A-Z0-9_]*-\d+)\/?$/;
/** Cloud issue routes: `/jira/software/(c/)projects/P/issues/KEY`, `/jira/servicedesk/projects/P/…/KEY`, `/jira/core/…`. */
const CLOUD_ISSUE_PATH =
  /^\/jira\/(?:software|core|servicedesk|work-management)\/(?:c\/)?projects\/[^/]+\/(?:.*\/)?([A-Z][A-Z0-9_]*-\d+)\/?$/;
/** Pages that can carry `?selectedIssue=KEY`: boards, backlogs, issue navigators (Cloud and Server). */
const SELECTED_ISSUE_PAGES = /\/(?:boards?|backlog|issues|projects|RapidBoard\.jspa|secure)\b/;

/** True for Jira Cloud hosts. */
const isCloudHost = (url: URL): boolean => url.hostname.endsWith('.atlassian.net');

/** The issue key and the context path (`''` or e.g. `/jira`) of a Jira URL; `undefined` when the URL names no issue. */
export function parseJiraUrl(url: URL): { key: string; contextPath: string } | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const browse = BROWSE_PATH.exec(url.pathname);
  if (browse) return { key: browse[2]!, contextPath: browse[1]! };
  const cloud = CLOUD_ISSUE_PATH.exec(url.pathname);
  if (cloud) return { key: cloud[1]!, contextPath: '' };
  const selected = url.searchParams.get('selectedIssue');
  if (selected && KEY.test(selected) && (isCloudHost(url) || SELECTED_ISSUE_PAGES.test(url.pathname))) {
    const context = /^(.*?)\/(?:secure|projects|issues|boards?|backlog)\b/.exec(url.pathname)?.[1] ?? '';
    return { key: selected, contextPath: isCloudHost(url) ? '' : context };
  }
  return undefined;
}

/** Numbers shown on the capture card: story points and sub-tasks, when known. */
export function jiraMetrics(meta: JiraMeta, subtasks: number): Metric[] {
  const metrics: Metric[] = [];
  if (typeof meta.storyPoints === 'number') metrics.push({ label: 'Story points', value: meta.storyPoints });
  if (subtasks > 0) metrics.push({ label: 'Sub-tasks', value: subtasks });
  return metrics;
}

/** The canonical address of an issue: `{origin}{contextPath}/browse/KEY`. */
const canonicalIssueUrl = (url: URL, contextPath: string, key: string): string =>
  `${url.protocol}//${url.host}${contextPath}/browse/${key}`;

/** The site's context path: the page's `ajs-context-path` meta on a server (when well-formed), else the one in the URL. */
function contextPathOf(url: URL, doc: Document, fromUrl: string): string {
  const fromMeta = isCloudHost(url) ? undefined : metaContent(doc, S.CONTEXT_PATH_META);
  return fromMeta !== undefined && /^(\/[\w.~-]+)*$/.test(fromMeta) ? fromMeta : fromUrl;
}

/** Tries v3 then v2 (`expand=names`); the first body that reads as an issue wins, with which API answered. */
async function fetchIssue(
  fetchFn: typeof fetch,
  base: string,
  key: string,
): Promise<{ facts: IssueFacts; via: string } | { error: string }> {
  const reading = (v: string): ApiReading<IssueFacts> => ({
    label: `v${v}`,
    via: `rest-api-${v}`,
    read: async () =>
      readIssue(await getJson(fetchFn, `${base}/rest/api/${v}/issue/${encodeURIComponent(key)}?expand=names`)),
  });
  return firstReading('an issue', [reading('3'), reading('2')]);
}

/** Facts read from the page when REST is not available (title pattern, classic issue view fields). */
function pageFacts(doc: Document, key: string): IssueFacts {
  const rawTitle = metaContent(doc, 'og:title') ?? clean(doc.querySelector('title')?.textContent) ?? '';
  const titled = S.TITLE_PATTERN.exec(rawTitle);
  const summary = firstText(doc, S.SUMMARY) ?? (titled && titled[1] === key ? clean(titled[2]) : undefined) ?? key;
  const meta: IssueFacts['meta'] = { key, project: key.replace(/-\d+$/, '') };
  const issueType = firstText(doc, S.ISSUE_TYPE);
  const status = firstText(doc, S.STATUS);
  const resolution = firstText(doc, S.RESOLUTION);
  const assignee = firstText(doc, S.ASSIGNEE);
  const reporter = firstText(doc, S.REPORTER);
  const resolved = doc.querySelector(S.RESOLVED_TIME.join(', '))?.getAttribute('datetime');
  if (issueType) meta.issueType = issueType;
  if (status) meta.status = status;
  if (resolution && !/^unresolved$/i.test(resolution)) meta.resolution = resolution;
  if (assignee && !/^unassigned$/i.test(assignee)) meta.assignee = assignee;
  if (reporter) meta.reporter = reporter;
  const resolvedAt = toIsoDateTime(resolved);
  if (resolvedAt) meta.resolvedAt = resolvedAt;
  return {
    key,
    summary,
    meta,
    ...(meta.assignee ? { assignee: { displayName: meta.assignee } } : {}),
    ...(meta.reporter ? { reporter: { displayName: meta.reporter } } : {}),
    day: toIsoDate(resolved ?? undefined),
    labels: [],
    subtasks: 0,
  };
}

/**
 * Reads a Jira issue page into a draft: `source: 'jira'`, canonical `url` (`{origin}{context}/browse/KEY`),
 * `title` = summary, `occurredOn` = resolution day, else last update, else today; `meta` = `JiraMeta`
 * (+ `description` (plain text, ≤ 500 chars), `labels`, `parent`, `readFrom`: `rest-api-3` | `rest-api-2` | `page`).
 * @throws Error when the URL names no issue, or when a non-atlassian.net page answered no issue over
 *   REST and shows no Jira marks (the registry then falls back to the generic extractor).
 */
export async function extractJira(ctx: ExtractContext): Promise<CaptureDraft> {
  const url = new URL(ctx.url);
  const parsed = parseJiraUrl(url);
  if (!parsed) throw new Error(`not a Jira issue URL: ${url.pathname}`);
  const doc = ctx.document;
  const key = parsed.key;
  const contextPath = contextPathOf(url, doc, parsed.contextPath);

  let facts: IssueFacts | undefined;
  let readFrom = 'page';
  let restError = 'no fetch';
  if (ctx.fetch) {
    const r = await fetchIssue(ctx.fetch, `${url.protocol}//${url.host}${contextPath}`, key);
    if ('facts' in r) {
      facts = r.facts;
      readFrom = r.via;
    } else restError = r.error;
  }
  if (!facts) {
    const jiraPage = isCloudHost(url) || S.JIRA_PAGE_MARKS.some((m) => doc.querySelector(m));
    if (!jiraPage) throw new Error(`not a Jira page: ${url.host} (REST ${restError})`);
    facts = pageFacts(doc, key);
  }

  const role = jiraRoleOf(facts, ctx.identities);
  const { kind, competencies } = jiraSuggestions(facts.meta, role, facts.labels);
  return {
    source: 'jira',
    kind,
    url: canonicalIssueUrl(url, contextPath, facts.key),
    title: truncate(`${facts.summary}`, 500),
    occurredOn: facts.day ?? todayOf(ctx.now),
    role,
    suggestedCompetencies: competencies,
    metrics: jiraMetrics(facts.meta, facts.subtasks),
    meta: { ...facts.meta, readFrom },
  };
}

/** The Jira issue extractor (Cloud match patterns; self-hosted servers are detected by path). */
export const jira: Extractor = /* @__PURE__ */ siteExtractor(
  'jira',
  (url) => parseJiraUrl(url) !== undefined,
  extractJira,
  deriveJiraRole,
);
