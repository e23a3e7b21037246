/**
 * The sync status in the panel header: a small dot and a word or two, for a
 * signed-in user only (nothing syncs otherwise). One state at a time, from the
 * device's stored sync status (db/meta.ts `syncStatus`) and the outbox:
 * syncing, error (with one "Retry" button; never beside a "Sync now"),
 * offline, pending N, synced.
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { db, type SyncStatus } from '../db/index';
import { getSyncStatus } from '../db/device-state';
import { pendingCount } from '../db/queries';
import { requestSync } from '../sync/index';

/** The header's sync states. */
export type SyncState = 'syncing' | 'error' | 'offline' | 'pending' | 'synced' | 'idle';

/**
 * Which one state the header shows: syncing while a sync the user asked for
 * runs; offline when the browser says so or the last failure was a network
 * one; error for any other failure; pending when changes wait; synced after a
 * successful sync with nothing waiting; idle before the first sync.
 */
export function syncState(
  status: SyncStatus | undefined,
  pending: number,
  online: boolean,
  syncing: boolean,
): SyncState {
  if (syncing) return 'syncing';
  if (!online || (status?.lastError && status.lastErrorCode === 'network')) return 'offline';
  if (status?.lastError) return 'error';
  if (pending > 0) return 'pending';
  return status?.lastSyncedAt ? 'synced' : 'idle';
}

function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine !== false));
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    addEventListener('online', on);
    addEventListener('offline', off);
    return () => {
      removeEventListener('online', on);
      removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** The header's sync dot; render it only when signed in. */
export function SyncDot() {
  const status = useLiveQuery(() => getSyncStatus(db), []);
  const pending = useLiveQuery(() => pendingCount(), []) ?? 0;
  const online = useOnline();
  const [syncing, setSyncing] = useState(false);
  const state = syncState(status, pending, online, syncing);

  async function retry() {
    setSyncing(true);
    try {
      await requestSync();
    } catch {
      // The stored status carries the error; the dot shows it.
    } finally {
      setSyncing(false);
    }
  }

  const label: Record<SyncState, string> = {
    syncing: 'Syncing…',
    error: 'Sync failed',
    offline: pending > 0 ? `Offline · ${pending} pending` : 'Offline',
    pending: `${pending} pending`,
    synced: 'Synced',
    idle: 'Not synced yet',
  };
  const title = state === 'error' && status?.lastError ? status.lastError : label[state];
  return (
    <span className={`sync-dot ${state}`} data-testid="sync-dot" data-state={state} title={title}>
      <span className="dot" aria-hidden="true" />
      <span role="status">{label[state]}</span>
      {state === 'error' && (
        <button type="button" className="link-button small" data-testid="sync-retry" onClick={() => void retry()}>
          Retry
        </button>
      )}
    </span>
  );
}
