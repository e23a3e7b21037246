/**
 * Sync in real Chromium against the real worker under `wrangler dev`
 * (issue 5, reliability tests (g) and (f)):
 * (g) the browser is closed in the middle of a sync of a few thousand items and
 *     reopened with the same profile: the sync completes and the server holds
 *     every item once;
 * (f) 10,000 items sync to a new device (a fresh profile), timed.
 * Items are seeded straight into the extension's IndexedDB from an extension
 * page, exactly as the write module stores them (record + outbox entry + HLC
 * state, one transaction); the session goes into chrome.storage.local as the
 * panel's sign-in stores it, after a real sign-in by e-mailed code.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ulid } from 'ulid';
import { describe, expect, inject, it } from 'vitest';
import { launchWithExtension } from '../../scripts/lib/browser';
import { ROOT } from '../../scripts/lib/env';

const server = inject('server');
const ext = inject('extensionDir');
const outDir = inject('outDir');

/** `POST /api/v1/auth/verify` answer (shared/schemas.ts `AuthVerifyResponse`; that folder is outside this project). */
interface AuthVerifyResponse {
  token: string;
  user: { id: string; email: string };
  device: { id: string; name: string };
}

/** The slice of the extension API the page-side callbacks use (they run inside Chromium). */
declare const chrome: {
  storage: { local: { get(keys: null): Promise<Record<string, unknown>>; set(v: object): Promise<void> } };
  runtime: { sendMessage(m: object): Promise<unknown> };
};

/** A real merged PR (tests/fixtures/github, see SOURCES.md) as the content of every seeded item. */
const pr = JSON.parse(
  readFileSync(resolve(ROOT, 'tests/fixtures/github/rest-pull-merged-artsy-emission-327.json'), 'utf8'),
) as { html_url: string; title: string; number: number; merged_at: string; additions: number; deletions: number };

/** A valid evidence record (the server validates every pushed one against shared/schemas.ts). */
function evidence(id: string, n: number, hlc: string): Record<string, unknown> & { id: string; updatedAt: string } {
  return {
    id,
    source: 'github-pr',
    kind: 'pull-request',
    role: 'author',
    url: `${pr.html_url.replace(/\/\d+$/, '')}/${pr.number + n}`,
    title: `${pr.title} (${n})`,
    occurredOn: pr.merged_at.slice(0, 10),
    capturedAt: new Date().toISOString(),
    claim: `I drove change ${n} of the Gene view controller split.`,
    impact: 'Shipped the Gene page on iOS.',
    metrics: [{ label: 'Lines added', value: pr.additions }],
    competencies: ['ownership'],
    tags: [],
    people: [],
    meta: { repo: 'artsy/eigen', number: pr.number + n, state: 'merged' },
    privateNote: '',
    updatedAt: hlc,
    deletedAt: null,
  };
}

/** Signs `email` in as a new device through the API, reading the code from the dev outbox. */
async function signIn(email: string, deviceName: string): Promise<AuthVerifyResponse> {
  const json = { 'content-type': 'application/json' };
  const start = await fetch(`${server}/api/v1/auth/start`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email }),
  });
  expect(start.status).toBe(202);
  const mails = (await (await fetch(`${server}/dev/outbox.json`)).json()) as { to: string; text: string }[];
  const code = /\b(\d{8})\b/.exec(mails.filter((m) => m.to === email).at(-1)?.text ?? '')?.[1];
  if (!code) throw new Error(`no code for ${email}`);
  const verify = await fetch(`${server}/api/v1/auth/verify`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, code, deviceName }),
  });
  expect(verify.status).toBe(200);
  return (await verify.json()) as AuthVerifyResponse;
}

