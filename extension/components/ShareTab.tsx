/**
 * Share tab (signed in): create a read-only share link for the manager scoped
 * to a period, some competencies and optionally the weekly logs, with an
 * expiry of 1 to 365 days; list links with created, expires, views and last
 * view; copy and revoke. Below them, the peer testimonial requests and their
 * answers (components/testimonials/TestimonialsList.tsx): they are links sent
 * out like share links, need the server like share links, and decide what
 * share links show, so they live here rather than in the Case tab.
 *
 * The token exists only in the create answer. So that "Copy" keeps working in
 * the list, the links created on this device are kept in `browser.storage.local`
 * (key `casebook.shareLinks`, private to the extension like the session token)
 * and forgotten on revoke; links made on another device cannot be copied here.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import * as z from 'zod/mini';
import type { ShareSummary } from '../../shared/schemas';
import { formatDay } from '../../shared/case';
import { createApi, type Session } from '../api/session';
import { ApiError } from '../api/client';
import { useNow } from '../hooks/useNow';
import { useStoredValue } from '../hooks/useStoredValue';
import { useCaseData } from '../hooks/useCaseData';
import { errorMessage, timeAgo } from './format';
import { TestimonialsList } from './testimonials/TestimonialsList';
import { DateRange } from './form/DateRange';
import { FormStatus } from './form/FormStatus';
import { CreatedLink } from './common/CreatedLink';
import { ExpiryField, expiryDays } from './common/ExpiryField';
import { InlineConfirm } from './common/InlineConfirm';
import { useCopyLink } from './common/useCopyLink';
import { TextField } from './form/TextField';
import { Checkbox } from './form/Checkbox';

/** storage.local key of the share URLs created on this device: `{ [shareId]: url }`. */
export const SHARE_LINKS_KEY = 'casebook.shareLinks';
const ShareLinks = z.record(z.string(), z.url({ protocol: /^https?$/ }));

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
  const { rubric, competencyNames: names } = useCaseData();
  const [label, setLabel] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [competencies, setCompetencies] = useState<string[]>([]);
  const [includeWeeklyLogs, setIncludeWeeklyLogs] = useState(false);
  const [days, setDays] = useState('30');
  const [created, setCreated] = useState<{ id: string; url: string; expiresAt: string } | null>(null);
  /** The share whose "Revoke" was clicked once: it asks to confirm before revoking. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const [shares, setShares] = useState<ShareSummary[] | null>(null);
  const [links, setLinks] = useStoredValue(SHARE_LINKS_KEY, ShareLinks);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { copied, copy, reset: resetCopied } = useCopyLink(setError);

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
          A read-only link scoped to a period and competencies, with an expiry. You see when it is viewed and can revoke
          it at once. Private notes never appear.
        </p>
        <button type="button" className="button primary" onClick={onSignIn}>
          Sign in to share
        </button>
      </div>
    );
  }

  const daysNumber = expiryDays(days, 365);
  const daysValid = daysNumber !== null;
  const periodValid = !from || !to || from <= to;

  async function create(e: FormEvent) {
    e.preventDefault();
    if (daysNumber === null || !periodValid) return;
    setBusy(true);
    setError(null);
    resetCopied();
    // Evidence keeps the ids it was tagged with: send the default rubric's ids a preset competency maps to as well.
    const scopeIds = [
      ...new Set(competencies.flatMap((id) => [id, ...(rubric.competencies.find((c) => c.id === id)?.mapsTo ?? [])])),
    ];
    try {
      const res = await api.createShare({
        label: label.trim(),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(scopeIds.length > 0 ? { competencies: scopeIds } : {}),
        ...(includeWeeklyLogs ? { includeWeeklyLogs: true } : {}),
        expiresInDays: daysNumber,
      });
      setCreated({ id: res.id, url: res.url, expiresAt: res.expiresAt });
      await setLinks({ ...links, [res.id]: res.url });
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

  async function revoke(id: string) {
    setError(null);
    setConfirming(null);
    try {
      await api.revokeShare(id);
      if (created?.id === id) setCreated(null);
      if (links && id in links) {
        const rest = { ...links };
        delete rest[id];
        await setLinks(rest);
      }
      load();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="share">
      <form className="card" onSubmit={(e) => void create(e)} aria-label="New share link">
        <h2 className="card-title">New share link</h2>
        <TextField
          label="Label"
          testId="share-label"
          value={label}
          required
          maxLength={200}
          placeholder="H2 calibration with Sam"
          onChange={setLabel}
        />
        <DateRange from={from} to={to} onFrom={setFrom} onTo={setTo} testIds={['share-from', 'share-to']} optional />
        <FormStatus tone="warn" message={!periodValid && 'The period ends before it starts.'} />
        <fieldset className="competencies">
          <legend className="label">
            Competencies <span className="muted">(none ticked: all)</span>
          </legend>
          <div className="competency-grid">
            {rubric.competencies.map((c) => (
              <Checkbox
                key={c.id}
                className="check"
                testId={`share-competency-${c.id}`}
                checked={competencies.includes(c.id)}
                onChange={(on) =>
                  setCompetencies(on ? [...competencies, c.id] : competencies.filter((x) => x !== c.id))
                }
              >
                <span>{c.name}</span>
              </Checkbox>
            ))}
          </div>
        </fieldset>
        <Checkbox testId="share-weekly-logs" checked={includeWeeklyLogs} onChange={setIncludeWeeklyLogs}>
          Include my weekly logs
        </Checkbox>
        <div className="actions">
          <ExpiryField
            value={days}
            onChange={setDays}
            max={365}
            unit="days (1–365)"
            testId="share-days"
            unitId="share-days-hint"
          />
          <button
            type="submit"
            className="button primary push-right"
            data-testid="share-create"
            disabled={busy || !label.trim() || !daysValid || !periodValid}
          >
            {busy ? 'Creating…' : 'Create link'}
          </button>
        </div>
        {created && (
          <CreatedLink
            url={created.url}
            hint={`Send this link to your manager. Expires ${formatDay(created.expiresAt.slice(0, 10))}.`}
            label="Share link"
            testId="share-url"
            copied={copied === created.id}
            onCopy={() => void copy(created.id, created.url)}
            open
          />
        )}
      </form>
      <FormStatus message={error} />
      <h2 className="section-title">Your links</h2>
      {shares === null ? (
        <p className="muted pad">Loading…</p>
      ) : shares.length === 0 ? (
        <p className="muted pad">No share links yet.</p>
      ) : (
        <ul className="share-list" data-testid="share-list">
          {shares.map((s) => {
            const state = shareState(s, now);
            const url = links?.[s.id];
            const scope = [
              s.scope.from || s.scope.to ? `${s.scope.from ?? '…'} to ${s.scope.to ?? '…'}` : 'all dates',
              s.scope.competencies?.length
                ? s.scope.competencies
                    .map((id) => names.get(id))
                    .filter(Boolean)
                    .join(', ') || `${s.scope.competencies.length} competencies`
                : 'all competencies',
              s.scope.includeWeeklyLogs ? 'with weekly logs' : '',
            ]
              .filter(Boolean)
              .join(' · ');
            return (
              <li key={s.id} className={`share-row ${state}`} data-testid="share-row">
                <div className="share-main">
                  <span className="share-label">{s.label}</span>
                  <span className="item-meta">{scope}</span>
                  <span className="item-meta">
                    Created {formatDay(s.createdAt.slice(0, 10))} ·{' '}
                    {state === 'active'
                      ? `expires ${formatDay(s.expiresAt.slice(0, 10))}`
                      : state === 'expired'
                        ? `expired ${formatDay(s.expiresAt.slice(0, 10))}`
                        : 'revoked'}
                  </span>
                  <span className="item-meta" data-testid="share-views">
                    {s.viewCount} view{s.viewCount === 1 ? '' : 's'}
                    {s.lastViewedAt ? ` · last viewed ${timeAgo(s.lastViewedAt, now)}` : ' · not viewed yet'}
                  </span>
                </div>
                {state === 'active' && (
                  <div className="share-actions">
                    {url && (
                      <button
                        type="button"
                        className="button secondary small"
                        data-testid="share-copy"
                        aria-label={`Copy the link “${s.label}”`}
                        onClick={() => void copy(s.id, url)}
                      >
                        {copied === s.id ? 'Copied' : 'Copy'}
                      </button>
                    )}
                    {url && (
                      <a
                        className="button secondary small"
                        data-testid="share-open"
                        href={url}
                        target="_blank"
                        rel="noreferrer noopener"
                        aria-label={`Open the link “${s.label}”`}
                      >
                        Open
                      </a>
                    )}
                    {confirming === s.id ? (
                      <InlineConfirm
                        groupLabel={`Revoke “${s.label}”?`}
                        question="Revoke? The link stops working at once."
                        confirmLabel="Revoke"
                        confirmTestId="share-revoke-confirm"
                        onConfirm={() => void revoke(s.id)}
                        onKeep={() => setConfirming(null)}
                      />
                    ) : (
                      <button
                        type="button"
                        className="button danger small"
                        data-testid="share-revoke"
                        aria-label={`Revoke “${s.label}”`}
                        onClick={() => setConfirming(s.id)}
                      >
                        Revoke
                      </button>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <TestimonialsList active={active} />
    </div>
  );
}
