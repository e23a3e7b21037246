/**
 * The server's clock as the sync client sees it. Every sync answer carries the
 * server's time in its `Date` header (worker/routes/sync.ts); a fetch wrapped
 * with `ServerClock.wrap` records it, so the client can tell how far its own
 * clock is off and re-stamp pending changes the server refused as being from
 * the future (400 `hlc_in_future`).
 */

/** A device clock within this distance (ms) of the server's is left alone (the Date header has 1 s resolution). */
export const CLOCK_TOLERANCE_MS = 30_000;

/** Tracks the newest server time seen in a `Date` header. */
export class ServerClock {
  private observed: { serverMs: number; localMs: number } | null = null;

  /** @param localNow this device's wall clock, ms since the epoch. */
  constructor(private readonly localNow: () => number = () => Date.now()) {}

  /**
   * Records the server time of an answer from its `Date` header value (an
   * HTTP date); ignores a missing or unreadable value.
   */
  observe(dateHeader: string | null): void {
    if (!dateHeader) return;
    const serverMs = Date.parse(dateHeader);
    if (Number.isNaN(serverMs)) return;
    this.observed = { serverMs, localMs: this.localNow() };
  }

  /** The server's time now (ms), extrapolated from the last observation, or null before any. */
  serverNow(): number | null {
    if (!this.observed) return null;
    return this.observed.serverMs + (this.localNow() - this.observed.localMs);
  }

  /**
   * Server time minus local time (ms), or null before any observation. The
   * Date header is whole seconds, so the value is accurate to about a second
   * plus the request's latency.
   */
  offsetMs(): number | null {
    const server = this.serverNow();
    return server === null ? null : server - this.localNow();
  }

  /** A fetch that calls `inner` and observes the `Date` header of every answer. */
  wrap(inner: typeof fetch): typeof fetch {
    return async (input, init) => {
      const res = await inner(input, init);
      this.observe(res.headers.get('date'));
      return res;
    };
  }
}

/**
 * The correction (ms) to add to this device's clock, from a measured
 * `offsetMs`: 0 when within `CLOCK_TOLERANCE_MS`, else the offset rounded to
 * the second.
 */
export function clockCorrection(offsetMs: number): number {
  return Math.abs(offsetMs) <= CLOCK_TOLERANCE_MS ? 0 : Math.round(offsetMs / 1000) * 1000;
}
