/**
 * The "accept 500 candidates in bulk" row of `npm run bench` (issue 15, docs/DESIGN.md
 * "History import and the inbox"): in real Chromium, 500 candidates found by `importHistory` in the
 * local fake GitHub (scripts/fakes/github.ts) are stored in the inbox, then accepted as drafts in
 * one call (`acceptAsDrafts`: 500 evidence records, each validated with its outbox entry and clock,
 * in one Dexie transaction). Baseline, same run: the save row's baseline scaled to the batch, a raw
 * IndexedDB `put` of the same 500 stored records in one transaction. The note also gives 500 single
 * `saveEvidence` calls (the capture path, one transaction each) for comparison.
 */
import type { Page } from 'playwright-core';
import { importHistory } from '../extension/importers';
import { fakeGitHubFetch } from '../scripts/fakes/github';
import { median, type BenchRow } from './lib/stats';

const LOGIN = 'casey-dev';

/** 500 real candidates: 400 authored and 100 reviewed PRs from the fake GitHub. */
async function candidates(): Promise<unknown[]> {
  const fake = fakeGitHubFetch({ login: LOGIN, authored: 400, reviewed: 100, extras: false });
  const r = await importHistory(
    { source: 'github', login: LOGIN, from: fake.data.from, to: fake.data.to },
    { fetch: fake },
  );
  if (r.candidates.length !== 500) throw new Error(`expected 500 candidates, got ${r.candidates.length}`);
  return r.candidates;
}

/** Bulk accept of 500 inbox candidates as drafts, against raw IndexedDB puts of the same records. */
export async function benchBulkAccept(page: Page, runs = 5): Promise<BenchRow[]> {
  const cands = await candidates();
  const r = await page.evaluate(
    async ({ cands, runs }) => {
      type Db = { delete(): Promise<void>; open(): Promise<unknown> };
      type B = {
        CasebookDB: new (name: string) => Db;
        addCandidates: (c: unknown[], runId: string, deps: { db: Db }) => Promise<unknown>;
        acceptAsDrafts: (urls: string[], deps: { db: Db }) => Promise<unknown[]>;
        saveEvidence: (input: unknown, deps: { db: Db }) => Promise<unknown>;
      };
      const B = (window as unknown as { CasebookBench: B }).CasebookBench;
      const urls = (cands as { url: string }[]).map((c) => c.url);
      const accept: number[] = [];
      const base: number[] = [];
      const single: number[] = [];
      for (let i = 0; i < runs + 1; i++) {
        const db = new B.CasebookDB(`bench-accept-${i}`);
        await db.delete();
        await db.open();
        await B.addCandidates(cands, 'BENCH', { db });
        let t = performance.now();
        const saved = await B.acceptAsDrafts(urls, { db });
        const a = performance.now() - t;
        if (saved.length !== 500) throw new Error(`accepted ${saved.length}`);

        const raw: IDBDatabase = await new Promise((res, rej) => {
          const req = indexedDB.open(`bench-accept-raw-${i}`, 1);
          req.onupgradeneeded = () => req.result.createObjectStore('evidence', { keyPath: 'id' });
          req.onsuccess = () => res(req.result);
          req.onerror = () => rej(req.error);
        });
        t = performance.now();
        await new Promise<void>((res, rej) => {
          const tx = raw.transaction('evidence', 'readwrite');
          for (const rec of saved) tx.objectStore('evidence').put(rec);
          tx.oncomplete = () => res();
          tx.onerror = () => rej(tx.error);
        });
        const b = performance.now() - t;
        raw.close();

        const one = new B.CasebookDB(`bench-accept-single-${i}`);
        await one.delete();
        await one.open();
        t = performance.now();
        for (const rec of saved as Record<string, unknown>[]) {
          const { id: _i, capturedAt: _c, updatedAt: _u, deletedAt: _d, ...input } = rec;
          await B.saveEvidence(input, { db: one });
        }
        const s = performance.now() - t;
        if (i > 0) {
          accept.push(a);
          base.push(b);
          single.push(s);
        }
      }
      return { accept, base, single };
    },
    { cands, runs },
  );
  const value = median(r.accept);
  const baseline = median(r.base);
  return [
    {
      group: 'inbox',
      name: 'accept 500 candidates as drafts (one transaction)',
      value,
      baseline,
      baselineName: 'raw IndexedDB put of the same 500 records, one transaction',
      ratio: value / baseline,
      unit: 'ms',
      budget: '< 2 s',
      pass: value < 2000,
      runs,
      note: `500 single saves (the capture path, one transaction each): ${median(r.single).toFixed(0)} ms`,
    },
  ];
}
