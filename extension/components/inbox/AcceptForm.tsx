/**
 * Accepting one inbox candidate: its title and details, the competencies
 * (prefilled with the suggested ones; reviews suggest Multiplying others), and
 * the claim and impact boxes of the evidence form with their coach hints
 * (state in form/useEvidenceForm.ts). Ctrl/Cmd+Enter saves, Escape goes back
 * to the list.
 */
import { useEffect, useRef, type FormEvent } from 'react';
import { formatDay, KIND_LABELS, SOURCE_LABELS } from '../../../shared/case';
import type { StoredCandidate } from '../../db/index';
import { useCaseData } from '../../hooks/useCaseData';
import { metaChips } from '../../capture/chips';
import { ClaimImpactFields } from '../form/ClaimImpactFields';
import { EvidenceCompetencies } from '../form/EvidenceForm';
import { FormStatus } from '../form/FormStatus';
import { ShortcutHint } from '../form/ShortcutHint';
import { emptyEvidenceForm, useEvidenceForm } from '../form/useEvidenceForm';
import { useSubmitShortcut } from '../form/useSubmitShortcut';
import { startingCompetencies } from './months';

/** What the form hands back on save. */
export interface AcceptValues {
  claim: string;
  impact: string;
  competencies: string[];
}

/** The accept form for `candidate`; `onSave` rejects with an error to show. */
export function AcceptForm({
  candidate,
  onSave,
  onCancel,
}: {
  candidate: StoredCandidate;
  onSave: (values: AcceptValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { rubric, competenciesOf } = useCaseData();
  const suggested = competenciesOf({ competencies: startingCompetencies(candidate) });
  const api = useEvidenceForm(() =>
    emptyEvidenceForm(candidate.occurredOn ?? '', { competencies: suggested, suggested }),
  );
  const claimRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    claimRef.current?.focus();
  }, []);

  const { form, saving, error, submit } = api;

  function save() {
    const { claim, impact, competencies } = form;
    void submit(
      () => onSave({ claim, impact, competencies }),
      (err) => (err instanceof Error ? err.message : String(err)),
    );
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    save();
  }

  const onKeyDown = useSubmitShortcut(save, onCancel);

  const chips = metaChips(candidate);
  return (
    <form
      className="card accept-form"
      aria-labelledby="accept-title"
      data-testid="accept-form"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
    >
      <p className="eyebrow">Accept into your case</p>
      <h2 className="card-title" id="accept-title">
        {candidate.title}
      </h2>
      <p className="item-meta">
        {candidate.occurredOn ? formatDay(candidate.occurredOn) : 'No date'} · {SOURCE_LABELS[candidate.source]} ·{' '}
        {KIND_LABELS[candidate.kind]}
        {chips[0] ? ` · ${chips[0]}` : ''}
      </p>
      <EvidenceCompetencies api={api} rubric={rubric} testIdPrefix="accept-competency-" />
      <ClaimImpactFields api={api} testIdPrefix="accept-" claimRef={claimRef} />
      <FormStatus message={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={saving} data-testid="accept-save">
          {saving ? 'Saving…' : form.claim.trim() ? 'Accept' : 'Accept as draft'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Back to the list
        </button>
        <ShortcutHint escape />
      </div>
    </form>
  );
}
