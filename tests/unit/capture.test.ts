/**
 * extension/capture: the content-script logic on a real saved GitHub PR page
 * (tests/fixtures/github, see SOURCES.md), the panel's choice of tab, the reading
 * of injection results and failures, and the meta chips line.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { browser } from 'wxt/browser';
import { runCapture } from '../../extension/capture/run';
import { IDENTITIES_GLOBAL } from '../../extension/capture/protocol';
import { captureTab, findTargetTab, grantableOrigins, hostLabel } from '../../extension/capture/panel';
import { metaChips } from '../../extension/capture/chips';

const PR_URL = 'https://github.com/sourcegraph/sourcegraph/pull/3257/files';
const html = readFileSync(
  fileURLToPath(new URL('../fixtures/github/github-pr--merged-files-tab-2019.html', import.meta.url)),
  'utf8',
);

/** WXT's in-memory browser, typed as the real one (WxtVitest also aliases `wxt/browser` to it). */
const fake = fakeBrowser as unknown as typeof browser;

const CAPTURE_HOSTS = [
  'https://github.com/*',
  'https://*.atlassian.net/*',
  'https://docs.google.com/*',
  'https://www.notion.so/*',
  'https://*.notion.site/*',
];

describe('runCapture (content script)', () => {
  it('extracts a draft from a real merged PR page, with the identities the panel left, and no network', async () => {
    const { document } = parseHTML(html);
    const fetched: string[] = [];
    const result = await runCapture({
      location: { href: PR_URL } as Location,
      document: document as unknown as Document,
      fetch: (async (input: RequestInfo | URL) => {
        fetched.push(String(input));
        throw new TypeError('offline');
      }) as typeof fetch,
      [IDENTITIES_GLOBAL]: { githubLogin: 'keegancsmith' },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft).toMatchObject({
      source: 'github-pr',
      url: 'https://github.com/sourcegraph/sourcegraph/pull/3257',
      meta: { number: 3257, repo: 'sourcegraph/sourcegraph', state: 'merged' },
    });
    expect(result.draft.title).toMatch(/opentracing/i);
    expect(metaChips(result.draft).slice(0, 3)).toEqual(['#3257', 'sourcegraph/sourcegraph', 'merged']);
  });

  it('returns { ok: false } with the reason instead of throwing', async () => {
    const result = await runCapture({
      location: { href: 'not a url' } as Location,
      document: parseHTML('<html><head></head><body></body></html>').document as unknown as Document,
      fetch: globalThis.fetch,
    });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/\S/) });
  });
});

describe('findTargetTab', () => {
  it('uses the ?tabId= parameter when present (e2e mode)', async () => {
    const other = await fakeBrowser.tabs.create({ url: 'https://github.com/sourcegraph/sourcegraph/pull/3257' });
    expect(await findTargetTab(`?tabId=${other.id}`, fake)).toMatchObject({ id: other.id, url: other.url });
    expect(await findTargetTab('?tabId=999999', fake)).toBeNull();
  });

  it("else asks for the active tab of the panel's own window", async () => {
    // WXT's fake browser cannot mark a created tab active, so answer tabs.query by its filter.
    const tabs = [
      { id: 4, windowId: 1, active: false, url: 'https://example.com/a' },
      { id: 5, windowId: 1, active: true, url: 'https://example.com/b' },
      { id: 6, windowId: 2, active: true, url: 'https://example.com/c' },
    ];
    const b = {
      ...fakeBrowser,
      tabs: {
        ...fakeBrowser.tabs,
        query: async (q: { active?: boolean; currentWindow?: boolean }) =>
          tabs.filter(
            (t) => (q.active === undefined || t.active === q.active) && (!q.currentWindow || t.windowId === 1),
          ),
      },
    } as unknown as typeof browser;
    expect(await findTargetTab('', b)).toMatchObject({ id: 5 });
  });
});

