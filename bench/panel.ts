/**
 * The side panel as shipped (the extension built by run.ts, loaded unpacked in
 * headless Chromium) with 10,000 evidence items in its IndexedDB:
 * - open to first list paint: navigation start of `sidepanel.html#library` to
 *   the frame after the first `evidence-item` is in the DOM, against a bare
 *   page that reads the same 10,000 records with one raw IndexedDB `getAll`,
 *   sorts them and paints the same first screen (40 plain rows): the floor of
 *   any panel that shows the newest items of a local store;
 * - a search keystroke in the Library, keydown to the frame after the list's
 *   count shows the typed query (React render included), against the same-page
 *   floor: a plain `Array.filter` over pre-lower-cased strings of the same
 *   records, a plain DOM render of as many rows as the panel shows, and the next frame;
 * - peak JS heap of the panel while it opens the library with 10,000 items
 *   and folds them for search, against the bare page above holding the same
 *   records (the same panel opened empty is in the note).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchWithExtension } from '../scripts/lib/browser';
import { makeEvidence } from './lib/data';
import { median, type BenchRow } from './lib/stats';
import { SEARCH_QUERY } from './chromium';

/** Origin of the baseline page (routed inside the browser, never resolved). */
const ORIGIN = 'http://bench.casebook.test';

/**
 * Runs in every page before its scripts: records `performance.now()` (ms since
 * navigation start) at the frame after the first evidence item is in the DOM, and
 * the largest `performance.memory.usedJSHeapSize` seen (sampled every 5 ms and at
 * each mutation burst).
 */
const PROBE = `
  window.__peakHeap = 0;
  const sampleHeap = () => { const m = performance.memory; if (m && m.usedJSHeapSize > window.__peakHeap) window.__peakHeap = m.usedJSHeapSize; };
  setInterval(sampleHeap, 5);
  new MutationObserver((_, obs) => {
    sampleHeap();
    if (document.querySelector('[data-testid="evidence-item"]')) {
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => { window.__firstItemAt = performance.now(); }, 0));
    }
  }).observe(document, { childList: true, subtree: true });
`;

/**
 * The floor page: raw getAll of the same records, sort newest first, paint 40
 * plain rows, and keep the records (the floor of the open time and of the heap).
 */
const BASELINE_HTML = `<!doctype html><meta charset="utf-8"><title>baseline</title><ul id="list"></ul><script>
  const open = indexedDB.open('baseline', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('evidence', { keyPath: 'id' });
  open.onsuccess = () => {
    const req = open.result.transaction('evidence').objectStore('evidence').getAll();
    req.onsuccess = () => {
      const rows = req.result.filter((e) => e.deletedAt === null);
      window.__records = rows; // held, as the panel holds its list: the memory floor
      rows.sort((a, b) => (a.occurredOn === b.occurredOn ? b.capturedAt.localeCompare(a.capturedAt) : b.occurredOn.localeCompare(a.occurredOn)));
      const list = document.getElementById('list');
      for (const e of rows.slice(0, 40)) {
        const li = document.createElement('li');
        li.dataset.testid = 'evidence-item';
        li.textContent = e.occurredOn + ' ' + e.title + ' ' + e.claim;
        list.append(li);
      }
    };
  };
</script>`;

/** Writes `records` into object store `evidence` of database `name` in the page's origin. */
async function seed(page: Page, name: string, records: unknown[]): Promise<void> {
  await page.evaluate(
    ({ name, records }) =>
      new Promise<void>((res, rej) => {
        const open = indexedDB.open(name);
        open.onupgradeneeded = () => open.result.createObjectStore('evidence', { keyPath: 'id' });
        open.onerror = () => rej(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('evidence', 'readwrite');
          for (const e of records) tx.objectStore('evidence').put(e);
          tx.oncomplete = () => {
            open.result.close();
            res();
          };
          tx.onerror = () => rej(tx.error);
        };
      }),
    { name, records },
  );
}

