/**
 * The share page in real Chromium against the local worker (`wrangler dev`
 * from global-setup): a user signs in through the API (code from the dev
 * outbox), pushes evidence built from the real fixtures with valid HLCs and
 * ULIDs, creates a share link, and a manager opens it. Checks no console
 * errors and no request to any other origin; saves desktop (1200 wide) and
 * phone (390 wide) screenshots and an A4 PDF into outDir, and copies the
 * desktop one to docs/screenshots/share-page.png when UPDATE_SCREENSHOTS=1. Also prints the page's
 * render time for 500 items (through the real route on wrangler dev) and the
 * 404 timing for unknown and revoked tokens.
 */
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type ConsoleMessage, type Request } from 'playwright-core';
import { ulid } from 'ulid';
import { describe, expect, inject, it } from 'vitest';
import { chromiumPath, ROOT } from '../../scripts/lib/env';
import type { Evidence } from '../../shared/schemas';

const server = inject('server');
const outDir = inject('outDir');
const FIXTURES = resolve(ROOT, 'tests/fixtures');
const DEVICE = '01JD3K8Q2VZ7';

interface PullJson {
  number: number;
  title: string;
  html_url: string;
  merged_at: string;
  user: { login: string };
  additions: number;
  deletions: number;
  changed_files: number;
  commits: number;
  base: { repo: { full_name: string } };
}

/** A recorded API response: GitHub's `rest-*` files and Jira's `webhook-*` files. */
const json = <T>(name: string) =>
  JSON.parse(readFileSync(resolve(FIXTURES, name.startsWith('webhook-cloud') ? 'jira' : 'github', name), 'utf8')) as T;

/** Signs `email` in through the API: auth/start, the code from /dev/outbox.json, auth/verify. */
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
    const all = (await (await fetch(`${server}/dev/outbox.json`)).json()) as {
      to: string;
      text: string;
      createdAt: string;
    }[];
    const mail = all.filter((m) => m.to === email && m.createdAt >= since).at(-1);
    code = mail && /\b(\d{8})\b/.exec(mail.text)?.[1];
    if (!code) await new Promise((r) => setTimeout(r, 100));
  }
  expect(code).toMatch(/^\d{8}$/);
  const verify = await fetch(`${server}/api/v1/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, code, deviceName: 'e2e share' }),
  });
  expect(verify.status).toBe(200);
  return ((await verify.json()) as { token: string }).token;
}

function api(token: string, path: string, init: RequestInit = {}) {
  return fetch(`${server}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
}

let counter = 0;
/** A clock string just behind the server's (pushes more than 5 minutes ahead are refused). */
const hlc = () =>
  `${new Date(Date.now() - 60_000).toISOString()}-${(counter++ % 0xffff).toString(16).padStart(4, '0')}-${DEVICE}`;

function prItem(file: string, over: Partial<Evidence>): Evidence {
  const pr = json<PullJson>(file);
  return {
    id: ulid(),
    source: 'github-pr',
    kind: 'pull-request',
    role: 'author',
    url: pr.html_url,
    title: pr.title,
    occurredOn: pr.merged_at.slice(0, 10),
    capturedAt: new Date().toISOString(),
    claim: `I designed and shipped "${pr.title}", and wrote the migration notes the team now follows.`,
    impact: `${pr.changed_files} files changed, +${pr.additions}/-${pr.deletions}; unblocked two dependent teams.`,
    metrics: [
      { label: 'Lines added', value: pr.additions },
      { label: 'Files changed', value: pr.changed_files },
      { label: 'Commits', value: pr.commits },
    ],
    competencies: ['technical-leadership'],
    tags: [],
    people: ['Sam Reviewer'],
    meta: {
      repo: pr.base.repo.full_name,
      number: pr.number,
      state: 'merged',
      author: pr.user.login,
      mergedAt: pr.merged_at,
      additions: pr.additions,
      deletions: pr.deletions,
      changedFiles: pr.changed_files,
      commits: pr.commits,
    },
    privateNote: 'PRIVATE: never on the share page',
    updatedAt: hlc(),
    deletedAt: null,
    ...over,
  };
}

