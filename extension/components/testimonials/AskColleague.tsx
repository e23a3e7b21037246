/**
 * "Ask a colleague" (docs/DESIGN.md "Peer testimonials"): the chosen evidence
 * items (untick to leave one out; at most 20: with more, the first 20 are
 * chosen and the form says so), the colleague's name and
 * optional e-mail, an optional note and the expiry; creates the request and
 * shows the link to copy. With an e-mail the server sends the link and does
 * not keep the address. The link is remembered on this device
 * (`casebook.testimonialLinks`) so the Share tab's list can copy it again.
 */
import { useMemo, useState, type FormEvent } from 'react';
import * as z from 'zod/mini';
import type { Evidence } from '../../../shared/schemas';
import { formatDay } from '../../../shared/case';
import { TESTIMONIAL_MAX_EVIDENCE } from '../../../shared/testimonials';
import { ApiError } from '../../api/client';
import { createApi, type Session } from '../../api/session';
import { useStoredValue } from '../../hooks/useStoredValue';
import { errorMessage } from '../format';
import { Checkbox } from '../form/Checkbox';
import { Optional } from '../form/Field';
import { FormStatus } from '../form/FormStatus';
import { CreatedLink } from '../common/CreatedLink';
import { ExpiryField, expiryDays } from '../common/ExpiryField';
import { useCopyLink } from '../common/useCopyLink';
import { TextAreaField, TextField } from '../form/TextField';

/** storage.local key of the request links created on this device: `{ [requestId]: url }`. */
export const TESTIMONIAL_LINKS_KEY = 'casebook.testimonialLinks';
export const TestimonialLinks = z.record(z.string(), z.url({ protocol: /^https?$/ }));

/** The ask form for `items`; `onClose` hides it. */
export function AskColleague({
  items,
  session,
  onClose,
}: {
  items: readonly Evidence[];
  session: Session | null | undefined;
  onClose: () => void;
}) {
  const api = useMemo(() => createApi(), []);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(
    () => new Set(items.slice(0, TESTIMONIAL_MAX_EVIDENCE).map((e) => e.id)),
  );
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [question, setQuestion] = useState('');
  const [days, setDays] = useState('14');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ url: string; expiresAt: string; emailed: boolean } | null>(null);
  const { copied, copy } = useCopyLink(setError);
  const [links, setLinks] = useStoredValue(TESTIMONIAL_LINKS_KEY, TestimonialLinks);

  const daysNumber = expiryDays(days, 60);
  const daysValid = daysNumber !== null;
  const tooMany = chosen.size > TESTIMONIAL_MAX_EVIDENCE;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (chosen.size === 0 || tooMany || daysNumber === null) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api.createTestimonialRequest({
        peerName: name.trim(),
        ...(email.trim() ? { peerEmail: email.trim() } : {}),
        evidenceIds: items.filter((i) => chosen.has(i.id)).map((i) => i.id),
        ...(question.trim() ? { question: question.trim() } : {}),
        expiresInDays: daysNumber,
      });
      setCreated({ url: res.url, expiresAt: res.expiresAt, emailed: res.emailed === true });
      await setLinks({ ...links, [res.id]: res.url });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404)
        setError('Some of these items are not on the server yet. Sync (Account tab) and try again.');
      else if (err instanceof ApiError && err.code === 'invalid_input') setError(`Check the form: ${err.message}`);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (!session) {
    return (
      <div className="card ask-colleague" role="region" aria-label="Ask a colleague">
        <p>
          <strong>Ask a colleague</strong>
        </p>
        <p className="muted small">Sign in (Account tab) to send a link a colleague can answer without an account.</p>
        <button type="button" className="button secondary small" onClick={onClose}>
          Close
        </button>
      </div>
    );
  }

  return (
    <form
      className="card ask-colleague"
      aria-label="Ask a colleague"
      data-testid="ask-colleague-form"
      onSubmit={(e) => void submit(e)}
    >
      <h2 className="card-title">Ask a colleague</h2>
      <p className="muted small">
        They see these items (title, date, role, claim; never private notes) and answer one question: what did you see
        them do, and what changed because of it?
      </p>
      {items.length > TESTIMONIAL_MAX_EVIDENCE && (
        <p className="hint" data-testid="ask-capped">
          {items.length} items here; one request holds at most {TESTIMONIAL_MAX_EVIDENCE}, so the first{' '}
          {TESTIMONIAL_MAX_EVIDENCE} are chosen. Untick some to swap in others.
        </p>
      )}
      <ul className="ask-items">
        {items.map((e) => (
          <li key={e.id}>
            <Checkbox
              checked={chosen.has(e.id)}
              onChange={(on) => {
                const next = new Set(chosen);
                if (on) next.add(e.id);
                else next.delete(e.id);
                setChosen(next);
              }}
            >
              <span className="ask-title">{e.title}</span>
              <span className="muted small nowrap">{formatDay(e.occurredOn)}</span>
            </Checkbox>
          </li>
        ))}
      </ul>
      <FormStatus tone="warn" message={tooMany && `At most ${TESTIMONIAL_MAX_EVIDENCE} items in one request.`} />
      <TextField
        label="Colleague’s name"
        testId="ask-name"
        value={name}
        required
        maxLength={100}
        placeholder="Sam Lee"
        onChange={setName}
      />
      <TextField
        label={<Optional note="optional: we send the link once and do not keep it">Their e-mail</Optional>}
        type="email"
        testId="ask-email"
        value={email}
        maxLength={254}
        placeholder="sam@example.com"
        onChange={setEmail}
      />
      <TextAreaField
        label={<Optional>A note for them</Optional>}
        rows={2}
        maxLength={500}
        value={question}
        placeholder="You reviewed the design: what did it change for your team?"
        onChange={setQuestion}
      />
      <div className="actions">
        <ExpiryField value={days} onChange={setDays} max={60} unit="days" />
        <button type="button" className="link-button push-right" onClick={onClose}>
          {created ? 'Done' : 'Cancel'}
        </button>
        <button
          type="submit"
          className="button primary"
          data-testid="ask-create"
          disabled={busy || !name.trim() || chosen.size === 0 || tooMany || !daysValid || created !== null}
        >
          {busy ? 'Creating…' : 'Create link'}
        </button>
      </div>
      <FormStatus message={error} />
      {created && (
        <CreatedLink
          url={created.url}
          hint={`${created.emailed ? 'Sent by e-mail. ' : ''}Or send this link yourself. It works until ${formatDay(created.expiresAt.slice(0, 10))}.`}
          label="Request link"
          testId="ask-url"
          copied={copied === created.url}
          onCopy={() => void copy(created.url, created.url)}
        />
      )}
    </form>
  );
}
