/**
 * The whole Casebook loop in real headless Chromium, shared by the end-to-end
 * test (which asserts each step) and `npm run demo` (which prints it):
 * clip a real GitHub PR page (served at its real URL), sign in with the code
 * from the dev outbox, sync, run the hourly cron, read the digest, create a
 * share link, open it, revoke it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension } from './browser';
import { ROOT } from './env';

/** The real PR page used for the journey (see tests/fixtures/SOURCES.md). */
export const PR_FIXTURE = resolve(ROOT, 'tests/fixtures/github/github-pr--merged-files-tab-2019.html');
/** The URL the fixture was saved from; the browser loads it at this URL. */
export const PR_URL = 'https://github.com/sourcegraph/sourcegraph/pull/3257/files?diff=unified';
export const PR_TITLE = 'gitserver: Use opentracing for exec endpoint';
export const EMAIL = 'dev@example.com';
/** The PR's author, set as the user's GitHub login so the role is `author`. */
export const GITHUB_LOGIN = 'keegancsmith';
export const PRIVATE_NOTE = 'Private: ask Beyang about the tracing budget before calibration';
export const CLAIM =
  'I instrumented the gitserver exec endpoint with OpenTracing so slow git commands show up in traces.';
export const IMPACT = 'Cut the time to diagnose slow repository operations from hours to minutes.';

/** One email from the dev outbox (`GET /dev/outbox.json`). */
export interface OutboxMessage {
  id: string;
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  createdAt: string;
}

/** What the journey observed at each step. */
export interface JourneyResult {
  extensionId: string;
  /** The evidence records in the extension's IndexedDB after the save. */
  localEvidence: Record<string, unknown>[];
  /** `GET /api/v1/sync/pull?since=0` as the signed-in device sees it. */
  pulled: { changes: { collection: string; id: string; deleted: boolean; data: Record<string, unknown> | null }[] };
  signInCode: string;
  syncStatus: string;
  digest: OutboxMessage;
  shareUrl: string;
  share: { status: number; headers: Record<string, string>; html: string };
  packet: { status: number; text: string };
  revokedStatus: number;
  screenshots: { sidePanel: string; sharePage: string };
  timings: Record<string, number>;
}

