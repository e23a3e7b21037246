/**
 * A local fake of a Jira site for tests, the bench and the demo (never a real Atlassian host):
 * - Cloud: `GET /rest/api/3/search/jql` (token paging with `nextPageToken`/`isLast`; only ids unless
 *   `fields` is given, like the real API), `GET /rest/api/3/field`; the removed `GET /rest/api/{2,3}/search`
 *   answers 410 with Atlassian's message;
 * - Server/Data Center: `GET /rest/api/2/search` (offset paging: `startAt`, `maxResults`, `total`),
 *   `GET /rest/api/2/field`; `/rest/api/3/search/jql` answers 404;
 * - both: `GET /rest/api/2/myself` (the signed-in user);
 * - `loginPage`: every REST call answers the HTML login page (a signed-out session).
 * Issues have the shape of the recorded ones (tests/fixtures/jira: Cloud v3 search item, Server v2
 * issues): `{ expand, id, self, key, fields }` with only the requested fields. JQL understood:
 * `assignee|reporter = currentUser()`, `resolved >= "D"`, `resolved <= "D[ HH:mm]"`, `ORDER BY …`.
 */
import { asFetch, json, seeded, serve, type FakeHandler, type FakeResponse, type RecordingFetch } from './http';

/** Options of the fake Jira. */
export interface FakeJiraOptions {
  /** `cloud` (default) or `server`. */
  deployment?: 'cloud' | 'server';
  /** Issues assigned to the user and resolved in the range. */
  assigned: number;
  /** Issues reported by the user (assigned to someone else) and resolved in the range. */
  reported?: number;
  /** Range of the history (`YYYY-MM-DD`); default 2025-12-01..2026-11-30. */
  from?: string;
  to?: string;
  /** Answer every REST call with the HTML login page. */
  loginPage?: boolean;
  /** The user's display name. */
  user?: string;
  /** Issues of the range that come back malformed (no `key`). */
  malformed?: number;
}

interface FakeIssue {
  id: number;
  key: string;
  summary: string;
  type: 'Story' | 'Bug' | 'Task' | 'Incident';
  assignee: string;
  reporter: string;
  resolved: string | null;
  updated: string;
  points: number | null;
  epic: string | null;
  labels: string[];
}

const OTHERS = ['Alice Eng', 'Bob Sre', 'Carol Pm'];
const SUMMARIES = [
  'Checkout retries time out',
  'Add audit log export',
  'Flaky sync test',
  'Migrate billing cron',
  'Share page in dark mode',
];
const DAY = 86_400_000;
const jiraTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

/** Generates the fake's issues: in-range ones for each role, plus unresolved and out-of-range ones. */
export function generateIssues(o: FakeJiraOptions): { user: string; from: string; to: string; issues: FakeIssue[] } {
  const from = o.from ?? '2025-12-01';
  const to = o.to ?? '2026-11-30';
  const user = o.user ?? 'Casey Dev';
  const start = Date.parse(`${from}T00:00:00Z`);
  const span = Date.parse(`${to}T23:59:59Z`) - start;
  const rand = seeded(8);
  const issues: FakeIssue[] = [];
  let n = 0;
  const add = (assignee: string, reporter: string, resolvedMs: number | null) => {
    n++;
    const type = (['Story', 'Bug', 'Task', 'Story', 'Incident'] as const)[n % 5]!;
    issues.push({
      id: 10_000 + n,
      key: `CASE-${n}`,
      summary: `${SUMMARIES[n % SUMMARIES.length]} (${n})`,
      type,
      assignee,
      reporter,
      resolved: resolvedMs === null ? null : jiraTime(resolvedMs),
      updated: jiraTime((resolvedMs ?? start + span / 2) + 3_600_000),
      points: type === 'Story' ? [1, 2, 3, 5, 8][n % 5]! : null,
      epic: n % 4 === 0 ? 'CASE-1' : null,
      labels: type === 'Incident' ? ['incident'] : n % 3 === 0 ? ['backend'] : [],
    });
  };
  for (let i = 0; i < o.assigned; i++)
    add(user, OTHERS[i % 3]!, start + ((i + 0.2 + rand() * 0.6) * span) / o.assigned);
  const reported = o.reported ?? 0;
  for (let i = 0; i < reported; i++) add(OTHERS[i % 3]!, user, start + ((i + 0.3 + rand() * 0.4) * span) / reported);
  add(user, user, null); // unresolved
  add(user, OTHERS[0]!, start - 5 * DAY); // resolved before the range
  add(user, OTHERS[1]!, start + span + 2 * DAY); // after it
  return { user, from, to, issues };
}

