/**
 * The Inbox in real Chromium: the e2e build's history import points at a
 * local fake GitHub (scripts/fakes/github.ts on CASEBOOK_FAKE_GITHUB_PORT,
 * 127.0.0.1 only; every other outside request is refused). Connects with a
 * token, imports the last 12 months, triages from the keyboard (accept one
 * with a claim, dismiss one, select two and accept them as drafts), finds the
 * accepted items in the Library (drafts marked "Needs claim"), imports again
 * (the dismissed PR does not come back), signs in and syncs (the dismissal is
 * on the server), and finds the accepted items on a share page. Screenshots of
 * the Inbox (light, dark, 320 px, mid-triage, accept form) go to outDir; with
 * UPDATE_SCREENSHOTS=1 the mid-triage one is copied to docs/screenshots/inbox.png.
 */
import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { ROOT } from '../../scripts/lib/env';
import { importNow, inboxCount, runInboxFlow, type InboxFlowResult } from '../../scripts/lib/inbox-flow';
import { startFakeGitHub, truth } from '../../scripts/fakes/github';
import { jiraTruth, startFakeJira } from '../../scripts/fakes/jira';

const server = inject('server');
const outDir = resolve(inject('outDir'), 'inbox');
const fakePort = inject('fakeGithubPort');
const jiraPort = inject('fakeJiraPort');
const TOKEN = 'github_pat_e2e_0123456789abcdefghij';
const LOGIN = 'ada-e2e';
const EMAIL = 'inbox-e2e@example.com';
const CLAIM = 'I split the billing API migration into three reviewable steps and drove it to merge.';
const IMPACT = 'No downtime during the cut-over; two teams reused the plan.';

/** The slice of the extension API the page-side callback uses (it runs inside Chromium). */
declare const chrome: { storage: { local: { get(keys: null): Promise<Record<string, unknown>> } } };

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let fake: Awaited<ReturnType<typeof startFakeGitHub>>;
let jira: Awaited<ReturnType<typeof startFakeJira>>;
/** The Inbox's default range: the last 12 months up to today (UTC, as the headless browser runs). */
const today = new Date().toISOString().slice(0, 10);
const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
/** The fake Jira's history covers exactly the default range (its out-of-range issues fall outside it). */
const JIRA = { deployment: 'server' as const, assigned: 3, user: 'Ada E2e', from: yearAgo, to: today };
let browser: ExtensionBrowser;
let flow: InboxFlowResult;
const outside: string[] = [];

