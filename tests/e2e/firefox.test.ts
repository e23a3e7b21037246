/**
 * The Casebook loop in real headless Firefox (Debian's firefox-esr, driven by
 * puppeteer-core over WebDriver BiDi) against the local worker: the steps
 * scripts/lib/journey.ts runs in Chromium. Clip the saved PR page served at its
 * real URL (request interception), sign in with the code from the dev outbox,
 * sync, create a share link, open it, revoke it. The extension is the Firefox
 * MV3 e2e build (`wxt build -b firefox`, capture hosts granted), installed with
 * `browser.installExtension`; its panel page is the tab it opens at install
 * (scripts/lib/firefox.ts).
 */
import { readFileSync } from 'node:fs';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildExtension } from '../../scripts/lib/env';
import { EXTENSION_UUID, launchFirefoxWithExtension, locationOf } from '../../scripts/lib/firefox';
import {
  CLAIM,
  EMAIL,
  GITHUB_LOGIN,
  IMPACT,
  PR_FIXTURE,
  PR_TITLE,
  PR_URL,
  PRIVATE_NOTE,
  type OutboxMessage,
} from '../../scripts/lib/journey';

const server = inject('server');
const FIREFOX_EMAIL = EMAIL.replace('@', '+firefox@');
const PR_PREFIX = 'https://github.com/sourcegraph/sourcegraph/pull/3257';

/** The slice of the WebExtension API the panel-side callbacks use (they run inside Firefox). */
declare const browser: {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
  storage: { local: { get(keys: null): Promise<Record<string, unknown>> } };
};

async function poll<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const byTestId = (id: string) => `[data-testid="${id}"]`;

/** The value of an input, or the text of any other element. */
const valueOf = (page: Page, testid: string) =>
  page.$eval(byTestId(testid), (el) => (el instanceof HTMLInputElement ? el.value : (el.textContent ?? '')));

/** Clears the field and types `text` into it, key by key (React sees real input events). */
async function fill(page: Page, testid: string, text: string): Promise<void> {
  const el = await page.waitForSelector(byTestId(testid), { visible: true });
  await el!.click({ count: 3 });
  await page.keyboard.press('Backspace');
  await el!.type(text);
}

async function click(page: Page, testid: string): Promise<void> {
  const el = await page.waitForSelector(byTestId(testid), { visible: true });
  await el!.click();
}

async function waitFor(page: Page, testid: string, timeout = 10_000): Promise<void> {
  await page.waitForSelector(byTestId(testid), { timeout });
}

