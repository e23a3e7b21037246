/**
 * The "import" rows of `npm run bench` (docs/DESIGN.md budgets): `importHistory` of 12 months with
 * 1,200 authored and 300 reviewed PRs from the local fake GitHub API (scripts/fakes/github.ts, with
 * GitHub's limits of 30 searches a minute and 5,000 requests an hour enforced on the fake's clock).
 * - Importer's own time: the run's wall time minus the time spent inside the in-process fake (its
 *   answers), with a sleep that records rate-limit waits and moves the fake's clock instead of
 *   waiting (waits reported apart). Baseline, same run: JSON.parse + zod parse of the very bodies the
 *   fake answered (pages with `GithubSearchPage` + `GithubSearchItem`, review lists with `RestReview`),
 *   without the importer's logic.
 * - Requests: what the run made against the minimum the windows and pages need, computed from the
 *   fake's data (`minimumRequests`).
 * A last run goes over real HTTP to the fake server on 127.0.0.1 (wall time in the note).
 */
import { RestReview } from '../extension/extractors/github-pr/rest';
import { importHistory } from '../extension/importers';
import { fakeGitHubFetch, startFakeGitHub } from '../scripts/fakes/github';
import { minimumRequests } from '../scripts/fakes/github-data';
import { GithubSearchItem, GithubSearchPage, parseItems } from '../shared/import';
import { median, type BenchRow } from './lib/stats';

const LOGIN = 'casey-dev';
const OPTS = { login: LOGIN, authored: 1200, reviewed: 300, token: 'bench-token' } as const;
const REQUEST = { source: 'github', login: LOGIN, token: 'bench-token', from: '2025-12-01', to: '2026-11-30' } as const;
const RUNS = 5;

/** One import against a fresh in-process fake: own time, time in the fake, waits, requests and the bodies answered. */
async function once() {
  let clock = Date.parse('2026-12-01T09:00:00Z');
  const now = () => new Date(clock);
  const waits: number[] = [];
  const fake = fakeGitHubFetch({ ...OPTS, now, rateLimit: { enforce: true } });
  const bodies: { url: string; text: string }[] = [];
  let inFake = 0;
  const timed: typeof fetch = async (input, init) => {
    const t = performance.now();
    const res = await fake(input, init);
    const text = await res.text();
    inFake += performance.now() - t;
    bodies.push({ url: String(input), text });
    return new Response(text, { status: res.status, headers: res.headers });
  };
  const t = performance.now();
  const result = await importHistory(REQUEST, {
    fetch: timed,
    now,
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
  });
  const wall = performance.now() - t;
  return { own: wall - inFake, wall, inFake, waits, result, bodies, data: fake.data };
}

/** The baseline: parse every answered body as the importer must, nothing else. */
function parseOnly(bodies: { url: string; text: string }[]): number {
  const t = performance.now();
  let n = 0;
  for (const b of bodies) {
    const body = JSON.parse(b.text) as unknown;
    if (b.url.includes('/search/issues')) {
      const page = GithubSearchPage.parse(body);
      n += parseItems(page.items, GithubSearchItem).ok.length;
    } else n += parseItems(body as unknown[], RestReview).ok.length;
  }
  if (n < 0) throw new Error('unreachable');
  return performance.now() - t;
}

export async function benchImport(): Promise<BenchRow[]> {
  const own: number[] = [];
  const base: number[] = [];
  let last: Awaited<ReturnType<typeof once>> | undefined;
  for (let i = 0; i < RUNS + 1; i++) {
    const run = await once();
    const b = parseOnly(run.bodies);
    if (i === 0) continue; // warm-up
    own.push(run.own);
    base.push(b);
    last = run;
  }
  const r = last!;
  const found = r.result.candidates;
  const authored = found.filter((c) => c.reason === 'authored').length;
  const reviewed = found.filter((c) => c.reason === 'reviewed').length;
  if (!r.result.complete || r.result.errors.length)
    throw new Error(`bench import failed: ${JSON.stringify(r.result.errors)}`);
  const min = minimumRequests(r.data);

  // The same import over real HTTP (node server on 127.0.0.1), for the note.
  const server = await startFakeGitHub({ ...OPTS, port: 0 });
  let http = 0;
  try {
    const t = performance.now();
    const res = await importHistory({ ...REQUEST, apiBase: server.url });
    http = performance.now() - t;
    if (res.candidates.length !== found.length) throw new Error('bench import over HTTP found a different set');
  } finally {
    await server.close();
  }

  const ownMs = median(own);
  const baseMs = median(base);
  const waited = r.waits.reduce((a, b) => a + b, 0);
  return [
    {
      group: 'import',
      name: 'importHistory, 12 months: 1,200 authored + 300 reviewed PRs (local fake GitHub), importer own time',
      value: ownMs,
      baseline: baseMs,
      baselineName: 'JSON.parse + zod parse of the same answered bodies, no importer logic',
      ratio: ownMs / baseMs,
      unit: 'ms',
      budget: '< 60 s own time (rate-limit waits excluded)',
      pass: ownMs < 60_000,
      runs: own.length,
      note: `found ${authored} authored + ${reviewed} reviewed; wall ${Math.round(r.wall)} ms of which ${Math.round(r.inFake)} ms inside the fake; rate-limit waits ${(waited / 1000).toFixed(0)} s (${r.waits.length}, recorded not waited); over HTTP to 127.0.0.1: ${Math.round(http)} ms wall`,
    },
    {
      group: 'import',
      name: 'importHistory requests, same import',
      value: r.result.requests,
      baseline: min.total,
      baselineName: `minimum the windows and pages need: ${min.authored} authored search + ${min.reviewedSearch} reviewed search + ${min.reviewLists} review lists`,
      ratio: r.result.requests / min.total,
      unit: 'requests',
      budget: 'no more requests than the windows and pages need',
      pass: r.result.requests <= min.total,
      runs: 1,
    },
  ];
}
