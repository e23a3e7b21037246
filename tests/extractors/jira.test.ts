/**
 * jira on the real REST fixtures (facts checked by hand against the JSON, independent of the golden
 * files): the REST call order, fields found through `names`, the known-id fallback without `names`,
 * sprints, epics, ADF, roles, kinds and competencies, and the page fallback.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveRole, extractCapture } from '../../extension/extractors';
import { adfToText } from '../../extension/extractors/jira/adf';
import { readIssue } from '../../extension/extractors/jira';
import { FIXTURES, now, parseDocument, recordedFetch, type RecordedRoute } from './helpers';

const json = (file: string): unknown => JSON.parse(readFileSync(resolve(FIXTURES, 'jira', file), 'utf8'));
const EMPTY = '<html><head><title></title></head><body></body></html>';

/** Captures `url` with the given routes (relative to tests/fixtures/jira) and page HTML. */
async function capture(
  url: string,
  routes: Record<string, RecordedRoute | { body: unknown }>,
  html = EMPTY,
  identities = {},
) {
  const served: Record<string, RecordedRoute> = {};
  const inline = new Map<string, unknown>();
  for (const [u, r] of Object.entries(routes)) {
    if ('body' in r) inline.set(u, r.body);
    else served[u] = r;
  }
  const { fetchFn: fromFiles, calls } = recordedFetch({ routes: served, dir: 'jira' });
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const u = String(input);
    if (inline.has(u)) {
      calls.push({ url: u });
      return new Response(JSON.stringify(inline.get(u)), { status: 200 });
    }
    return fromFiles(input, init);
  }) as typeof fetch;
  const draft = await extractCapture({ url, document: parseDocument(html) }, { now, fetch: fetchFn, identities });
  return { draft, calls };
}

const CLOUD = 'https://acme.atlassian.net';
const v3 = (key: string) => `${CLOUD}/rest/api/3/issue/${key}?expand=names`;
const v2 = (key: string) => `${CLOUD}/rest/api/2/issue/${key}?expand=names`;

/** A minimal issue body around `fields`. */
const issue = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  key: 'ENG-7',
  fields: {
    summary: 'Roll out the versioned sync API',
    issuetype: { name: 'Story' },
    status: { name: 'Done' },
    ...fields,
  },
  ...extra,
});

describe('REST calls', () => {
  it('asks v3 first with the page session, then v2, and reads the first issue', async () => {
    const { draft, calls } = await capture(`${CLOUD}/browse/KT-22`, {
      [v2('KT-22')]: { file: 'webhook-cloud-issue-created-task-epic-link-KT-22.json', pick: 'issue' },
    });
    expect(calls).toEqual([
      { url: v3('KT-22'), credentials: 'same-origin' },
      { url: v2('KT-22'), credentials: 'same-origin' },
    ]);
    expect(draft).toMatchObject({ source: 'jira', title: 'Lots of fields selected', meta: { readFrom: 'rest-api-2' } });
  });

  it('uses the context path of a self-hosted server, from the URL or the page', async () => {
    const tst8 = 'http://localhost:2990/jira/rest/api/2/issue/TST-8?expand=names';
    const { draft } = await capture('http://localhost:2990/jira/browse/TST-8', {
      [tst8]: { file: 'rest-api-2-issue-resolved-bug-TST-8-jira5-server.json' },
    });
    expect(draft).toMatchObject({ url: 'http://localhost:2990/jira/browse/TST-8', meta: { key: 'TST-8' } });
    const board = await capture(
      'http://localhost:2990/secure/RapidBoard.jspa?rapidView=3&selectedIssue=TST-8',
      { [tst8]: { file: 'rest-api-2-issue-resolved-bug-TST-8-jira5-server.json' } },
      '<html><head><meta name="ajs-context-path" content="/jira"></head><body></body></html>',
    );
    expect(board.draft).toMatchObject({
      url: 'http://localhost:2990/jira/browse/TST-8',
      meta: { resolution: 'Incomplete' },
    });
  });
});

