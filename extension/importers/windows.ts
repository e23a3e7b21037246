/**
 * Date windows for GitHub search qualifiers (docs/DESIGN.md "History import and the inbox"): a
 * window is an inclusive range of whole UTC seconds, written into a query as
 * `merged:2025-01-01T00:00:00Z..2025-06-30T23:59:59Z`. The search API answers at most 1,000 results a
 * query, so a window holding more is split until every part is complete.
 */

/** An inclusive range of UTC epoch seconds. */
export interface Window {
  from: number;
  to: number;
}

/** The window covering the UTC days `from`..`to` (`YYYY-MM-DD`, inclusive). */
export function dayWindow(from: string, to: string): Window {
  return { from: Date.parse(`${from}T00:00:00Z`) / 1000, to: Date.parse(`${to}T23:59:59Z`) / 1000 };
}

/** `seconds` as `YYYY-MM-DDTHH:MM:SSZ` (the form GitHub's search qualifiers take). */
export function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The qualifier value for `w`: `FROM..TO` with UTC datetimes. */
export function rangeQualifier(w: Window): string {
  return `${isoSeconds(w.from)}..${isoSeconds(w.to)}`;
}

/**
 * Splits `w` into `parts` (at least 2) contiguous, non-overlapping windows of near-equal length;
 * a one-second window cannot be split and is returned alone.
 */
export function splitWindow(w: Window, parts = 2): Window[] {
  const span = w.to - w.from + 1;
  const n = Math.max(1, Math.min(Math.floor(parts), span));
  if (n < 2) return [w];
  const out: Window[] = [];
  let start = w.from;
  for (let i = 1; i <= n; i++) {
    const end = i === n ? w.to : w.from + Math.floor((span * i) / n) - 1;
    out.push({ from: start, to: end });
    start = end + 1;
  }
  return out;
}

/**
 * How many parts to split a window of `total` results into so that each part likely holds at most
 * `cap` (the search API's 1,000): results are rarely spread evenly, so aim at 80 % of the cap.
 */
export function partsFor(total: number, cap = 1000): number {
  return Math.max(2, Math.ceil(total / (cap * 0.8)));
}
