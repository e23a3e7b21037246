/**
 * Peer testimonials end to end in real Chromium against the local worker
 * (`wrangler dev` from global-setup): the engineer signs in, the panel pulls
 * two evidence items built from real fixtures (tests/fixtures, SOURCES.md),
 * and in the Library the engineer selects one and asks a colleague. A "peer"
 * opens the link in a fresh browser (no extension, no cookies), first sends
 * generic praise (sent back with guidance, text kept), then a specific
 * answer, and sees the thank-you page. The engineer sees the answer in the
 * Share tab's Testimonials list and beside the item in the Library, and a
 * share link quotes it under "What peers say".
 *
 * Screenshots of the peer page (light, dark, phone width 375) go to outDir,
 * and to docs/screenshots/peer-page*.png when UPDATE_SCREENSHOTS=1.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { ulid } from 'ulid';
import { describe, expect, inject, it } from 'vitest';
import { launchWithExtension } from '../../scripts/lib/browser';
import { chromiumPath, ROOT } from '../../scripts/lib/env';

const server = inject('server');
const ext = inject('extensionDir');
const outDir = inject('outDir');

declare const chrome: {
  storage: { local: { set(v: object): Promise<void> } };
  runtime: { sendMessage(m: object): Promise<unknown> };
};

interface PullJson {
  number: number;
  title: string;
  html_url: string;
  merged_at: string;
  additions: number;
  changed_files: number;
  base: { repo: { full_name: string } };
}

const fixture = <T>(dir: string, name: string) =>
  JSON.parse(readFileSync(resolve(ROOT, 'tests/fixtures', dir, name), 'utf8')) as T;

const SPECIFIC =
  'In the Gene view rewrite she split a 3,000-line controller into five reviewable PRs and walked two of us through each one; our review turnaround dropped from a week to two days.';

async function signIn(email: string) {
  const since = new Date(Date.now() - 1000).toISOString();
  const headers = { 'content-type': 'application/json' };
  expect(
    (await fetch(`${server}/api/v1/auth/start`, { method: 'POST', headers, body: JSON.stringify({ email }) })).status,
  ).toBe(202);
  let code: string | undefined;
  for (let i = 0; i < 50 && !code; i++) {
    const mails = (await (await fetch(`${server}/dev/outbox.json`)).json()) as {
      to: string;
      text: string;
      createdAt: string;
    }[];
    code = /\b(\d{8})\b/.exec(mails.filter((m) => m.to === email && m.createdAt >= since).at(-1)?.text ?? '')?.[1];
    if (!code) await new Promise((r) => setTimeout(r, 100));
  }
  const verify = await fetch(`${server}/api/v1/auth/verify`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, code, deviceName: 'e2e testimonials' }),
  });
  expect(verify.status).toBe(200);
  return (await verify.json()) as { token: string; user: { id: string; email: string }; device: { id: string } };
}

function api(token: string, path: string, init: RequestInit = {}) {
  return fetch(`${server}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
}

function evidence(file: string, n: number, competencies: string[]) {
  const pr = fixture<PullJson>('github', file);
  return {
    id: ulid(),
    source: 'github-pr',
    kind: 'pull-request',
    role: 'author',
    url: pr.html_url,
    title: pr.title,
    occurredOn: pr.merged_at.slice(0, 10),
    capturedAt: new Date().toISOString(),
    claim: `I split "${pr.title}" into reviewable steps and walked the team through each one.`,
    impact: `${pr.changed_files} files changed; unblocked two dependent teams.`,
    metrics: [{ label: 'Lines added', value: pr.additions }],
    competencies,
    tags: [],
    people: [],
    meta: { repo: pr.base.repo.full_name, number: pr.number, state: 'merged' },
    privateNote: 'PRIVATE: never on the peer page',
    updatedAt: `${new Date(Date.now() - 60_000).toISOString()}-000${n}-01JD3K8Q2VZ7`,
    deletedAt: null,
  };
}

async function shot(page: Page, name: string) {
  mkdirSync(outDir, { recursive: true });
  const file = resolve(outDir, name);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(resolve(ROOT, 'docs/screenshots'), { recursive: true });
    copyFileSync(file, resolve(ROOT, 'docs/screenshots', name));
  }
}

describe('peer testimonials', () => {
  it('a peer answers through the link in a fresh browser; the engineer sees it in the panel and on a share page', async () => {
    const session = await signIn('ada.testimonials@example.com');
    await api(session.token, '/me/settings', {
      method: 'PATCH',
      body: JSON.stringify({ displayName: 'Ada Lovelace' }),
    });
    const pr = evidence('rest-pull-merged-artsy-emission-327.json', 1, ['technical-leadership']);
    const other = evidence('rest-pull-merged-github3py-671.json', 2, ['multiplier']);
    const pushed = await api(session.token, '/sync/push', {
      method: 'POST',
      body: JSON.stringify({
        changes: [pr, other].map((data, i) => ({
          seq: i + 1,
          collection: 'evidence',
          id: data.id,
          op: 'upsert',
          hlc: data.updatedAt,
          data,
        })),
      }),
    });
    expect(pushed.status).toBe(200);

    const { context, extensionId } = await launchWithExtension(ext, resolve(outDir, 'profile-testimonials'));
    const peerBrowser = await chromium.launch({
      headless: true,
      executablePath: chromiumPath(),
      args: ['--no-sandbox'],
    });
    try {
      const panel = await context.newPage();
      await panel.goto(`chrome-extension://${extensionId}/sidepanel.html#library`);
      await panel.evaluate((s) => chrome.storage.local.set({ 'casebook.session': s }), session);
      await panel.evaluate(() => void chrome.runtime.sendMessage({ type: 'sync-now' }).catch(() => undefined));
      await expect.poll(() => panel.getByTestId('evidence-item').count(), { timeout: 30_000 }).toBe(2);

      // Ask a colleague about the first PR, from its card.
      const card = panel.getByTestId('evidence-item').filter({ hasText: pr.title });
      await card.getByTestId('evidence-ask').click();
      const formEl = panel.getByTestId('ask-colleague-form');
      await expect.poll(() => formEl.isVisible()).toBe(true);
      await formEl.getByTestId('ask-name').fill('Sam Lee');
      await formEl.getByTestId('ask-create').click();
      const urlBox = formEl.getByTestId('ask-url');
      await urlBox.waitFor({ timeout: 15_000 });
      await panel.screenshot({ path: resolve(outDir, 'panel-ask-colleague.png') });
      const link = await urlBox.inputValue();
      expect(link).toMatch(new RegExp(`^${server}/t/[A-Za-z0-9_-]{43}$`));

      // The peer: a fresh browser context, nothing shared with the engineer's.
      const peerContext = await peerBrowser.newContext({ viewport: { width: 1000, height: 900 } });
      const peer = await peerContext.newPage();
      const errors: string[] = [];
      peer.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const res = await peer.goto(link);
      expect(res?.status()).toBe(200);
      expect(await peer.textContent('h1')).toBe('Ada Lovelace asked for your view');
      const body = (await peer.textContent('body')) ?? '';
      expect(body).toContain(pr.title);
      expect(body).toContain(pr.claim);
      expect(body).not.toContain('PRIVATE');
      expect(body).not.toContain(other.title);
      await shot(peer, 'peer-page.png');
      await peer.emulateMedia({ colorScheme: 'dark' });
      await shot(peer, 'peer-page-dark.png');
      await peer.emulateMedia({ colorScheme: 'light' });
      await peer.setViewportSize({ width: 375, height: 800 });
      await shot(peer, 'peer-page-phone.png');

      // Generic praise comes back with guidance and the text kept.
      await peer.fill('textarea[name=text]', 'Ada is a great engineer, very smart and a real team player!');
      await peer.fill('input[name=relationship]', 'Staff engineer, Payments');
      await peer.click('button[type=submit]');
      await peer.waitForSelector('.notice[role=alert]');
      expect(await peer.textContent('.notice')).toContain('committee cannot use it');
      expect(await peer.inputValue('textarea[name=text]')).toContain('great engineer');
      await shot(peer, 'peer-page-guidance.png');

      await peer.fill('textarea[name=text]', SPECIFIC);
      await peer.check('input[name=competencies][value=communication]');
      await Promise.all([peer.waitForNavigation(), peer.click('button[type=submit]')]);
      expect(await peer.textContent('h1')).toBe('Thank you');
      expect(await peer.textContent('blockquote')).toContain('five reviewable PRs');
      // The guidance page answers 422 (Chromium logs any 4xx document); nothing else may fail.
      expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
      await peerContext.close();

      // The engineer: the Share tab's list, then beside the item in the Library.
      await panel.getByTestId('tab-share').click();
      const row = panel.getByTestId('testimonial-row').filter({ hasText: 'Sam Lee' });
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('five reviewable PRs');
      expect(await row.textContent()).toContain('Answered');
      await panel.screenshot({ path: resolve(outDir, 'panel-testimonials-list.png'), fullPage: true });
      await panel.getByTestId('tab-evidence').click();
      await expect
        .poll(() => card.getByTestId('peer-quote').textContent(), { timeout: 15_000 })
        .toContain('Staff engineer, Payments');
      await panel.screenshot({ path: resolve(outDir, 'panel-library-quote.png') });
      // The pushed PRs merged in 2016 and 2017: widen the review period (default: the last 12 months) to include them.
      await panel.getByTestId('tab-account').click();
      await panel.getByTestId('period-preset').selectOption('custom');
      await panel.getByLabel('From', { exact: true }).last().fill('2015-01-01');
      await panel.getByLabel('To', { exact: true }).last().fill(new Date().toISOString().slice(0, 10));
      await panel.getByTestId('period-save').click();
      await panel.getByTestId('period-settings').getByRole('status').waitFor();
      await panel.getByTestId('tab-case').click();
      await expect
        .poll(() => panel.getByTestId('calibration-peers').textContent(), { timeout: 15_000 })
        .toContain('five reviewable PRs');
      expect(await panel.getByTestId('no-peer-voice').textContent()).toContain('Multiplying others');
      await panel.getByTestId('calibration-peers').screenshot({ path: resolve(outDir, 'panel-case-peers.png') });

      // A share link quotes it under "What peers say", escaped, and beside the item.
      const share = (await (
        await api(session.token, '/shares', { method: 'POST', body: JSON.stringify({ label: 'H2' }) })
      ).json()) as { url: string };
      const manager = await (await peerBrowser.newContext()).newPage();
      await manager.goto(share.url);
      expect(await manager.textContent('#peers')).toContain('five reviewable PRs');
      expect(await manager.textContent(`#ev-${pr.id}`)).toContain('Sam Lee, Staff engineer, Payments');

      // Hidden: gone from the share page.
      await panel.getByTestId('tab-share').click();
      await row.getByTestId('testimonial-hide').click();
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('Hidden');
      await manager.reload();
      expect(await manager.locator('#peers').count()).toBe(0);
      expect(await manager.textContent('body')).not.toContain('five reviewable PRs');
    } finally {
      await peerBrowser.close();
      await context.close();
    }
  });
});
