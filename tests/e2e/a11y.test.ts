/**
 * Accessibility by rule engine (axe-core, WCAG 2.1 A and AA) in real headless
 * Chromium, and a keyboard-only walk. Zero `serious` or `critical` violations on:
 * - every side panel tab (read from the tablist, so new tabs are covered), in
 *   light and dark, at 320 px (Chrome's narrowest panel) and 400 px, empty and with data;
 * - the share page, its 404 (unknown or revoked link) and 410 (expired) pages;
 * - the peer testimonial page (/t/) for the evidence the walk clipped, and its 404;
 * - the digest HTML (the preview the worker composes, the same renderer as the
 *   email and its /d/ page) in light and dark.
 * The keyboard-only walk: capture a page, edit it in the Library, triage the
 * Inbox (dismiss one imported item, accept another), create a share link, revoke it.
 * Every page's full violation list (any impact) is printed and written to
 * `<e2e outDir>/a11y.json`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT, run, WRANGLER_ENV } from '../../scripts/lib/env';
import { isoWeekOf } from '../../shared/dates';
import { PR_FIXTURE, PR_URL } from '../../scripts/lib/journey';
import { axeViolations, blocking, describeViolations, type AxeViolation } from './axe';
import { launchWithExtension, seedThroughPage, tabIdFor } from './browser';

const server = inject('server');
const outDir = inject('outDir');
const EMAIL = 'a11y-e2e@example.com';

interface Seed {
  seedEvidence(count: number, opts?: { asOf?: string; spanDays?: number; seed?: number }): object[];
  seedWeeklyLog(week: string, n?: number): object;
  seedGoals(): object[];
}
const SEED_MODULE = new URL('../unit/helpers/seed.ts', import.meta.url).href;
const { seedEvidence, seedWeeklyLog, seedGoals } = (await import(SEED_MODULE)) as Seed;

const report: Record<string, { total: number; blocking: number; rules: string[] }> = {};

/** Runs axe on `page`, records the result under `name`, and returns the serious and critical violations. */
async function check(page: Page, name: string): Promise<string[]> {
  const vs: AxeViolation[] = await axeViolations(page);
  report[name] = {
    total: vs.reduce((n, v) => n + v.targets.length, 0),
    blocking: blocking(vs).reduce((n, v) => n + v.targets.length, 0),
    rules: describeViolations(vs),
  };
  return describeViolations(blocking(vs)).map((l) => `${name}: ${l}`);
}

/** The panel's tab ids, in tablist order (`tab-capture` → `capture`). */
async function tabIds(page: Page): Promise<string[]> {
  const ids = await page.locator('[role="tab"]').evaluateAll((els) => els.map((e) => e.id.replace(/^tab-/, '')));
  expect(ids.length).toBeGreaterThanOrEqual(6);
  return ids;
}

/** Opens each tab in turn, light and dark, at 320 and 400 px, and runs axe on it. */
async function checkEveryTab(page: Page, state: string): Promise<string[]> {
  const problems: string[] = [];
  for (const width of [320, 400]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const id of await tabIds(page)) {
        await page.locator(`#tab-${id}`).click();
        const panel = page.locator(`#panel-${id}`);
        await panel.waitFor({ state: 'visible' });
        await expect.poll(() => panel.getByText('Loading…').count(), { timeout: 15_000 }).toBe(0);
        // Live queries settle (lists, counts) before the rules run.
        await page.waitForTimeout(150);
        problems.push(...(await check(page, `panel ${id} ${state} ${scheme} ${width}px`)));
      }
    }
  }
  return problems;
}

/** Presses Tab until the element with `testid` (or matching `selector`) has focus; at most `max` presses. */
async function tabTo(page: Page, target: { testid?: string; selector?: string }, max = 120): Promise<void> {
  const selector = target.selector ?? `[data-testid="${target.testid}"]`;
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} is not reachable with the Tab key`);
}

/** Arrow keys along the tablist until `id` is the selected tab. */
async function arrowToTab(page: Page, id: string): Promise<void> {
  await tabTo(page, { selector: '[role="tab"][aria-selected="true"]' });
  for (let i = 0; i < 12; i++) {
    if ((await page.locator(`#tab-${id}`).getAttribute('aria-selected')) === 'true') return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`tab ${id} is not reachable with the arrow keys`);
}