/** Opens `url` in a new page and waits for the probe's first-item time (ms after navigation start). */
async function timeFirstItem(context: BrowserContext, url: string): Promise<{ page: Page; ms: number }> {
  const page = await context.newPage();
  await page.goto(url);
  const h = await page.waitForFunction(() => (window as unknown as { __firstItemAt?: number }).__firstItemAt, null, {
    timeout: 60_000,
  });
  return { page, ms: Number(await h.jsonValue()) };
}

/** Largest JS heap the probe saw in `page` so far, in MiB. */
async function peakHeap(page: Page): Promise<number> {
  return (await page.evaluate(() => (window as unknown as { __peakHeap: number }).__peakHeap)) / 1024 / 1024;
}

/** JS heap used after a full garbage collection (CDP), in MiB. */
async function settledHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 1024 / 1024;
}

/** Waits until the Library shows every item and its search index is built. */
async function libraryReady(page: Page, total: number): Promise<void> {
  const label = `${total.toLocaleString('en-US')} item${total === 1 ? '' : 's'}`;
  await page.waitForFunction(
    (label) =>
      document.querySelector('[data-testid="library-count"]')?.textContent === label &&
      document.querySelector('[data-testid="library-search"]')?.getAttribute('data-index-ready') === 'true',
    label,
    { timeout: 60_000 },
  );
}

/**
 * Per-keystroke times (ms) of typing `query` into the Library search of `page`:
 * keydown to the frame after the count shows the typed query.
 */
async function typeTimed(page: Page, query: string): Promise<number[]> {
  const box = page.getByTestId('library-search');
  await box.fill('');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="library-count"]')?.getAttribute('data-query') === '',
  );
  await box.focus();
  await page.evaluate(() => {
    const w = window as unknown as { __keyAt: number; __want: string; __times: number[]; __hooked?: boolean };
    w.__times = [];
    if (w.__hooked) return;
    w.__hooked = true;
    const input = document.querySelector<HTMLInputElement>('[data-testid="library-search"]')!;
    const count = document.querySelector('[data-testid="library-count"]')!;
    document.addEventListener('keydown', () => (w.__keyAt = performance.now()), true);
    input.addEventListener('input', () => (w.__want = input.value));
    new MutationObserver(() => {
      if (count.getAttribute('data-query') !== w.__want) return;
      const at = w.__keyAt;
      requestAnimationFrame(() => w.__times.push(performance.now() - at));
    }).observe(count, { attributes: true, attributeFilter: ['data-query'] });
  });
  for (const ch of query) {
    await page.keyboard.type(ch);
    await page.waitForFunction(
      () => {
        const w = window as unknown as { __want: string };
        return document.querySelector('[data-testid="library-count"]')?.getAttribute('data-query') === w.__want;
      },
      null,
      { timeout: 10_000 },
    );
  }
  await page.waitForFunction((n) => (window as unknown as { __times: number[] }).__times.length >= n, query.length);
  return page.evaluate(() => (window as unknown as { __times: number[] }).__times);
}

/**
 * The same-page floor of a keystroke, per key of `query` (ms each, median of
 * `rounds`): typing into a plain `<input>` added to the panel page whose
 * `input` handler runs a plain `Array.filter` over pre-lower-cased strings of
 * the panel's own stored records and a plain DOM render of the first `visible`
 * matches (one `<li>` each with the title, date, claim and impact, replacing
 * the previous rows), timed like the panel: keydown to the next frame after the
 * render. Also answers the filter alone (median ms per key).
 */