/** The JQL filter of a query, or an error message (Jira's 400 wording). */
function parseJql(jql: string, user: string): ((i: FakeIssue) => boolean) | string {
  const where = jql.replace(/\s+ORDER\s+BY\s+.*$/i, '');
  const tests: ((i: FakeIssue) => boolean)[] = [];
  for (const clause of where.split(/\s+AND\s+/i)) {
    const c = clause.trim();
    const who = /^(assignee|reporter)\s*=\s*currentUser\(\)$/i.exec(c);
    if (who) {
      const field = who[1]!.toLowerCase() as 'assignee' | 'reporter';
      tests.push((i) => i[field] === user);
      continue;
    }
    const res = /^resolved\s*(>=|<=)\s*"(\d{4}-\d{2}-\d{2})(?:\s+(\d{2}:\d{2}))?"$/i.exec(c);
    if (res) {
      const at = Date.parse(`${res[2]}T${res[3] ?? '00:00'}:00Z`) + (res[3] ? 59_999 : 0);
      tests.push(
        (i) => i.resolved !== null && (res[1] === '>=' ? Date.parse(i.resolved) >= at : Date.parse(i.resolved) <= at),
      );
      continue;
    }
    return `Error in the JQL Query: the fake cannot read '${c}'.`;
  }
  return (i) => tests.every((t) => t(i));
}

const CUSTOM = {
  cloud: {
    points: ['customfield_10016', 'Story point estimate'],
    epic: ['customfield_10014', 'Epic Link'],
    sprint: ['customfield_10020', 'Sprint'],
  },
  server: {
    points: ['customfield_10106', 'Story Points'],
    epic: ['customfield_10008', 'Epic Link'],
    sprint: ['customfield_10104', 'Sprint'],
  },
} as const;

/** The fake Jira's request handler for a site at `origin`. */
export function fakeJiraHandler(o: FakeJiraOptions, origin: string): FakeHandler {
  const data = generateIssues(o);
  const cloud = (o.deployment ?? 'cloud') === 'cloud';
  const ids = CUSTOM[cloud ? 'cloud' : 'server'];
  const person = (name: string) => {
    const slug = name.toLowerCase().replace(/\s+/g, '.');
    const avatarUrls = { '48x48': `${origin}/secure/useravatar?avatarId=10122` };
    return cloud
      ? {
          self: `${origin}/rest/api/3/user?accountId=5b10ac8d82e05b22cc7d4ef5`,
          accountId: `5b10:${slug}`,
          avatarUrls,
          displayName: name,
          active: true,
          timeZone: 'Europe/London',
          accountType: 'atlassian',
        }
      : {
          self: `${origin}/rest/api/2/user?username=${slug}`,
          name: slug,
          key: slug,
          emailAddress: `${slug}@example.com`,
          avatarUrls,
          displayName: name,
          active: true,
          timeZone: 'Europe/London',
        };
  };
  const allFields = (i: FakeIssue): Record<string, unknown> => ({
    summary: i.summary,
    status: {
      self: `${origin}/rest/api/2/status/10001`,
      description: '',
      name: 'Done',
      id: '10001',
      statusCategory: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
    },
    resolution: i.resolved
      ? {
          self: `${origin}/rest/api/2/resolution/10000`,
          id: '10000',
          description: 'Work has been done on this issue.',
          name: 'Done',
        }
      : null,
    resolutiondate: i.resolved,
    issuetype: {
      self: `${origin}/rest/api/2/issuetype/10001`,
      id: '10001',
      description: '',
      name: i.type,
      subtask: false,
      hierarchyLevel: 0,
    },
    project: {
      self: `${origin}/rest/api/2/project/10000`,
      id: '10000',
      key: 'CASE',
      name: 'Casebook',
      projectTypeKey: 'software',
    },
    assignee: person(i.assignee),
    reporter: person(i.reporter),
    labels: i.labels,
    subtasks: [],
    updated: i.updated,
    created: jiraTime(Date.parse(i.updated) - 10 * DAY),
    [ids.points[0]]: i.points,
    [ids.epic[0]]: i.epic,
    [ids.sprint[0]]: null,
  });
  const issueBody = (i: FakeIssue, fields: string[] | undefined, index: number) => {
    const base = {
      expand: 'operations,versionedRepresentations,editmeta,changelog,renderedFields',
      id: String(i.id),
      self: `${origin}/rest/api/${cloud ? 3 : 2}/issue/${i.id}`,
    };
    if (cloud && !fields) return { id: String(i.id) }; // the new API: ids only unless fields are asked for
    const all = allFields(i);
    const picked =
      !fields || fields.includes('*all') || fields.includes('*navigable')
        ? all
        : Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]]));
    const body = { ...base, key: i.key, fields: picked };
    return index < (o.malformed ?? 0) ? { ...base, fields: picked } : body;
  };
  const fieldList = () =>
    ['summary', 'status', 'resolution', 'resolutiondate', 'issuetype', 'project', 'assignee', 'reporter', 'labels']
      .map((id) => ({
        id,
        key: id,
        name: id[0]!.toUpperCase() + id.slice(1),
        custom: false,
        orderable: true,
        navigable: true,
        searchable: true,
      }))
      .concat(
        Object.values(ids).map(([id, name]) => ({
          id,
          key: id,
          name,
          custom: true,
          orderable: true,
          navigable: true,
          searchable: true,
        })),
      );
  const loginHtml = `<!DOCTYPE html><html><head><title>Log in - Jira</title></head><body><form id="login-form" action="${origin}/login.jsp" method="post"><input name="os_username"><input name="os_password" type="password"></form></body></html>`;

  const search = (url: URL): FakeResponse => {
    const filter = parseJql(url.searchParams.get('jql') ?? '', data.user);
    if (typeof filter === 'string') return json(400, { errorMessages: [filter], errors: {} });
    const fieldsParam = url.searchParams.get('fields');
    const fields = fieldsParam ? fieldsParam.split(',').map((f) => f.trim()) : undefined;
    const matches = data.issues.filter(filter).sort((a, b) => (a.resolved ?? '').localeCompare(b.resolved ?? ''));
    const max = Math.min(100, Math.max(1, Number(url.searchParams.get('maxResults') ?? 50) || 50));
    if (cloud) {
      const token = url.searchParams.get('nextPageToken');
      const startAt = token ? Number(/^tok-(\d+)$/.exec(token)?.[1] ?? NaN) : 0;
      if (Number.isNaN(startAt))
        return json(400, { errorMessages: ['The provided next page token is invalid or expired.'], errors: {} });
      const slice = matches.slice(startAt, startAt + max);
      const more = startAt + max < matches.length;
      return json(200, {
        issues: slice.map((i, k) => issueBody(i, fields, startAt + k)),
        ...(more ? { nextPageToken: `tok-${startAt + max}` } : {}),
        isLast: !more,
      });
    }
    const startAt = Math.max(0, Number(url.searchParams.get('startAt') ?? 0) || 0);
    const slice = matches.slice(startAt, startAt + max);
    return json(200, {
      expand: 'schema,names',
      startAt,
      maxResults: max,
      total: matches.length,
      issues: slice.map((i, k) => issueBody(i, fields, startAt + k)),
    });
  };

  const gone = () =>
    json(410, {
      errorMessages: [
        'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
      ],
      errors: {},
    });

  return (req) => {
    const path = req.url.pathname;
    if (!path.startsWith('/rest/'))
      return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>Not found</body></html>' };
    if (o.loginPage) return { status: 200, headers: { 'content-type': 'text/html;charset=UTF-8' }, body: loginHtml };
    if (cloud && (path === '/rest/api/3/search' || path === '/rest/api/2/search')) return gone();
    if (cloud && path === '/rest/api/3/search/jql') return search(req.url);
    if (!cloud && path === '/rest/api/2/search') return search(req.url);
    if (path === '/rest/api/2/myself' || (cloud && path === '/rest/api/3/myself')) return json(200, person(data.user));
    if (path === '/rest/api/2/field' || (cloud && path === '/rest/api/3/field')) return json(200, fieldList());
    return json(404, { errorMessages: ['null for uri: ' + req.url.href], errors: {} });
  };
}