/** Two history-import candidates (PRs the user authored), as the inbox stores them (`candidates`, keyed by URL). */
function candidates(): object[] {
  return [101, 102].map((n) => ({
    source: 'github-pr',
    kind: 'pull-request',
    url: `https://github.com/acme/api/pull/${n}`,
    title: `Retry webhook deliveries with backoff, part ${n - 100}`,
    occurredOn: '2026-10-0' + String(n - 100),
    role: 'author',
    suggestedCompetencies: [],
    metrics: [],
    meta: { repo: 'acme/api', number: n, state: 'merged' },
    reason: 'authored',
    importedAt: new Date().toISOString(),
    importRunId: '01JD3K8Q2VZ9A11YRUN0000001',
  }));
}

/** Writes rows into one object store of the panel's IndexedDB. */
async function putRows(page: Page, store: string, rows: object[]): Promise<void> {
  await page.evaluate(
    ([name, list]) =>
      new Promise<void>((res, rej) => {
        const open = indexedDB.open('casebook');
        open.onerror = () => rej(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(name, 'readwrite');
          for (const r of list) tx.objectStore(name).put(r);
          tx.oncomplete = () => (open.result.close(), res());
          tx.onerror = () => rej(tx.error);
        };
      }),
    [store, rows] as const,
  );
}

/** Signs the panel in through the Account tab with the code from the dev outbox; returns the session token. */
async function signIn(panel: Page): Promise<string> {
  await panel.locator('#tab-account').click();
  await panel.getByTestId('signin-email').fill(EMAIL);
  const since = new Date(Date.now() - 1000).toISOString().slice(0, 19);
  await panel.getByTestId('signin-send').click();
  let code: string | undefined;
  for (let i = 0; i < 100 && !code; i++) {
    const all = (await (await fetch(`${server}/dev/outbox.json`)).json()) as {
      to: string;
      text: string;
      createdAt: string;
    }[];
    code = all
      .filter((m) => m.to.includes(EMAIL) && m.createdAt >= since)
      .map((m) => /\b(\d{8})\b/.exec(m.text)?.[1])
      .find(Boolean);
    if (!code) await new Promise((r) => setTimeout(r, 200));
  }
  await panel.getByTestId('signin-code').fill(code!);
  await panel.getByTestId('signin-verify').click();
  await panel.getByTestId('signed-in-as').waitFor({ timeout: 10_000 });
  const token = await panel.evaluate(async () => {
    const all = await (
      globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } } }
    ).chrome.storage.local.get(null);
    for (const v of Object.values(all)) if (v && typeof v === 'object' && 'token' in v) return String(v.token);
    return undefined;
  });
  if (!token) throw new Error('no session token after sign-in');
  return token;
}

