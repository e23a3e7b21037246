/**
 * Issue 16 in real Chromium against the real worker under `wrangler dev`: a hostile page
 * (the recorded 2025 GitHub issue page, tests/fixtures/web, with a 600,000-character
 * og:site_name) served at its real-looking URL through `context.route` is clipped with
 * the string cut down, and sync keeps flowing: an outbox entry too large for the server
 * (as a store written before the fix holds it) is set aside and shown in the panel, the
 * clipped item and the next clipped item (a pull request page) reach the server, read
 * back through the pull API.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../../scripts/lib/env';
import { launchWithExtension, tabIdFor, type ExtensionBrowser } from './browser';
import { PR_FIXTURE, PR_URL } from '../../scripts/lib/journey';

const server = inject('server');
const HUGE = 600_000;
const ISSUE_URL = 'https://github.com/kepano/defuddle/issues/56';
const EMAIL = 'hostile-page@example.com';

/** The slice of the extension API the page-side callbacks use (they run inside Chromium). */
declare const chrome: { storage: { local: { set(v: object): Promise<void> } } };

interface Pulled {
  changes: { id: string; data: { title?: string; url?: string; meta?: Record<string, unknown> } | null }[];
}

/** The recorded issue page with its og:site_name ("GitHub") replaced by 600,000 characters. */
function hostileIssuePage(): string {
  const html = readFileSync(resolve(ROOT, 'tests/fixtures/web/web--github-issue-2025.html'), 'utf8');
  const hostile = html.replace(
    '<meta property="og:site_name" content="GitHub">',
    `<meta property="og:site_name" content="${'GitHub '.repeat(HUGE / 7)}">`,
  );
  expect(hostile.length).toBeGreaterThan(html.length + HUGE - 100);
  return hostile;
}

/** Signs `email` in through the API, reading the code from the dev outbox. */
async function signIn(email: string): Promise<{ token: string; user: { id: string; email: string } }> {
  const json = { 'content-type': 'application/json' };
  await fetch(`${server}/api/v1/auth/start`, { method: 'POST', headers: json, body: JSON.stringify({ email }) });
  const mails = (await (await fetch(`${server}/dev/outbox.json`)).json()) as { to: string; text: string }[];
  const code = /\b(\d{8})\b/.exec(mails.filter((m) => m.to === email).at(-1)?.text ?? '')?.[1];
  if (!code) throw new Error(`no code for ${email}`);
  const verify = await fetch(`${server}/api/v1/auth/verify`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, code, deviceName: 'Hostile page test' }),
  });
  expect(verify.status).toBe(200);
  return (await verify.json()) as { token: string; user: { id: string; email: string } };
}