describe('the Casebook loop in real Firefox against the local worker', () => {
  let ff: Browser;
  let panel: Page;

  beforeAll(async () => {
    const ext = buildExtension({ server, outDir: '.output/e2e-build-firefox', e2e: true, browser: 'firefox' });
    const launched = await launchFirefoxWithExtension(ext);
    ff = launched.browser;
    panel = launched.panel;
  });

  afterAll(async () => {
    await ff?.close();
  });

  it('clips a real PR, signs in, syncs, creates a share link, opens it and revokes it', async () => {
    // The real PR page at its real URL; every other outside request is refused.
    const prHtml = readFileSync(PR_FIXTURE, 'utf8');
    const pr = await ff.newPage();
    await pr.setRequestInterception(true);
    pr.on('request', (req: HTTPRequest) => {
      if (req.url().startsWith(PR_PREFIX)) {
        void req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: prHtml });
      } else if (req.url().startsWith(server)) {
        void req.continue();
      } else {
        void req.abort('blockedbyclient');
      }
    });
    await pr.goto(PR_URL);
    // The panel tab in front, as a user would have it (background tabs are throttled).
    await panel.bringToFront();

    // Point the panel at the PR's tab, as the toolbar button does (`?tabId=`).
    const tabId = await panel.evaluate(
      async (prefix) => (await browser.tabs.query({})).find((t) => t.url?.startsWith(prefix))?.id,
      PR_PREFIX,
    );
    expect(typeof tabId).toBe('number');
    await panel.evaluate((id) => {
      location.href = `sidepanel.html?tabId=${id}`;
    }, tabId!);
    await poll('the panel to open on the PR tab', async () =>
      (await locationOf(panel)).endsWith(`?tabId=${tabId}`) ? true : undefined,
    );
    expect(await locationOf(panel)).toBe(`moz-extension://${EXTENSION_UUID}/sidepanel.html?tabId=${tabId}`);

    // 1. Clip (offline-first): set the GitHub login so the role is `author`, fill the claim, save.
    await waitFor(panel, 'tab-account');
    await click(panel, 'tab-account');
    await fill(panel, 'settings-github-login', GITHUB_LOGIN);
    await click(panel, 'settings-save');
    await panel.waitForFunction(() => document.body.innerText.includes('Saved'), { timeout: 10_000 });
    await click(panel, 'tab-capture');
    await poll('the capture form to be prefilled', async () =>
      (await valueOf(panel, 'capture-title')) ? true : undefined,
    );
    await fill(panel, 'capture-claim', CLAIM);
    await fill(panel, 'capture-impact', IMPACT);
    await fill(panel, 'capture-private-note', PRIVATE_NOTE);
    if (!(await panel.$eval(byTestId('competency-technical-leadership'), (el) => (el as HTMLInputElement).checked))) {
      await click(panel, 'competency-technical-leadership');
    }
    await click(panel, 'save-evidence');
    await waitFor(panel, 'capture-saved');
    const local = await panel.evaluate(
      () =>
        new Promise<Record<string, unknown>[]>((res, rej) => {
          const open = indexedDB.open('casebook');
          open.onerror = () => rej(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('evidence').objectStore('evidence').getAll();
            req.onsuccess = () => res(req.result as Record<string, unknown>[]);
            req.onerror = () => rej(req.error);
          };
        }),
    );
    expect(local).toHaveLength(1);
    expect(local[0]).toMatchObject({
      source: 'github-pr',
      kind: 'pull-request',
      role: 'author',
      url: PR_PREFIX,
      title: PR_TITLE,
      claim: CLAIM,
      meta: { repo: 'sourcegraph/sourcegraph', number: 3257, state: 'merged', author: GITHUB_LOGIN },
    });

    // 2. Sign in with the emailed code from the dev outbox.
    await click(panel, 'tab-account');
    await fill(panel, 'signin-email', FIREFOX_EMAIL);
    const sentAfter = new Date(Date.now() - 1000).toISOString().slice(0, 19);
    await click(panel, 'signin-send');
    const mail = await poll('the sign-in code email', async () => {
      const all = (await (await fetch(`${server}/dev/outbox.json`)).json()) as OutboxMessage[];
      return all.find((m) => m.to.includes(FIREFOX_EMAIL) && m.createdAt >= sentAfter && /\b\d{8}\b/.test(m.text));
    });
    await fill(panel, 'signin-code', /\b(\d{8})\b/.exec(mail.text)![1]!);
    await click(panel, 'signin-verify');
    await waitFor(panel, 'signed-in-as');
    expect(await valueOf(panel, 'signed-in-as')).toContain(FIREFOX_EMAIL);

    // 3. Sync now; the server holds the clipped PR.
    await click(panel, 'sync-now');
    await poll('sync to finish', async () => {
      const s = await valueOf(panel, 'sync-status');
      return /synced/i.test(s) && /\b0 pending/i.test(s) ? s : undefined;
    });
    const token = await panel.evaluate(async () => {
      for (const v of Object.values(await browser.storage.local.get(null))) {
        if (v && typeof v === 'object' && 'token' in v) return String((v as { token: unknown }).token);
      }
      return undefined;
    });
    expect(token).toBeTruthy();
    const pulled = (await (
      await fetch(`${server}/api/v1/sync/pull?since=0`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { changes: { collection: string; id: string; deleted: boolean; data: { title?: string } | null }[] };
    const remote = pulled.changes.filter((c) => c.collection === 'evidence' && !c.deleted);
    expect(remote.map((c) => c.id)).toEqual([local[0]!.id]);
    expect(remote[0]!.data?.title).toBe(PR_TITLE);

    // 4. Create a share link in the panel and open it in a Firefox tab.
    await click(panel, 'tab-share');
    await fill(panel, 'share-label', 'H2 calibration (Firefox)');
    await click(panel, 'share-create');
    await waitFor(panel, 'share-url');
    const shareUrl = await poll('the share URL', async () => {
      const v = (await valueOf(panel, 'share-url')).trim();
      return v.startsWith(`${server}/s/`) ? v : undefined;
    });
    const manager = await ff.newPage();
    const res = await manager.goto(shareUrl);
    expect(res?.status()).toBe(200);
    const shown = await manager.evaluate(() => document.body.innerText);
    expect(shown).toContain(PR_TITLE);
    expect(shown).not.toContain(PRIVATE_NOTE);
    expect(await manager.$eval(`a[href="${PR_PREFIX}"]`, (a) => a.textContent)).toBeTruthy();
    await manager.close();

    // 5. Revoke it from the panel: the link answers 404 at once.
    await click(panel, 'share-revoke');
    await click(panel, 'share-revoke-confirm');
    const status = await poll('the revoked link to answer 404', async () => {
      const s = (await fetch(shareUrl)).status;
      return s === 404 ? s : undefined;
    });
    expect(status).toBe(404);
    await pr.close();
  });
});