describe('fields on the real fixtures', () => {
  it('reads every issue of the agile sprint list (Cloud), with its active sprint', () => {
    const list = json('agile-1.0-sprint-issues-cloud-KP.json') as { issues: unknown[] };
    const facts = list.issues.map(readIssue);
    expect(facts.map((f) => f?.key)).toEqual(['KP-10', 'KP-11', 'KP-12', 'KP-9', 'KP-8', 'KP-5']);
    for (const f of facts)
      expect(f?.meta).toMatchObject({ project: 'KP', sprint: 'Sprint XX-Patched', status: 'Backlog' });
  });

  it('reads resolution, resolution time (UTC) and people from a Server issue', () => {
    expect(readIssue(json('rest-api-2-issue-resolved-bug-TST-8-jira5-server.json'))?.meta).toMatchObject({
      issueType: 'Bug',
      status: 'Resolved',
      resolution: 'Incomplete',
      resolvedAt: '2012-12-07T14:25:45.939Z', // 15:25:45.939+0100
      assignee: 'Wojciech Seliga',
      reporter: 'Administrator',
    });
  });

  it('finds story points and the sprint without `names` by the known ids and the sprint shape (PRJX-14)', () => {
    const f = readIssue((json('webhook-server-issue-commented-story-points-PRJX-14.json') as { issue: unknown }).issue);
    expect(f?.meta).toMatchObject({ storyPoints: 3, sprint: 'Sample Sprint 2' });
  });

  it('finds the legacy Epic Link (KT-22) and turns the v3 ADF description into text (TESTKEY13-1)', () => {
    const kt22 = readIssue((json('webhook-cloud-issue-created-task-epic-link-KT-22.json') as { issue: unknown }).issue);
    expect(kt22?.meta).toMatchObject({ epic: 'KT-17', sprint: 'SCRUM1 Sprint 1' });
    const epic = readIssue(
      (json('rest-api-3-search-epic-adf-cloud-airbyteio-TESTKEY13-1.json') as { issues: unknown[] }).issues[0],
    );
    expect(epic?.meta).toMatchObject({ issueType: 'Epic', description: 'Test issue', storyPoints: null });
  });

  it('does not take a number field for story points when `names` says no field is about story points (TST-2)', () => {
    const f = readIssue(json('rest-api-2-issue-inprogress-bug-TST-2-jira5-server-all-expanded.json'));
    expect(f?.meta.storyPoints).toBeNull(); // customfield_10000 = 1.457 is "My Number Field New"
  });
});

describe('fields through `names`', () => {
  it('takes the field named like story points, not a known id, and the field named Sprint', () => {
    const body = issue(
      {
        customfield_12000: 5,
        customfield_10016: 8,
        customfield_12001: [
          { id: 3, name: 'Sprint 41', state: 'closed' },
          { id: 4, name: 'Sprint 42', state: 'active' },
        ],
      },
      { names: { customfield_12000: 'Story Points', customfield_10016: 'Budget', customfield_12001: 'Sprint' } },
    );
    expect(readIssue(body)?.meta).toMatchObject({ storyPoints: 5, sprint: 'Sprint 42' });
  });

  it('takes an epic parent as the epic, and any other parent as parent', () => {
    const epicParent = issue({ parent: { key: 'ENG-1', fields: { issuetype: { name: 'Epic', hierarchyLevel: 1 } } } });
    expect(readIssue(epicParent)?.meta).toMatchObject({ epic: 'ENG-1' });
    const storyParent = issue({
      parent: { key: 'ENG-2', fields: { issuetype: { name: 'Story', hierarchyLevel: 0 } } },
    });
    expect(readIssue(storyParent)?.meta).toMatchObject({ epic: null, parent: 'ENG-2' });
  });

  it('rejects bodies that are not an issue', () => {
    expect(readIssue({ errorMessages: ['Issue does not exist'] })).toBeUndefined();
    expect(readIssue({ key: 'ENG-7', fields: {} })).toBeUndefined();
    expect(readIssue(json('agile-1.0-sprint-issues-cloud-KP.json'))).toBeUndefined();
  });
});

describe('ADF', () => {
  it('keeps text, mentions, emoji, links and line structure', () => {
    const doc = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Why' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Ask ' },
            { type: 'mention', attrs: { id: 'x', text: '@Dana' } },
            { type: 'text', text: ' ' },
            { type: 'emoji', attrs: { shortName: ':fire:' } },
            { type: 'hardBreak' },
            { type: 'inlineCard', attrs: { url: 'https://example.com/rfc' } },
          ],
        },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }],
        },
      ],
    };
    expect(adfToText(doc)).toBe('Why\nAsk @Dana :fire:\nhttps://example.com/rfc\none');
    expect(adfToText('not adf')).toBe('');
  });
});