describe('accessibility (axe-core, WCAG 2.1 A/AA) and keyboard-only use', () => {
  let context: BrowserContext;
  let extensionId: string;
  let token: string;

  beforeAll(async () => {
    const profile = resolve(outDir, 'a11y-profile');
    const b = await launchWithExtension(inject('extensionDir'), profile);
    context = b.context;
    extensionId = b.extensionId;
    // Offline: the real PR page at its real URL; nothing else outside the local worker.
    const prHtml = readFileSync(PR_FIXTURE, 'utf8');
    await context.route(
      (url) => /^https?:/.test(url.href) && !url.href.startsWith(server),
      (route) =>
        route.request().url().startsWith('https://github.com/sourcegraph/sourcegraph/pull/3257')
          ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: prHtml })
          : route.abort('blockedbyclient'),
    );
  });

  afterAll(async () => {
    await context?.close();
    mkdirSync(outDir, { recursive: true });
    writeFileSync(resolve(outDir, 'a11y.json'), JSON.stringify(report, null, 2));
    for (const [name, r] of Object.entries(report)) {
      console.log(`${name}: ${r.total} node(s) in violation, ${r.blocking} serious/critical`);
      for (const rule of r.rules) console.log(`    ${rule}`);
    }
  });

  it('every side panel tab, empty, light and dark, 320 and 400 px', async () => {
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await panel.locator('#tab-capture').waitFor();
    expect(await checkEveryTab(panel, 'empty')).toEqual([]);
    await panel.close();
  });

  it('keyboard only: capture a page, edit it in the library, triage the inbox, share, revoke', async () => {
    const pr = await context.newPage();
    await pr.goto(PR_URL);
    const tabId = await tabIdFor(context.serviceWorkers()[0]!, 'https://github.com/sourcegraph/sourcegraph/pull/3257');
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
    // Setup with the mouse: sign in (not part of the walk), then back to Capture.
    token = await signIn(panel);
    await panel.locator('#tab-capture').click();
    await expect.poll(() => panel.getByTestId('capture-title').inputValue(), { timeout: 15_000 }).not.toBe('');

    // Capture: Tab to the claim, type, Space on a competency, Enter on Save.
    await panel.locator('body').focus();
    await tabTo(panel, { testid: 'capture-claim' });
    await panel.keyboard.type('I added tracing to the exec endpoint.');
    await tabTo(panel, { testid: 'competency-technical-leadership' });
    if (!(await panel.getByTestId('competency-technical-leadership').isChecked())) await panel.keyboard.press('Space');
    await tabTo(panel, { testid: 'save-evidence' });
    await panel.keyboard.press('Enter');
    await panel.getByTestId('capture-saved').waitFor({ timeout: 10_000 });

    // Triage in the Library: arrow to the tab, Tab to Edit, change the impact, Enter on Save.
    await arrowToTab(panel, 'evidence');
    await panel.getByTestId('evidence-item').first().waitFor();
    await tabTo(panel, { testid: 'evidence-edit' });
    await panel.keyboard.press('Enter');
    await tabTo(panel, { testid: 'edit-impact' });
    await panel.keyboard.type('Slow git commands now show up in traces.');
    await tabTo(panel, { testid: 'edit-save' });
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.getByTestId('evidence-item').first().textContent()).toContain('show up in traces');

    // Triage in the Inbox: Tab to the list of imported items, `d` dismisses the first, Enter opens
    // the second's accept form, Tab to Save, Enter: the library then holds it.
    await putRows(panel, 'candidates', candidates());
    // Dexie's live queries do not see writes made outside Dexie: load the panel again.
    await panel.reload();
    await panel.locator('#tab-capture').waitFor();
    await arrowToTab(panel, 'inbox');
    await expect.poll(() => panel.getByTestId('inbox-item').count(), { timeout: 10_000 }).toBe(2);
    await tabTo(panel, { testid: 'inbox-list' });
    await panel.keyboard.press('d');
    await expect.poll(() => panel.getByTestId('inbox-item').count()).toBe(1);
    await panel.keyboard.press('Enter');
    await panel.getByTestId('accept-form').waitFor();
    await tabTo(panel, { testid: 'accept-save' });
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.getByTestId('inbox-item').count()).toBe(0);
    await arrowToTab(panel, 'evidence');
    await expect.poll(() => panel.getByTestId('evidence-item').count()).toBe(2);

    // Share: arrow to the tab, name the link, Enter on Create.
    await arrowToTab(panel, 'share');
    await tabTo(panel, { testid: 'share-label' });
    await panel.keyboard.type('Keyboard link');
    await tabTo(panel, { testid: 'share-create' });
    await panel.keyboard.press('Enter');
    await panel.getByTestId('share-url').waitFor({ timeout: 10_000 });

    // Revoke: Tab to it, Enter (a confirmation dialog, if any, is accepted).
    panel.on('dialog', (d) => void d.accept());
    await tabTo(panel, { testid: 'share-revoke' });
    await panel.keyboard.press('Enter');
    // Revoke asks to confirm inline: Tab to the confirmation, Enter.
    await tabTo(panel, { testid: 'share-revoke-confirm' });
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.getByTestId('share-revoke').count(), { timeout: 10_000 }).toBe(0);
    // Keep the panel open until it has pushed what the walk saved (the next test asks peers about it).
    await expect
      .poll(
        async () => {
          const res = await fetch(`${server}/api/v1/sync/pull?since=0`, {
            headers: { authorization: `Bearer ${token}` },
          });
          const body = (await res.json()) as { changes: { collection: string; deleted: boolean }[] };
          return body.changes.some((c) => c.collection === 'evidence' && !c.deleted);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await panel.close();
    await pr.close();
  });

  it('every side panel tab with data (evidence, weekly log, goals, a share link), light and dark, 320 and 400 px', async () => {
    const shared = await fetch(`${server}/api/v1/shares`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'H2 calibration' }),
    });
    expect(shared.status).toBe(201);
    const pr = await context.newPage();
    await pr.goto(PR_URL);
    const tabId = await tabIdFor(context.serviceWorkers()[0]!, 'https://github.com/sourcegraph/sourcegraph/pull/3257');
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
    await panel.locator('#tab-capture').waitFor();
    const today = new Date().toISOString().slice(0, 10);
    const week = isoWeekOf(today);
    await seedThroughPage(panel, {
      evidence: seedEvidence(60, { asOf: today, spanDays: 200, seed: 3 }),
      weeklyLogs: [{ ...seedWeeklyLog(week), week }],
      goals: seedGoals(),
    });
    await putRows(
      panel,
      'candidates',
      candidates().map((c) => ({ ...c, url: `${(c as { url: string }).url}0` })),
    );
    await panel.reload();
    await panel.locator('#tab-capture').waitFor();
    expect(await checkEveryTab(panel, 'with data')).toEqual([]);
    await panel.close();
    await pr.close();
  });

  it('the share page, its 404 and 410 pages, and the peer testimonial page and its 404, light and dark', async () => {
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const create = async (label: string) => {
      const res = await fetch(`${server}/api/v1/shares`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ label }),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; url: string };
    };
    const live = await create('A11y live');
    const expired = await create('A11y expired');
    // Expire the second link in the local D1 (the API never sets a past expiry).
    run(
      resolve(ROOT, 'node_modules/.bin/wrangler'),
      [
        'd1',
        'execute',
        'DB',
        '--local',
        '--persist-to',
        resolve(ROOT, '.wrangler/e2e-state'),
        '--command',
        `UPDATE shares SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = '${expired.id.replace(/'/g, '')}'`,
      ],
      { env: WRANGLER_ENV, quiet: true },
    );
    // The peer testimonial page, for the evidence the keyboard walk clipped (once the panel has synced it).
    let evidenceId: string | undefined;
    for (let i = 0; i < 100 && !evidenceId; i++) {
      const pulled = (await (await fetch(`${server}/api/v1/sync/pull?since=0`, { headers: auth })).json()) as {
        changes: { collection: string; id: string; deleted: boolean }[];
      };
      evidenceId = pulled.changes.find((c) => c.collection === 'evidence' && !c.deleted)?.id;
      if (!evidenceId) await new Promise((r) => setTimeout(r, 300));
    }
    expect(evidenceId).toBeDefined();
    const asked = await fetch(`${server}/api/v1/testimonial-requests`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ peerName: 'Sam', evidenceIds: [evidenceId] }),
    });
    expect(asked.status).toBe(201);
    const peer = (await asked.json()) as { url: string };
    const pages: [string, string, number][] = [
      ['share page', live.url, 200],
      ['share 404', `${server}/s/${'x'.repeat(43)}`, 404],
      ['share 410', expired.url, 410],
      ['peer testimonial page', peer.url, 200],
      ['peer 404', `${server}/t/${'x'.repeat(43)}`, 404],
    ];
    const problems: string[] = [];
    const page = await context.newPage();
    await page.setViewportSize({ width: 1000, height: 1200 });
    for (const [name, url, status] of pages) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        const res = await page.goto(url);
        expect({ name, status: res?.status() }).toEqual({ name, status });
        problems.push(...(await check(page, `${name} ${scheme}`)));
      }
    }
    await page.close();
    expect(problems).toEqual([]);
  });

  it('the digest HTML, light and dark', async () => {
    const res = await fetch(`${server}/api/v1/digests/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const { html } = (await res.json()) as { html: string };
    const problems: string[] = [];
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setContent(html);
      problems.push(...(await check(page, `digest ${scheme}`)));
    }
    await page.close();
    expect(problems).toEqual([]);
  });
});