/** Every change the server holds for the token's account, paging through `more`; and the final rev. */
async function serverHolds(token: string): Promise<{ ids: string[]; rev: number }> {
  const ids: string[] = [];
  let since = 0;
  for (;;) {
    const res = await fetch(`${server}/api/v1/sync/pull?since=${since}&limit=1000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await res.json()) as { changes: { id: string }[]; rev: number; more: boolean };
    ids.push(...page.changes.map((c) => c.id));
    since = page.rev;
    if (!page.more) return { ids, rev: page.rev };
  }
}

async function launch(profile: string): Promise<{ context: BrowserContext; panel: Page }> {
  const { context, extensionId: id } = await launchWithExtension(ext, profile);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${id}/sidepanel.html`);
  // The panel opens the Dexie database on load.
  await expect
    .poll(() => panel.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'casebook')), {
      timeout: 15_000,
    })
    .toBe(true);
  return { context, panel };
}

/** Counts of the local tables and the stored sync status, read with plain IndexedDB in the page. */
function localState(
  panel: Page,
): Promise<{ evidence: number; outbox: number; status: Record<string, unknown> | null }> {
  return panel.evaluate(
    () =>
      new Promise((resolveState, reject) => {
        const open = indexedDB.open('casebook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['evidence', 'outbox', 'deviceState']);
          const ev = tx.objectStore('evidence').count();
          const ob = tx.objectStore('outbox').count();
          const st = tx.objectStore('deviceState').get('syncStatus');
          tx.oncomplete = () => {
            db.close();
            resolveState({
              evidence: ev.result,
              outbox: ob.result,
              status: (st.result as { value?: Record<string, unknown> } | undefined)?.value ?? null,
            });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Stores the session the way the panel's sign-in does (`casebook.session` in storage.local). */
async function storeSession(panel: Page, session: AuthVerifyResponse): Promise<void> {
  await panel.evaluate((s) => chrome.storage.local.set({ 'casebook.session': s }), session);
}

/** Asks the background to sync (the panel's "Sync now"), without waiting for the answer. */
async function requestSync(panel: Page): Promise<void> {
  await panel.evaluate(() => {
    void chrome.runtime.sendMessage({ type: 'sync-now' }).catch(() => undefined);
  });
}

/**
 * Seeds `count` evidence items as local writes: each record, its outbox entry and
 * the HLC state, in one IndexedDB transaction (what extension/db/write.ts does).
 */
async function seedLocal(panel: Page, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => ulid());
  const base = Date.now() - 60_000;
  const existing = await panel.evaluate(
    () =>
      new Promise<string>((resolveSeed, reject) => {
        const open = indexedDB.open('casebook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction(['deviceState']).objectStore('deviceState').get('deviceId');
          req.onsuccess = () => {
            db.close();
            resolveSeed((req.result as { value?: string } | undefined)?.value ?? '');
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
  const deviceId = existing || ulid();
  const rows = ids.map((id, n) => {
    const hlc = `${new Date(base).toISOString()}-${n.toString(16).padStart(4, '0')}-${deviceId}`;
    return evidence(id, n, hlc);
  });
  await panel.evaluate(
    ({ rows, deviceId, base }) =>
      new Promise<void>((resolveSeed, reject) => {
        const open = indexedDB.open('casebook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['evidence', 'outbox', 'deviceState'], 'readwrite');
          const state = tx.objectStore('deviceState');
          state.put({ key: 'deviceId', value: deviceId });
          state.put({ key: 'hlc', value: { millis: base, counter: rows.length } });
          for (const r of rows) {
            tx.objectStore('evidence').put(r);
            tx.objectStore('outbox').add({ collection: 'evidence', id: r.id, op: 'upsert', hlc: r.updatedAt, data: r });
          }
          tx.oncomplete = () => {
            db.close();
            resolveSeed();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { rows, deviceId, base },
  );
  return ids;
}

describe('sync in real Chromium', () => {
  it('(g) the browser is closed in the middle of a sync and reopened: the sync completes and the server holds every item once', async () => {
    const N = 4000;
    const profile = resolve(outDir, 'sync-profile-g');
    rmSync(profile, { recursive: true, force: true });
    mkdirSync(profile, { recursive: true });
    const session = await signIn('closed-mid-sync@example.com', 'Chromium (g)');

    let { context, panel } = await launch(profile);
    const ids = await seedLocal(panel, N);
    expect((await localState(panel)).outbox).toBe(N);
    await storeSession(panel, session);
    await requestSync(panel);

    // Close the whole browser as soon as part of the outbox is acknowledged: the next push is under way.
    let atClose = N;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      atClose = (await localState(panel)).outbox;
      if (atClose < N) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await context.close();
    console.log(`(g) browser closed with ${atClose} of ${N} changes still in the outbox`);
    expect(atClose).toBeGreaterThan(0);
    expect(atClose).toBeLessThan(N);
    const midway = await serverHolds(session.token);
    expect(midway.ids.length).toBeLessThan(N);

    // Reopen the same profile: the pending changes are still there, and a sync finishes the job.
    ({ context, panel } = await launch(profile));
    try {
      const reopened = await localState(panel);
      expect(reopened.evidence).toBe(N);
      expect(reopened.outbox).toBeGreaterThan(0);
      await requestSync(panel);
      await expect.poll(async () => (await localState(panel)).outbox, { timeout: 60_000, interval: 250 }).toBe(0);
      await expect
        .poll(
          async () => {
            const st = (await localState(panel)).status;
            return st ? st.lastError : 'no status yet';
          },
          { timeout: 30_000 },
        )
        .toBeNull();
    } finally {
      await context.close();
    }
    const held = await serverHolds(session.token);
    expect(held.ids).toHaveLength(N);
    expect(new Set(held.ids).size).toBe(N);
    expect([...held.ids].sort()).toEqual([...ids].sort());
    expect(held.rev).toBe(N); // every change applied exactly once: no replay was applied again
  });

  it('(f) 10,000 items sync to a new device (fresh Chromium profile), timed', async () => {
    const N = 10_000;
    const email = 'ten-thousand@example.com';
    const old = await signIn(email, 'Old laptop');
    const ids: string[] = [];
    for (let b = 0; b < N / 500; b++) {
      const changes = Array.from({ length: 500 }, (_, i) => {
        const n = b * 500 + i;
        const id = ulid();
        ids.push(id);
        const hlc = `${new Date(Date.now() - 60_000).toISOString()}-${(n % 0xffff).toString(16).padStart(4, '0')}-OLD${b}`;
        return { seq: n + 1, collection: 'evidence', id, op: 'upsert', hlc, data: evidence(id, n, hlc) };
      });
      const res = await fetch(`${server}/api/v1/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${old.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ changes }),
      });
      expect(res.status).toBe(200);
    }

    const profile = resolve(outDir, 'sync-profile-f');
    rmSync(profile, { recursive: true, force: true });
    mkdirSync(profile, { recursive: true });
    const fresh = await signIn(email, 'New laptop');
    const { context, panel } = await launch(profile);
    try {
      await storeSession(panel, fresh);
      const started = Date.now();
      await requestSync(panel);
      await expect.poll(async () => (await localState(panel)).evidence, { timeout: 120_000, interval: 100 }).toBe(N);
      await expect
        .poll(async () => (await localState(panel)).status?.lastSyncedAt ?? null, { timeout: 30_000, interval: 100 })
        .not.toBeNull();
      const ms = Date.now() - started;
      console.log(
        `(f) Chromium: 10,000 items synced to a fresh profile in ${ms} ms (${Math.round(N / (ms / 1000))} items/s)`,
      );
      const state = await localState(panel);
      expect(state.outbox).toBe(0);
      expect(state.status?.lastError).toBeNull();
      const localIds = await panel.evaluate(
        () =>
          new Promise<string[]>((res, rej) => {
            const open = indexedDB.open('casebook');
            open.onsuccess = () => {
              const req = open.result.transaction('evidence').objectStore('evidence').getAllKeys();
              req.onsuccess = () => res(req.result as string[]);
              req.onerror = () => rej(req.error);
            };
            open.onerror = () => rej(open.error);
          }),
      );
      expect([...localIds].sort()).toEqual([...ids].sort());
    } finally {
      await context.close();
    }
  });
});