describe('role, kind and competencies', () => {
  it('is assignee by e-mail, and an owned epic suggests ownership and ambiguity', async () => {
    const { draft } = await capture(
      `${CLOUD}/browse/TESTKEY13-1`,
      {
        [v3('TESTKEY13-1')]: { file: 'rest-api-3-search-epic-adf-cloud-airbyteio-TESTKEY13-1.json', pick: 'issues.0' },
      },
      EMPTY,
      { email: 'integration-test@airbyte.io' },
    );
    expect(draft).toMatchObject({
      role: 'assignee',
      kind: 'ticket',
      suggestedCompetencies: ['ownership', 'ambiguity'],
    });
  });

  it('is reporter by Atlassian name, contributor otherwise; a reported (assigned) epic is not owned', async () => {
    const body = issue({
      issuetype: { name: 'Epic' },
      assignee: { displayName: 'Min Lee' },
      reporter: { displayName: 'Dana Okafor' },
    });
    const asReporter = await capture(`${CLOUD}/browse/ENG-7`, { [v3('ENG-7')]: { body } }, EMPTY, {
      atlassianName: 'dana okafor',
    });
    expect(asReporter.draft).toMatchObject({ role: 'reporter', suggestedCompetencies: [] });
    const asNobody = await capture(`${CLOUD}/browse/ENG-7`, { [v3('ENG-7')]: { body } });
    expect(asNobody.draft.role).toBe('contributor');
  });

  it('makes incident issue types incidents (ownership), and incident labels ownership', async () => {
    const incident = await capture(`${CLOUD}/browse/ENG-7`, {
      [v3('ENG-7')]: { body: issue({ issuetype: { name: 'Post-incident review' } }) },
    });
    expect(incident.draft).toMatchObject({ kind: 'incident', suggestedCompetencies: ['ownership'] });
    const labelled = await capture(`${CLOUD}/browse/ENG-7`, {
      [v3('ENG-7')]: { body: issue({ labels: ['sev2', 'api'] }) },
    });
    expect(labelled.draft).toMatchObject({ kind: 'ticket', suggestedCompetencies: ['ownership'] });
  });

  it('re-derives the role from meta when Settings change', async () => {
    const { draft } = await capture(`${CLOUD}/browse/TST-8`, {
      [v2('TST-8')]: { file: 'rest-api-2-issue-resolved-bug-TST-8-jira5-server.json' },
    });
    expect(draft.role).toBe('contributor');
    expect(deriveRole(draft, { atlassianName: 'Wojciech Seliga' }).role).toBe('assignee');
    expect(deriveRole(draft, { atlassianName: 'Administrator' }).role).toBe('reporter');
    // A role matched by e-mail (not kept in meta) survives a re-derivation with the same e-mail.
    const byEmail = { ...draft, role: 'assignee' as const };
    expect(deriveRole(byEmail, { email: 'wojciech.seliga@spartez.com' }).role).toBe('assignee');
  });
});

describe('without REST', () => {
  it('reads a Cloud issue from its page title when both APIs fail', async () => {
    const html = '<html><head><title>[ENG-7] Roll out the versioned sync API - Jira</title></head><body></body></html>';
    const { draft } = await capture(`${CLOUD}/jira/software/projects/ENG/boards/2?selectedIssue=ENG-7`, {}, html);
    expect(draft).toMatchObject({
      source: 'jira',
      url: `${CLOUD}/browse/ENG-7`,
      title: 'Roll out the versioned sync API',
      occurredOn: '2026-11-20',
      meta: { key: 'ENG-7', project: 'ENG', readFrom: 'page' },
    });
    expect(draft.fallbackReason).toBeUndefined();
  });

  it('does not pretend a non-Jira site with a /browse/KEY path is Jira', async () => {
    const html = '<html><head><title>ABC-1 · Shop</title></head><body></body></html>';
    const { draft } = await capture('https://shop.example.com/browse/ABC-1', {}, html);
    expect(draft).toMatchObject({ source: 'web', title: 'ABC-1 · Shop' });
    expect(draft.fallbackReason).toMatch(/^jira: not a Jira page: shop\.example\.com \(REST v3: GET .* answered 404/);
  });
});
