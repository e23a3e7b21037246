/**
 * Changes that could not sync and were set aside (extension/sync/attention.ts): each
 * with what it is, why the server (or this browser) refused it, and Retry (back in the
 * queue) or Discard (with a confirmation: the change then stays on this device only).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../../db/index';
import type { OutboxEntry } from '../../db/index';
import { discardAttention, listAttention, retryAttention } from '../../sync/attention';
import { requestSync } from '../../sync/index';

const COLLECTION_NAMES: Record<string, string> = {
  evidence: 'Evidence',
  weeklyLogs: 'Weekly log',
  goals: 'Goal',
  settings: 'Settings',
};

/** A short name for a set-aside change: its record's title (or week, description), else its collection and id. */
export function describeEntry(e: OutboxEntry): string {
  const d = e.data ?? {};
  const name = [d['title'], d['week'], d['description']].find((v): v is string => typeof v === 'string' && v !== '');
  const what = COLLECTION_NAMES[e.collection] ?? e.collection;
  const op = e.op === 'delete' ? ' (deletion)' : '';
  return `${what}${op}: ${name ? name.slice(0, 120) : e.id}`;
}

/** The list of set-aside changes; renders nothing when there are none. */
export function AttentionCard() {
  const entries = useLiveQuery(() => listAttention(db), []);
  const [confirming, setConfirming] = useState<number | null>(null);
  if (!entries || entries.length === 0) return null;
  return (
    <section className="card attention" aria-labelledby="attention-title" data-testid="attention">
      <h2 className="card-title" id="attention-title">
        {entries.length === 1 ? '1 change needs attention' : `${entries.length} changes need attention`}
      </h2>
      <p className="muted small">
        These changes could not be synced, so they were set aside; everything else keeps syncing. They are safe on this
        device.
      </p>
      <ul className="attention-list">
        {entries.map((e) => (
          <li key={e.seq} data-testid="attention-item">
            <p className="attention-name">{describeEntry(e)}</p>
            <p className="muted small">{e.attention?.message}</p>
            {confirming === e.seq ? (
              <span className="confirm">
                <span className="small">Stop syncing this change? It stays on this device only.</span>{' '}
                <button
                  type="button"
                  className="button danger small"
                  data-testid="attention-discard-confirm"
                  onClick={() => void discardAttention(db, e.seq).then(() => setConfirming(null))}
                >
                  Discard
                </button>
                <button type="button" className="link-button small" onClick={() => setConfirming(null)}>
                  Keep
                </button>
              </span>
            ) : (
              <span className="actions">
                <button
                  type="button"
                  className="button secondary small"
                  data-testid="attention-retry"
                  onClick={() => void retryAttention(db, e.seq).then(() => requestSync())}
                >
                  Retry
                </button>
                <button
                  type="button"
                  className="link-button small"
                  data-testid="attention-discard"
                  onClick={() => setConfirming(e.seq)}
                >
                  Discard…
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
