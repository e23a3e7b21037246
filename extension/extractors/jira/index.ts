/**
 * `jira`: a Jira issue on Jira Cloud (`*.atlassian.net`) or a self-hosted Jira Server/Data Center,
 * at `/browse/KEY` or on a board/backlog/navigator with `?selectedIssue=KEY`. Reads the issue through
 * the page's own session with the injected fetch: `GET {base}/rest/api/3/issue/KEY?expand=names`
 * (Cloud), then `GET {base}/rest/api/2/issue/KEY?expand=names` (Server/DC, older Cloud), and falls
 * back to the page (title and the classic issue view's fields, see ./selectors.ts) when both fail.
 * Page side: zod-free, the body is read with the typed readers of ../json.ts; `finishCapture`
 * validates the result with `JiraMeta`.
 */
import type { CaptureDraft, JiraMeta, Kind, Metric, Role } from '../../../shared/schemas';
import { clean, firstText, metaContent, toIsoDate, toIsoDateTime, todayOf, truncate, uniqueNames } from '../dom';
import { arr, at, getJson, num, obj, str, type JsonObject } from '../json';
import { inRubricOrder } from '../suggest';
import type { DetectExamples, ExtractContext, Extractor, Identities } from '../types';
import { adfToText } from './adf';
import * as S from './selectors';
import { EXTRACTOR_MATCHES } from '../hosts';

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

/** An issue key: a project key (letter, then letters/digits/underscores), a hyphen and a number. */
const KEY = /^[A-Z][A-Z0-9_]*-\d+$/;
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

/** A Jira user object (`{displayName, name, key, emailAddress, accountId}`) reduced to what role matching needs. */
interface JiraUser {
  displayName?: string;
  name?: string;
  email?: string;
}

function userOf(v: unknown): JiraUser | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const u: JiraUser = {};
  const displayName = str(o['displayName']) ?? str(o['publicName']);
  const name = str(o['name']) ?? str(o['key']);
  const email = str(o['emailAddress']) ?? str(o['email']);
  if (displayName) u.displayName = displayName;
  if (name) u.name = name;
  if (email) u.email = email;
  return u.displayName || u.name || u.email ? u : undefined;
}

/** True when `user` is the person of `identities`: Atlassian name vs display name or username, or e-mail (case-insensitive). */
export function isSameUser(user: JiraUser | undefined, identities: Identities): boolean {
  if (!user) return false;
  const name = identities.atlassianName?.trim().toLowerCase();
  const email = identities.email?.trim().toLowerCase();
  if (name && (user.displayName?.toLowerCase() === name || user.name?.toLowerCase() === name)) return true;
  return Boolean(email && user.email?.toLowerCase() === email);
}

/** One sprint as found in the sprint field (Cloud objects, or Server `com.atlassian.greenhopper…Sprint@…[…]` strings). */
interface Sprint {
  name: string;
  state?: string;
}

