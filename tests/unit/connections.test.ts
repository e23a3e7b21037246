/**
 * Connections and one import run from the panel (extension/connections/*):
 * the Enterprise API base, and `runImport` against the in-process fake GitHub
 * (scripts/fakes/github.ts, real body shapes and headers)
 * storing candidates and the run (counts, resume after Cancel) in
 * fake-indexeddb. Also the Inbox's month grouping.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeGitHubFetch, truth } from '../../scripts/fakes/github';
import { githubApiBaseFor, getGithubConnection, setGithubConnection } from '../../extension/connections/store';
import { ImportNotReadyError, runImport } from '../../extension/connections/run-import';
import { importHistory } from '../../extension/importers/index';
import { tabFetch } from '../../extension/connections/site-tab';
import { listInbox } from '../../extension/db/candidates';
import { lastImportRun } from '../../extension/db/import-runs';
import { db } from '../../extension/db/index';
import { countsLine, groupByMonth, monthsBefore, startingCompetencies } from '../../extension/components/inbox/months';

const LOGIN = 'casey-dev';
const TOKEN = 'github_pat_11CONNECTIONSTEST';
const API = 'https://api.github.com';

afterEach(async () => {
  await Promise.all([db.candidates.clear(), db.importRuns.clear(), db.evidence.clear(), db.dismissals.clear()]);
});

describe('githubApiBaseFor', () => {
  it('maps what the user typed to the API base: github.com, or an Enterprise server', () => {
    expect(githubApiBaseFor('')).toEqual({ ok: true, apiBase: API });
    expect(githubApiBaseFor('github.com')).toEqual({ ok: true, apiBase: API });
    expect(githubApiBaseFor('ghe.example.com')).toEqual({ ok: true, apiBase: 'https://ghe.example.com/api/v3' });
    expect(githubApiBaseFor('https://ghe.example.com/orgs/x')).toEqual({
      ok: true,
      apiBase: 'https://ghe.example.com/api/v3',
    });
    expect(githubApiBaseFor('http://ghe.example.com').ok).toBe(false);
    expect(githubApiBaseFor('https://me:pw@ghe.example.com').ok).toBe(false);
  });
});

describe('runImport (GitHub)', () => {
  it('refuses to start without a connection, recording nothing', async () => {
    await expect(runImport({ source: 'github', from: '2025-12-01', to: '2026-11-30' })).rejects.toBeInstanceOf(
      ImportNotReadyError,
    );
    expect(await db.importRuns.count()).toBe(0);
  });

  it('stores every candidate of the range in the inbox and records the run', async () => {
    const fake = fakeGitHubFetch({ login: LOGIN, authored: 40, reviewed: 15, token: TOKEN });
    await setGithubConnection({ token: TOKEN, login: LOGIN, apiBase: API, checkedAt: '2026-12-01T00:00:00.000Z' });
    expect((await getGithubConnection())?.login).toBe(LOGIN);
    const progress: number[] = [];
    const run = await runImport(
      { source: 'github', from: fake.data.from, to: fake.data.to, onProgress: (p) => progress.push(p.done) },
      { fetch: fake },
    );
    const t = truth(fake.data, fake.htmlBase);
    const total = t.authored.length + t.reviewed.length;
    expect(run).toMatchObject({ complete: true, resume: null, errors: [] });
    expect(run.counts).toMatchObject({ found: total, added: total, known: 0, requests: fake.requests() });
    expect(progress.length).toBeGreaterThan(0);
    expect((await listInbox()).map((c) => c.url).sort()).toEqual(
      [...t.authored, ...t.reviewed].map((x) => x.url).sort(),
    );
    expect((await lastImportRun('github'))?.id).toBe(run.id);
    // A second run finds the same items: none is new, none is stored twice.
    const again = await runImport({ source: 'github', from: fake.data.from, to: fake.data.to }, { fetch: fake });
    expect(again.counts).toMatchObject({ found: total, added: 0 });
    expect(await db.candidates.count()).toBe(total);
  });

  it('Cancel keeps what was found and a resume cursor; Resume finishes the range', async () => {
    const fake = fakeGitHubFetch({ login: LOGIN, authored: 250, reviewed: 20, token: TOKEN });
    await setGithubConnection({ token: TOKEN, login: LOGIN, apiBase: API, checkedAt: '2026-12-01T00:00:00.000Z' });
    const controller = new AbortController();
    const stopped = await runImport(
      {
        source: 'github',
        from: fake.data.from,
        to: fake.data.to,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done >= 100) controller.abort();
        },
      },
      { fetch: fake },
    );
    expect(stopped.complete).toBe(false);
    expect(stopped.resume).toEqual(expect.any(String));
    const kept = await db.candidates.count();
    expect(kept).toBe(stopped.counts.added);
    const resumed = await runImport(
      { source: 'github', from: stopped.from, to: stopped.to, resume: stopped.resume! },
      { fetch: fake, importHistory },
    );
    expect(resumed.complete).toBe(true);
    const t = truth(fake.data, fake.htmlBase);
    expect(await db.candidates.count()).toBe(t.authored.length + t.reviewed.length);
  });
});

describe('inbox months', () => {
  it('groups by the month of the work with counts per reason, undated last', () => {
    const groups = groupByMonth(
      [
        { url: 'a', occurredOn: '2026-11-20', reason: 'authored' as const },
        { url: 'b', occurredOn: '2026-11-02', reason: 'reviewed' as const },
        { url: 'c', occurredOn: '2025-12-31', reason: 'assigned' as const },
        { url: 'd', reason: 'authored' as const },
      ],
      '2026-12-06',
    );
    expect(groups.map((g) => [g.label, countsLine(g.counts)])).toEqual([
      ['November', '1 written · 1 reviewed'],
      ['December 2025', '1 ticket'],
      ['No date', '1 written'],
    ]);
  });

  it('starts a review with Multiplying others, and computes range presets by calendar month', () => {
    expect(startingCompetencies({ reason: 'reviewed', suggestedCompetencies: ['ownership'] })).toEqual([
      'multiplier',
      'ownership',
    ]);
    expect(startingCompetencies({ reason: 'authored', suggestedCompetencies: [] })).toEqual([]);
    expect(monthsBefore('2026-12-06', 12)).toBe('2025-12-06');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
  });
});

describe('tabFetch (Jira through an open tab of the site)', () => {
  type Answer = { status: number; headers: [string, string][]; body: string } | { error: string };
  /** A stand-in for `browser` whose executeScript answers what the page's fetch would have. */
  function fakeTabs(answer: Answer, calls: unknown[]) {
    return {
      scripting: {
        executeScript: async (opts: { target: { tabId: number }; args: unknown[] }) => {
          calls.push({ tabId: opts.target.tabId, args: opts.args });
          return [{ result: answer }];
        },
      },
    } as unknown as Parameters<typeof tabFetch>[2];
  }
  const ORIGIN = 'https://acme.atlassian.net';

  it('runs the GET in the tab and answers a Response with its status, headers and body', async () => {
    const calls: unknown[] = [];
    const body = JSON.stringify({ issues: [], isLast: true });
    const f = tabFetch(
      7,
      ORIGIN,
      fakeTabs({ status: 200, headers: [['content-type', 'application/json;charset=UTF-8']], body }, calls),
    );
    const res = await f(`${ORIGIN}/rest/api/3/search/jql?jql=x`, { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(await res.json()).toEqual({ issues: [], isLast: true });
    expect(calls).toEqual([
      { tabId: 7, args: [`${ORIGIN}/rest/api/3/search/jql?jql=x`, { accept: 'application/json' }] },
    ]);
  });

  it('refuses any URL off the site (the tab is never used for it), and reports a failed page fetch', async () => {
    const calls: unknown[] = [];
    const f = tabFetch(7, ORIGIN, fakeTabs({ error: 'TypeError: Failed to fetch' }, calls));
    await expect(f('https://evil.example/steal')).rejects.toBeInstanceOf(TypeError);
    expect(calls).toEqual([]);
    await expect(f(`${ORIGIN}/rest/api/2/myself`)).rejects.toThrow('Failed to fetch');
    const empty = tabFetch(7, ORIGIN, fakeTabs({ status: 204, headers: [], body: '' }, []));
    expect((await empty(`${ORIGIN}/rest/api/2/myself`)).status).toBe(204);
  });
});
