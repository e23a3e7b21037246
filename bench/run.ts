/**
 * `npm run bench`: runs every benchmark, prints the table and writes
 * bench/RESULTS.md and bench/RESULTS.json. Each measure is the median of
 * several runs beside a baseline measured in the same run. Not part of
 * `npm test` (timings do not belong in pass/fail tests on a noisy machine).
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { buildExtension, ROOT } from '../scripts/lib/env';
import { benchBundles } from './bundle';
import { benchImport } from './import';
import { benchBulkAccept } from './accept';
import { benchExtraction, benchSave, benchSearch, openBenchPage } from './chromium';
import { benchPanel } from './panel';
import { benchRender } from './render';
import { benchSync } from './sync';
import { fmt, type BenchRow } from './lib/stats';

const started = Date.now();
/**
 * `npm run bench -- --only search,panel` runs only those steps (bundle, render,
 * capture, save, search, inbox, panel, sync, import) and prints their rows without
 * rewriting bench/RESULTS.md: for working on one measure on a busy machine.
 */
const onlyArg = process.argv.find((a) => a.startsWith('--only'));
const only = onlyArg
  ? new Set(
      (onlyArg.includes('=')
        ? onlyArg.slice('--only='.length)
        : (process.argv[process.argv.indexOf(onlyArg) + 1] ?? '')
      )
        .split(',')
        .filter(Boolean),
    )
  : null;