/**
 * Evidence for the screenshots: real PRs and the real Jira story, plus RTL and
 * hostile text (no emoji: this machine's Chromium has no colour emoji font, so
 * they would show as boxes; emoji escaping is covered in tests/worker).
 */
function caseEvidence(): Evidence[] {
  const jira = json<{ issue: { key: string; fields: { summary: string; resolutiondate: string } } }>(
    'webhook-cloud-issue-updated-story-done-TES-41.json',
  ).issue;
  return [
    prItem('rest-pull-merged-artsy-emission-327.json', {
      competencies: ['ownership', 'technical-leadership'],
      claim: 'I owned the Gene view end to end: proposed it, split it into reviewable steps and drove it to merge.',
    }),
    prItem('rest-pull-merged-github3py-671.json', {
      kind: 'code-review',
      role: 'reviewer',
      competencies: ['multiplier'],
      claim:
        'My review changed how we paginate review listings across the client; I paired with the author on the fix.',
    }),
    {
      ...prItem('rest-pull-merged-github3py-671.json', {}),
      source: 'jira',
      kind: 'ticket',
      role: 'assignee',
      url: `https://some-instance-test.atlassian.net/browse/${jira.key}`,
      title: `${jira.key}: ${jira.fields.summary}`,
      occurredOn: '2019-05-24',
      claim: 'I split an ambiguous story into testable steps and drove it to done.',
      impact: 'Unblocked the release train.',
      metrics: [{ label: 'Story points', value: 3 }],
      competencies: ['ambiguity', 'judgment'],
      meta: { key: jira.key },
    },
    {
      ...prItem('rest-pull-merged-github3py-671.json', {}),
      source: 'manual',
      kind: 'talk',
      role: 'owner',
      url: '',
      title: 'عرض تقني: تقليل زمن الاستجابة — latency talk for the product org',
      occurredOn: '2019-03-14',
      claim:
        'I explained the latency trade-off to product leadership <script>alert(1)</script>; they moved the launch.',
      impact: 'p95 latency −38% after the launch was moved.',
      metrics: [{ label: 'p95 latency', value: -38, unit: '%' }],
      competencies: ['communication'],
      meta: {},
    },
  ];
}

async function push(token: string, records: { collection: string; data: { id: string; updatedAt: string } }[]) {
  for (let i = 0; i < records.length; i += 500) {
    const changes = records.slice(i, i + 500).map((r, j) => ({
      seq: i + j + 1,
      collection: r.collection,
      id: r.data.id,
      op: 'upsert',
      hlc: r.data.updatedAt,
      data: r.data,
    }));
    const res = await api(token, '/sync/push', { method: 'POST', body: JSON.stringify({ changes }) });
    expect({ status: res.status, body: await res.text() }).toMatchObject({ status: 200 });
  }
}