describe('captureTab (panel side)', () => {
  type Injection = Parameters<typeof fakeBrowser.scripting.executeScript>[0];

  function browserWith(executeScript: (details: Injection) => Promise<unknown[]>) {
    return {
      ...fakeBrowser,
      runtime: { ...fakeBrowser.runtime, getManifest: () => ({ optional_host_permissions: CAPTURE_HOSTS }) },
      scripting: { ...fakeBrowser.scripting, executeScript },
    } as unknown as typeof browser;
  }

  it('passes identities first, then injects the capture script of the page (/capture-github-pr.js) and validates its draft', async () => {
    const calls: Injection[] = [];
    const draft = {
      source: 'github-pr',
      kind: 'pull-request',
      url: 'https://github.com/sourcegraph/sourcegraph/pull/3257',
      title: 'gitserver: Use opentracing for exec endpoint',
      suggestedCompetencies: ['ownership'],
      metrics: [],
      meta: { number: 3257, repo: 'sourcegraph/sourcegraph', state: 'merged' },
    };
    const b = browserWith(async (details) => {
      calls.push(details);
      return [{ frameId: 0, result: 'files' in details ? { ok: true, draft } : undefined }];
    });
    const outcome = await captureTab({ id: 7, url: PR_URL }, { githubLogin: 'keegancsmith' }, b);
    expect(outcome).toMatchObject({ kind: 'draft', draft: { title: draft.title } });
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatchObject({
      target: { tabId: 7 },
      args: [IDENTITIES_GLOBAL, { githubLogin: 'keegancsmith' }],
    });
    expect(calls[1]).toEqual({ target: { tabId: 7 }, files: ['/capture-github-pr.js'] });
    // Then the diagnostics script (structural markers; see capture-diagnostics.test.ts).
    expect(calls[2]).toEqual({ target: { tabId: 7 }, files: ['/diagnostics.js'] });
  });

  it('explains a missing host permission and offers the matching optional host', async () => {
    const b = browserWith(async () => {
      throw new Error(
        'Cannot access contents of the page. Extension manifest must request permission to access the respective host.',
      );
    });
    const outcome = await captureTab({ id: 3, url: PR_URL }, {}, b);
    expect(outcome.kind).toBe('unreadable');
    if (outcome.kind !== 'unreadable') return;
    expect(outcome.reason).toMatch(/may not read this page/);
    expect(outcome.grantOrigins).toEqual(['https://github.com/*']);

    // The panel stayed open across a tab switch: the URL is unknown, nothing is asked for.
    const unknown = await captureTab({ id: 4 }, {}, b);
    expect(unknown).toMatchObject({
      kind: 'unreadable',
      grantOrigins: [],
      reason: expect.stringContaining('Press Alt+Shift+C or click the Casebook icon on this tab'),
    });
  });

  it('does not inject into browser pages, and rejects a result that is not a CaptureResult', async () => {
    let injected = 0;
    const b = browserWith(async () => {
      injected++;
      return [{ frameId: 0, result: { ok: true, draft: { title: '' } } }];
    });
    const chrome = await captureTab({ id: 1, url: 'chrome://settings/' }, {}, b);
    expect(chrome).toMatchObject({ kind: 'unreadable', grantOrigins: [] });
    expect(injected).toBe(0);
    const odd = await captureTab({ id: 2, url: 'https://example.com/' }, {}, b);
    expect(odd.kind).toBe('unreadable');
  });

  it('asks only for the current tab’s origin, never a wildcard, and nothing when the URL is unknown', () => {
    expect(grantableOrigins('https://acme.atlassian.net/browse/KT-22', CAPTURE_HOSTS)).toEqual([
      'https://acme.atlassian.net/*',
    ]);
    expect(grantableOrigins('https://example.com/', CAPTURE_HOSTS)).toEqual([]);
    const withUserHosts = [...CAPTURE_HOSTS, 'https://*/*', 'http://localhost/*'];
    expect(grantableOrigins('https://example.com/a?b=1#c', withUserHosts)).toEqual(['https://example.com/*']);
    expect(grantableOrigins('http://localhost:3000/x', withUserHosts)).toEqual(['http://localhost/*']);
    expect(grantableOrigins('file:///etc/passwd', withUserHosts)).toEqual([]);
    expect(grantableOrigins(undefined, withUserHosts)).toEqual([]);
    expect(hostLabel('https://*.atlassian.net/*')).toBe('atlassian.net');
  });
});

describe('metaChips', () => {
  it('summarises GitHub, Jira and doc metadata, and falls back to the host', () => {
    expect(
      metaChips({
        source: 'github-pr',
        url: 'https://github.com/sourcegraph/sourcegraph/pull/3257',
        meta: { number: 3257, repo: 'sourcegraph/sourcegraph', state: 'merged', additions: 12, deletions: 3 },
      }).join(' · '),
    ).toBe('#3257 · sourcegraph/sourcegraph · merged · +12 \u22123');
    expect(
      metaChips({
        source: 'jira',
        url: 'https://acme.atlassian.net/browse/TES-41',
        meta: { key: 'TES-41', issueType: 'Story', status: 'Done', storyPoints: 5 },
      }),
    ).toEqual(['TES-41', 'Story', 'Done', '5 pts']);
    expect(
      metaChips({
        source: 'confluence',
        url: 'https://acme.atlassian.net/wiki/x',
        meta: { docId: '64290828', owner: 'Ana', wordCount: 1830, lastEditedAt: '2026-10-02T08:00:00.000Z' },
      }),
    ).toEqual(['Ana', '1,830 words', 'edited 2026-10-02']);
    expect(metaChips({ source: 'web', url: 'https://blog.example.com/post', meta: {} })).toEqual(['blog.example.com']);
  });
});
