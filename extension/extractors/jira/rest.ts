/**
 * Reading a Jira REST issue (`GET {base}/rest/api/{3,2}/issue/KEY?expand=names`, v2 or v3 shape)
 * into facts: the people, story points, sprint, epic, description and labels. Page side: zod-free
 * (the typed readers of ../json.ts); used by the `jira` extractor (./index.ts) and the history import
 * (extension/importers/jira.ts, through ./index.ts).
 */
import type { JiraMeta } from '../../../shared/schemas';
import { clean, toIsoDate, toIsoDateTime, truncate, uniqueNames } from '../dom';
import { arr, at, num, obj, str, type JsonObject } from '../json';
import { adfToText } from './adf';
import type { JiraUser } from './role';

/** An issue key: a project key (letter, then letters/digits/underscores), a hyphen and a number. */
export const KEY = /^[A-Z][A-Z0-9_]*-\d+$/;

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
export interface IssueFacts {
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
