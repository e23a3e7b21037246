/**
 * A test clock shared by an importer and a fake API: `sleep` records each wait and moves the clock
 * on instead of waiting, so rate-limit waits take no real time.
 */
export function testClock(startIso = '2026-12-01T09:00:00Z') {
  let t = Date.parse(startIso);
  const slept: number[] = [];
  return {
    now: () => new Date(t),
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
    slept,
  };
}
