/**
 * The claim and impact boxes with the specificity coach's hints under each:
 * the heart of the evidence form (form/EvidenceForm.tsx), also in the inbox's
 * accept form. One set of coach texts for every form.
 */
import { useMemo, type Ref } from 'react';
import { coachClaim, coachImpact } from '../../../shared/coach';
import { EVIDENCE_LIMITS } from './limits';
import { CoachedTextarea } from './TextFields';
import type { EvidenceFormPieceProps } from './useEvidenceForm';

/** Each box's label, rows, placeholder and what it says when the coach has no hint. */
const BOXES = [
  {
    key: 'claim',
    label: 'Claim',
    rows: 3,
    placeholder: 'I drove the API versioning decision…',
    fallback: 'First person, specific: what you decided, drove or changed.',
  },
  {
    key: 'impact',
    label: 'Impact',
    rows: 2,
    placeholder: 'Cut p95 latency 40%…',
    fallback: 'The outcome, with numbers where you have them.',
  },
] as const;

/**
 * Claim (what you did, first person) and impact (the outcome, with numbers)
 * of `api`'s form. `testIdPrefix` names the boxes `<prefix>claim` and
 * `<prefix>impact` for tests; `claimRef` lets the caller move focus to the claim.
 */
export function ClaimImpactFields({
  api: { form, set },
  testIdPrefix,
  claimRef,
}: EvidenceFormPieceProps & { claimRef?: Ref<HTMLTextAreaElement> }) {
  const { claim, impact } = form;
  const hints = useMemo(() => ({ claim: coachClaim(claim), impact: coachImpact(impact) }), [claim, impact]);
  return BOXES.map((b) => (
    <CoachedTextarea
      key={b.key}
      label={b.label}
      value={form[b.key]}
      onChange={(v) => set(b.key, v)}
      hints={hints[b.key]}
      fallback={b.fallback}
      testId={`${testIdPrefix}${b.key}`}
      rows={b.rows}
      maxLength={EVIDENCE_LIMITS[b.key]}
      placeholder={b.placeholder}
      textareaRef={b.key === 'claim' ? claimRef : undefined}
    />
  ));
}