async function floorKeystrokeTimes(
  page: Page,
  query: string,
  rounds: number,
  visible: number,
): Promise<{ floor: number[]; filter: number[] }> {
  await page.evaluate(
    ({ visible }) =>
      new Promise<void>((res, rej) => {
        const open = indexedDB.open('casebook');
        open.onerror = () => rej(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('evidence').objectStore('evidence').getAll();
          req.onsuccess = () => {
            type Ev = {
              title: string;
              claim: string;
              impact: string;
              occurredOn: string;
              tags: string[];
              people: string[];
            };
            const items = req.result as Ev[];
            open.result.close();
            const lowered = items.map((e) =>
              [e.title, e.claim, e.impact, e.tags.join(' '), e.people.join(' ')].join('\n').toLowerCase(),
            );
            const box = document.createElement('div');
            box.style.cssText = 'position:fixed;inset:0;background:#fff;z-index:9;overflow:hidden';
            const input = document.createElement('input');
            input.id = 'floor-input';
            const list = document.createElement('ul');
            box.append(input, list);
            document.body.append(box);
            const w = window as unknown as { __floorKeyAt: number; __floor: number[]; __floorFilter: number[] };
            w.__floor = [];
            w.__floorFilter = [];
            document.addEventListener('keydown', () => (w.__floorKeyAt = performance.now()), true);
            input.addEventListener('input', () => {
              const at = w.__floorKeyAt;
              const t = performance.now();
              const terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
              const hits = items.filter((_, i) => terms.every((x) => lowered[i]!.includes(x)));
              w.__floorFilter.push(performance.now() - t);
              list.replaceChildren(
                ...hits.slice(0, visible).map((e) => {
                  const li = document.createElement('li');
                  const h = document.createElement('strong');
                  h.textContent = e.title;
                  const p = document.createElement('p');
                  p.textContent = `${e.occurredOn} ${e.claim} ${e.impact}`;
                  li.append(h, p);
                  return li;
                }),
              );
              requestAnimationFrame(() => w.__floor.push(performance.now() - at));
            });
            res();
          };
        };
      }),
    { visible },
  );
  const floors: number[][] = [];
  const filters: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    await page.evaluate(() => {
      const w = window as unknown as { __floor: number[]; __floorFilter: number[] };
      w.__floor = [];
      w.__floorFilter = [];
      const input = document.querySelector<HTMLInputElement>('#floor-input')!;
      input.value = '';
      input.focus();
    });
    for (let k = 0; k < query.length; k++) {
      await page.keyboard.type(query[k]!);
      await page.waitForFunction((n) => (window as unknown as { __floor: number[] }).__floor.length >= n, k + 1);
    }
    await page.waitForFunction((n) => (window as unknown as { __floor: number[] }).__floor.length >= n, query.length);
    const got = await page.evaluate(() => {
      const w = window as unknown as { __floor: number[]; __floorFilter: number[] };
      return { floor: w.__floor, filter: w.__floorFilter };
    });
    floors.push(got.floor);
    filters.push(got.filter);
  }
  const per = (xs: number[][]) => query.split('').map((_, k) => median(xs.map((t) => t[k]!)));
  return { floor: per(floors), filter: per(filters) };
}

