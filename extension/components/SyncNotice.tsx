/**
 * A notice above every tab when sync needs the user: changes set aside as needing
 * attention (sync/attention.ts), or an account whose storage is full (413
 * `quota_exceeded`). "Review" opens the Account tab, where each can be seen, retried
 * or discarded.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../db/index';
import { getSyncStatus } from '../db/device-state';

/** The notice; renders nothing while sync needs nothing from the user. */
export function SyncNotice({ onReview }: { onReview: () => void }) {
  const aside = useLiveQuery(() => db.outbox.filter((e) => Boolean(e.attention)).count(), []);
  const status = useLiveQuery(() => getSyncStatus(db), []);
  const full = status?.lastErrorCode === 'quota_exceeded';
  if (!aside && !full) return null;
  const parts: string[] = [];
  if (aside)
    parts.push(
      aside === 1
        ? '1 change could not sync and needs your attention.'
        : `${aside} changes could not sync and need your attention.`,
    );
  if (full) parts.push('Your account’s storage is full: new changes wait on this device.');
  return (
    <div className="banner sync-notice" role="status" data-testid="sync-notice">
      <p>{parts.join(' ')}</p>
      <button type="button" className="button secondary small" data-testid="sync-notice-review" onClick={onReview}>
        Review
      </button>
    </div>
  );
}
