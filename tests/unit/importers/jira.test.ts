/**
 * importHistory against the fake Jira (scripts/fakes/jira.ts) and the recorded Cloud v3 search item
 * (tests/fixtures/jira/rest-api-3-search-epic-adf-cloud-airbyteio-TESTKEY13-1.json): Cloud search/jql
 * with nextPageToken, Server/DC v2 with startAt, the 410 of the removed search, id-only items, an
 * HTML login page, the session (no token).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Candidate, type ImportResult } from '../../../shared/import';
import { importHistory } from '../../../extension/importers';
import { fakeJiraFetch, jiraTruth } from '../../../scripts/fakes/jira';
import { asFetch, json } from '../../../scripts/fakes/http';

const RANGE = { from: '2025-12-01', to: '2026-11-30' } as const;
const rows = (r: ImportResult, reason: string) =>
  r.candidates
    .filter((c) => c.reason === reason)
    .map((c) => ({ url: c.url, occurredOn: c.occurredOn }))
    .sort((a, b) => a.url.localeCompare(b.url));
const sorted = <T extends { url: string }>(xs: T[]) => [...xs].sort((a, b) => a.url.localeCompare(b.url));

describe('importHistory: Jira', () => {
  it('reads Jira Cloud through /rest/api/3/search/jql with nextPageToken and the fields it needs', async () => {
    const fake = fakeJiraFetch({ assigned: 230, reported: 20 });
    const r = await importHistory(
      { source: 'jira', origin: fake.origin, ...RANGE, include: ['assigned', 'reported'] },
      { fetch: fake },
    );
    expect(r.errors).toEqual([]);
    expect(r.complete).toBe(true);
    const truth = jiraTruth({ assigned: 230, reported: 20 }, fake.origin);
    expect(rows(r, 'assigned')).toEqual(sorted(truth.assigned));
    expect(rows(r, 'reported')).toEqual(sorted(truth.reported));
    for (const c of r.candidates) expect(Candidate.safeParse(c).success).toBe(true);
    const urls = fake.log.map((l) => new URL(l.url));
    const searches = urls.filter((u) => u.pathname === '/rest/api/3/search/jql');
    expect(searches.some((u) => u.searchParams.has('nextPageToken'))).toBe(true);
    expect(searches.every((u) => (u.searchParams.get('fields') ?? '').includes('resolutiondate'))).toBe(true);
    expect(urls.some((u) => u.pathname === '/rest/api/3/search')).toBe(false);
    expect(fake.log.every((l) => l.credentials === 'include' && l.authorization === null)).toBe(true);
    expect(r.requests).toBe(1 + 3 + 1); // field list, 3 pages of assigned, 1 of reported
  });

  it('keeps story points, epic and role like capture', async () => {
    const fake = fakeJiraFetch({ assigned: 12 });
    const r = await importHistory({ source: 'jira', origin: fake.origin, ...RANGE }, { fetch: fake });
    const story = r.candidates.find((c) => c.meta['issueType'] === 'Story')!;
    expect(story).toMatchObject({ source: 'jira', kind: 'ticket', role: 'assignee', reason: 'assigned' });
    expect(story.metrics).toEqual([{ label: 'Story points', value: story.meta['storyPoints'] }]);
    expect(r.candidates.some((c) => c.meta['epic'] === 'CASE-1')).toBe(true);
  });

  it('reads Server/Data Center through /rest/api/2/search with startAt', async () => {
    const fake = fakeJiraFetch({ deployment: 'server', assigned: 250 });
    const r = await importHistory({ source: 'jira', origin: fake.origin, ...RANGE }, { fetch: fake });
    expect(r.errors).toEqual([]);
    expect(rows(r, 'assigned')).toEqual(sorted(jiraTruth({ assigned: 250 }, fake.origin).assigned));
    const starts = fake.log
      .map((l) => new URL(l.url))
      .filter((u) => u.pathname === '/rest/api/2/search')
      .map((u) => u.searchParams.get('startAt'));
    expect(starts).toEqual(['0', '100', '200']);
    expect(r.candidates.find((c) => c.meta['storyPoints'] != null)?.metrics[0]?.label).toBe('Story points');
  });

  it('moves to search/jql when a Cloud site answers 410 to the removed search', async () => {
    const fake = fakeJiraFetch({ assigned: 5, origin: 'https://jira.acme.test' }); // Cloud behind a custom domain
    const r = await importHistory({ source: 'jira', origin: fake.origin, ...RANGE }, { fetch: fake });
    expect(r.errors).toEqual([]);
    expect(r.candidates).toHaveLength(5);
    const statuses = fake.log.map((l) => new URL(l.url).pathname);
    expect(statuses).toContain('/rest/api/2/search');
    expect(statuses).toContain('/rest/api/3/search/jql');
  });

  it('reports the 410 when the site says Cloud search is gone and nothing else answers', async () => {
    const gone = asFetch(
      () =>
        json(410, {
          errorMessages: ['The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.'],
          errors: {},
        }),
      'https://old.atlassian.net',
    );
    const r = await importHistory({ source: 'jira', origin: 'https://old.atlassian.net', ...RANGE }, { fetch: gone });
    expect(r.errors.map((e) => e.message).join(' ')).toContain('410');
  });

  it('skips and counts id-only items (no fields) and items without a key', async () => {
    const fields = asFetch(
      (req) =>
        req.url.pathname.endsWith('/field')
          ? json(200, [])
          : json(200, { issues: [{ id: '10068' }, { id: '10069' }], isLast: true }),
      'https://acme.atlassian.net',
    );
    const r = await importHistory(
      { source: 'jira', origin: 'https://acme.atlassian.net', ...RANGE },
      { fetch: fields },
    );
    expect(r.candidates).toEqual([]);
    expect(r.skipped).toBe(2);
    const malformed = fakeJiraFetch({ assigned: 20, malformed: 4 });
    const m = await importHistory({ source: 'jira', origin: malformed.origin, ...RANGE }, { fetch: malformed });
    expect(m.skipped).toBe(4);
    expect(m.candidates).toHaveLength(16);
  });

  it('says to sign in when the site answers its HTML login page', async () => {
    const fake = fakeJiraFetch({ assigned: 5, loginPage: true });
    const r = await importHistory({ source: 'jira', origin: fake.origin, ...RANGE }, { fetch: fake });
    expect(r.candidates).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ source: 'jira', code: 'not_json' });
    expect(r.errors[0]!.message).toContain('sign in to casebook-demo.atlassian.net in a tab');
  });

  it('reads the recorded Jira Cloud v3 issue from a search page', async () => {
    const recorded = JSON.parse(
      readFileSync(
        new URL('../../fixtures/jira/rest-api-3-search-epic-adf-cloud-airbyteio-TESTKEY13-1.json', import.meta.url),
        'utf8',
      ),
    ) as { issues: unknown[] };
    const site = 'https://airbyteio.atlassian.net';
    const fetch = asFetch(
      (req) =>
        req.url.pathname.endsWith('/field') ? json(200, []) : json(200, { issues: recorded.issues, isLast: true }),
      site,
    );
    const r = await importHistory({ source: 'jira', origin: site, from: '2022-01-01', to: '2022-12-31' }, { fetch });
    expect(r.skipped).toBe(0);
    expect(r.candidates).toHaveLength(1);
    expect(r.candidates[0]).toMatchObject({
      url: `${site}/browse/TESTKEY13-1`,
      title: 'My Summary',
      source: 'jira',
      role: 'assignee',
      reason: 'assigned',
    });
    expect(r.candidates[0]!.occurredOn).toBe('2022-12-08'); // unresolved in the recording: the last update
  });

  it('stops on abort with a cursor that resumes without duplicates', async () => {
    const fake = fakeJiraFetch({ assigned: 250 });
    const controller = new AbortController();
    const first = await importHistory(
      { source: 'jira', origin: fake.origin, ...RANGE },
      { fetch: fake, signal: controller.signal, onProgress: () => controller.abort() },
    );
    expect(first.complete).toBe(false);
    expect(first.candidates).toHaveLength(100);
    const second = await importHistory(
      { source: 'jira', origin: fake.origin, ...RANGE, resume: first.resume },
      { fetch: fake },
    );
    expect(second.complete).toBe(true);
    const all = [...first.candidates, ...second.candidates].map((c) => c.url);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(250);
  });
});