/** Runs the panel benchmarks against the built extension in `extDir` (a chrome-mv3 folder). */
export async function benchPanel(extDir: string, runs = 7, total = 10_000): Promise<BenchRow[]> {
  const profile = mkdtempSync(join(tmpdir(), 'casebook-bench-panel-'));
  const { context, worker: sw } = await launchWithExtension(extDir, profile, {
    extraArgs: ['--enable-precise-memory-info'],
  });
  try {
    const panelUrl = `chrome-extension://${new URL(sw.url()).host}/sidepanel.html`;
    // Offline: nothing leaves the browser; the baseline page is served from memory.
    await context.route(
      (u) => /^https?:/.test(u.href),
      (route) =>
        route.request().url().startsWith(ORIGIN)
          ? route.fulfill({ contentType: 'text/html', body: BASELINE_HTML })
          : route.abort('blockedbyclient'),
    );
    await context.addInitScript(PROBE);

    // Memory baseline: the same panel opened on the Library with an empty store.
    const empty = await context.newPage();
    await empty.goto(`${panelUrl}#library`);
    await empty.getByTestId('library-empty').waitFor({ timeout: 30_000 });
    await empty.waitForTimeout(500);
    const emptyPeak = await peakHeap(empty);
    const emptySettled = await settledHeap(empty);
    await empty.close();

    const records = makeEvidence(total, 42);
    const seeder = await context.newPage();
    await seeder.goto(panelUrl);
    await seeder.getByTestId('tab-capture').waitFor();
    await seed(seeder, 'casebook', records);
    await seeder.goto(`${ORIGIN}/`);
    await seed(seeder, 'baseline', records);
    await seeder.close();

    const open: number[] = [];
    const floor: number[] = [];
    const peaks: number[] = [];
    const barePeaks: number[] = [];
    let bareSettled = NaN;
    let last: Page | undefined;
    for (let i = 0; i < runs + 1; i++) {
      const b = await timeFirstItem(context, `${ORIGIN}/`);
      if (i > 0) barePeaks.push(await peakHeap(b.page));
      if (i === runs) bareSettled = await settledHeap(b.page);
      await b.page.close();
      const p = await timeFirstItem(context, `${panelUrl}#library`);
      await libraryReady(p.page, total);
      if (i > 0) {
        floor.push(b.ms);
        open.push(p.ms);
        peaks.push(await peakHeap(p.page));
      }
      if (i === runs) last = p.page;
      else await p.page.close();
    }
    const page = last!;
    const settled = await settledHeap(page);

    const rounds: number[][] = [];
    for (let r = 0; r < 3; r++) rounds.push(await typeTimed(page, SEARCH_QUERY));
    const perKey = SEARCH_QUERY.split('').map((_, k) => median(rounds.map((t) => t[k]!)));
    const visible = await page.getByTestId('evidence-item').count();
    const { floor: plain, filter } = await floorKeystrokeTimes(page, SEARCH_QUERY, rounds.length, visible);
    const worst = perKey.indexOf(Math.max(...perKey));
    await page.close();

    const openMs = median(open);
    const floorMs = median(floor);
    const peak = median(peaks);
    const barePeak = median(barePeaks);
    return [
      {
        group: 'panel',
        name: `side panel open to first list paint, ${total.toLocaleString('en-US')} items`,
        value: openMs,
        baseline: floorMs,
        baselineName: 'bare page: raw IndexedDB getAll of the same records, sort, paint 40 plain rows',
        ratio: openMs / floorMs,
        unit: 'ms',
        budget: '< 500 ms',
        pass: openMs < 500,
        runs,
        note: `navigation start to the frame after the first evidence-item; runs ${open.map((x) => x.toFixed(0)).join(', ')} ms`,
      },
      {
        group: 'search',
        name: `Library search keystroke in the panel, ${total.toLocaleString('en-US')} items (slowest key of "${SEARCH_QUERY}")`,
        value: perKey[worst]!,
        baseline: plain[worst]!,
        baselineName: `same page: Array.filter over pre-lower-cased strings, plain DOM render of the ${visible} visible rows, next frame; same prefix`,
        ratio: perKey[worst]! / plain[worst]!,
        unit: 'ms',
        budget: '< 16 ms a keystroke',
        pass: perKey[worst]! < 16,
        runs: rounds.length,
        note: `keydown to the frame after the count shows the query; per key ${perKey.map((x) => x.toFixed(1)).join(', ')} ms; floor per key ${plain.map((x) => x.toFixed(1)).join(', ')} ms (the filter alone ${filter[worst]!.toFixed(2)} ms)`,
      },
      {
        group: 'memory',
        name: `peak JS heap of the panel, Library with ${total.toLocaleString('en-US')} items and search index`,
        value: peak,
        baseline: barePeak,
        baselineName: `bare page holding the same ${total.toLocaleString('en-US')} records (raw getAll, 40 plain rows)`,
        ratio: peak / barePeak,
        unit: 'MiB',
        budget: 'no budget in docs/DESIGN.md',
        pass: null,
        runs,
        note: `after GC: ${settled.toFixed(1)} MiB with ${total.toLocaleString('en-US')} items, ${bareSettled.toFixed(1)} MiB the bare page; the same panel empty: peak ${emptyPeak.toFixed(1)} MiB, ${emptySettled.toFixed(1)} MiB after GC`,
      },
    ];
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
