/**
 * Capture of today's GitHub PR page in real Chromium: the reconstructed September 2026 Primer React pages
 * (tests/fixtures/github/github-pr--react-2026-*, RECONSTRUCTIONS, see tests/fixtures/SOURCES.md) served
 * at their real github.com URLs. A merged PR is clipped as merged with its diffstat; then the page moves
 * to another PR the way GitHub does (history.pushState first, the new PR rendered a moment later) and the
 * panel must show the second PR's facts, never the first PR's facts under the second PR's URL; then to a
 * PR whose state the page does not show, where the panel says so and Settings' "Copy diagnostics" reports
 * the page structure without its content.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../../scripts/lib/env';
import { launchWithExtension, tabIdFor, type ExtensionBrowser } from './browser';

const FIX = resolve(ROOT, 'tests/fixtures/github');
const fixture = (c: string) => readFileSync(resolve(FIX, `github-pr--react-2026-${c}.html`), 'utf8');
const BASE = 'https://github.com/casebook-demo/platform/pull';

/** Serves the 2026 pages at their github.com URLs; everything else outside the local worker is refused. */
function routes(route: Route) {
  const path = new URL(route.request().url()).pathname;
  const page = {
    '/casebook-demo/platform/pull/1287': 'merged',
    '/casebook-demo/platform/pull/1287/changes': 'changes-route',
  }[path];
  if (page) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fixture(page) });
  return route.abort('blockedbyclient');
}

/**
 * GitHub's soft navigation in the tab: `history.pushState` to `url` at once, then, `delayMs` later, the
 * new PR's page swapped in (Turbo and the React router change the URL before they render).
 */
async function softNavigate(tab: Page, url: string, html: string, delayMs: number): Promise<void> {
  await tab.evaluate(
    ({ url, html, delayMs }) => {
      history.pushState({}, '', url);
      setTimeout(() => {
        const next = new DOMParser().parseFromString(html, 'text/html');
        document.documentElement.replaceWith(document.adoptNode(next.documentElement));
      }, delayMs);
    },
    { url, html, delayMs },
  );
}

describe('capture of the 2026 GitHub PR page in real Chromium', () => {
  let b: ExtensionBrowser;
  let tab: Page;
  let panel: Page;
  const outDir = resolve(inject('outDir'), 'capture-github-2026');

  beforeAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    b = await launchWithExtension(inject('extensionDir'), resolve(outDir, 'profile'));
    const server = inject('server');
    await b.context.route((url) => /^https?:/.test(url.href) && !url.href.startsWith(server), routes);
    tab = await b.context.newPage();
    await tab.goto(`${BASE}/1287/changes`);
    const tabId = await tabIdFor(b.worker, `${BASE}/1287`);
    panel = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html?tabId=${tabId}`);
  });

  afterAll(async () => {
    await b?.context.close();
  });

  const title = () => panel.getByTestId('capture-title').inputValue();
  const url = () => panel.getByLabel('URL', { exact: true }).inputValue();
  const meta = () => panel.getByTestId('capture-meta').textContent();

  it('clips a merged PR on the /changes route as merged, with its additions and deletions', async () => {
    await expect
      .poll(title, { timeout: 15_000 })
      .toBe('Version the sync API and resolve conflicts with hybrid logical clocks');
    expect(await url()).toBe(`${BASE}/1287`);
    expect(await meta()).toBe('#1287 · casebook-demo/platform · merged · +1204 \u2212388 · 31 files');
    expect(await panel.getByRole('list', { name: 'Metrics' }).textContent()).toContain('1,592 Lines changed');
    expect(await panel.getByTestId('capture-missing').count()).toBe(0);
    await panel.screenshot({ path: resolve(outDir, 'merged.png'), fullPage: true });
  });

  it('follows a soft navigation to another PR and never shows the first PR under the second URL', async () => {
    const seen: { title: string; url: string }[] = [];
    let watching = true;
    const watch = (async () => {
      while (watching) {
        // One atomic read of both fields (two locator reads could straddle a re-render).
        const pair = await panel.evaluate(() => {
          const form = document.querySelector('[data-testid="capture-form"]');
          const t = form?.querySelector<HTMLInputElement>('[data-testid="capture-title"]');
          const u = form?.querySelector<HTMLInputElement>('input[type="url"]');
          return t && u ? { title: t.value, url: u.value } : null;
        });
        if (pair) seen.push(pair);
        await panel.waitForTimeout(25);
      }
    })();
    await softNavigate(tab, `${BASE}/1310`, fixture('open'), 600);
    await expect.poll(title, { timeout: 15_000 }).toBe('Add a weekly digest preview to the side panel');
    watching = false;
    await watch;
    expect(await url()).toBe(`${BASE}/1310`);
    expect(await meta()).toBe('#1310 · casebook-demo/platform · open · +243 \u2212' + '47 · 6 files');
    const mixed = seen.filter((s) => s.url.endsWith('/1310') && !s.title.startsWith('Add a weekly digest'));
    expect(mixed).toEqual([]);
    expect(seen.some((s) => s.url.endsWith('/1287'))).toBe(true); // the watch did see the first PR
  });

  it('says which facts a page did not show, and Copy diagnostics reports the structure only', async () => {
    await softNavigate(tab, `${BASE}/1330`, fixture('state-unknown'), 300);
    await expect.poll(title, { timeout: 15_000 }).toBe('Move rubric presets into one file per ladder');
    expect(await panel.getByTestId('capture-missing').textContent()).toBe('state not found on this page');
    expect(await meta()).toBe('#1330 · casebook-demo/platform · state unknown · +220 \u2212190 · 8 files');
    await panel.screenshot({ path: resolve(outDir, 'state-unknown.png'), fullPage: true });

    await panel.getByTestId('tab-account').click();
    const section = panel.getByTestId('diagnostics-settings');
    await expect.poll(() => section.textContent()).toContain('github-pr (https://github.com/:x/:x/pull/:n)');
    // Headless Chromium denies clipboard reads: keep what the panel writes to the clipboard instead.
    await panel.evaluate(() => {
      navigator.clipboard.writeText = async (t: string) => {
        (window as unknown as { copied?: string }).copied = t;
      };
    });
    await panel.getByTestId('copy-diagnostics').click();
    await section.getByText('Copied').waitFor();
    const text = await panel.evaluate(() => (window as unknown as { copied?: string }).copied ?? '');
    const report = JSON.parse(text) as Record<string, unknown>;
    expect(report).toMatchObject({
      extractor: 'github-pr',
      usedExtractor: 'github-pr',
      origin: 'https://github.com',
      route: '/:x/:x/pull/:n',
      missing: ['state'],
      fellBack: false,
      markers: { embeddedJson: 0, stateLabel: 0, headerTitle: 1, commitsTab: 1, srOnlyDiffstat: true },
    });
    for (const secret of ['Move rubric presets', 'octo-dev', 'casebook-demo', '1330'])
      expect(text).not.toContain(secret);
  });
});
