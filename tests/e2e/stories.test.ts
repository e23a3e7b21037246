/**
 * Stories in real Chromium against the local worker: a second device pushes
 * three items built from the capture fixtures (the RFC, ticket PLAT-1432 and
 * the PR that shipped it); the panel signs in and pulls them; in the Library
 * the user selects the three, chooses "Make a story", fills problem, approach
 * and outcome (a hostile title is refused first, nothing stored), saves; the
 * case view shows the story above coverage; after a sync a share link shows
 * the story first, with its timeline and without its private note.
 * Screenshots (case view, share page) go to outDir; with UPDATE_SCREENSHOTS=1
 * they are copied to docs/screenshots/story-case.png and story-share.png.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { ROOT } from '../../scripts/lib/env';

const server = inject('server');
const outDir = resolve(inject('outDir'), 'stories');
const EMAIL = 'stories-e2e@example.com';
const NOTE = 'PRIVATE: ask Min for a quote before calibration';
const DEVICE = '01JD3K8Q2VZ9';

async function code(email: string, since: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const all = (await (await fetch(`${server}/dev/outbox.json`)).json()) as {
      to: string;
      text: string;
      createdAt: string;
    }[];
    const found = /\b(\d{8})\b/.exec(all.filter((m) => m.to === email && m.createdAt >= since).at(-1)?.text ?? '')?.[1];
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no sign-in code for ${email}`);
}

/** Throws `message` unless `ok` (setup code runs outside a test, where `expect` may not be used). */
function must(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

/** Signs in a second device through the API and returns its token. */
async function apiSignIn(): Promise<string> {
  const since = new Date(Date.now() - 1000).toISOString();
  const post = (path: string, body: unknown) =>
    fetch(`${server}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  must((await post('/auth/start', { email: EMAIL })).status === 202, 'auth/start failed');
  const res = await post('/auth/verify', { email: EMAIL, code: await code(EMAIL, since), deviceName: 'e2e laptop' });
  must(res.status === 200, `auth/verify answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Evidence from a capture fixture's expected draft (tests/expected, provenance in tests/fixtures/SOURCES.md). */
function evidence(name: string, n: number, over: Record<string, unknown>) {
  const d = JSON.parse(readFileSync(resolve(ROOT, `tests/expected/${name}.json`), 'utf8')) as Record<string, unknown>;
  const now = new Date(Date.now() - 10_000 + n).toISOString();
  return {
    id: ulid(),
    source: d.source,
    kind: d.kind,
    role: d.role ?? 'author',
    url: d.url,
    title: d.title,
    occurredOn: d.occurredOn,
    capturedAt: now,
    claim: '',
    impact: '',
    metrics: d.metrics,
    competencies: d.suggestedCompetencies,
    tags: [],
    people: [],
    meta: d.meta,
    privateNote: '',
    updatedAt: `${now}-000${n}-${DEVICE}`,
    deletedAt: null,
    ...over,
  };
}

const items = [
  evidence('confluence--cloud-v2-handwritten', 1, {
    claim: 'I wrote the RFC and drove the decision to use hybrid logical clocks.',
    competencies: ['technical-leadership', 'communication'],
    people: ['Min Lee'],
  }),
  evidence('jira--server-page-only-handwritten', 2, {
    claim: 'I split the rollout into four tickets and owned the riskiest one.',
    competencies: ['ownership'],
  }),
  evidence('github-pr--react-2026-merged', 3, {
    title: 'PLAT-1432: Version the sync API and resolve conflicts with hybrid logical clocks',
    claim: 'I shipped the versioned sync API behind a flag and migrated both clients.',
    impact: 'Lost edits went from 12 a week to 0.',
    occurredOn: '2026-10-14',
    competencies: ['technical-leadership'],
  }),
];

const settingsAt = new Date(Date.now() - 5_000).toISOString();
const settings = {
  id: 'settings',
  githubLogin: 'octo-dev',
  atlassianName: 'Dana Okafor',
  rubricId: 'senior-software-engineer',
  updatedAt: `${settingsAt}-0009-${DEVICE}`,
  deletedAt: null,
};

let browser: ExtensionBrowser;
let panel: Page;

async function syncNow(): Promise<void> {
  await panel.getByTestId('tab-account').click();
  await panel.getByTestId('sync-now').click();
  let status = '';
  for (let i = 0; i < 300 && !/synced[\s\S]*\b0 pending/i.test(status); i++) {
    await new Promise((r) => setTimeout(r, 100));
    status = (await panel.getByTestId('sync-status').textContent()) ?? '';
  }
  must(/synced[\s\S]*\b0 pending/i.test(status), `sync did not finish: ${status}`);
}

beforeAll(async () => {
  const token = await apiSignIn();
  const push = await fetch(`${server}/api/v1/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      changes: [
        ...items.map((e, i) => ({
          seq: i + 1,
          collection: 'evidence',
          id: e.id,
          op: 'upsert',
          hlc: e.updatedAt,
          data: e,
        })),
        { seq: 4, collection: 'settings', id: 'settings', op: 'upsert', hlc: settings.updatedAt, data: settings },
      ],
    }),
  });
  must(push.status === 200, `push answered ${push.status}: ${await push.text()}`);
  // The engineer's own names (so the story's people are the others) and display name.
  const me = await fetch(`${server}/api/v1/me/settings`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ displayName: 'Dana Okafor' }),
  });
  must(me.status === 200, `settings answered ${me.status}`);
  browser = await launchWithExtension(inject('extensionDir'), resolve(outDir, 'profile'));
  await browser.context.route(
    (url) => /^https?:/.test(url.href) && !url.href.startsWith(server),
    (route) => route.abort('blockedbyclient'),
  );
  panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html#account`);
  await panel.getByTestId('signin-email').fill(EMAIL);
  const since = new Date(Date.now() - 1000).toISOString();
  await panel.getByTestId('signin-send').click();
  await panel.getByTestId('signin-code').fill(await code(EMAIL, since));
  await panel.getByTestId('signin-verify').click();
  await panel.getByTestId('signed-in-as').waitFor();
  await syncNow();
});

afterAll(async () => {
  await browser?.context.close();
});

describe('Stories in Chromium', () => {
  it('makes a story from three Library items; a hostile title is refused and nothing is stored', async () => {
    await panel.getByTestId('tab-evidence').click();
    const rows = panel.getByTestId('evidence-item');
    await expect.poll(() => rows.count()).toBe(3);
    for (let i = 0; i < 3; i++) await rows.nth(i).locator('.select-box').check();
    await panel.getByTestId('make-story').click();
    const editor = panel.getByTestId('story-editor');
    await editor.waitFor();
    expect(await editor.getByTestId('story-evidence').locator('li').count()).toBe(3);
    // Suggested scope signals come from the evidence (a design doc the user wrote, two teams).
    expect(await editor.locator('.suggested').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('design doc you wrote')]),
    );

    await editor.getByTestId('story-title').fill('Versioned sync API\u202E');
    await editor.getByTestId('story-save').click();
    await expect.poll(() => editor.getByTestId('story-error').textContent()).toMatch(/text-direction/);
    const stored = await panel.evaluate(
      () =>
        new Promise<number>((res) => {
          const open = indexedDB.open('casebook');
          open.onsuccess = () => {
            const req = open.result.transaction('stories').objectStore('stories').count();
            req.onsuccess = () => {
              open.result.close();
              res(req.result);
            };
          };
        }),
    );
    expect(stored).toBe(0);

    await editor.getByTestId('story-title').fill('Versioned sync API: from RFC to zero lost edits');
    await editor
      .getByTestId('story-problem')
      .fill('Two devices overwrote each other; support noticed first, with 12 reports a week.');
    await editor
      .getByTestId('story-approach')
      .fill('I wrote the RFC, chose hybrid logical clocks over CRDTs and split the rollout into tickets.');
    await editor
      .getByTestId('story-outcome')
      .fill('Lost edits went from 12 a week to 0; two other teams adopted the protocol.');
    await editor.getByTestId('story-scope-architecture').check();
    await editor.getByTestId('story-scope-cross-team').check();
    await editor.locator('textarea').last().fill(NOTE);
    await editor.getByTestId('story-save').click();
    await panel.getByTestId('story-dialog').waitFor({ state: 'detached' });
  });

  it('shows the story in the case view above coverage, with its timeline, competencies and scope', async () => {
    await panel.getByTestId('tab-case').click();
    const card = panel.getByTestId('story-card');
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Versioned sync API: from RFC to zero lost edits');
    expect(text).toContain('Architecture');
    expect(text).toContain('Technical leadership');
    const order = await card.locator('.story-timeline li').allTextContents();
    expect(order.map((t) => /Design doc|Ticket|Pull request/.exec(t)?.[0])).toEqual([
      'Design doc',
      'Ticket',
      'Pull request',
    ]);
    const storiesTop = await panel.getByTestId('case-stories').boundingBox();
    const coverageTop = await panel.getByTestId('coverage-table').boundingBox();
    expect(storiesTop!.y).toBeLessThan(coverageTop!.y);
    await panel.getByTestId('case-stories').scrollIntoViewIfNeeded();
    await panel.screenshot({ path: resolve(outDir, 'story-case.png') });
    if (process.env.UPDATE_SCREENSHOTS === '1')
      copyFileSync(resolve(outDir, 'story-case.png'), resolve(ROOT, 'docs/screenshots/story-case.png'));
  });

  it('syncs and shows the story first on a share page, without the private note', async () => {
    await syncNow();
    await panel.getByTestId('tab-share').click();
    await panel.getByTestId('share-label').fill('H2 calibration');
    await panel.getByTestId('share-create').click();
    const urlEl = panel.getByTestId('share-url');
    await urlEl.waitFor();
    const shareUrl = (
      await urlEl.evaluate((el) => (el instanceof HTMLInputElement ? el.value : (el.textContent ?? '')))
    ).trim();
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1000, height: 1100 });
    await page.goto(shareUrl);
    const story = page.locator('#stories article.story');
    expect(await story.count()).toBe(1);
    expect(await story.locator('h3').textContent()).toBe('Versioned sync API: from RFC to zero lost edits');
    expect(await story.locator('ol li').count()).toBe(3);
    const html = await page.content();
    expect(html).not.toContain(NOTE);
    expect(html.indexOf('id="stories"')).toBeLessThan(html.indexOf('id="summary"'));
    await page.screenshot({ path: resolve(outDir, 'story-share.png') });
    if (process.env.UPDATE_SCREENSHOTS === '1')
      copyFileSync(resolve(outDir, 'story-share.png'), resolve(ROOT, 'docs/screenshots/story-share.png'));
    // Print-to-PDF through the page's print stylesheet: the timeline's in-page links print as plain
    // titles (the evidence cards below print their source URLs).
    await page.emulateMedia({ media: 'print' });
    expect(
      await story
        .locator('ol a')
        .first()
        .evaluate((a) => getComputedStyle(a, '::after').content),
    ).toBe('none');
    await page.screenshot({ path: resolve(outDir, 'story-share-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const md = await (await fetch(`${shareUrl}/packet.md?format=amazon`)).text();
    expect(md).toContain('Versioned sync API: from RFC to zero lost edits');
    expect(md).not.toContain(NOTE);
    await page.close();
  });
});
