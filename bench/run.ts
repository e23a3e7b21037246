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
import { benchExtraction, benchSave, openBenchPage } from './chromium';
import { benchRender } from './render';
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
} finally {
  await browser.close();
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
];
writeFileSync(resolve(ROOT, 'bench/RESULTS.md'), lines.join('\n'));
writeFileSync(
  resolve(ROOT, 'bench/RESULTS.json'),
  JSON.stringify({ measuredAt: new Date().toISOString(), rows }, null, 2) + '\n',
);
console.log(`\n${lines.join('\n')}`);
const failed = rows.filter((r) => r.pass === false);
if (failed.length) console.log(`${failed.length} measure(s) over budget: see bench/RESULTS.md`);