const wanted = (key: string) => !only || only.has(key);
const rows: BenchRow[] = [];
const step = async (key: string, label: string, fn: () => Promise<BenchRow[]> | BenchRow[]) => {
  if (!wanted(key)) return;
  const t = Date.now();
  process.stdout.write(`bench: ${label}... `);
  const got = await fn();
  rows.push(...got);
  console.log(`${got.length} row(s) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
};

const needsBuild = wanted('bundle') || wanted('panel');
const ext = needsBuild ? buildExtension({ server: 'http://127.0.0.1:8787', outDir: '.output/bench-build' }) : '';
await step('bundle', 'bundle sizes', () => benchBundles(ext));
await step('render', 'worker rendering', () => benchRender());
if (wanted('capture') || wanted('save') || wanted('search') || wanted('inbox')) {
  const { browser, page } = await openBenchPage();
  try {
    await step('capture', 'extraction in Chromium', () => benchExtraction(page));
    await step('save', 'local save path in Chromium', () => benchSave(page));
    await step('search', 'search module in Chromium', () => benchSearch(page));
    await step('inbox', 'bulk accept from the inbox in Chromium', () => benchBulkAccept(page));
  } finally {
    await browser.close();
  }
}
await step('panel', 'side panel with 10,000 items in Chromium', () => benchPanel(ext));
await step('sync', 'sync push vs raw D1 insert', () => benchSync());
await step('import', 'history import from the local fake GitHub', () => benchImport());

/** The goals of issue 22 (ratios to a floor measured in the same run), by row. */
const GOALS: { label: string; match: (r: BenchRow) => boolean; maxRatio: number }[] = [
  { label: 'Search keystroke in the panel', match: (r) => r.name.startsWith('Library search'), maxRatio: 1.5 },
  { label: 'Panel open', match: (r) => r.group === 'panel', maxRatio: 1.5 },
  { label: 'Peak heap', match: (r) => r.group === 'memory', maxRatio: 2 },
  { label: 'Share page render', match: (r) => r.name.startsWith('share page'), maxRatio: 3 },
  { label: 'Local save', match: (r) => r.group === 'save', maxRatio: 2 },
];

/** What stands between each unmet goal and its target, from what was measured (docs, not numbers, are fixed here). */
const WHY: Record<string, (r: BenchRow, all: BenchRow[]) => string> = {
  'Search keystroke in the panel': (r, all) => {
    const mod = all.find((x) => x.name.startsWith('search module'));
    return `The search itself (a scan of one folded haystack per item, then filterEvidence) takes ${mod ? fmt(mod.value) : '?'} ms on its slowest prefix (${mod ? fmt(mod.ratio) : '?'}× a bare Array.filter). The slow keys in the panel are the first ones ("b", "bi"), which match most of the 10,000 items; the later keys sit at the floor (per-key figures in the row's note). What grows with the number of matches is the panel's own work (the search answers its matches as one byte per item since this run's change): the filtered list of every match, and TanStack Virtual recomputing the positions of every filtered row when the list changes, where the floor renders only the visible rows. Closing the gap means work proportional to the visible rows only (positions computed lazily, or a fixed row height).`;
  },
  'Panel open': () =>
    'The floor page reads the records with one getAll and paints 40 plain rows. The panel first paints from an indexed read of the newest 40 items, but before that it parses and starts its first-paint JS (React, ReactDOM, Dexie, zod and the Capture tab; see the bundle row) and loads the Library chunk; every KB cut from the first-paint bundle comes off this time.',
  'Peak heap': () =>
    "Two of the three copies of the list are gone: Dexie's live-query cache (a cached result plus a deep clone per subscriber) is disabled, and reads answer the stored record after its zod check instead of zod's copy (extension/db/queries.ts). After garbage collection the panel now holds about twice the bare page (see the row's note: the records, the folded search text, the panel's own code). The peak is still mostly transient: a heap sampling profile of one open (CDP HeapProfiler) shows zod's read check allocating about 55 MB for 10,000 records, against 10 MB for the records themselves; checking in slices of 1,000 lets the collector run between them but does not remove that allocation. Without the read check the peak was not measurably lower in this bench (65–68 MiB against 56–84 MiB), because the extension's renderer already holds 34–45 MiB at the panel's navigation start (garbage of the pages opened before it in the same process): the row needs a per-page baseline (a collection at navigation start, the same for the bare page) before the 2× goal can be judged, and then a read check that allocates less than zod's (a structural check, zod kept on write and pull).",
  'Share page render': () =>
    "The page is built from a model (worker/render/share-page/model.ts) that computes only what it shows: the cards (`toCard`, shared/packets/cards.ts: field-by-field copy, the http(s) check (a scheme test before `new URL`), metrics (safe integers formatted without Intl, same output)), newest-first order, the competency groups, coverage and the calibration answers (shared/case/), not buildCase's consistency, gaps and streak. The cards are escaped string fragments, each body built once per page in a plain Map (a module-wide WeakMap keyed by card objects cost more in garbage collection than it saved). The row's note splits the time between the model and, inside it, toCard; the rest, now the larger part, is the markup around the cards (Hono JSX: summary, coverage, calibration answers, timeline, groups). Hono's `html` template or precomputed fragments for those sections are the next lever.",
  'Local save': () =>
    "The save runs in one Dexie transaction: it reads the clock state in one round trip, validates with zod, and writes the record beside its outbox entry. What is left over the floor is the work the floor does not do: three object stores instead of one (the record with its two indexes, the outbox entry with its compound index and a second copy of the record, the clock), the read of the clock state, the zod check and Dexie's transaction machinery. A native IndexedDB write path measured 2.7-3.2x (one request round instead of Dexie's five or six) but was not kept: the storage layer stays on Dexie, a well-kept library, rather than our own IndexedDB code beside it. The three stores' writes alone measured 1.6-2x the floor before any validation, so 2x needs the outbox entry to stop carrying a copy of the record or the clock to leave the transaction, both changes to the sync design. Each sample times 5 sequential saves (Chromium's timer is 0.1 ms).",
};

/**
 * The "Floors" section: for each goal of issue 22 and each budget not met, the
 * floor measured in this run and the remaining gap.
 */
function floors(all: BenchRow[]): string[] {
  const out = ['## Floors', ''];
  for (const g of GOALS) {
    const r = all.find(g.match);
    if (!r || r.ratio === null) continue;
    if (r.ratio <= g.maxRatio && r.pass !== false) {
      out.push(`- **${g.label}**: ${fmt(r.ratio)}× its floor (goal ≤ ${g.maxRatio}×): met.`);
      continue;
    }
    out.push(
      `- **${g.label}** (${unitOf(r, r.value)} vs floor ${unitOf(r, r.baseline)}: ${fmt(r.ratio)}×, goal ≤ ${g.maxRatio}×${r.pass === false ? `; budget ${r.budget} not met` : ''}; remaining gap ${unitOf(r, r.value - g.maxRatio * (r.baseline ?? 0))}). ${WHY[g.label]?.(r, all) ?? ''}`,
    );
  }
  const captures = all.filter((r) => r.group === 'bundle' && r.name.startsWith('capture'));
  const capture = captures.filter((r) => r.pass === false).sort((a, b) => b.value - a.value)[0];
  if (capture)
    out.push(
      `- **Capture script** (${capture.name}: ${unitOf(capture, capture.value)} vs 25 KiB; remaining gap ${unitOf(capture, capture.value - 25 * 1024)}). It is all our own code: one unlisted script per site (extension/capture/scripts.ts), each with its own extractor, the generic page extractor (its fallback and spare) and the shared DOM and clipping helpers, no library.`,
    );
  const panel = all.find((r) => r.group === 'bundle' && r.name.startsWith('side panel'));
  if (panel && panel.pass === false) {
    const classic = /with classic zod: ([\d.]+) KiB/.exec(panel.note ?? '')?.[1];
    out.push(
      `- **Side panel first-paint JS** (${unitOf(panel, panel.value)} vs 350 KB; floor ${unitOf(panel, panel.baseline)}; remaining gap ${unitOf(panel, panel.value - 350_000)}). A hello-world panel on the libraries the panel uses (React + ReactDOM, Dexie with dexie-react-hooks, zod 4's \`zod/mini\`: one live Dexie read, one zod parse, one list), bundled and minified in this run, takes ${unitOf(panel, panel.baseline)} (with classic zod: ${classic ?? '?'} KiB), which leaves about ${panel.baseline === null ? '?' : unitOf(panel, 350_000 - panel.baseline)} for the product code under 350 KB; the product code on first paint is ${panel.baseline === null ? '?' : unitOf(panel, panel.value - panel.baseline)}. Every schema the panel loads is on \`zod/mini\` (one classic zod schema anywhere in the panel, even in a lazy chunk, puts most of zod's core into the first chunk: Rollup tree-shakes over the whole build, and the zod core modules the first chunk needs keep every part that any chunk uses). What first paint still carries beyond the floor: the Capture tab with its form fields and coach (shared/coach.ts), the labels of shared/case.ts, the four sites' role rules (extension/extractors/*/role.ts; the extractors themselves are lazy since each rule has its own module: 434.3 KiB before that split, 407.7 KiB after), the rubric presets (useCaseData), the local write path (Dexie schema, HLC, outbox, ulid) and the part of zod's core that the shared schemas use (ISO times, URLs, e-mails, unions, records, pipes). Lazy: the other tabs, the sync client and API client (the sync dot and the session load after first paint), the first-run card, the extractors' page code. Measured per library in the build: react-dom about 181 KB, dexie 101 KB, zod 43 KB (core, mini and the English locale), react 9 KB, scheduler 4 KB, about 337 KB before any of our code; so 350 KB leaves about 13 KB for the Capture tab, its form, the rubric and the write path, which no split reaches. Meeting it takes a lighter renderer (preact/compat is about 170 KiB smaller than React + ReactDOM; it broke controlled inputs when tried) or a first paint without Dexie or zod, which the rule that every stored record is parsed with its schema rules out. \`npm run check:size\` holds the panel at a ratchet (420,000 bytes) until then.`,
    );
  }
  for (const r of all.filter((x) => x.pass === false)) {
    if (GOALS.some((g) => g.match(r)) || captures.includes(r) || r === panel) continue;
    out.push(`- **${r.name}**: over budget in this run; no floor analysis yet.`);
  }
  if (out.length === 2) out.push('Every measure meets its budget and goal in this run.');
  return [...out, ''];
}

const unitOf = (r: BenchRow, v: number | null) =>
  v === null ? '–' : r.unit === 'bytes' ? `${(v / 1024).toFixed(1)} KiB` : `${fmt(v)} ${r.unit}`;
const lines = [
  '# Benchmark results',
  '',
  `Measured ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, by \`npm run bench\` (${((Date.now() - started) / 1000).toFixed(0)} s). Each value is the median of the runs shown; the baseline was measured in the same run, interleaved with the measure.`,
  '',
  '| group | measure | value | baseline | ratio | budget | pass | runs | note |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.group} | ${r.name} | ${unitOf(r, r.value)} | ${r.baseline === null ? r.baselineName : `${unitOf(r, r.baseline)} (${r.baselineName})`} | ${r.ratio === null ? '–' : `${fmt(r.ratio)}×`} | ${r.budget} | ${r.pass === null ? '–' : r.pass ? 'pass' : '**fail**'} | ${r.runs} | ${r.note ?? ''} |`,
  ),
  '',
  ...floors(rows),
];
if (!only) {
  writeFileSync(resolve(ROOT, 'bench/RESULTS.md'), lines.join('\n'));
  writeFileSync(
    resolve(ROOT, 'bench/RESULTS.json'),
    JSON.stringify({ measuredAt: new Date().toISOString(), rows }, null, 2) + '\n',
  );
} else console.log(`(--only ${[...only].join(',')}: bench/RESULTS.md left as it was)`);
console.log(`\n${lines.join('\n')}`);
const failed = rows.filter((r) => r.pass === false);
if (failed.length) console.log(`${failed.length} measure(s) over budget: see bench/RESULTS.md`);
