/** React hook: the wall clock (ms), refreshed every `everyMs` (default 30 s) for relative times. */
import { useEffect, useState } from 'react';

/** Current time in ms since the epoch, re-rendering every `everyMs` milliseconds. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
