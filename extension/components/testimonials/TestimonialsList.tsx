/**
 * The Testimonials list in the Share tab (docs/DESIGN.md "Peer
 * testimonials"): one row per request (waiting, answered, expired, revoked)
 * with the colleague's answer quoted, hide and show (hidden answers never
 * appear on share pages or packets), revoke (the link stops working at
 * once) and copy for links made on this device. Refreshes from the server
 * while the tab is shown and keeps the answers in IndexedDB for offline use;
 * offline it shows the cached answers.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatDay } from '../../../shared/case';
import {
  attribution,
  requestStatus,
  type Testimonial,
  type TestimonialRequestSummary,
} from '../../../shared/testimonials';
import { createApi } from '../../api/session';
import { putCachedTestimonial } from '../../db/testimonials';
import { useCaseData } from '../../hooks/useCaseData';
import { useNow } from '../../hooks/useNow';
import { useStoredValue } from '../../hooks/useStoredValue';
import { refreshTestimonials, useCachedTestimonials } from '../../hooks/useTestimonials';
import { errorMessage } from '../format';
import { FormStatus } from '../form/FormStatus';
import { useCopyLink } from '../common/useCopyLink';
import { TESTIMONIAL_LINKS_KEY, TestimonialLinks } from './AskColleague';

const STATUS_LABELS = { waiting: 'Waiting', answered: 'Answered', expired: 'Expired', revoked: 'Revoked' } as const;

/** The list; `active` is true while the Share tab is shown. */
export function TestimonialsList({ active }: { active: boolean }) {
  const api = useMemo(() => createApi(), []);
  const now = useNow();
  const { evidence } = useCaseData();
  const cached = useCachedTestimonials();
  const [requests, setRequests] = useState<TestimonialRequestSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { copied, copy } = useCopyLink(setError);
  const [links] = useStoredValue(TESTIMONIAL_LINKS_KEY, TestimonialLinks);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    if (!active) return;
    let alive = true;
    refreshTestimonials(api).then(
      (answer) => {
        if (!alive) return;
        setRequests(answer.requests ?? []);
        setError(null);
      },
      (err: unknown) => alive && setError(`Showing the answers saved on this device. ${errorMessage(err)}`),
    );
    return () => {
      alive = false;
    };
  }, [active, api, version]);

  const titles = useMemo(() => new Map((evidence ?? []).map((e) => [e.id, e.title])), [evidence]);
  const byRequest = useMemo(() => new Map((cached ?? []).map((t) => [t.requestId, t])), [cached]);

  async function setHidden(t: Testimonial, hidden: boolean) {
    setError(null);
    try {
      await putCachedTestimonial(await api.setTestimonialHidden(t.id, hidden));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function revoke(id: string) {
    setError(null);
    try {
      await api.revokeTestimonialRequest(id);
      reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  // Offline (no request list yet): one row per cached answer.
  const rows: { request: TestimonialRequestSummary | null; t: Testimonial | undefined; key: string }[] = requests
    ? requests.map((r) => ({ request: r, t: byRequest.get(r.id), key: r.id }))
    : (cached ?? []).map((t) => ({ request: null, t, key: t.requestId }));

  return (
    <section aria-labelledby="testimonials-title" data-testid="testimonials">
      <h2 className="section-title" id="testimonials-title">
        Testimonials
      </h2>
      <p className="muted small pad-x">
        Ask a colleague from the Library: select items, then “Ask a colleague”. Answers appear here, beside their
        evidence and, unless hidden, on your share links.
      </p>
      <FormStatus tone="note" className="hint warn" message={error} />
      {rows.length === 0 ? (
        <p className="muted pad">{requests === null && !error ? 'Loading…' : 'No requests yet.'}</p>
      ) : (
        <ul className="share-list" data-testid="testimonial-list">
          {rows.map(({ request, t, key }) => {
            const status = request ? requestStatus(request, t !== undefined, now) : 'answered';
            const url = request ? links?.[request.id] : undefined;
            const items = (request?.evidenceIds ?? t?.evidenceIds ?? []).map((id) => titles.get(id) ?? 'an item');
            return (
              <li key={key} className={`share-row testimonial-row ${status}`} data-testid="testimonial-row">
                <div className="share-main">
                  <span className="share-label">
                    {request?.peerName ?? t?.name}{' '}
                    <span className={`badge ${status === 'answered' ? 'ok' : status === 'waiting' ? 'warn' : ''}`}>
                      {STATUS_LABELS[status]}
                    </span>
                    {t?.hidden ? <span className="badge"> Hidden</span> : null}
                  </span>
                  <span className="item-meta">
                    About {items.slice(0, 2).join(', ')}
                    {items.length > 2 ? ` and ${items.length - 2} more` : ''}
                    {request
                      ? ` · ${status === 'waiting' ? 'expires' : 'asked'} ${formatDay(
                          (status === 'waiting' ? request.expiresAt : request.createdAt).slice(0, 10),
                        )}`
                      : ''}
                    {request?.emailed ? ' · e-mailed' : ''}
                  </span>
                  {t && (
                    <blockquote className="peer-quote" data-testid="testimonial-text">
                      <q>{t.text}</q>
                      <span className="peer-by">— {attribution(t)}</span>
                    </blockquote>
                  )}
                </div>
                <div className="share-actions">
                  {t && (
                    <button
                      type="button"
                      className="button secondary small"
                      data-testid={t.hidden ? 'testimonial-show' : 'testimonial-hide'}
                      onClick={() => void setHidden(t, !t.hidden)}
                    >
                      {t.hidden ? 'Show' : 'Hide'}
                    </button>
                  )}
                  {request && status === 'waiting' && url && (
                    <button type="button" className="button secondary small" onClick={() => void copy(request.id, url)}>
                      {copied === request.id ? 'Copied' : 'Copy'}
                    </button>
                  )}
                  {request && (status === 'waiting' || status === 'answered') && (
                    <button
                      type="button"
                      className="button danger small"
                      data-testid="testimonial-revoke"
                      aria-label={`Revoke the request to ${request.peerName}`}
                      onClick={() => void revoke(request.id)}
                    >
                      Revoke
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
