/**
 * Worker-side rendering: the share page for 500 items against a bare
 * template-literal page of the same cards, and one user's digest composition
 * against the same baseline over that week's items. Runs in Node's V8 (the
 * engine workerd embeds) and counts CPU time (`pairedCpu`), as Workers bill
 * it, set beside the Workers Free plan's 10 ms CPU budget.
 */
import { renderSharePage } from '../worker/render/share-page';
import { shareModel } from '../worker/render/share-page/model';
import { toCard } from '../shared/packet';
import { composeDigest } from '../worker/render/digest';
import { SENIOR_ENGINEER } from '../shared/rubric';
import { isoWeekOf } from '../shared/week';
import { makeEvidence } from './lib/data';
import { fmt, pairedCpu, type BenchRow } from './lib/stats';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The floor: the same cards as one escaped template literal, no grouping or summary. */
function templateBaseline(items: ReturnType<typeof makeEvidence>): string {
  return `<!doctype html><html><body>${items
    .map(
      (e) =>
        `<article><h3><a href="${esc(e.url)}">${esc(e.title)}</a></h3><p>${esc(e.occurredOn)} · ${esc(e.role)}</p><p>${esc(e.claim)}</p><p>${esc(e.impact)}</p></article>`,
    )
    .join('')}</body></html>`;
}

/** Untimed calls of measure and baseline before sampling (the JIT's steady state, as in a warm isolate). */
const WARMUP = 30;

/** Runs the render benchmarks; `runs` samples each after WARMUP untimed calls. */
export async function benchRender(runs = 30): Promise<BenchRow[]> {
  const items = makeEvidence(500).map(({ privateNote: _drop, ...rest }) => rest);
  const share = {
    ownerName: 'Ada Example',
    label: 'H2 calibration',
    scope: {},
    rubric: SENIOR_ENGINEER,
    evidence: items,
    weeklyLogs: [],
    generatedAt: '2026-11-20T12:00:00.000Z',
    packetUrl: 'http://127.0.0.1:8787/s/token/packet.md',
  };
  // Warm both up like a worker isolate that has served a few requests (2 calls left the
  // share page's code unoptimised and its median 4-6x too high on a loaded machine).
  const s = await pairedCpu(
    () => renderSharePage(share),
    () => templateBaseline(makeEvidenceCache),
    runs,
    WARMUP,
  );
  // Where the page's time goes, in the same run: its model (cards, grouping, coverage,
  // calibration answers, stories) and, inside it, toCard alone (shared/packet.ts).
  const parts = await pairedCpu(
    () => shareModel(share),
    () => items.map(toCard),
    runs,
    WARMUP,
  );

  const now = '2026-11-20T16:00:00.000Z';
  const week = isoWeekOf(now.slice(0, 10));
  const all = makeEvidence(500);
  // A busy week: 12 items this week on top of the history.
  const thisWeek = makeEvidence(12, 7).map((e, i) => ({
    ...e,
    id: `${e.id.slice(0, 20)}WEEK${String(i).padStart(2, '0')}`,
    occurredOn: '2026-11-18',
  }));
  const digestInput = {
    user: { displayName: 'Ada Example', email: 'ada@example.com' },
    week,
    now,
    rubric: SENIOR_ENGINEER,
    evidence: [...all, ...thisWeek],
    weeklyLog: null,
    links: { viewInBrowser: 'http://127.0.0.1:8787/d/token', unsubscribe: 'http://127.0.0.1:8787/unsubscribe/token' },
  };
  const d = await pairedCpu(
    () => composeDigest(digestInput),
    () => templateBaseline(thisWeek),
    runs,
    WARMUP,
  );
  return [
    {
      group: 'worker',
      name: 'share page render, 500 items',
      value: s.value,
      baseline: s.baseline,
      baselineName: 'template literal of the same 500 cards',
      ratio: s.value / s.baseline,
      unit: 'ms',
      budget: '< 10 ms CPU (Workers Free)',
      pass: s.value < 10,
      runs,
      note: `of which the model (toCard, grouping, coverage, calibration, stories) ${fmt(parts.value)} ms, toCard alone ${fmt(parts.baseline)} ms; the markup the rest`,
    },
    {
      group: 'worker',
      name: 'digest composition, one user (512 items, 12 this week)',
      value: d.value,
      baseline: d.baseline,
      baselineName: "template literal of the week's 12 cards",
      ratio: d.value / d.baseline,
      unit: 'ms',
      budget: '< 10 ms CPU (Workers Free)',
      pass: d.value < 10,
      runs,
    },
  ];
}

const makeEvidenceCache = makeEvidence(500);
