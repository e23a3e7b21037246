/**
 * Hybrid logical clocks in Casebook's string form
 * `<UTC ISO-8601 with ms>-<4 hex digit counter>-<deviceId>`, e.g.
 * `2026-11-20T09:15:02.114Z-0000-01JD3K8Q2VZ7`. Comparing two strings with `<`
 * compares the clocks (same-length time and counter fields).
 */

/** Clock state a device persists between writes. */
export interface HlcState {
  /** Wall-clock part, milliseconds since the epoch. */
  millis: number;
  /** Logical counter, 0 to 0xffff. */
  counter: number;
}

const HLC_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9A-Za-z]+)$/;

/** Formats a clock as its string form. */
export function formatHlc(state: HlcState, deviceId: string): string {
  return `${new Date(state.millis).toISOString()}-${state.counter.toString(16).padStart(4, '0')}-${deviceId}`;
}

/**
 * Parses an HLC string.
 * @throws Error when the string is not an HLC or its time is not a real
 *   instant (it must round-trip through `new Date(t).toISOString()`).
 */
export function parseHlc(hlc: string): HlcState & { deviceId: string } {
  const m = HLC_RE.exec(hlc);
  if (!m) throw new Error(`not a hybrid logical clock: ${hlc}`);
  const millis = Date.parse(m[1]!);
  // An impossible time (e.g. 9999-99-99T99:99:99.999Z) parses to NaN or rolls over: refuse it.
  if (!Number.isFinite(millis) || new Date(millis).toISOString() !== m[1]) {
    throw new Error(`hybrid logical clock with an impossible time: ${hlc}`);
  }
  return { millis, counter: parseInt(m[2]!, 16), deviceId: m[3]! };
}

/**
 * Advances the clock for a local event at wall time `now` (ms).
 * @throws Error when the counter would overflow 0xffff.
 */
export function tickHlc(state: HlcState, now: number): HlcState {
  if (now > state.millis) return { millis: now, counter: 0 };
  if (state.counter >= 0xffff) throw new Error('hybrid logical clock counter overflow');
  return { millis: state.millis, counter: state.counter + 1 };
}

/** Merges a remote clock into local state on receipt (so later local writes sort after it). */
export function receiveHlc(state: HlcState, remote: string, now: number): HlcState {
  const r = parseHlc(remote);
  const millis = Math.max(state.millis, r.millis, now);
  let counter: number;
  if (millis === state.millis && millis === r.millis) counter = Math.max(state.counter, r.counter) + 1;
  else if (millis === state.millis) counter = state.counter + 1;
  else if (millis === r.millis) counter = r.counter + 1;
  else counter = 0;
  return { millis, counter: Math.min(counter, 0xffff) };
}

/** Wall time (ms) of an HLC string. */
export function hlcMillis(hlc: string): number {
  return parseHlc(hlc).millis;
}