beforeAll(async () => {
  fake = await startFakeGitHub({
    port: fakePort,
    login: LOGIN,
    authored: 9,
    reviewed: 5,
    token: TOKEN,
    from: day(-330),
    to: day(-2),
    extras: false,
  });
  jira = await startFakeJira({ port: jiraPort, ...JIRA });
  browser = await launchWithExtension(inject('extensionDir'), resolve(outDir, 'profile'));
  // Nothing but the local worker and the fake GitHub may be reached.
  await browser.context.route(
    (url) =>
      /^https?:/.test(url.href) &&
      !url.href.startsWith(server) &&
      !url.href.startsWith(fake.url) &&
      !url.href.startsWith(jira.url),
    (route) => {
      outside.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  flow = await runInboxFlow({
    context: browser.context,
    extensionId: browser.extensionId,
    token: TOKEN,
    outDir,
    claim: CLAIM,
    impact: IMPACT,
    jiraOrigin: jira.url,
  });
  if (process.env.UPDATE_SCREENSHOTS === '1')
    copyFileSync(flow.screenshots.triage, resolve(ROOT, 'docs/screenshots/inbox.png'));
});

afterAll(async () => {
  await browser?.context.close();
  await fake?.close();
  await jira?.close();
});

describe('Inbox: import a year from GitHub and triage it from the keyboard', () => {
  it('imports every authored and reviewed PR of the range, and the resolved Jira tickets through the tab, once', () => {
    const t = truth(fake.data, fake.htmlBase);
    const tickets = jiraTruth(JIRA, jira.url).assigned;
    expect(tickets).toHaveLength(3);
    expect(flow.imported).toBe(t.authored.length + t.reviewed.length + tickets.length);
    expect(jira.requests()).toBeGreaterThan(0);
    expect(flow.imported).toBeGreaterThanOrEqual(12);
    expect(fake.requests()).toBeGreaterThan(0);
    expect(outside).toEqual([]);
  });

  it('shows the accepted items in the Library: one with its claim, two drafts marked Needs claim', async () => {
    const { panel } = flow;
    expect(await inboxCount(panel)).toBe(flow.imported - 4);
    await panel.getByTestId('tab-evidence').click();
    const items = panel.getByTestId('evidence-item');
    await expect.poll(() => items.count()).toBe(3);
    const accepted = items.filter({ hasText: flow.accepted.title });
    await expect.poll(() => accepted.textContent()).toContain(CLAIM);
    expect(await accepted.getByTestId('needs-claim').count()).toBe(0);
    for (const d of flow.drafts) {
      expect(await items.filter({ hasText: d.title }).getByTestId('needs-claim').count()).toBe(1);
    }
    expect(await panel.getByTestId('library-drafts').textContent()).toBe('Needs claim: 2');
    await panel.getByTestId('library-drafts').click();
    await expect.poll(() => items.count()).toBe(2);
    await panel.getByTestId('library-drafts').click();
    expect(await panel.locator(`text=${flow.dismissed.title}`).count()).toBe(0);
  });

  it('imports again without bringing back the dismissed PR or the accepted ones', async () => {
    const { panel } = flow;
    await panel.getByTestId('tab-inbox').click();
    await importNow(panel);
    expect(await inboxCount(panel)).toBe(flow.imported - 4);
    expect(await panel.locator(`[data-url="${flow.dismissed.url}"]`).count()).toBe(0);
    expect(await panel.getByTestId('import-last').textContent()).toMatch(/ \d+ found, 0 new · complete/);
  });

  it('syncs the dismissal and shows the accepted items on a share page', async () => {
    const { panel } = flow;
    await panel.getByTestId('tab-account').click();
    await panel.getByTestId('signin-email').fill(EMAIL);
    const since = new Date(Date.now() - 1000).toISOString();
    await panel.getByTestId('signin-send').click();
    let code: string | undefined;
    await expect
      .poll(async () => {
        const all = (await (await fetch(`${server}/dev/outbox.json`)).json()) as {
          to: string;
          text: string;
          createdAt: string;
        }[];
        code = /\b(\d{8})\b/.exec(all.filter((m) => m.to === EMAIL && m.createdAt >= since).at(-1)?.text ?? '')?.[1];
        return code;
      })
      .toMatch(/^\d{8}$/);
    await panel.getByTestId('signin-code').fill(code!);
    await panel.getByTestId('signin-verify').click();
    await panel.getByTestId('signed-in-as').waitFor();
    await panel.getByTestId('sync-now').click();
    await expect
      .poll(async () => (await panel.getByTestId('sync-status').textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/synced[\s\S]*\b0 pending/i);

    // The dismissal is a synced record on the server: no other device imports that PR again.
    const session = await panel.evaluate(async () => {
      const all = await chrome.storage.local.get(null);
      for (const v of Object.values(all)) if (v && typeof v === 'object' && 'token' in v && 'device' in v) return v;
      return undefined;
    });
    const token = (session as { token: string } | undefined)?.token;
    const pulled = (await (
      await fetch(`${server}/api/v1/sync/pull?since=0`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { changes: { collection: string; data: { url?: string } | null }[] };
    expect(pulled.changes.filter((c) => c.collection === 'dismissals').map((c) => c.data?.url)).toEqual([
      flow.dismissed.url,
    ]);
    expect(pulled.changes.filter((c) => c.collection === 'evidence')).toHaveLength(3);

    await panel.getByTestId('tab-share').click();
    await panel.getByTestId('share-label').fill('Inbox e2e');
    await panel.getByTestId('share-create').click();
    const urlEl = panel.getByTestId('share-url');
    await urlEl.waitFor();
    const shareUrl = (
      await urlEl.evaluate((el) => (el instanceof HTMLInputElement ? el.value : (el.textContent ?? '')))
    ).trim();
    const page = await browser.context.newPage();
    await page.goto(shareUrl);
    const text = (await page.textContent('body')) ?? '';
    expect(text).toContain(flow.accepted.title);
    expect(text).toContain(CLAIM);
    for (const d of flow.drafts) expect(text).toContain(d.title);
    expect(text).not.toContain(flow.dismissed.title);
    await page.close();
  });
});