async function pullAll(token: string): Promise<Pulled['changes']> {
  const res = await fetch(`${server}/api/v1/sync/pull?since=0&limit=1000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as Pulled).changes;
}

/** Adds a record and its outbox entry straight into IndexedDB, as a store written before the size check holds one. */
async function seedOversized(panel: Page, id: string): Promise<void> {
  const hlc = `${new Date(Date.now() - 60_000).toISOString()}-0000-01JD3K8Q2VZ7`;
  const record = {
    id,
    source: 'web',
    kind: 'other',
    role: 'author',
    url: 'https://github.com/kepano/defuddle/issues/55',
    title: 'Clipped before the fix',
    occurredOn: '2026-11-20',
    capturedAt: new Date().toISOString(),
    claim: '',
    impact: '',
    metrics: [],
    competencies: [],
    tags: [],
    people: [],
    meta: { siteName: 'S'.repeat(HUGE) },
    privateNote: '',
    updatedAt: hlc,
    deletedAt: null,
  };
  await panel.evaluate(
    (r) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('casebook');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['evidence', 'outbox'], 'readwrite');
          tx.objectStore('evidence').put(r);
          tx.objectStore('outbox').add({ collection: 'evidence', id: r.id, op: 'upsert', hlc: r.updatedAt, data: r });
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    record,
  );
}

describe('a hostile page in real Chromium', () => {
  let b: ExtensionBrowser;
  const outDir = resolve(inject('outDir'), 'hostile-page');

  beforeAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    b = await launchWithExtension(inject('extensionDir'), resolve(outDir, 'profile'));
    const issue = hostileIssuePage();
    const pr = readFileSync(PR_FIXTURE, 'utf8');
    await b.context.route(
      (url) => /^https?:/.test(url.href) && !url.href.startsWith(server),
      (route) => {
        const url = route.request().url();
        const page = url.startsWith(ISSUE_URL) ? issue : url.startsWith(PR_URL.split('/files')[0]!) ? pr : null;
        return page
          ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: page })
          : route.abort('blockedbyclient');
      },
    );
  });

  afterAll(async () => {
    await b?.context.close();
  });

  /** Opens `url`, then the panel on its tab, and saves the prefilled capture with a claim. */
  async function clipAndSave(url: string, prefix: string, claim: string): Promise<Page> {
    const tab = await b.context.newPage();
    await tab.goto(url);
    const tabId = await tabIdFor(b.worker, prefix);
    const panel = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html?tabId=${tabId}`);
    const title = panel.getByTestId('capture-title');
    await expect.poll(() => title.inputValue(), { timeout: 20_000 }).not.toBe('');
    await panel.getByTestId('capture-claim').fill(claim);
    await panel.getByTestId('capture-impact').fill('Kept the worker bundle under 1 MiB.');
    await panel.getByTestId('save-evidence').click();
    await panel.getByTestId('capture-saved').waitFor({ timeout: 15_000 });
    await tab.close();
    return panel;
  }

  /** Presses "Sync now" in the Account tab and waits for a sync that leaves nothing pending. */
  async function syncNow(panel: Page): Promise<void> {
    await panel.getByTestId('tab-account').click();
    await panel.getByTestId('sync-now').click();
    const status = panel.getByTestId('sync-status');
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/Synced.*· 0 pending/);
  }

  it(
    'clips the page with the string cut down, sets an old oversized change aside, and keeps syncing',
    { timeout: 120_000 },
    async () => {
      const session = await signIn(EMAIL);
      const setup = await b.context.newPage();
      await setup.goto(`chrome-extension://${b.extensionId}/sidepanel.html`);
      await expect
        .poll(() => setup.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'casebook')))
        .toBe(true);
      await setup.evaluate((s) => chrome.storage.local.set({ 'casebook.session': s }), {
        ...session,
        device: { id: 'd', name: 'Hostile page test' },
      });
      const oversizedId = ulid();
      await seedOversized(setup, oversizedId);
      await setup.close();

      // 1. The hostile page: clipped and saved; the stored site name is cut down.
      const panel = await clipAndSave(
        ISSUE_URL,
        ISSUE_URL,
        'I reproduced the Workers crash and sent the fix upstream.',
      );
      await syncNow(panel);
      const notice = panel.getByTestId('sync-notice');
      await expect.poll(async () => (await notice.textContent()) ?? '').toContain('1 change could not sync');
      await panel.screenshot({ path: resolve(outDir, 'attention.png'), fullPage: true });
      const attention = panel.getByTestId('attention-item');
      await expect.poll(() => attention.count()).toBe(1);
      expect(await attention.first().textContent()).toContain('Clipped before the fix');

      let held = await pullAll(session.token);
      const clipped = held.find((c) => c.data?.url === ISSUE_URL);
      expect(clipped?.data?.title).toBe('Defuddle on Cloudflare Workers');
      const siteName = String(clipped?.data?.meta?.['siteName'] ?? '');
      expect(siteName.startsWith('GitHub GitHub')).toBe(true);
      expect(siteName.length).toBeLessThanOrEqual(1_000);
      expect(held.some((c) => c.id === oversizedId)).toBe(false);

      // 2. The next clipped item reaches the server too: nothing waits behind the bad change.
      await panel.close();
      const next = await clipAndSave(PR_URL, PR_URL.split('/files')[0]!, 'I added tracing to the exec endpoint.');
      await syncNow(next);
      held = await pullAll(session.token);
      expect(held.some((c) => c.data?.url === 'https://github.com/sourcegraph/sourcegraph/pull/3257')).toBe(true);

      // 3. Discarding the set-aside change clears the notice; the record stays on this device only.
      await next.getByTestId('attention-discard').click();
      await next.getByTestId('attention-discard-confirm').click();
      await expect.poll(() => next.getByTestId('sync-notice').count()).toBe(0);
    },
  );
});