/** A sprint from an agile object (`{name, state}`) or a Greenhopper string (`…[id=1,state=ACTIVE,name=Sprint 1,…]`). */
function sprintOf(v: unknown): Sprint | undefined {
  const o = obj(v);
  if (o) {
    const name = str(o['name']);
    const state = str(o['state']);
    return name ? { name, ...(state ? { state: state.toLowerCase() } : {}) } : undefined;
  }
  const s = str(v);
  if (!s || !/greenhopper\.service\.sprint\.Sprint@/.test(s)) return undefined;
  const name = /[[,]name=([^,\]]*)/.exec(s)?.[1]?.trim();
  const state = /[[,]state=([A-Za-z_]+)/.exec(s)?.[1]?.toLowerCase();
  return name ? { name, ...(state ? { state } : {}) } : undefined;
}

/** The sprints held by a field value (an array of sprints, or one sprint object as in the agile API). */
function sprintsIn(v: unknown): Sprint[] {
  const list = Array.isArray(v) ? v : [v];
  return list.map(sprintOf).filter((s): s is Sprint => s !== undefined);
}

/** The active sprint's name, else the last one listed (Jira lists an issue's sprints oldest first). */
function pickSprint(sprints: Sprint[]): string | undefined {
  return (sprints.find((s) => s.state === 'active') ?? sprints.at(-1))?.name;
}

/**
 * Custom field ids used ONLY when the body has no `names` expansion (webhook payloads, the agile API,
 * servers that ignore `expand=names`). Jira creates these fields per site, so ids differ between
 * sites; these are the common defaults:
 * - story points: `customfield_10016` (Cloud "Story point estimate"), `customfield_10026`/`10028`
 *   (Cloud "Story Points" on company-managed projects), `customfield_10106`/`10002` (Server/DC
 *   "Story Points", e.g. the PRJX-14 fixture);
 * - epic link: `customfield_10014` (Cloud "Epic Link", e.g. the KT-22 fixture), `customfield_10008`
 *   (Server/DC "Epic Link").
 * With `names` present the fields are found by their names instead, and these ids are never used.
 */
export const FALLBACK_STORY_POINT_IDS = [
  'customfield_10016',
  'customfield_10026',
  'customfield_10028',
  'customfield_10106',
  'customfield_10002',
];
export const FALLBACK_EPIC_LINK_IDS = ['customfield_10014', 'customfield_10008'];

/** Field ids whose display name (from the `names` expansion) matches `pattern`. */
function fieldIdsNamed(names: JsonObject | undefined, pattern: RegExp): string[] {
  if (!names) return [];
  return Object.entries(names)
    .filter(([, n]) => typeof n === 'string' && pattern.test(n))
    .map(([id]) => id);
}

/** A story-point value: a number, or a numeric string such as `"3.0"`. */
function pointsOf(v: unknown): number | undefined {
  const n = num(v);
  if (n !== undefined) return n;
  const s = str(v);
  return s && /^\d+(?:\.\d+)?$/.test(s) ? Number(s) : undefined;
}

/** What the REST API says about an issue, before role and competencies. */
interface IssueFacts {
  key: string;
  summary: string;
  meta: JiraMeta & Record<string, unknown>;
  assignee?: JiraUser;
  reporter?: JiraUser;
  /** The day of the work: resolution date, else last update, in the site's own time zone. */
  day?: string;
  labels: string[];
  subtasks: number;
}

/**
 * Reads a Jira REST issue (v2 or v3 shape, `expand=names` optional) into facts; `undefined` when the
 * body is not an issue (no key or no summary).
 */
export function readIssue(body: unknown): IssueFacts | undefined {
  const issue = obj(body);
  const fields = obj(issue?.['fields']);
  const key = str(issue?.['key']);
  const summary = str(fields?.['summary']);
  if (!issue || !fields || !key || !KEY.test(key) || !summary) return undefined;
  const names = obj(issue['names']);

  // Story points: the field named like "Story Points" / "Story point estimate"; known ids only without names.
  const pointIds = names ? fieldIdsNamed(names, /story[ _-]?points?/i) : FALLBACK_STORY_POINT_IDS;
  const storyPoints = pointIds.map((id) => pointsOf(fields[id])).find((v) => v !== undefined);

  // Sprint: the field named "Sprint", the agile API's `sprint`; without names, any value shaped like sprints.
  const sprintIds = names ? fieldIdsNamed(names, /^sprints?$/i) : Object.keys(fields);
  const sprints = [
    ...sprintsIn(fields['sprint']),
    ...arr(fields['closedSprints']).flatMap(sprintsIn),
    ...sprintIds.filter((id) => id.startsWith('customfield_')).flatMap((id) => sprintsIn(fields[id])),
  ];
  const sprint = pickSprint(sprints);

  // Epic: the parent when it is an epic (new-style hierarchy), the agile API's `epic`, or the Epic Link field.
  const parent = obj(fields['parent']);
  const parentKey = str(parent?.['key']);
  const parentType = obj(at(parent, 'fields', 'issuetype'));
  const parentIsEpic = num(parentType?.['hierarchyLevel']) === 1 || /^epic$/i.test(str(parentType?.['name']) ?? '');
  const epicLinkIds = names ? fieldIdsNamed(names, /^epic link$/i) : FALLBACK_EPIC_LINK_IDS;
  const epic =
    (parentIsEpic ? parentKey : undefined) ??
    str(at(fields, 'epic', 'key')) ??
    epicLinkIds.map((id) => str(fields[id])).find((v) => v !== undefined && KEY.test(v));

  const rawDescription = fields['description'];
  const description = clean(typeof rawDescription === 'string' ? rawDescription : adfToText(rawDescription));
  const resolutiondate = str(fields['resolutiondate']);
  const assignee = userOf(fields['assignee']);
  const reporter = userOf(fields['reporter']);

  const meta: IssueFacts['meta'] = {
    key,
    project: str(at(fields, 'project', 'key')) ?? key.replace(/-\d+$/, ''),
    resolution: str(at(fields, 'resolution', 'name')) ?? null,
    resolvedAt: toIsoDateTime(resolutiondate) ?? null,
    assignee: assignee?.displayName ?? assignee?.name ?? null,
    reporter: reporter?.displayName ?? reporter?.name ?? null,
    storyPoints: storyPoints ?? null,
    epic: epic ?? null,
    sprint: sprint ?? null,
  };
  const issueType = str(at(fields, 'issuetype', 'name'));
  const status = str(at(fields, 'status', 'name'));
  if (issueType) meta.issueType = issueType;
  if (status) meta.status = status;
  if (parentKey && !parentIsEpic) meta['parent'] = parentKey;
  if (description) meta['description'] = truncate(description, 500);
  const labels = uniqueNames(arr(fields['labels']).map((l) => (typeof l === 'string' ? l : undefined)));
  if (labels.length > 0) meta['labels'] = labels;
  return {
    key,
    summary,
    meta,
    ...(assignee ? { assignee } : {}),
    ...(reporter ? { reporter } : {}),
    day: toIsoDate(resolutiondate) ?? toIsoDate(str(fields['updated'])),
    labels,
    subtasks: arr(fields['subtasks']).length,
  };
}

/** Incident-like issue types (Jira Service Management "Incident", "Post-incident review", "Postmortem"). */
const INCIDENT_TYPE = /incident|post-?mortem/i;
/** Labels that mark incident work. */
const INCIDENT_LABEL = /incident|post-?mortem|outage|sev-?\d/i;

/** Role from the issue's people: `assignee`, else `reporter`, else `contributor`. */
export function jiraRoleOf(people: { assignee?: JiraUser; reporter?: JiraUser }, identities: Identities): Role {
  if (isSameUser(people.assignee, identities)) return 'assignee';
  if (isSameUser(people.reporter, identities)) return 'reporter';
  return 'contributor';
}

/**
 * Kind and suggested competencies of an issue for the user's `role`:
 * - an incident or postmortem issue type → kind `incident`, `ownership`; incident labels → `ownership`;
 * - an Epic the user owns (assignee, or reporter of an unassigned epic) → `ownership` + `ambiguity`;
 * - every other issue → kind `ticket`, no suggestion.
 */
export function jiraSuggestions(
  meta: JiraMeta,
  role: Role,
  labels: readonly string[],
): { kind: Kind; competencies: string[] } {
  const out: string[] = [];
  const incidentType = INCIDENT_TYPE.test(meta.issueType ?? '');
  if (incidentType || labels.some((l) => INCIDENT_LABEL.test(l))) out.push('ownership');
  const owns = role === 'assignee' || (role === 'reporter' && !meta.assignee);
  if (/^epic$/i.test(meta.issueType ?? '') && owns) out.push('ownership', 'ambiguity');
  return { kind: incidentType ? 'incident' : 'ticket', competencies: inRubricOrder(out) };
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
  const errors: string[] = [];
  for (const v of ['3', '2']) {
    try {
      const facts = readIssue(
        await getJson(fetchFn, `${base}/rest/api/${v}/issue/${encodeURIComponent(key)}?expand=names`),
      );
      if (facts) return { facts, via: `rest-api-${v}` };
      errors.push(`v${v}: not an issue`);
    } catch (e) {
      errors.push(`v${v}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { error: errors.join('; ') };
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
 * Re-derives `role`, `kind` and `suggestedCompetencies` of a `jira` draft from its meta (assignee and
 * reporter display names). The extractor also matched e-mail addresses, which meta does not keep
 * (other people's addresses are not stored): when no name matches but the draft already has an
 * assignee/reporter role and an e-mail identity is set, that role is kept.
 */
export function deriveJiraRole(draft: CaptureDraft, identities: Identities): CaptureDraft {
  const meta = draft.meta as Partial<JiraMeta> & Record<string, unknown>;
  if (typeof meta.key !== 'string') return draft;
  const person = (n: unknown) => (typeof n === 'string' && n ? { displayName: n } : undefined);
  const people = {
    ...(person(meta.assignee) ? { assignee: person(meta.assignee) } : {}),
    ...(person(meta.reporter) ? { reporter: person(meta.reporter) } : {}),
  };
  let role = jiraRoleOf(people, { ...identities, email: undefined });
  if (role === 'contributor' && identities.email && (draft.role === 'assignee' || draft.role === 'reporter'))
    role = draft.role;
  const labels = Array.isArray(meta['labels']) ? meta['labels'].filter((l): l is string => typeof l === 'string') : [];
  const { kind, competencies } = jiraSuggestions(meta as JiraMeta, role, labels);
  return { ...draft, role, kind, suggestedCompetencies: competencies };
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
export const jira: Extractor = {
  id: 'jira',
  matches: EXTRACTOR_MATCHES.jira,
  detect: (url) => parseJiraUrl(url) !== undefined,
  extract: extractJira,
  deriveRole: deriveJiraRole,
};
