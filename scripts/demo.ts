/**
 * `npm run demo`: walks the whole Casebook journey in headless Chromium with
 * the built extension on a real GitHub pull request page (served offline at
 * its real URL), against a fresh local worker, and prints what happened.
 * Screenshots land in .output/demo/.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { runJourney } from './lib/journey';
import { buildExtension, migrateLocal, ROOT, startLocalWorker, type LocalWorker } from './lib/env';

const port = Number(process.env.CASEBOOK_DEMO_PORT ?? 8798);
const server = `http://127.0.0.1:${port}`;
const outDir = resolve(ROOT, '.output/demo');
const persistTo = resolve(ROOT, '.wrangler/demo-state');
let worker: LocalWorker | undefined;
const started = Date.now();
const at = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

try {
  rmSync(persistTo, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
  migrateLocal({ persistTo });
  const ext = buildExtension({ server, outDir: '.output/demo-build', e2e: true });
  console.log(`[${at()}] extension built: ${ext}`);
  worker = await startLocalWorker({ port, persistTo, environment: 'development' });
  console.log(`[${at()}] worker ready: ${server}`);
  const r = await runJourney({ ext, server, outDir, log: (l) => console.log(`[${at()}] ${l}`) });
  console.log(`
Digest subject:  ${r.digest.subject}
Share URL:       ${r.shareUrl}   (revoked at the end: now ${r.revokedStatus})
Screenshots:     ${r.screenshots.sidePanel}
                 ${r.screenshots.sharePage}
Step timings (ms since browser start): ${JSON.stringify(r.timings)}`);
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  if (worker) console.error(`--- wrangler output ---\n${worker.log().slice(-4000)}`);
  process.exitCode = 1;
} finally {
  await worker?.stop();
}