async function createShare(token: string, body: Record<string, unknown>) {
  const res = await api(token, '/shares', { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; url: string; expiresAt: string };
}

describe('the share page in real Chromium', () => {
  it('renders cleanly at desktop and phone widths, prints to PDF, loads nothing from elsewhere', async () => {
    const token = await signIn('share-e2e@example.com');
    expect(
      (await api(token, '/me/settings', { method: 'PATCH', body: JSON.stringify({ displayName: 'Ada Lovelace' }) }))
        .status,
    ).toBe(200);
    const log = {
      id: ulid(),
      week: '2019-W11',
      shipped: 'The Gene view behind a flag.',
      decisions: 'Chose server-side pagination over client caching.',
      helped: 'Paired with Sam on review pagination.',
      impact: 'Two teams unblocked.',
      updatedAt: hlc(),
      deletedAt: null,
    };
    await push(token, [
      ...caseEvidence().map((data) => ({ collection: 'evidence', data })),
      { collection: 'weeklyLogs', data: log },
    ]);
    const share = await createShare(token, {
      label: 'H1 2019 calibration',
      from: '2016-07-01',
      to: '2019-06-30',
      includeWeeklyLogs: true,
      expiresInDays: 30,
    });
    expect(new URL(share.url).origin).toBe(server);

    mkdirSync(outDir, { recursive: true });
    const browser = await chromium.launch({ headless: true, executablePath: chromiumPath(), args: ['--no-sandbox'] });
    try {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      const foreign: string[] = [];
      page.on('console', (m: ConsoleMessage) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('request', (r: Request) => {
        if (new URL(r.url()).origin !== server) foreign.push(r.url());
      });

      const res = await page.goto(share.url, { waitUntil: 'networkidle' });
      expect(res?.status()).toBe(200);
      const headers = res!.headers();
      expect(headers['content-security-policy']).toContain("default-src 'none'");
      expect(headers['referrer-policy']).toBe('no-referrer');
      await expect(page.locator('h1').textContent()).resolves.toBe('Ada Lovelace');
      expect(await page.locator('article.card').count()).toBeGreaterThanOrEqual(4);
      expect(await page.content()).not.toContain('PRIVATE: never on the share page');
      expect(await page.locator('script').count()).toBe(0);
      // Nothing is wider than the viewport.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const desktop = resolve(outDir, 'share-page-desktop.png');
      await page.screenshot({ path: desktop, fullPage: true });

      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload({ waitUntil: 'networkidle' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      const phone = resolve(outDir, 'share-page-phone.png');
      await page.screenshot({ path: phone, fullPage: true });

      await page.emulateMedia({ media: 'print' });
      const pdf = resolve(outDir, 'share-page.pdf');
      await page.pdf({ path: pdf, format: 'A4', printBackground: true });
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      expect(statSync(pdf).size).toBeGreaterThan(10_000);

      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
      if (process.env.UPDATE_SCREENSHOTS === '1') {
        mkdirSync(resolve(ROOT, 'docs/screenshots'), { recursive: true });
        copyFileSync(desktop, resolve(ROOT, 'docs/screenshots/share-page.png'));
      }
      console.log(
        `share page: ${desktop}, ${phone}, ${pdf} (${statSync(pdf).size} bytes); docs/screenshots/share-page.png`,
      );
      await context.close();
    } finally {
      await browser.close();
    }
  });

  it('renders 500 items quickly and answers 404 alike for unknown and revoked tokens (figures printed)', async () => {
    const token = await signIn('share-500@example.com');
    const base = caseEvidence();
    const items: Evidence[] = [];
    for (let i = 0; i < 500; i++) {
      const b = base[i % base.length]!;
      const day = new Date(Date.UTC(2018, 0, 1) + i * 86400_000).toISOString().slice(0, 10);
      items.push({ ...b, id: ulid(), title: `${b.title} (${i + 1})`, occurredOn: day, updatedAt: hlc() });
    }
    await push(
      token,
      items.map((data) => ({ collection: 'evidence', data })),
    );
    const share = await createShare(token, { label: '500 items' });

    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const res = await fetch(share.url);
      const html = await res.text();
      times.push(performance.now() - start);
      expect(res.status).toBe(200);
      bytes = html.length;
      expect(html.match(/<article class="card"/g)?.length).toBeGreaterThanOrEqual(500);
    }
    times.sort((a, b) => a - b);
    console.log(
      `share page, 500 items: GET /s/:token ${times.map((t) => t.toFixed(1)).join(' / ')} ms ` +
        `(wrangler dev on this machine: token lookup, D1 read of 500 records, zod parse, render; ${(bytes / 1024).toFixed(0)} KiB HTML)`,
    );

    // 404 timing: unknown vs revoked, interleaved.
    const revoked = await createShare(token, { label: 'to revoke' });
    expect((await api(token, `/shares/${revoked.id}`, { method: 'DELETE' })).status).toBe(204);
    const unknownUrl = `${server}/s/${'u'.repeat(43)}`;
    const t404 = { unknown: [] as number[], revoked: [] as number[] };
    for (let i = 0; i < 15; i++) {
      for (const [kind, url] of [
        ['unknown', unknownUrl],
        ['revoked', revoked.url],
      ] as const) {
        const s = performance.now();
        const res = await fetch(url);
        await res.text();
        t404[kind].push(performance.now() - s);
        expect(res.status).toBe(404);
      }
    }
    const med = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
    console.log(
      `share 404 timing, median of 15 (wrangler dev): unknown ${med(t404.unknown).toFixed(2)} ms, revoked ${med(t404.revoked).toFixed(2)} ms`,
    );
    expect(Math.abs(med(t404.unknown) - med(t404.revoked))).toBeLessThan(Math.max(5, med(t404.unknown)));
  });
});
