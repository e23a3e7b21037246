/**
 * Capture in real Chromium: Jira, Confluence, Google Docs and Notion pages and a generic page served at their real URLs (the
 * e2e build grants their hosts), their same-origin API calls answered from real fixtures (Jira v3
 * issue, Confluence v1 page) and a hand-written Docs text export; the side panel, opened on each
 * tab, must show the prefilled title, the meta line and the suggested competencies.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../../scripts/lib/env';
import { launchWithExtension, tabIdFor, type ExtensionBrowser } from './browser';

const FIX = resolve(ROOT, 'tests/fixtures');
const read = (p: string) => readFileSync(resolve(FIX, p), 'utf8');

const JIRA_URL = 'https://airbyteio.atlassian.net/browse/TESTKEY13-1?atlOrigin=abc';
const JIRA_REST = 'https://airbyteio.atlassian.net/rest/api/3/issue/TESTKEY13-1?expand=names';
const CONFLUENCE_URL = 'https://airbyteio.atlassian.net/wiki/spaces/~5fc9e78d2730d800760becc4/pages/98487/Overview';
const CONFLUENCE_V1 =
  'https://airbyteio.atlassian.net/wiki/rest/api/content/98487?expand=body.storage,version,history,space';
const DOC_ID = '1x2YzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbC';
const DOCS_URL = `https://docs.google.com/document/d/${DOC_ID}/edit?tab=t.0`;
const DOCS_EXPORT = `https://docs.google.com/document/d/${DOC_ID}/export?format=txt`;
const NOTION_URL = 'https://www.notion.so/acme/Notion-Page-grandchildren-2ce7ab29a11e809998e3d22ed65fc5f2?pvs=4';
/** A real GitHub issue page (not a PR): the generic web extractor takes it. */
const ISSUE_URL = 'https://github.com/kepano/defuddle/issues/56?utm_source=newsletter#issuecomment-2908119605';
/** The Atlassian display name of the fixtures' user (assignee of the epic, author of the page). */
const ATLASSIAN_NAME = 'integration test';

/** Jira Cloud and Confluence Cloud render their pages client-side: the server sends a shell with the title. */
const shell = (title: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><div id="root"></div></body></html>`;

/** Answers every outside request from fixtures; anything else is refused fast. Records what was asked. */
function routes(requested: string[]) {
  const issue = (
    JSON.parse(read('jira/rest-api-3-search-epic-adf-cloud-airbyteio-TESTKEY13-1.json')) as { issues: unknown[] }
  ).issues[0];
  const page = (
    JSON.parse(read('confluence/rest-api-content-page-v1-expanded-cloud-airbyteio-98487.airbyte-record.json')) as {
      data: unknown;
    }
  ).data;
  const html = (body: string) => ({ status: 200, contentType: 'text/html; charset=utf-8', body });
  const json = (v: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(v) });
  return (route: Route) => {
    const url = route.request().url();
    requested.push(url);
    if (url.startsWith('https://airbyteio.atlassian.net/browse/TESTKEY13-1'))
      return route.fulfill(html(shell('[TESTKEY13-1] My Summary - Jira')));
    if (url === JIRA_REST) return route.fulfill(json(issue));
    if (url === CONFLUENCE_URL) return route.fulfill(html(shell('Overview - integration test - Confluence')));
    if (url === CONFLUENCE_V1) return route.fulfill(json(page));
    if (url.startsWith(`https://docs.google.com/document/d/${DOC_ID}/edit`))
      return route.fulfill(html(read('gdocs/google-docs--design-doc-handwritten.html')));
    if (url === DOCS_EXPORT)
      return route.fulfill({
        status: 200,
        contentType: 'text/plain; charset=utf-8',
        body: read('gdocs/google-docs--design-doc-handwritten.export.txt'),
      });
    if (url.startsWith('https://www.notion.so/acme/Notion-Page-grandchildren-'))
      return route.fulfill(html(read('notion/notion--export-2025-page-with-children.html')));
    if (url.startsWith('https://github.com/kepano/defuddle/issues/56'))
      return route.fulfill(html(read('web/web--github-issue-2025.html')));
    if (/atlassian\.net\/(rest|wiki\/api)\//.test(url))
      return route.fulfill({ status: 404, contentType: 'application/json', body: '{}' });
    return route.abort('blockedbyclient');
  };
}

/** What the capture form shows. */
interface Prefilled {
  title: string;
  meta: string;
  /** The URL field (canonical form). */
  url: string;
  checked: string[];
}

