/**
 * React hook over the stored session (`browser.storage.local`, key
 * `casebook.session`): the current session, `undefined` while loading, `null`
 * when signed out; follows sign-in/out in any extension context. The session
 * module (and the API client behind it) loads after the first paint, in its own
 * chunk: the panel's first paint does not wait for it (docs/DESIGN.md, budgets).
 */
import { useEffect, useState } from 'react';
import type { Session } from '../api/session';

/** The current session: `undefined` while loading, `null` when signed out. */
export function useSession(): Session | null | undefined {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    let unwatch: (() => void) | undefined;
    void import('../api/session').then(async ({ getSession, watchSession }) => {
      if (!alive) return;
      unwatch = watchSession((s) => setSession(s));
      const s = await getSession();
      if (alive) setSession(s);
    });
    return () => {
      alive = false;
      unwatch?.();
    };
  }, []);
  return session;
}
