/**
 * Jira history import (docs/DESIGN.md "History import and the inbox") with the user's logged-in
 * session (`credentials: 'include'` through the injected fetch; no token). Reads:
 * - `GET {origin}/rest/api/{3|2}/field` once, to find the site's story-points, epic-link and sprint
 *   field ids by name (else the common default ids of the capture extractor);
 * - Cloud (`*.atlassian.net`): `GET {origin}/rest/api/3/search/jql?jql=…&fields=…&maxResults=100&nextPageToken=…`
 *   (the old `/rest/api/3/search` answers 410; a 404 here means a Server/DC site: retried on v2);
 * - Server/Data Center: `GET {origin}/rest/api/2/search?jql=…&startAt=…&maxResults=100&fields=…`.
 * JQL: `assignee = currentUser() AND resolved >= "FROM" AND resolved <= "TO 23:59" ORDER BY resolved ASC`
 * (`reporter = currentUser()` for `reported`). Issues are read with the capture extractor's
 * `readIssue` (same story points and epic); an issue without `key` or `fields` is skipped and counted.
 */
import {
  JiraField,
  JiraFieldList,
  JiraJqlPage,
  JiraSearchIssue,
  JiraSearchPage,
  parseItems,
  type Candidate,
  type ImportError,
  type JiraImportRequest,
} from '../../shared/import';
import {
  FALLBACK_EPIC_LINK_IDS,
  FALLBACK_STORY_POINT_IDS,
  jiraMetrics,
  jiraSuggestions,
  readIssue,
} from '../extractors/jira';
import type { CursorState, JiraTask } from './cursor';
import type { SourceRun } from './github';
import { getJson, stoppedBy, type RunDeps, type RunStats } from './http';

/** Page size of the searches. */
export const JIRA_PAGE = 100;
/** Fields every search asks for (the new Cloud API answers only ids without `fields`). */
export const BASE_FIELDS = [
  'summary',
  'status',
  'resolution',
  'resolutiondate',
  'issuetype',
  'project',
  'assignee',
  'reporter',
  'labels',
  'parent',
  'subtasks',
  'updated',
];

/** A fingerprint of the request a cursor belongs to. */
export function jiraRequestKey(r: JiraImportRequest): string {
  return JSON.stringify(['jira', r.origin, r.from, r.to, partsOf(r)]);
}

const partsOf = (r: JiraImportRequest): JiraTask['part'][] => [...new Set(r.include ?? (['assigned'] as const))].sort();

/** Whether the site is Jira Cloud: the request says so, else the host is `*.atlassian.net`. */
export function isCloud(r: JiraImportRequest): boolean {
  return r.deployment ? r.deployment === 'cloud' : new URL(r.origin).hostname.endsWith('.atlassian.net');
}

/** The JQL of a part. */
export function jqlFor(part: JiraTask['part'], from: string, to: string): string {
  const who = part === 'assigned' ? 'assignee' : 'reporter';
  return `${who} = currentUser() AND resolved >= "${from}" AND resolved <= "${to} 23:59" ORDER BY resolved ASC`;
}

/** Custom field ids by meaning, found by their names in the field list. */
function customFieldsOf(list: unknown[]): { ids: string[]; names: Record<string, string> } | undefined {
  const { ok } = parseItems(list, JiraField);
  if (ok.length === 0) return undefined;
  const picked = ok.filter((f) => /story[ _-]?points?|^epic link$|^sprints?$/i.test(f.name));
  return {
    ids: picked.map((f) => f.id),
    names: Object.fromEntries(picked.map((f) => [f.id, f.name])),
  };
}

/** The `ImportError` for a Jira error answer. */
function jiraErrorOf(site: string) {
  return (status: number): Omit<ImportError, 'source'> => {
    if (status === 401)
      return {
        code: 'unauthorized',
        message: `Jira answered 401: sign in to ${site} in a tab.`,
        fix: `Open ${site} in a tab and sign in.`,
      };
    if (status === 403) return { code: 'forbidden', message: `Jira answered 403: your account cannot search ${site}.` };
    if (status === 400) return { code: 'invalid_query', message: `Jira refused the search (400).` };
    if (status === 410)
      return { code: 'unknown', message: `Jira answered 410: this site no longer offers that search API.` };
    return { code: 'unknown', message: `Jira answered ${status}.` };
  };
}

/**
 * Imports a Jira history from `req.origin`. `state` is the cursor's state when resuming.
 * Never throws for an API answer: errors are in the result.
 */