describe('capture in real Chromium', () => {
  let b: ExtensionBrowser;
  const requested: string[] = [];
  const outDir = resolve(inject('outDir'), 'capture');

  beforeAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    b = await launchWithExtension(inject('extensionDir'), resolve(outDir, 'profile'));
    const server = inject('server');
    await b.context.route((url) => /^https?:/.test(url.href) && !url.href.startsWith(server), routes(requested));
    // Tell Casebook who we are (Settings), so roles can be derived.
    const panel = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html`);
    await panel.getByTestId('tab-account').click();
    await panel.getByTestId('settings-atlassian-name').fill(ATLASSIAN_NAME);
    await panel.getByTestId('settings-save').click();
    await panel.getByText('Saved', { exact: true }).waitFor();
    await panel.close();
  });

  afterAll(async () => {
    await b?.context.close();
  });

  /** Opens `url` in a tab, then the panel on that tab, and reads the prefilled form. */
  async function clip(url: string, prefix: string, shot: string): Promise<Prefilled> {
    const tab = await b.context.newPage();
    await tab.goto(url);
    const tabId = await tabIdFor(b.worker, prefix);
    const panel: Page = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html?tabId=${tabId}`);
    const title = panel.getByTestId('capture-title');
    await expect.poll(() => title.inputValue(), { timeout: 15_000 }).not.toBe('');
    const checked = await panel
      .locator('input[type="checkbox"][data-testid^="competency-"]:checked')
      .evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') ?? '').replace(/^competency-/, '')));
    await panel.screenshot({ path: resolve(outDir, shot), fullPage: true });
    const meta = panel.getByTestId('capture-meta');
    const result = {
      title: await title.inputValue(),
      meta: (await meta.count()) ? ((await meta.textContent()) ?? '') : '',
      url: await panel.getByLabel('URL', { exact: true }).inputValue(),
      checked,
    };
    await panel.close();
    await tab.close();
    return result;
  }

  it('clips a Jira epic whose REST call is answered by the real v3 fixture', async () => {
    const r = await clip(JIRA_URL, 'https://airbyteio.atlassian.net/browse/', 'capture-jira.png');
    expect(requested).toContain(JIRA_REST);
    expect(r.title).toBe('My Summary');
    expect(r.meta).toBe('TESTKEY13-1 · Epic · To Do');
    expect(r.checked.sort()).toEqual(['ambiguity', 'ownership']); // an epic assigned to the user
  });

  it('clips a Confluence page read through the real v1 fixture (after v2 answers 404)', async () => {
    const r = await clip(CONFLUENCE_URL, 'https://airbyteio.atlassian.net/wiki/', 'capture-confluence.png');
    expect(requested).toContain(CONFLUENCE_V1);
    expect(r.title).toBe('Overview');
    expect(r.meta).toBe('integration test · 71 words · edited 2023-02-17');
    expect(r.checked.sort()).toEqual(['communication', 'technical-leadership']); // the user wrote it
  });

  it('clips a Google Doc with its word count from the text export', async () => {
    const r = await clip(DOCS_URL, 'https://docs.google.com/document/', 'capture-google-docs.png');
    expect(requested).toContain(DOCS_EXPORT);
    expect(r.title).toBe('Design: Offline-first capture queue');
    expect(r.meta).toBe('89 words');
    expect(r.checked.sort()).toEqual(['communication', 'technical-leadership']);
  });

  it('clips a Notion page (a real Notion HTML export served at a notion.so URL)', async () => {
    const r = await clip(NOTION_URL, 'https://www.notion.so/acme/', 'capture-notion.png');
    expect(r.title).toBe('Notion Page grandchildren');
    expect(r.url).toBe('https://www.notion.so/acme/Notion-Page-grandchildren-2ce7ab29a11e809998e3d22ed65fc5f2');
    expect(r.meta).toContain('5 words');
    expect(r.checked.sort()).toEqual(['communication', 'technical-leadership']);
  });

  it('clips any other page with the generic extractor (a real GitHub issue page), tracking removed', async () => {
    const r = await clip(ISSUE_URL, 'https://github.com/kepano/defuddle/issues/56', 'capture-web.png');
    expect(r.title).toBe('Defuddle on Cloudflare Workers');
    expect(r.url).toBe('https://github.com/kepano/defuddle/issues/56');
    expect(r.checked).toEqual([]);
  });
});