/** The slice of the extension API these page-side callbacks use (they run inside Chromium). */
declare const chrome: {
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

/**
 * Runs the journey against a running local worker at `server` with the e2e
 * build of the extension in `ext`. Screenshots go to `outDir`.
 * @throws Error naming the step that failed.
 */
export async function runJourney(opts: {
  ext: string;
  server: string;
  outDir: string;
  log?: (line: string) => void;
}): Promise<JourneyResult> {
  const log = opts.log ?? (() => {});
  const timings: Record<string, number> = {};
  const t0 = Date.now();
  const mark = (k: string) => (timings[k] = Date.now() - t0);
  mkdirSync(opts.outDir, { recursive: true });
  const profile = resolve(opts.outDir, 'profile');

  const {
    context,
    worker: sw,
    extensionId,
  } = await launchWithExtension(opts.ext, profile, {
    viewport: { width: 400, height: 820 },
  });
  try {
    // Offline: serve the real PR page at its real URL; refuse every other outside request fast.
    const prHtml = readFileSync(PR_FIXTURE, 'utf8');
    await context.route(
      (url) => !url.href.startsWith(opts.server) && /^https?:/.test(url.href),
      (route) => {
        const u = new URL(route.request().url());
        if (u.host === 'github.com' && u.pathname.startsWith('/sourcegraph/sourcegraph/pull/3257')) {
          return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: prHtml });
        }
        return route.abort('blockedbyclient');
      },
    );

    mark('browserReady');
    log(`extension loaded: ${extensionId}`);

    const prPage = await context.newPage();
    await prPage.goto(PR_URL);
    const tabId = await sw.evaluate(async (prefix: string) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((t) => t.url?.startsWith(prefix))?.id;
    }, 'https://github.com/sourcegraph/sourcegraph/pull/3257');
    if (typeof tabId !== 'number') throw new Error('could not find the PR tab');

    // 1. Clip the PR in the side panel (no account yet: offline-first).
    const panel: Page = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
    // Tell Casebook who we are, so the panel knows our role on the PR.
    await panel.getByTestId('tab-account').click();
    await panel.getByTestId('settings-github-login').fill(GITHUB_LOGIN);
    await panel.getByTestId('settings-save').click();
    await panel.getByText('Saved', { exact: true }).waitFor();
    await panel.getByTestId('tab-capture').click();
    const title = panel.getByTestId('capture-title');
    await poll('the capture form to be prefilled', async () => ((await title.inputValue()) ? true : undefined), 15_000);
    mark('captureShown');
    await panel.getByTestId('capture-claim').fill(CLAIM);
    await panel.getByTestId('capture-impact').fill(IMPACT);
    await panel.getByTestId('capture-private-note').fill(PRIVATE_NOTE);
    const tl = panel.getByTestId('competency-technical-leadership');
    if (!(await tl.isChecked())) await tl.check();
    await panel.screenshot({ path: resolve(opts.outDir, 'side-panel-capture.png') });
    await panel.getByTestId('save-evidence').click();
    await panel.getByTestId('capture-saved').waitFor({ timeout: 10_000 });
    mark('saved');
    log(`clipped: ${await title.inputValue()}`);

    const localEvidence = await panel.evaluate(
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

    // 2. Sign in with the emailed code (read from the dev outbox).
    await panel.getByTestId('tab-account').click();
    await panel.getByTestId('signin-email').fill(EMAIL);
    const sentAfter = new Date().toISOString();
    await panel.getByTestId('signin-send').click();
    const codeMail = await poll('the sign-in code email', async () => {
      const res = await fetch(`${opts.server}/dev/outbox.json`);
      const all = (await res.json()) as OutboxMessage[];
      return all
        .reverse()
        .find((m) => m.to.includes(EMAIL) && m.createdAt >= sentAfter.slice(0, 19) && /\b\d{8}\b/.test(m.text));
    });
    const signInCode = /\b(\d{8})\b/.exec(codeMail.text)![1]!;
    await panel.getByTestId('signin-code').fill(signInCode);
    await panel.getByTestId('signin-verify').click();
    await panel.getByTestId('signed-in-as').waitFor({ timeout: 10_000 });
    mark('signedIn');
    log(`signed in as ${EMAIL} with code from ${opts.server}/dev/outbox`);

    // 3. Sync now; the server returns the evidence on pull.
    await panel.getByTestId('sync-now').click();
    const status = panel.getByTestId('sync-status');
    const syncStatus = await poll('sync to finish', async () => {
      const s = (await status.textContent()) ?? '';
      return /synced/i.test(s) && /\b0 pending/i.test(s) ? s : undefined;
    });
    mark('synced');
    const session = await panel.evaluate(async () => {
      const all = await chrome.storage.local.get(null);
      for (const v of Object.values(all)) if (v && typeof v === 'object' && 'token' in v) return v as { token: string };
      return undefined;
    });
    if (!session) throw new Error('no session token in browser.storage.local after sign-in');
    const auth = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
    const pulled = (await (
      await fetch(`${opts.server}/api/v1/sync/pull?since=0`, { headers: auth })
    ).json()) as JourneyResult['pulled'];
    log(`server holds ${pulled.changes.length} change(s) for this user`);

    // 4. Run the hourly cron with this user's digest due now; the queue consumer sends it.
    const digest = await poll(
      'the weekly digest in the outbox',
      async () => {
        const now = new Date();
        await fetch(`${opts.server}/api/v1/me/settings`, {
          method: 'PATCH',
          headers: auth,
          body: JSON.stringify({
            timezone: 'UTC',
            digestDay: now.getUTCDay(),
            digestHour: now.getUTCHours(),
            digestEnabled: true,
          }),
        });
        await fetch(`${opts.server}/__scheduled?cron=${encodeURIComponent('0 * * * *')}`);
        const inner = Date.now() + 15_000;
        while (Date.now() < inner) {
          const all = (await (await fetch(`${opts.server}/dev/outbox.json`)).json()) as OutboxMessage[];
          const found = all.find(
            (m) => m.to.includes(EMAIL) && Object.keys(m.headers).some((h) => h.toLowerCase() === 'list-unsubscribe'),
          );
          if (found) return found;
          await new Promise((r) => setTimeout(r, 500));
        }
        return undefined;
      },
      60_000,
    );
    mark('digest');
    log(`digest: ${digest.subject}`);

    // 5. Create a share link in the panel and open it as the manager would.
    await panel.getByTestId('tab-share').click();
    await panel.getByTestId('share-label').fill('H2 calibration');
    await panel.getByTestId('share-create').click();
    const shareUrlEl = panel.getByTestId('share-url');
    await shareUrlEl.waitFor({ timeout: 10_000 });
    const shareUrl = await poll('the share URL', async () => {
      const v = (
        await shareUrlEl.evaluate((el) => (el instanceof HTMLInputElement ? el.value : (el.textContent ?? '')))
      ).trim();
      return v.startsWith('http') ? v : undefined;
    });
    await panel.screenshot({ path: resolve(opts.outDir, 'side-panel-share.png') });
    mark('shared');
    log(`share link: ${shareUrl}`);
    const shareRes = await fetch(shareUrl);
    const share = {
      status: shareRes.status,
      headers: Object.fromEntries(shareRes.headers.entries()),
      html: await shareRes.text(),
    };
    const packetRes = await fetch(`${shareUrl}/packet.md`);
    const packet = { status: packetRes.status, text: await packetRes.text() };

    const manager = await context.newPage();
    await manager.setViewportSize({ width: 1000, height: 1400 });
    await manager.goto(shareUrl);
    const sharePage = resolve(opts.outDir, 'share-page.png');
    await manager.screenshot({ path: sharePage, fullPage: true });
    await manager.close();

    // Side panel screenshot for the README: the evidence library after the journey.
    await panel.getByTestId('tab-evidence').click();
    await panel.getByTestId('evidence-item').first().waitFor();
    const sidePanel = resolve(opts.outDir, 'side-panel.png');
    await panel.screenshot({ path: sidePanel });

    // 6. Revoke the link; it answers 404 at once.
    await panel.getByTestId('tab-share').click();
    await panel.getByTestId('share-revoke').first().click();
    // Revoke asks to confirm first.
    await panel.getByTestId('share-revoke-confirm').first().click();
    const revokedStatus = await poll(
      'the revoked link to answer 404',
      async () => {
        const s = (await fetch(shareUrl)).status;
        return s === 404 ? s : undefined;
      },
      10_000,
    );
    mark('revoked');
    log(`after revoke: ${revokedStatus}`);

    return {
      extensionId,
      localEvidence,
      pulled,
      signInCode,
      syncStatus,
      digest,
      shareUrl,
      share,
      packet,
      revokedStatus,
      screenshots: { sidePanel, sharePage },
      timings,
    };
  } finally {
    await context.close();
  }
}
