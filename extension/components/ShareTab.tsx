/**
 * Share tab (signed in): create a read-only share link for the manager (shown
 * once, with Copy), list links with their view counts, revoke.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ShareSummary } from '../../shared/schemas';
import { formatDay } from '../../shared/case';
import { createApi, type Session } from '../api/session';
import { ApiError } from '../api/client';
import { useNow } from '../hooks/useNow';
import { errorMessage, timeAgo } from './format';

function shareState(s: ShareSummary, now: number): 'revoked' | 'expired' | 'active' {
  if (s.revokedAt) return 'revoked';
  return Date.parse(s.expiresAt) <= now ? 'expired' : 'active';
}

/** Share tab. `active` is true while the tab is shown (the list refreshes then). */
export function ShareTab({
  session,
  active,
  onSignIn,
}: {
  session: Session | null;
  active: boolean;
  onSignIn: () => void;
}) {
  const api = useMemo(() => createApi(), []);
  const now = useNow();
  const [label, setLabel] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [days, setDays] = useState(30);
  const [created, setCreated] = useState<{ id: string; url: string; expiresAt: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [shares, setShares] = useState<ShareSummary[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const [listVersion, setListVersion] = useState(0);
  /** Asks for a fresh list of shares (after create and revoke). */
  const load = useCallback(() => setListVersion((v) => v + 1), []);

  useEffect(() => {
    if (!session || !active) return;
    let alive = true;
    api.listShares().then(
      (list) => alive && setShares(list),
      (err: unknown) => alive && setError(errorMessage(err)),
    );
    return () => {
      alive = false;
    };
  }, [session, active, api, listVersion]);

  if (!session) {
    return (
      <div className="empty-state">
        <p>
          <strong>Share your case with your manager.</strong>
        </p>
        <p className="muted">
          A read-only link scoped to a period, with an expiry. You see when it is viewed and can revoke it at once.
          Private notes never appear.
        </p>
        <button type="button" className="button primary" onClick={onSignIn}>
          Sign in to share
        </button>
      </div>
    );
  }

  async function create(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      const res = await api.createShare({
        label: label.trim(),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        expiresInDays: days,
      });
      setCreated({ id: res.id, url: res.url, expiresAt: res.expiresAt });
      setLabel('');
      load();
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'invalid_input' ? `Check the form: ${err.message}` : errorMessage(err),
      );
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setCopied(true);
    } catch {
      setError('Copy failed: select the link and copy it by hand.');
    }
  }

  async function revoke(id: string) {
    setError(null);
    try {
      await api.revokeShare(id);
      if (created?.id === id) setCreated(null);
      load();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="share">
      <form className="card" onSubmit={(e) => void create(e)}>
        <h2 className="card-title">New share link</h2>
        <label className="field">
          <span className="label">Label</span>
          <input
            className="input"
            data-testid="share-label"
            value={label}
            required
            maxLength={200}
            placeholder="H2 calibration with Sam"
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
        <div className="row">
          <label className="field">
            <span className="label">
              From <span className="muted">(optional)</span>
            </span>
            <input className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            <span className="label">
              To <span className="muted">(optional)</span>
            </span>
            <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
        </div>
        <div className="actions">
          <label className="inline-field">
            <span className="label">Expires in</span>
            <input
              className="input days-input"
              type="number"
              min={1}
              max={365}
              value={days}
              onChange={(e) => setDays(Math.max(1, Math.min(365, Number(e.target.value) || 30)))}
            />
            <span className="muted">days</span>
          </label>
          <button
            type="submit"
            className="button primary push-right"
            data-testid="share-create"
            disabled={busy || !label.trim()}
          >
            {busy ? 'Creating…' : 'Create link'}
          </button>
        </div>
        {created && (
          <div className="created" role="status">
            <p className="hint">
              Copy it now: the link is shown only once. Expires {formatDay(created.expiresAt.slice(0, 10))}.
            </p>
            <div className="copy-row">
              <input
                className="input mono"
                data-testid="share-url"
                value={created.url}
                readOnly
                aria-label="Share link"
                onFocus={(e) => e.target.select()}
              />
              <button type="button" className="button secondary" onClick={() => void copy()}>
                {copied ? 'Copied' : 'Copy'}
              </button>
            </div>
          </div>
        )}
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <h2 className="section-title">Your links</h2>
      {shares === null ? (
        <p className="muted pad">Loading…</p>
      ) : shares.length === 0 ? (
        <p className="muted pad">No share links yet.</p>
      ) : (
        <ul className="share-list" data-testid="share-list">
          {shares.map((s) => {
            const state = shareState(s, now);
            return (
              <li key={s.id} className={`share-row ${state}`}>
                <div className="share-main">
                  <span className="share-label">{s.label}</span>
                  <span className="item-meta">
                    {s.viewCount} view{s.viewCount === 1 ? '' : 's'}
                    {s.lastViewedAt ? ` · last ${timeAgo(s.lastViewedAt, now)}` : ''} ·{' '}
                    {state === 'active'
                      ? `expires ${formatDay(s.expiresAt.slice(0, 10))}`
                      : state === 'expired'
                        ? 'expired'
                        : 'revoked'}
                    {s.scope.from || s.scope.to ? ` · ${s.scope.from ?? '…'} to ${s.scope.to ?? '…'}` : ''}
                  </span>
                </div>
                {state === 'active' && (
                  <button
                    type="button"
                    className="button danger small"
                    data-testid="share-revoke"
                    aria-label={`Revoke “${s.label}”`}
                    onClick={() => void revoke(s.id)}
                  >
                    Revoke
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
