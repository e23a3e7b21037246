/**
 * The first week in real headless Chromium (issue 19, docs/DESIGN.md "The
 * first week"), at Chrome's narrowest side panel (320 px) and at 400 px:
 * 1. The first-run card: fills identities, rubric and review period into the
 *    synced settings, goes away, and comes back from Account.
 * 2. Every tab label fits at 320 px (no label clipped, no sideways scroll).
 * 3. The "no access yet" state on a page Casebook may not see: it says how to
 *    open Casebook on the tab, asks for no host permission, and the panel does
 *    not scroll sideways.
 * 4. Follow-ups and drafts: "What happened after?" in the Week tab, and saving
 *    with no claim says it is a draft.
 * Screenshots go to `.output/e2e/first-week/` (the README's come from here).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, tabIdFor, type ExtensionBrowser } from './browser';

interface Evidence {
  id: string;
  kind: string;
  title: string;
  occurredOn: string;
  impact: string;
}
interface Seed {
  seedEvidence(count: number, opts?: { asOf?: string; spanDays?: number; seed?: number }): Evidence[];
}
const SEED_MODULE = new URL('../unit/helpers/seed.ts', import.meta.url).href;
const { seedEvidence } = (await import(SEED_MODULE)) as Seed;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Records read back from the panel's IndexedDB. */
async function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((res, rej) => {
        const open = indexedDB.open('casebook');
        open.onerror = () => rej(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => {
            open.result.close();
            res(req.result as T[]);
          };
        };
      }),
    store,
  );
}

async function seedThroughPage(page: Page, evidence: Evidence[]): Promise<void> {
  await page.evaluate(
    (items) =>
      new Promise<void>((res, rej) => {
        const open = indexedDB.open('casebook');
        open.onerror = () => rej(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['evidence'], 'readwrite');
          for (const e of items) tx.objectStore('evidence').put(e);
          tx.oncomplete = () => {
            open.result.close();
            res();
          };
          tx.onerror = () => rej(tx.error);
        };
      }),
    evidence,
  );
}

/** How the panel fits its width: sideways overflow of the page, and tab labels wider than their tab. */
async function fit(page: Page) {
  return page.evaluate(() => {
    const tabs = [...document.querySelectorAll<HTMLElement>('[role="tab"]')];
    return {
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      clipped: tabs.filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.textContent),
      outside: tabs
        .filter((t) => {
          const r = t.getBoundingClientRect();
          return r.left < 0 || r.right > document.documentElement.clientWidth + 0.5;
        })
        .map((t) => t.textContent),
      count: tabs.length,
    };
  });
}

