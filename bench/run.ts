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
const rows: BenchRow[] = [];
const step = async (label: string, fn: () => Promise<BenchRow[]> | BenchRow[]) => {
  const t = Date.now();
  process.stdout.write(`bench: ${label}... `);
  const got = await fn();
  rows.push(...got);
  console.log(`${got.length} row(s) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
};

const ext = buildExtension({ server: 'http://127.0.0.1:8787', outDir: '.output/bench-build' });
await step('bundle sizes', () => benchBundles(ext));
await step('worker rendering', () => benchRender());
const { browser, page } = await openBenchPage();
try {
  await step('extraction in Chromium', () => benchExtraction(page));
  await step('local save path in Chromium', () => benchSave(page));
  await step('search module in Chromium', () => benchSearch(page));
  await step('bulk accept from the inbox in Chromium', () => benchBulkAccept(page));
} finally {
  await browser.close();
}
await step('side panel with 10,000 items in Chromium', () => benchPanel(ext));
await step('sync push vs raw D1 insert', () => benchSync());
await step('history import from the local fake GitHub', () => benchImport());

/**
 * The "Floors" section: for each measure over budget, what the baseline (the floor
 * measured in this run) says and what stands between the product and the budget.
 */
function floors(all: BenchRow[]): string[] {
  const failed = all.filter((r) => r.pass === false);
  const out = ['## Floors', ''];
  if (!failed.length) return [...out, 'Every measure with a budget meets it in this run.', ''];
  const find = (group: string) => failed.find((r) => r.group === group);
  const bundle = failed.find((r) => r.group === 'bundle' && r.name.startsWith('side panel'));
  if (bundle)
    out.push(
      `- **Side panel bundle** (${(bundle.value / 1024).toFixed(0)} KiB vs 350 KB). A hello-world panel on the libraries the design names (React + ReactDOM, Dexie with dexie-react-hooks, zod 4: one live Dexie read, one zod parse, one list), bundled and minified in this run, already takes ${bundle.baseline === null ? '?' : (bundle.baseline / 1024).toFixed(0)} KiB; the product code on top is ${bundle.baseline === null ? '?' : ((bundle.value - bundle.baseline) / 1024).toFixed(0)} KiB (the Capture tab, the panel side of capture with its validation, the shared schemas and case logic); every other tab is a lazy chunk and \`deriveRole\` no longer pulls the extractor registry (extension/extractors/role.ts). ${bundle.baseline !== null && bundle.baseline > 350 * 1024 ? 'That floor is over the 350 KB budget by itself, so the budget cannot be met with the libraries docs/DESIGN.md names; the product code is kept small on top of it.' : 'The product code has to fit in what the floor leaves.'} The lever left is preact/compat (about 170 KiB less): tried in this session, it broke controlled inputs (first keystrokes lost after async state loads) in the unit tests and the Chromium panel test, so it was not kept.`,
    );
  const open = find('panel');
  if (open)
    out.push(
      `- **Panel open with 10,000 items** (${fmt(open.value)} ms vs 500 ms; floor ${fmt(open.baseline)} ms). The floor page only reads the 10,000 records with one getAll and paints 40 plain rows; on this 2-core machine that alone takes ${fmt(open.baseline)} ms, and the figure moves by ±100 ms between runs with the load of other processes. The panel already paints its first screen from an indexed read of the newest 40 items (listNewestEvidence) before it reads and validates the whole list; the rest is parsing and starting ~490 KiB of JS, mounting React and loading the Library chunk. It sits at about ${fmt(open.ratio)}× the floor; the bundle work above is the next step.`,
    );
  const key = failed.find((r) => r.group === 'search' && r.name.startsWith('Library'));
  if (key) {
    const mod = all.find((r) => r.group === 'search' && r.name.startsWith('search module'));
    out.push(
      `- **Search keystroke in the panel** (${fmt(key.value)} ms vs 16 ms; plain Array.filter ${fmt(key.baseline)} ms). The search itself (index lookup, sync and filterEvidence) takes ${mod ? fmt(mod.value) : '?'} ms on its slowest prefix${mod ? ` (${mod.pass ? 'within' : 'over'} budget)` : ''}; the rest of the keystroke is React rendering the Library and the virtualised list, and waiting for the next frame (the query is no longer deferred: one render, one frame instead of two, about 31 ms to about 10 ms a typical key). Where it goes is measured here (module row vs panel row); cutting the render (memoised rows, a lighter renderer) is open work.`,
    );
  }
  for (const r of failed) {
    if (r === bundle || r === open || r === key) continue;
    out.push(`- **${r.name}**: over budget in this run; no floor analysis yet.`);
  }
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
writeFileSync(resolve(ROOT, 'bench/RESULTS.md'), lines.join('\n'));
writeFileSync(
  resolve(ROOT, 'bench/RESULTS.json'),
  JSON.stringify({ measuredAt: new Date().toISOString(), rows }, null, 2) + '\n',
);
console.log(`\n${lines.join('\n')}`);
const failed = rows.filter((r) => r.pass === false);
if (failed.length) console.log(`${failed.length} measure(s) over budget: see bench/RESULTS.md`);
