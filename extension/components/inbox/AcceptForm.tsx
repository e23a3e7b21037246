/**
 * Accepting one inbox candidate: its title and details, the competencies
 * (prefilled with the suggested ones; reviews suggest Multiplying others), and
 * the claim and impact boxes of the capture form with their coach hints.
 * Ctrl/Cmd+Enter saves, Escape goes back to the list.
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { formatDay, KIND_LABELS, SOURCE_LABELS } from '../../../shared/case';
import type { StoredCandidate } from '../../db/index';
import { useCaseData } from '../../hooks/useCaseData';
import { metaChips } from '../../capture/chips';
import { ClaimImpactFields } from '../ClaimImpactFields';
import { CompetencyPicker } from '../fields';
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
  const [competencies, setCompetencies] = useState(suggested);
  const [claim, setClaim] = useState('');
  const [impact, setImpact] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const claimRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    claimRef.current?.focus();
  }, []);

  async function save() {
    if (saving) return;
    setSaving(true);
    setError(null);
    try {
      await onSave({ claim, impact, competencies });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setSaving(false);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void save();
  }

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  }

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
      <CompetencyPicker
        rubric={rubric}
        value={competencies}
        suggested={suggested}
        onChange={setCompetencies}
        testIdPrefix="accept-competency-"
      />
      <ClaimImpactFields
        claim={claim}
        impact={impact}
        onClaim={setClaim}
        onImpact={setImpact}
        testIdPrefix="accept-"
        claimRef={claimRef}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={saving} data-testid="accept-save">
          {saving ? 'Saving…' : claim.trim() ? 'Accept' : 'Accept as draft'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Back to the list
        </button>
        <span className="kbd-hint">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> · <kbd>Esc</kbd>
        </span>
      </div>
    </form>
  );
}