/** What a correct import finds: issue URLs with their resolution day, by role. */
export function jiraTruth(o: FakeJiraOptions, origin: string) {
  const data = generateIssues(o);
  const start = Date.parse(`${data.from}T00:00:00Z`);
  const end = Date.parse(`${data.to}T23:59:59Z`);
  const inRange = (i: FakeIssue) =>
    i.resolved !== null && Date.parse(i.resolved) >= start && Date.parse(i.resolved) <= end;
  const row = (i: FakeIssue) => ({ url: `${origin}/browse/${i.key}`, occurredOn: i.resolved!.slice(0, 10) });
  return {
    assigned: data.issues.filter((i) => inRange(i) && i.assignee === data.user).map(row),
    reported: data.issues.filter((i) => inRange(i) && i.reporter === data.user && i.assignee !== data.user).map(row),
  };
}

/** The fake as an in-process `fetch` for a site at `origin` (default `https://casebook-demo.atlassian.net`). */
export function fakeJiraFetch(o: FakeJiraOptions & { origin?: string }): RecordingFetch & { origin: string } {
  const origin =
    o.origin ?? (o.deployment === 'server' ? 'https://jira.example.com' : 'https://casebook-demo.atlassian.net');
  return Object.assign(asFetch(fakeJiraHandler(o, origin), origin), { origin });
}

/** Starts the fake Jira on `127.0.0.1:port`; `url` is the site origin (a Server/DC-style host: pass `deployment` to the importer for Cloud). */
export async function startFakeJira(
  o: FakeJiraOptions & { port: number },
): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let impl: FakeHandler | undefined;
  const server = await serve((req) => impl!(req), o.port);
  impl = fakeJiraHandler(o, server.origin);
  return { url: server.origin, requests: server.requests, close: server.close };
}
