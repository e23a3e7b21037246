/**
 * Benchmarks that run in real headless Chromium: extraction per fixture page
 * (against DOMParser alone) and the local save path (validate + Dexie write
 * with its outbox entry, against a raw IndexedDB `put` of the same record).
 * The real modules are bundled with esbuild into one script served on a
 * loopback-only test origin.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath, ROOT } from '../scripts/lib/env';
import { makeEvidence } from './lib/data';
import type { BenchRow } from './lib/stats';

/** Origin the bench page is served on (routed inside the browser, never resolved). */
const ORIGIN = 'http://bench.casebook.test';

/** Launches Chromium with the bench bundle loaded on a page at ORIGIN. */
export async function openBenchPage(): Promise<{ browser: Browser; page: Page }> {
  const out = await build({
    entryPoints: [resolve(ROOT, 'bench/browser/entry.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'CasebookBench',
    minify: true,
    write: false,
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  const js = out.outputFiles[0]!.text;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const page = await browser.newPage();
  // tsx compiles the evaluate callbacks with esbuild's keepNames helper; give the page a no-op one.
  await page.addInitScript('window.__name = (f) => f');
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/bench.js') return route.fulfill({ contentType: 'text/javascript', body: js });
    return route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>bench</title><script src="/bench.js"></script>',
    });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'CasebookBench' in window);
  return { browser, page };
}

interface Fixture {
  name: string;
  url: string;
  html: string;
}

/** Every golden HTML fixture (`<source>--<case>.html` with its `.page.json`). */
function fixtures(): Fixture[] {
  const out: Fixture[] = [];
  const base = resolve(ROOT, 'tests/fixtures');
  for (const dir of readdirSync(base, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(base, dir.name))) {
      if (!f.endsWith('.html') || !f.includes('--')) continue;
      const side = join(base, dir.name, f.replace(/\.html$/, '.page.json'));
      let url: string;
      try {
        url = (JSON.parse(readFileSync(side, 'utf8')) as { url: string }).url;
      } catch {
        continue;
      }
      out.push({ name: basename(f, '.html'), url, html: readFileSync(join(base, dir.name, f), 'utf8') });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Extraction per fixture page against parsing it only; `runs` samples each. */
export async function benchExtraction(page: Page, runs = 15): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const fx of fixtures()) {
    const r = await page.evaluate(
      async ({ html, url, runs }) => {
        const B = (
          window as unknown as {
            CasebookBench: { extractCapture: (p: { url: string; document: Document }, d?: object) => Promise<unknown> };
          }
        ).CasebookBench;
        const noFetch = (() => Promise.reject(new Error('offline'))) as unknown as typeof fetch;
        const now = () => new Date('2026-11-20T12:00:00Z');
        const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
        const parseOnly: number[] = [];
        const full: number[] = [];
        // Chromium coarsens performance.now() to 0.1 ms: time a batch per sample and divide.
        const reps = 10;
        for (let i = 0; i < runs + 3; i++) {
          let t = performance.now();
          for (let k = 0; k < reps; k++) new DOMParser().parseFromString(html, 'text/html');
          const p = (performance.now() - t) / reps;
          t = performance.now();
          for (let k = 0; k < reps; k++) {
            const doc = new DOMParser().parseFromString(html, 'text/html');
            await B.extractCapture({ url, document: doc }, { fetch: noFetch, now });
          }
          const f = (performance.now() - t) / reps;
          if (i >= 3) {
            parseOnly.push(p);
            full.push(f);
          }
        }
        return { parse: med(parseOnly), full: med(full) };
      },
      { html: fx.html, url: fx.url, runs },
    );
    const extraction = Math.max(0, r.full - r.parse);
    const isPr = fx.name.startsWith('github-pr--');
    rows.push({
      group: 'capture',
      name: `extract ${fx.name}`,
      value: r.full,
      baseline: r.parse,
      baselineName: 'DOMParser of the same page only',
      ratio: r.full / r.parse,
      unit: 'ms',
      budget: isPr ? '< 20 ms extraction (PR page)' : 'no budget',
      pass: isPr ? extraction < 20 : null,
      runs,
      note: `extraction alone ${extraction.toFixed(2)} ms`,
    });
  }
  return rows;
}

/**
 * The local save path (`saveEvidence` of a new item: validate, clock, record and
 * outbox entry in one transaction) against a raw IndexedDB put of the same record
 * into a store without indexes; each sample is the mean of `batch` sequential
 * operations of each, interleaved.
 */
export async function benchSave(page: Page, runs = 200, batch = 5): Promise<BenchRow[]> {
  const records = makeEvidence((runs + 10) * batch, 11);
  const r = await page.evaluate(
    async ({ records, runs, batch }) => {
      type B = {
        CasebookDB: new (name: string) => { delete(): Promise<void>; open(): Promise<unknown> };
        saveEvidence: (input: unknown, deps: { db: unknown }) => Promise<unknown>;
      };
      const B = (window as unknown as { CasebookBench: B }).CasebookBench;
      const db = new B.CasebookDB('bench-save');
      await db.delete();
      await db.open();
      const raw: IDBDatabase = await new Promise((res, rej) => {
        const req = indexedDB.open('bench-raw', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('evidence', { keyPath: 'id' });
        req.onsuccess = () => res(req.result);
        req.onerror = () => rej(req.error);
      });
      const put = (rec: unknown) =>
        new Promise<void>((res, rej) => {
          const tx = raw.transaction('evidence', 'readwrite');
          tx.objectStore('evidence').put(rec);
          tx.oncomplete = () => res();
          tx.onerror = () => rej(tx.error);
        });
      const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const save: number[] = [];
      const base: number[] = [];
      // Chromium coarsens performance.now() to 0.1 ms: each sample times `batch` sequential
      // operations (each awaited, one transaction each) and divides.
      for (let i = 0; i < runs + 10; i++) {
        const recs = records.slice(i * batch, (i + 1) * batch) as Record<string, unknown>[];
        const inputs = recs.map(({ id: _id, capturedAt: _c, updatedAt: _u, deletedAt: _d, ...input }) => input);
        let t = performance.now();
        for (const rec of recs) await put(rec);
        const b = (performance.now() - t) / batch;
        t = performance.now();
        for (const input of inputs) await B.saveEvidence(input, { db });
        const s = (performance.now() - t) / batch;
        if (i >= 10) {
          base.push(b);
          save.push(s);
        }
      }
      return { save: med(save), base: med(base) };
    },
    { records, runs, batch },
  );
  return [
    {
      group: 'save',
      name: 'local save: validate + clock + record + outbox entry, one transaction',
      value: r.save,
      baseline: r.base,
      baselineName: 'raw IndexedDB put of the same record',
      ratio: r.save / r.base,
      unit: 'ms',
      budget: 'part of < 1 s click to saved',
      pass: r.save < 1000,
      runs,
    },
  ];
}

/** The query typed one key at a time in the search benchmarks (matches a few hundred of the bench items). */
export const SEARCH_QUERY = 'billing api';

/**
 * One search keystroke over `total` items with the library's real search module
 * (extension/search/index.ts, exactly what `useEvidenceSearch` and the Library run
 * per keystroke: `EvidenceIndex.sync` of the unchanged list, `search`, then
 * `filterEvidence`), against a plain `Array.filter` over pre-lower-cased strings
 * of the same fields. Each prefix of SEARCH_QUERY is one keystroke; the row
 * reports the slowest keystroke's median.
 */
export async function benchSearch(page: Page, runs = 15, total = 10_000): Promise<BenchRow[]> {
  const records = makeEvidence(total, 42);
  const r = await page.evaluate(
    async ({ records, runs, query }) => {
      type Ev = { id: string; title: string; claim: string; impact: string; tags: string[]; people: string[] };
      type B = {
        EvidenceIndex: new () => {
          sync(items: unknown[]): number;
          search(q: string): unknown;
        };
        filterEvidence: (
          items: unknown[],
          f: object,
          hits: unknown,
          sort: string,
          of: (e: { competencies: string[] }) => string[],
        ) => unknown[];
        NO_FILTERS: object;
      };
      const B = (window as unknown as { CasebookBench: B }).CasebookBench;
      const items = records as unknown as Ev[];
      const index = new B.EvidenceIndex();
      const t0 = performance.now();
      index.sync(items);
      const buildMs = performance.now() - t0;
      const of = (e: { competencies: string[] }) => e.competencies;
      const keystroke = (q: string) => {
        index.sync(items);
        const hits = index.search(q);
        return B.filterEvidence(items, { ...B.NO_FILTERS, query: q }, hits, 'newest', of).length;
      };
      const lowered = items.map((e) =>
        [e.title, e.claim, e.impact, e.tags.join(' '), e.people.join(' ')].join('\n').toLowerCase(),
      );
      const plain = (q: string) => {
        const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
        return items.filter((_, i) => terms.every((t) => lowered[i]!.includes(t))).length;
      };
      const prefixes = Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1));
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const m: number[][] = prefixes.map(() => []);
      const b: number[][] = prefixes.map(() => []);
      const counts: number[] = [];
      for (let run = 0; run < runs + 2; run++) {
        prefixes.forEach((q, k) => {
          let t = performance.now();
          plain(q);
          const tb = performance.now() - t;
          t = performance.now();
          const n = keystroke(q);
          const tm = performance.now() - t;
          if (run >= 2) {
            m[k]!.push(tm);
            b[k]!.push(tb);
          }
          if (run === 0) counts.push(n);
        });
      }
      const mm = m.map(med);
      const bm = b.map(med);
      const worst = mm.indexOf(Math.max(...mm));
      return { value: mm[worst]!, baseline: bm[worst]!, worst: prefixes[worst]!, all: mm, counts, buildMs };
    },
    { records, runs, query: SEARCH_QUERY },
  );
  return [
    {
      group: 'search',
      name: `search module, one keystroke over ${total.toLocaleString('en-US')} items (slowest prefix of "${SEARCH_QUERY}")`,
      value: r.value,
      baseline: r.baseline,
      baselineName: 'Array.filter over pre-lower-cased strings, same prefix',
      ratio: r.value / r.baseline,
      unit: 'ms',
      budget: '< 16 ms a keystroke',
      pass: r.value < 16,
      runs,
      note: `slowest "${r.worst}"; per prefix ${r.all.map((x) => x.toFixed(1)).join(', ')} ms; folding the 10,000 records ${r.buildMs.toFixed(0)} ms (once, after first paint)`,
    },
  ];
}