export async function importJira(
  req: JiraImportRequest,
  deps: RunDeps,
  stats: RunStats,
  state?: Extract<CursorState, { source: 'jira' }>,
): Promise<SourceRun> {
  const site = new URL(req.origin).host;
  const out: SourceRun = { candidates: [], errors: [], skipped: 0 };
  const tasks: JiraTask[] = state ? [...state.tasks] : partsOf(req).map((part) => ({ part }));
  const seen = new Set(state?.seen ?? []);
  let cloud = isCloud(req);
  let switched = false;
  const errorOf = jiraErrorOf(site);
  const get = (url: string) =>
    getJson(deps, stats, url, { headers: { Accept: 'application/json' }, credentials: 'include', errorOf });
  const failWith = (error: Omit<ImportError, 'source'>): SourceRun => {
    const message =
      error.code === 'not_json'
        ? `Jira answered a web page instead of JSON: sign in to ${site} in a tab.`
        : error.message;
    out.errors.push({
      source: 'jira',
      ...error,
      message,
      ...(error.code === 'not_json' ? { fix: `Open ${req.origin} in a tab and sign in, then import again.` } : {}),
    });
    return out;
  };

  // The site's field ids for story points, epic link and sprint.
  const fieldList = await get(`${req.origin}/rest/api/${cloud ? 3 : 2}/field`);
  if (fieldList.kind === 'stop') return { ...out, resume: cursorOf(req, tasks, seen), ...stoppedBy(fieldList) };
  if (fieldList.kind === 'error' && fieldList.error.code !== 'unknown') return failWith(fieldList.error);
  const custom =
    fieldList.kind === 'ok' && JiraFieldList.safeParse(fieldList.body).success
      ? customFieldsOf(fieldList.body as unknown[])
      : undefined;
  const fields = [...BASE_FIELDS, ...(custom?.ids ?? [...FALLBACK_STORY_POINT_IDS, ...FALLBACK_EPIC_LINK_IDS])].join(
    ',',
  );

  while (tasks.length > 0) {
    const task = tasks.shift()!;
    const jql = encodeURIComponent(jqlFor(task.part, req.from, req.to));
    const url = cloud
      ? `${req.origin}/rest/api/3/search/jql?jql=${jql}&fields=${fields}&maxResults=${JIRA_PAGE}${task.token ? `&nextPageToken=${encodeURIComponent(task.token)}` : ''}`
      : `${req.origin}/rest/api/2/search?jql=${jql}&startAt=${task.startAt ?? 0}&maxResults=${JIRA_PAGE}&fields=${fields}`;
    const got = await get(url);
    if (got.kind === 'stop') {
      tasks.unshift(task);
      return { ...out, resume: cursorOf(req, tasks, seen), ...stoppedBy(got) };
    }
    if (got.kind === 'error') {
      if (cloud && got.status === 404 && !task.token && !switched) {
        cloud = false; // no /search/jql: a Server/Data Center site
        switched = true;
        tasks.unshift(task);
        continue;
      }
      if (!cloud && got.status === 410 && !task.startAt && !switched) {
        cloud = true; // the removed /rest/api/2/search of Jira Cloud: use /search/jql
        switched = true;
        tasks.unshift(task);
        continue;
      }
      failWith(got.error);
      if (got.error.code === 'unauthorized' || got.error.code === 'not_json') return out;
      continue;
    }
    let issues: unknown[];
    let next: JiraTask | undefined;
    if (cloud) {
      const page = JiraJqlPage.safeParse(got.body);
      if (!page.success) {
        failWith({ code: 'unknown', message: 'Jira answered a search page that could not be read.' });
        continue;
      }
      issues = page.data.issues;
      if (page.data.nextPageToken && page.data.isLast !== true)
        next = { part: task.part, token: page.data.nextPageToken };
    } else {
      const page = JiraSearchPage.safeParse(got.body);
      if (!page.success) {
        failWith({ code: 'unknown', message: 'Jira answered a search page that could not be read.' });
        continue;
      }
      issues = page.data.issues;
      const startAt = page.data.startAt + issues.length;
      if (issues.length > 0 && startAt < page.data.total) next = { part: task.part, startAt };
    }
    const { ok, bad } = parseItems(issues, JiraSearchIssue);
    out.skipped += bad;
    for (const issue of ok) {
      const c = candidateOf(req.origin, issue, task.part, custom?.names);
      if (!c) {
        out.skipped++;
        continue;
      }
      const key = String(c.meta['key']);
      if (seen.has(key)) continue;
      seen.add(key);
      out.candidates.push(c);
    }
    if (next) tasks.unshift(next);
    deps.onProgress?.({ done: out.candidates.length, phase: `jira:${task.part}` });
  }
  return out;
}

/** The candidate of one search issue; `undefined` when it is not readable or has no resolution day. */
function candidateOf(
  origin: string,
  issue: JiraSearchIssue,
  part: JiraTask['part'],
  names: Record<string, string> | undefined,
): Candidate | undefined {
  const facts = readIssue(names ? { ...issue, names } : issue);
  if (!facts?.day) return undefined;
  const role = part === 'assigned' ? 'assignee' : 'reporter';
  const { kind, competencies } = jiraSuggestions(facts.meta, role, facts.labels);
  return {
    source: 'jira',
    kind,
    url: `${origin}/browse/${facts.key}`,
    title: facts.summary.slice(0, 500),
    occurredOn: facts.day,
    role,
    suggestedCompetencies: competencies,
    metrics: jiraMetrics(facts.meta, facts.subtasks),
    meta: { ...facts.meta, readFrom: 'import' },
    reason: part,
  };
}

function cursorOf(req: JiraImportRequest, tasks: JiraTask[], seen: Set<string>): CursorState {
  return { v: 1, source: 'jira', req: jiraRequestKey(req), tasks, seen: [...seen] };
}
