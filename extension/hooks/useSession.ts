/**
 * React hook over the stored session (`browser.storage.local`, key
 * `casebook.session`): the current session, `undefined` while loading, `null`
 * when signed out; follows sign-in/out in any extension context.
 */
import { useEffect, useState } from 'react';
import { getSession, watchSession, type Session } from '../api/session';

/** The current session: `undefined` while loading, `null` when signed out. */
export function useSession(): Session | null | undefined {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    void getSession().then((s) => alive && setSession(s));
    const unwatch = watchSession((s) => setSession(s));
    return () => {
      alive = false;
      unwatch();
    };
  }, []);
  return session;
}
