/** React hook: the sync server in effect (the Settings override or the build-time default). */
import { useEffect, useState } from 'react';
import { getServerOrigin, watchServerOrigin } from '../api/session';

/** The server origin in effect, following changes from any context; null while loading. */
export function useServerOrigin(): string | null {
  const [origin, setOrigin] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    void getServerOrigin().then((o) => alive && setOrigin(o));
    const unwatch = watchServerOrigin(setOrigin);
    return () => {
      alive = false;
      unwatch();
    };
  }, []);
  return origin;
}
