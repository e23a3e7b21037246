/**
 * Bundle sizes: each extension entry as built (minified) and gzipped, and the
 * worker bundle from `wrangler deploy --dry-run`, against docs/DESIGN.md budgets.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as viteBuild } from 'vite';
import { run, WRANGLER_ENV, ROOT } from '../scripts/lib/env';
import { CAPTURE_LIMIT, captureScriptFiles, PANEL_FIRST_PAINT_LIMIT, pageScripts } from '../scripts/lib/bundle-size';
import type { BenchRow } from './lib/stats';

const KiB = 1024;

function sizes(files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const buf = readFileSync(f);
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
  }
  return { raw, gzip };
}

function row(name: string, files: string[], budgetBytes: number | null, budget: string): BenchRow {
  const s = sizes(files);
  return {
    group: 'bundle',
    name,
    value: s.raw,
    baseline: null,
    baselineName: `gzip ${(s.gzip / KiB).toFixed(1)} KiB`,
    ratio: null,
    unit: 'bytes',
    budget,
    pass: budgetBytes === null ? null : s.raw < budgetBytes,
    runs: 1,
  };
}

/**
 * The side panel's library floor: a hello-world panel on React + ReactDOM, Dexie
 * with its React hooks and zod (classic, or `zod/mini`), bundled and minified
 * alone (Vite, production mode), in bytes.
 */
async function libraryFloor(zod: 'zod' | 'zod/mini' = 'zod'): Promise<number> {
  // Built by Vite (Rollup), like the extension, so tree-shaking matches what ships.
  const dir = resolve(ROOT, `node_modules/.cache/bench-floor-${zod.replace('/', '-')}`);
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'floor.js');
  // A hello-world panel on the same libraries: one Dexie table read live, one zod parse, one React list.
  writeFileSync(
    entry,
    [
      "import { createElement } from 'react';",
      "import { createRoot } from 'react-dom/client';",
      "import Dexie from 'dexie';",
      "import { useLiveQuery } from 'dexie-react-hooks';",
      zod === 'zod' ? "import { z } from 'zod';" : "import * as z from 'zod/mini';",
      "const db = new Dexie('floor'); db.version(1).stores({ items: 'id' });",
      'const Item = z.object({ id: z.string(), title: z.string() });',
      "function App() { const rows = useLiveQuery(() => db.table('items').toArray()) ?? [];",
      "  return createElement('ul', null, rows.map((r) => { const i = Item.parse(r); return createElement('li', { key: i.id }, i.title); })); }",
      'createRoot(document.body).render(createElement(App));',
    ].join('\n'),
  );
  const result = (await viteBuild({
    root: dir,
    logLevel: 'silent',
    configFile: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { write: false, minify: true, modulePreload: false, rollupOptions: { input: entry } },
  })) as { output: { type: string; code?: string }[] } | { output: { type: string; code?: string }[] }[];
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  return outputs.reduce((n, o) => n + (o.type === 'chunk' && o.code ? Buffer.byteLength(o.code) : 0), 0);
}

/** Measures the built extension in `extDir` (a chrome-mv3 folder) and bundles the worker. */
export async function benchBundles(extDir: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // One capture script per site (extension/capture/scripts.ts); each one must fit the budget.
  for (const file of captureScriptFiles(extDir)) {
    const name = `capture script (/${basename(file)})`;
    if (!existsSync(file)) throw new Error(`${name} was not built in ${extDir}`);
    const capture = row(name, [file], null, '≤ 25 KiB minified');
    rows.push({ ...capture, pass: capture.value <= CAPTURE_LIMIT });
  }
  const panel = row(
    'side panel JS loaded at first paint (scripts of sidepanel.html)',
    pageScripts(extDir, 'sidepanel.html'),
    PANEL_FIRST_PAINT_LIMIT,
    '< 350 KB minified',
  );
  // The panel's schemas are on zod/mini (shared/primitives.ts), so its fair floor is the zod/mini one.
  const classicFloor = await libraryFloor();
  const floor = await libraryFloor('zod/mini');
  // A new user's panel also fetches the first-run card's chunk before that card shows (App.tsx).
  const firstRun = readdirSync(join(extDir, 'chunks')).filter((f) => f.startsWith('FirstRunCard-'));
  const withCard = panel.value + sizes(firstRun.map((f) => join(extDir, 'chunks', f))).raw;
  rows.push({
    ...panel,
    baseline: floor,
    baselineName: `hello-world panel on React + ReactDOM + Dexie + dexie-react-hooks + zod/mini (${panel.baselineName})`,
    ratio: panel.value / floor,
    note: `product code on top of the floor: ${((panel.value - floor) / KiB).toFixed(1)} KiB; with the first-run card's chunk (a new user): ${(withCard / KiB).toFixed(1)} KiB; the same floor with classic zod: ${(classicFloor / KiB).toFixed(1)} KiB`,
  });
  rows.push(row('background service worker', [join(extDir, 'background.js')], null, 'no budget'));

  const out = mkdtempSync(join(tmpdir(), 'casebook-worker-'));
  run(resolve(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', out], {
    env: WRANGLER_ENV,
    quiet: true,
  });
  const js = readdirSync(out)
    .filter((f) => f.endsWith('.js') || f.endsWith('.mjs'))
    .map((f) => join(out, f));
  if (!js.length || !js.every((f) => existsSync(f) && statSync(f).size > 0))
    throw new Error(`wrangler dry-run wrote no bundle in ${out}`);
  rows.push(row('worker bundle (wrangler deploy --dry-run)', js, 1024 * KiB, '< 1 MiB'));
  return rows;
}
