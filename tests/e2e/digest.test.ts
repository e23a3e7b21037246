/**
 * The weekly digest in real Chromium against the local worker: a user signs
 * in through the API, pushes this week's evidence (from the real fixtures)
 * and a weekly log, sets their digest due now, and the hourly cron
 * (`/__scheduled`) plus the real queue consumer send it into the dev outbox.
 * Its "view in browser" link is opened at phone width (390 px), in light and
 * dark mode: no console errors, no request to another origin, nothing wider
 * than the screen. Saves its screenshots in the e2e output folder (and, with UPDATE_SCREENSHOTS=1, docs/screenshots/digest-phone.png).
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Request } from 'playwright-core';
import { ulid } from 'ulid';
import { describe, expect, inject, it } from 'vitest';
import { chromiumPath, ROOT } from '../../scripts/lib/env';
import type { Evidence } from '../../shared/schemas';

const server = inject('server');
const outDir = inject('outDir');
const EMAIL = 'digest-e2e-phone@example.com';
const DEVICE = '01JD3K8Q2VZ9';

interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  createdAt: string;
}

/** ISO week id (`2026-W47`) of `d`'s UTC date. */
function isoWeekOf(d: Date): string {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const outbox = async () => (await (await fetch(`${server}/dev/outbox.json`)).json()) as OutboxMessage[];

async function signIn(email: string): Promise<string> {
  const since = new Date(Date.now() - 1000).toISOString();
  const start = await fetch(`${server}/api/v1/auth/start`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(start.status).toBe(202);
  let code: string | undefined;
  for (let i = 0; i < 50 && !code; i++) {
    const mail = (await outbox()).filter((m) => m.to === email && m.createdAt >= since).at(-1);
    code = mail && /\b(\d{8})\b/.exec(mail.text)?.[1];
    if (!code) await new Promise((r) => setTimeout(r, 100));
  }
  const verify = await fetch(`${server}/api/v1/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, code, deviceName: 'e2e digest' }),
  });
  expect(verify.status).toBe(200);
  return ((await verify.json()) as { token: string }).token;
}

let counter = 0;
const hlc = () =>
  `${new Date(Date.now() - 60_000).toISOString()}-${(counter++).toString(16).padStart(4, '0')}-${DEVICE}`;

function thisWeekEvidence(): Evidence[] {
  const fixture = (name: string) =>
    JSON.parse(readFileSync(resolve(ROOT, 'tests/fixtures/github', name), 'utf8')) as {
      title: string;
      html_url: string;
      number: number;
      additions: number;
      changed_files: number;
      base: { repo: { full_name: string } };
    };
  const today = new Date().toISOString().slice(0, 10);
  const item = (over: Partial<Evidence>): Evidence => ({
    id: ulid(),
    source: 'manual',
    kind: 'other',
    role: 'author',
    url: '',
    title: 'item',
    occurredOn: today,
    capturedAt: new Date().toISOString(),
    claim: '',
    impact: '',
    metrics: [],
    competencies: [],
    tags: [],
    people: [],
    meta: {},
    privateNote: 'PRIVATE: never in the digest body shown to others',
    updatedAt: hlc(),
    deletedAt: null,
    ...over,
  });
  const pr327 = fixture('rest-pull-merged-artsy-emission-327.json');
  const pr671 = fixture('rest-pull-merged-github3py-671.json');
  return [
    item({
      source: 'github-pr',
      kind: 'pull-request',
      url: pr327.html_url,
      title: pr327.title,
      claim: 'I proposed the Gene view, split it into reviewable steps and drove it to merge.',
      competencies: ['ownership', 'technical-leadership'],
      meta: { repo: pr327.base.repo.full_name, number: pr327.number },
    }),
    item({
      source: 'github-pr',
      kind: 'code-review',
      role: 'reviewer',
      url: pr671.html_url,
      title: pr671.title,
      claim: 'My review changed how we paginate review listings; I paired with the author on the fix.',
      competencies: ['multiplier'],
      meta: { repo: pr671.base.repo.full_name, number: pr671.number },
    }),
    item({ title: 'Wrote the on-call handbook draft', claim: 'Not tagged yet.' }),
  ];
}

describe('the weekly digest in real Chromium', () => {
  it('arrives through cron and queue, and reads well at phone width in light and dark mode', async () => {
    const token = await signIn(EMAIL);
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const now = new Date();
    const week = isoWeekOf(now);
    const log = {
      id: ulid(),
      week,
      shipped: 'The Gene view, behind a flag.',
      decisions: '',
      helped: 'Paired with Sam on review pagination.',
      impact: '',
      updatedAt: hlc(),
      deletedAt: null,
    };
    const records = [
      ...thisWeekEvidence().map((data) => ({ collection: 'evidence', data })),
      { collection: 'weeklyLogs', data: log },
    ];
    const pushed = await fetch(`${server}/api/v1/sync/push`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        changes: records.map((r, i) => ({
          seq: i + 1,
          collection: r.collection,
          id: r.data.id,
          op: 'upsert',
          hlc: r.data.updatedAt,
          data: r.data,
        })),
      }),
    });
    expect(pushed.status).toBe(200);
    const settings = await fetch(`${server}/api/v1/me/settings`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({
        displayName: 'Ada',
        timezone: 'UTC',
        digestDay: now.getUTCDay(),
        digestHour: now.getUTCHours(),
        digestEnabled: true,
      }),
    });
    expect(settings.status).toBe(200);

    let mail: OutboxMessage | undefined;
    const deadline = Date.now() + 60_000;
    while (!mail && Date.now() < deadline) {
      await fetch(`${server}/__scheduled?cron=${encodeURIComponent('0 * * * *')}`);
      for (let i = 0; i < 20 && !mail; i++) {
        mail = (await outbox()).find((m) => m.to === EMAIL && 'List-Unsubscribe' in m.headers);
        if (!mail) await new Promise((r) => setTimeout(r, 250));
      }
    }
    expect(mail, 'digest in the dev outbox').toBeDefined();
    expect(mail!.subject).toMatch(/^3 items this week/);
    const view = /(http:\/\/127\.0\.0\.1:\d+\/d\/[A-Za-z0-9_-]{43})/.exec(mail!.text)?.[1];
    expect(view).toBeDefined();

    mkdirSync(outDir, { recursive: true });
    const browser = await chromium.launch({ headless: true, executablePath: chromiumPath(), args: ['--no-sandbox'] });
    try {
      for (const scheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 2,
          colorScheme: scheme,
        });
        const page = await context.newPage();
        const problems: string[] = [];
        const foreign: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(e.message));
        page.on('request', (r: Request) => {
          if (new URL(r.url()).origin !== server) foreign.push(r.url());
        });
        const res = await page.goto(view!, { waitUntil: 'networkidle' });
        expect(res?.status()).toBe(200);
        expect(res!.headers()['content-security-policy']).toContain("default-src 'none'");
        expect(await page.locator('h1').textContent()).toBe('Hi Ada, here is your week');
        expect(await page.content()).not.toContain('PRIVATE: never');
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
          0,
        );
        const shot = resolve(outDir, `digest-phone-${scheme}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        expect(problems).toEqual([]);
        expect(foreign).toEqual([]);
        if (scheme === 'light' && process.env.UPDATE_SCREENSHOTS === '1') {
          mkdirSync(resolve(ROOT, 'docs/screenshots'), { recursive: true });
          copyFileSync(shot, resolve(ROOT, 'docs/screenshots/digest-phone.png'));
        }
        console.log(`digest at 390 px (${scheme}): ${shot}`);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });
});