describe('the first week', () => {
  const outDir = resolve(inject('outDir'), 'first-week');
  let b: ExtensionBrowser;
  let panelUrl: string;

  beforeAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    b = await launchWithExtension(inject('extensionDir'), resolve(outDir, 'profile'), {
      viewport: { width: 320, height: 900 },
    });
    panelUrl = `chrome-extension://${b.extensionId}/sidepanel.html`;
    const server = inject('server');
    await b.context.route(
      (url) => /^https?:/.test(url.href) && !url.href.startsWith(server),
      (route) =>
        route.request().url().startsWith('https://notes.example.org/')
          ? route.fulfill({
              status: 200,
              contentType: 'text/html; charset=utf-8',
              body: '<!doctype html><title>Team notes · Example Wiki</title><h1>Team notes</h1>',
            })
          : route.abort('blockedbyclient'),
    );
  });

  afterAll(async () => {
    await b?.context.close();
  });

  it('shows the first-run card, saves its answers to settings, and brings it back from Account', async () => {
    const page = await b.context.newPage();
    await page.goto(panelUrl);
    const card = page.getByTestId('first-run');
    await card.waitFor();
    expect(await card.textContent()).toContain('Alt+Shift+C');
    await page.screenshot({ path: resolve(outDir, 'first-run-320.png'), fullPage: true });
    expect((await fit(page)).overflow).toBe(0);

    await page.getByTestId('first-run-github').fill('ada-l');
    await page.getByTestId('first-run-atlassian').fill('Ada Lovelace');
    await page.getByTestId('first-run-period').selectOption('this-half');
    await page.getByTestId('first-run-save').click();
    await card.waitFor({ state: 'detached' });
    const [settings] = await readStore<Record<string, unknown>>(page, 'settings');
    expect(settings).toMatchObject({
      githubLogin: 'ada-l',
      atlassianName: 'Ada Lovelace',
      reviewPeriod: { preset: 'this-half' },
    });
    // Saved settings sync: the change waits in the outbox.
    const outbox = await readStore<{ collection: string }>(page, 'outbox');
    expect(outbox.map((o) => o.collection)).toContain('settings');

    await page.getByTestId('tab-account').click();
    await page.getByTestId('first-run-reopen').click();
    await page.getByTestId('tab-capture').click();
    await page.getByTestId('first-run').waitFor();
    expect(await page.getByTestId('first-run-github').inputValue()).toBe('ada-l');
    await page.getByTestId('first-run-dismiss').click();
    await page.getByTestId('first-run').waitFor({ state: 'detached' });
    await page.close();
  });

  it('fits every tab label at 320 px and at 400 px', async () => {
    const page = await b.context.newPage();
    for (const width of [320, 400]) {
      await page.setViewportSize({ width, height: 700 });
      await page.goto(panelUrl);
      await page.getByTestId('tab-account').waitFor();
      const f = await fit(page);
      expect(f.count).toBeGreaterThanOrEqual(6);
      expect(f).toMatchObject({ overflow: 0, clipped: [], outside: [] });
      // One row: every tab shares the first tab's top.
      const tops = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[role="tab"]')].map((t) =>
          Math.round(t.getBoundingClientRect().top),
        ),
      );
      expect(new Set(tops).size).toBe(1);
      await page.screenshot({ path: resolve(outDir, `tabs-${width}.png`), clip: { x: 0, y: 0, width, height: 90 } });
    }
    await page.close();
  });

  it('on a page it may not see, says how to open Casebook on the tab and asks for no host permission', async () => {
    const tab = await b.context.newPage();
    await tab.goto('https://notes.example.org/team');
    const tabId = await tabIdFor(b.worker, 'https://notes.example.org/').catch(() => undefined);
    // Without host access the extension cannot see the tab's URL either: find it as the last tab.
    const id =
      tabId ??
      (await b.worker.evaluate(async () => {
        const tabs = await (
          globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number; url?: string }[]> } } }
        ).chrome.tabs.query({});
        return tabs.filter((t) => !t.url?.startsWith('chrome-extension://')).at(-1)?.id;
      }));
    for (const width of [320, 400]) {
      const page = await b.context.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${panelUrl}?tabId=${id}`);
      const banner = page.locator('.banner[role="alert"]');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('Press Alt+Shift+C or click the Casebook icon on this tab');
      // No button asking for every site: the URL is unknown, so nothing is asked for.
      expect(await banner.getByRole('button').count()).toBe(0);
      const f = await fit(page);
      expect(f.overflow).toBe(0);
      await page.screenshot({ path: resolve(outDir, `no-access-${width}.png`), fullPage: true });
      await page.close();
    }
    await tab.close();
  });

  it('lists follow-ups in the Week tab and answers one; a save with no claim is a draft', async () => {
    const page = await b.context.newPage();
    await page.setViewportSize({ width: 400, height: 900 });
    await page.goto(panelUrl);
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const items = seedEvidence(40, { asOf: today, spanDays: 300, seed: 3 });
    const titles = [
      'Retry budget for the payment client',
      'Idempotency keys for refunds',
      'Split the ledger reconciliation job',
    ];
    const due = items.slice(0, 3).map((e, i) => ({
      ...e,
      title: titles[i]!,
      kind: 'pull-request',
      occurredOn: addDays(today, -(40 + i * 20)),
      impact: i === 0 ? '' : 'Shipped to every merchant.',
    }));
    await seedThroughPage(page, [...due, ...items.slice(3)]);
    // A new document (a hash change alone would not reload the panel), as when the panel opens on the link.
    await page.goto('about:blank');
    await page.goto(`${panelUrl}#followup=${due[1]!.id}`);
    const list = page.getByTestId('follow-ups');
    await list.waitFor();
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(focused).toBe('follow-up-answer');
    // The section's top just under the sticky header, then the viewport.
    await list.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 96));
    await page.screenshot({ path: resolve(outDir, 'follow-ups-400.png') });
    const count = await page.getByTestId('follow-up').count();
    expect(count).toBeGreaterThanOrEqual(3);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Refund tickets down from 30 a week to 4.');
    await page.locator(`[data-id="${due[1]!.id}"]`).getByTestId('follow-up-save').click();
    await expect.poll(() => page.getByTestId('follow-up').count()).toBe(count - 1);
    const stored = await readStore<Evidence>(page, 'evidence');
    expect(stored.find((e) => e.id === due[1]!.id)?.impact).toBe('Refund tickets down from 30 a week to 4.');
    await page.setViewportSize({ width: 320, height: 900 });
    expect((await fit(page)).overflow).toBe(0);
    await list.screenshot({ path: resolve(outDir, 'follow-ups-320.png') });

    // A manual entry saved with an empty claim is a draft, and says so.
    await page.getByTestId('tab-capture').click();
    await page.getByTestId('capture-title').fill('Ran the Q3 incident review');
    await page.getByTestId('save-evidence').click();
    const saved = page.getByTestId('capture-saved');
    await saved.waitFor();
    expect(await saved.textContent()).toContain('Saved as a draft: add your claim');
    await page.screenshot({ path: resolve(outDir, 'draft-320.png'), fullPage: true });
    await page.close();
  });

  it('shows the case view without sideways scrolling at 320 and 400 px', async () => {
    const page = await b.context.newPage();
    for (const width of [320, 400]) {
      await page.setViewportSize({ width, height: 1400 });
      await page.goto(`${panelUrl}#case`);
      await page.getByTestId('coverage-table').waitFor();
      expect((await fit(page)).overflow).toBe(0);
      await page.screenshot({ path: resolve(outDir, `case-${width}.png`) });
    }
    await page.close();
  });
});
