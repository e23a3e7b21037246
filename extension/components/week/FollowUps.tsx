/**
 * "What happened after?" (docs/DESIGN.md "Outcome follow-ups"): the Week tab's
 * list of evidence due for an outcome follow-up (`dueFollowUps`,
 * shared/followup.ts). Each item can be answered (the answer becomes its
 * impact), snoozed for 30 days or dismissed; all three are writes to the
 * evidence record through the write module, so they sync. An answer with no
 * number in it is kept and the item is snoozed, so it asks again later.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Evidence } from '../../../shared/schemas';
import { dueFollowUps, impactHasNumber, snoozedFollowUp } from '../../../shared/followup';
import { formatDay, KIND_LABELS } from '../../../shared/case';
import { saveEvidence } from '../../db/write';
import { describeSaveError, localToday } from '../format';
import { FormStatus } from '../form/FormStatus';
import { EvidenceLink } from '../form/EvidenceLink';

/** The follow-up list. `focusId` (from `#followup=ID`, the digest's link) scrolls to and focuses that item. */
export function FollowUps({ evidence, focusId }: { evidence: readonly Evidence[]; focusId?: string }) {
  const today = localToday();
  const due = useMemo(() => dueFollowUps(evidence, today), [evidence, today]);
  const [note, setNote] = useState<string | null>(null);
  if (due.length === 0 && !note) return null;
  return (
    <section className="follow-ups" aria-labelledby="follow-ups-title" data-testid="follow-ups">
      <h2 className="section-title" id="follow-ups-title">
        What happened after? <span className="muted">({due.length})</span>
      </h2>
      <p className="muted small">
        Work from 1 to 4 months ago whose impact has no number yet. A number is what a calibration meeting remembers.
      </p>
      <FormStatus tone="saved" className="small" testId="follow-up-status" message={note} />
      <ul className="follow-up-list">
        {due.map((e) => (
          <FollowUpItem key={e.id} item={e} today={today} autoFocus={e.id === focusId} onDone={setNote} />
        ))}
      </ul>
    </section>
  );
}

function FollowUpItem({
  item,
  today,
  autoFocus,
  onDone,
}: {
  item: Evidence;
  today: string;
  autoFocus: boolean;
  onDone: (note: string) => void;
}) {
  const [answer, setAnswer] = useState(item.impact);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!autoFocus) return;
    field.current?.scrollIntoView?.({ block: 'center' });
    field.current?.focus();
  }, [autoFocus]);

  async function write(patch: Partial<Evidence>, note: string) {
    setBusy(true);
    setError(null);
    try {
      await saveEvidence({ ...item, ...patch });
      onDone(note);
    } catch (err) {
      setError(describeSaveError(err));
      setBusy(false);
    }
  }

  function onAnswer() {
    const text = answer.trim();
    if (!text) return;
    if (impactHasNumber(text)) void write({ impact: text }, `Impact saved for “${item.title}”.`);
    else
      void write(
        { impact: text, followUp: snoozedFollowUp(today) },
        'Saved. No number in it yet, so it will ask again in 30 days.',
      );
  }

  const id = `follow-up-${item.id}`;
  return (
    <li className="follow-up card" data-testid="follow-up" data-id={item.id}>
      <div className="follow-up-head">
        <EvidenceLink item={item} className="follow-up-title" />
        <span className="muted small">
          {KIND_LABELS[item.kind]} · {formatDay(item.occurredOn, today)}
        </span>
      </div>
      <label className="field" htmlFor={id}>
        <span className="label">What came of it? Add a number if there is one.</span>
      </label>
      <textarea
        id={id}
        ref={field}
        className="input"
        rows={2}
        maxLength={5000}
        value={answer}
        placeholder="Refund errors down from 14 a week to 0…"
        data-testid="follow-up-answer"
        onChange={(e) => setAnswer(e.target.value)}
      />
      <FormStatus message={error} />
      <div className="actions">
        <button
          type="button"
          className="button primary small"
          disabled={busy || !answer.trim() || answer.trim() === item.impact.trim()}
          data-testid="follow-up-save"
          onClick={onAnswer}
        >
          Save impact
        </button>
        <button
          type="button"
          className="button secondary small"
          disabled={busy}
          data-testid="follow-up-snooze"
          onClick={() => void write({ followUp: snoozedFollowUp(today) }, 'Snoozed for 30 days.')}
        >
          Snooze 30 days
        </button>
        <button
          type="button"
          className="link-button small"
          disabled={busy}
          data-testid="follow-up-dismiss"
          onClick={() => void write({ followUp: { dismissedAt: new Date().toISOString() } }, 'Dismissed.')}
        >
          Dismiss
        </button>
      </div>
    </li>
  );
}
