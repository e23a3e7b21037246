/**
 * `npm run demo`: walks the whole Casebook journey in headless Chromium with
 * the built extension on a real GitHub pull request page (served offline at
 * its real URL), against a fresh local worker, and prints what happened.
 * Then the history import: a year of pull requests from a local fake GitHub
 * (scripts/fakes/github.ts, never a real GitHub host) into the Inbox, a few of
 * them accepted; prints how long the import took.
 * Screenshots land in .output/demo/.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { runJourney } from './lib/journey';
import { buildExtension, migrateLocal, ROOT, startLocalWorker, type LocalWorker } from './lib/env';
import { launchWithExtension } from './lib/browser';
import { runInboxFlow } from './lib/inbox-flow';
import { startFakeGitHub } from './fakes/github';

const port = Number(process.env.CASEBOOK_DEMO_PORT ?? 8798);
const server = `http://127.0.0.1:${port}`;
const fakeGithubPort = Number(process.env.CASEBOOK_DEMO_FAKE_GITHUB_PORT ?? 8852);
const FAKE_TOKEN = 'github_pat_demo_0123456789abcdefghij';
const outDir = resolve(ROOT, '.output/demo');
const persistTo = resolve(ROOT, '.wrangler/demo-state');
let worker: LocalWorker | undefined;
const started = Date.now();
const at = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

try {
  rmSync(persistTo, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
  migrateLocal({ persistTo });
  const ext = buildExtension({
    server,
    outDir: '.output/demo-build',
    e2e: true,
    githubApi: `http://127.0.0.1:${fakeGithubPort}`,
  });
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
  await importStep(ext);
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  if (worker) console.error(`--- wrangler output ---\n${worker.log().slice(-4000)}`);
  process.exitCode = 1;
} finally {
  await worker?.stop();
}

/**
 * The history import: a year of PRs (120 written, 60 reviewed) from the local
 * fake GitHub into the Inbox; one accepted with a claim, one dismissed, two
 * accepted as drafts. Prints how long the import took.
 */
async function importStep(ext: string): Promise<void> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const fake = await startFakeGitHub({
    port: fakeGithubPort,
    login: 'casey-demo',
    authored: 120,
    reviewed: 60,
    token: FAKE_TOKEN,
    from: day(-364),
    to: day(-1),
  });
  const { context, extensionId } = await launchWithExtension(ext, resolve(outDir, 'inbox-profile'));
  try {
    const flow = await runInboxFlow({
      context,
      extensionId,
      token: FAKE_TOKEN,
      outDir,
      claim: 'I split the billing API migration into three reviewable steps and drove it to merge.',
      impact: 'No downtime during the cut-over; two teams reused the plan.',
      log: (l) => console.log(`[${at()}] inbox: ${l}`),
    });
    console.log(`
First import of a year: ${flow.imported} candidates in ${(flow.importMs / 1000).toFixed(1)} s (${fake.requests()} requests to the fake GitHub at ${fake.url})
Accepted:        "${flow.accepted.title}" with a claim; ${flow.drafts.length} as drafts (Needs claim); dismissed "${flow.dismissed.title}"
Screenshots:     ${flow.screenshots.light}
                 ${flow.screenshots.dark}
                 ${flow.screenshots.narrow}
                 ${flow.screenshots.triage}`);
  } finally {
    await context.close();
    await fake.close();
  }
}
