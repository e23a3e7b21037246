/**
 * The history-import journey in headless Chromium, shared by the end-to-end
 * test (tests/e2e/inbox.test.ts) and `npm run demo`: connect GitHub with a
 * token (checked against the local fake GitHub, scripts/fakes/github.ts, which
 * the e2e build's importer points at), import a range into the Inbox, triage
 * from the keyboard (accept one with a claim, dismiss one, select two and
 * accept them as drafts), and take screenshots of the Inbox (light, dark,
 * 320 px wide). Never reaches a real GitHub host.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** What the triage did, for the caller's checks. */
export interface InboxFlowResult {
  panel: Page;
  /** Candidates listed after the first import. */
  imported: number;
  /** Milliseconds from clicking Import to the last run showing as finished. */
  importMs: number;
  accepted: { url: string; title: string; claim: string };
  dismissed: { url: string; title: string };
  drafts: { url: string; title: string }[];
  screenshots: { light: string; dark: string; narrow: string; triage: string; accept: string; connections: string };
}

async function poll<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The URL and title of the Inbox row that is current (the listbox's active descendant). */
async function activeRow(panel: Page): Promise<{ url: string; title: string }> {
  return panel.getByTestId('inbox-list').evaluate((list) => {
    const id = list.getAttribute('aria-activedescendant');
    const row = id ? document.getElementById(id) : null;
    if (!row) throw new Error('no active row in the inbox');
    return {
      url: row.getAttribute('data-url') ?? '',
      title: row.querySelector('.candidate-title')?.textContent ?? '',
    };
  });
}

/** Number of rows listed in the Inbox. */
export async function inboxCount(panel: Page): Promise<number> {
  return panel.getByTestId('inbox-item').count();
}

/** Clicks Import and waits until the run is recorded as finished; returns the elapsed ms. */
export async function importNow(panel: Page, timeoutMs = 120_000): Promise<number> {
  const lastRun = async () => {
    const el = panel.getByTestId('import-last');
    return (await el.count()) > 0 ? ((await el.textContent()) ?? '') : '';
  };
  const before = await lastRun();
  const t0 = Date.now();
  await panel.getByTestId('import-start').click();
  await poll(
    'the import to finish',
    async () => {
      if (await panel.getByTestId('import-cancel').isVisible()) return undefined;
      const last = await lastRun();
      return last && last !== before ? true : undefined;
    },
    timeoutMs,
  );
  return Date.now() - t0;
}

/**
 * Runs the journey in `context` (extension `extensionId` loaded). `token` must
 * be the fake's token; `claim`/`impact` are typed for the accepted item.
 * Screenshots go to `outDir`.
 */
export async function runInboxFlow(opts: {
  context: BrowserContext;
  extensionId: string;
  token: string;
  outDir: string;
  claim: string;
  impact: string;
  /** A Jira site to connect too: the import reads it through an open tab of that site. */
  jiraOrigin?: string;
  log?: (line: string) => void;
}): Promise<InboxFlowResult> {
  const log = opts.log ?? (() => {});
  mkdirSync(opts.outDir, { recursive: true });
  const panel = await opts.context.newPage();
  await panel.goto(`chrome-extension://${opts.extensionId}/sidepanel.html#account`);

  // Connect GitHub: the token is checked with GET /user, which also gives the login.
  await panel.getByTestId('github-token').fill(opts.token);
  await panel.getByTestId('github-save').click();
  const connected = await poll('the GitHub connection', async () => {
    const el = panel.getByTestId('github-connected');
    return (await el.isVisible()) ? ((await el.textContent()) ?? '') : undefined;
  });
  log(`GitHub: ${/Connected as @\S+?(?=\.)/.exec(connected)?.[0] ?? connected.trim()}`);

  if (opts.jiraOrigin) {
    // The Jira site: the card says no tab is open, then who is signed in once one is.
    await panel.getByTestId('jira-origin').fill(opts.jiraOrigin);
    await panel.getByTestId('jira-origin').press('Enter');
    await panel.getByTestId('jira-no-tab').waitFor();
    const site = await opts.context.newPage();
    await site.goto(`${opts.jiraOrigin}/secure/Dashboard.jspa`);
    await panel.bringToFront();
    const ready = await poll('the Jira session check', async () => {
      const el = panel.getByTestId('jira-ready');
      const text = (await el.count()) > 0 ? ((await el.textContent()) ?? '') : '';
      return /Signed in as/.test(text) ? text : undefined;
    });
    log(`Jira: ${ready}`);
  }

  const connections = resolve(opts.outDir, 'connections.png');
  await panel.getByTestId('connections-settings').screenshot({ path: connections });

  // Import the default range (the last 12 months).
  await panel.getByTestId('tab-inbox').click();
  const importMs = await importNow(panel);
  const imported = await inboxCount(panel);
  log(`imported ${imported} candidates in ${importMs} ms: ${await panel.getByTestId('import-last').textContent()}`);

  const shots = {
    light: resolve(opts.outDir, 'inbox-light.png'),
    dark: resolve(opts.outDir, 'inbox-dark.png'),
    narrow: resolve(opts.outDir, 'inbox-320.png'),
    triage: resolve(opts.outDir, 'inbox-triage.png'),
    accept: resolve(opts.outDir, 'inbox-accept.png'),
    connections,
  };

  // Triage from the keyboard. Focus the list; the first row is current.
  const list = panel.getByTestId('inbox-list');
  await list.focus();
  await panel.keyboard.press('j');
  await panel.keyboard.press('k');
  await panel.evaluate(() => window.scrollTo(0, 0));
  await panel.screenshot({ path: shots.light });
  await panel.emulateMedia({ colorScheme: 'dark' });
  await panel.screenshot({ path: shots.dark });
  await panel.emulateMedia({ colorScheme: 'light' });
  const size = panel.viewportSize();
  await panel.setViewportSize({ width: 320, height: size?.height ?? 900 });
  await panel.evaluate(() => window.scrollTo(0, 0));
  await panel.screenshot({ path: shots.narrow });
  if (size) await panel.setViewportSize(size);

  // a: accept the current row with a claim and impact (Ctrl+Enter saves; focus returns to the list).
  const accepted = await activeRow(panel);
  await panel.keyboard.press('a');
  await panel.getByTestId('accept-form').waitFor();
  await panel.getByTestId('accept-claim').fill(opts.claim);
  await panel.getByTestId('accept-impact').fill(opts.impact);
  await panel.screenshot({ path: shots.accept });
  await panel.keyboard.press('Control+Enter');
  await panel.getByTestId('accept-form').waitFor({ state: 'detached' });
  await poll('focus back on the list', async () =>
    (await list.evaluate((el) => el === document.activeElement)) ? true : undefined,
  );
  log(`accepted with a claim: ${accepted.title}`);

  // d: dismiss the (new) current row.
  const dismissed = await activeRow(panel);
  await panel.keyboard.press('d');
  await poll('the dismissed row to leave', async () =>
    (await panel.locator(`[data-url="${dismissed.url}"]`).count()) === 0 ? true : undefined,
  );
  log(`dismissed: ${dismissed.title}`);

  // x, j, x: select two rows, then accept them as drafts.
  const first = await activeRow(panel);
  await panel.keyboard.press('x');
  await panel.keyboard.press('j');
  const second = await activeRow(panel);
  await panel.keyboard.press('x');
  await panel.evaluate(() => window.scrollTo(0, 0));
  await panel.screenshot({ path: shots.triage });
  await panel.getByTestId('inbox-accept-drafts').click();
  await poll('the drafts to leave the inbox', async () =>
    (await panel.locator(`[data-url="${first.url}"], [data-url="${second.url}"]`).count()) === 0 ? true : undefined,
  );
  log(`accepted as drafts: ${first.title}; ${second.title}`);

  return {
    panel,
    imported,
    importMs,
    accepted: { ...accepted, claim: opts.claim },
    dismissed,
    drafts: [first, second],
    screenshots: shots,
  };
}
