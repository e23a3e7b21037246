/**
 * Measuring helpers for the benchmark suite: medians of repeated runs and the
 * result rows written to bench/RESULTS.md and bench/RESULTS.json. Every
 * measure is paired with a baseline taken in the same run, so ratios stay
 * meaningful on a noisy machine.
 */

/** One line of the results table. Times in milliseconds, sizes in bytes. */
export interface BenchRow {
  /** Which part of the product (capture, save, search, panel, sync, worker, bundle, memory). */
  group: string;
  /** What was measured, e.g. `extract github-pr--merged-files-tab-2019`. */
  name: string;
  /** Median of the measure (unit below). */
  value: number;
  /** Median of the baseline measured in the same run (same unit), or null when there is none. */
  baseline: number | null;
  /** What the baseline is, e.g. `DOMParser only`. */
  baselineName: string;
  /** `value / baseline` (or the inverse for rates: see `ratioNote`). */
  ratio: number | null;
  unit: 'ms' | 'bytes' | 'ops/s' | 'MiB' | 'requests';
  /** The budget from docs/DESIGN.md in words, e.g. `< 20 ms`. */
  budget: string;
  /** Whether the budget is met; null when the row is informational. */
  pass: boolean | null;
  /** Runs behind the median. */
  runs: number;
  note?: string;
}

/** Median of a non-empty list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Times `fn` `runs` times after `warmup` untimed calls; returns every sample (ms).
 * Baseline and measure should be interleaved by the caller when possible.
 */
export async function sample(fn: () => unknown, runs: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** A clock for `paired`: `start()` takes a reading, `since(reading)` the ms elapsed. */
interface Clock<T> {
  start: () => T;
  since: (start: T) => number;
}

/** Wall time (performance.now). */
const WALL: Clock<number> = { start: () => performance.now(), since: (t) => performance.now() - t };

/** CPU time of this process, user + system (process.cpuUsage), in ms. Node only. */
const CPU: Clock<NodeJS.CpuUsage> = {
  start: () => process.cpuUsage(),
  since: (t) => {
    const c = process.cpuUsage(t);
    return (c.user + c.system) / 1000;
  },
};

/** Runs `measure` and `baseline` alternately on `clock` after `warmup` untimed pairs; their medians in ms. */
async function pairedOn<T>(
  clock: Clock<T>,
  measure: () => unknown,
  baseline: () => unknown,
  runs: number,
  warmup: number,
): Promise<{ value: number; baseline: number }> {
  for (let i = 0; i < warmup; i++) {
    await baseline();
    await measure();
  }
  const m: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = clock.start();
    await baseline();
    b.push(clock.since(t));
    t = clock.start();
    await measure();
    m.push(clock.since(t));
  }
  return { value: median(m), baseline: median(b) };
}

/**
 * Times `measure` and `baseline` alternately (so both see the same machine load)
 * and returns their medians in ms.
 */
export function paired(
  measure: () => unknown,
  baseline: () => unknown,
  runs: number,
  warmup = 2,
): Promise<{ value: number; baseline: number }> {
  return pairedOn(WALL, measure, baseline, runs, warmup);
}

/**
 * Like `paired`, but in CPU time of this process (user + system, from
 * `process.cpuUsage`, ms) instead of wall time: on a loaded machine a task of a
 * few ms is preempted several times and its wall time says more about the load
 * than about the code. Workers bill CPU time too. Node only.
 */
export function pairedCpu(
  measure: () => unknown,
  baseline: () => unknown,
  runs: number,
  warmup = 2,
): Promise<{ value: number; baseline: number }> {
  return pairedOn(CPU, measure, baseline, runs, warmup);
}

/** Rounds for display: 3 significant digits below 100, integers above. */
export function fmt(n: number | null): string {
  if (n === null || Number.isNaN(n)) return '–';
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return Number(n.toPrecision(3)).toString();
}
