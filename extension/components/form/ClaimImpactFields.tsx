/**
 * The claim and impact boxes with the specificity coach's hints under each:
 * the heart of the evidence form (form/EvidenceForm.tsx), also in the inbox's
 * accept form. One set of coach texts for every form.
 */
import { useMemo, type Ref } from 'react';
import { coachClaim, coachImpact } from '../../../shared/coach';
import { EVIDENCE_LIMITS } from './limits';
import { CoachedTextarea } from './TextFields';

/** What the boxes say when the coach has no hint. */
export const COACH_FALLBACK = {
  claim: 'First person, specific: what you decided, drove or changed.',
  impact: 'The outcome, with numbers where you have them.',
} as const;

/**
 * Claim (what you did, first person) and impact (the outcome, with numbers).
 * `testIdPrefix` names the boxes `<prefix>claim` and `<prefix>impact` for tests;
 * `claimRef` lets the caller move focus to the claim.
 */
export function ClaimImpactFields({
  claim,
  impact,
  onClaim,
  onImpact,
  testIdPrefix,
  claimRef,
}: {
  claim: string;
  impact: string;
  onClaim: (value: string) => void;
  onImpact: (value: string) => void;
  testIdPrefix: string;
  claimRef?: Ref<HTMLTextAreaElement>;
}) {
  const claimHints = useMemo(() => coachClaim(claim), [claim]);
  const impactHints = useMemo(() => coachImpact(impact), [impact]);
  return (
    <>
      <CoachedTextarea
        label="Claim"
        value={claim}
        onChange={onClaim}
        hints={claimHints}
        fallback={COACH_FALLBACK.claim}
        testId={`${testIdPrefix}claim`}
        rows={3}
        maxLength={EVIDENCE_LIMITS.claim}
        placeholder="I drove the API versioning decision…"
        textareaRef={claimRef}
      />
      <CoachedTextarea
        label="Impact"
        value={impact}
        onChange={onImpact}
        hints={impactHints}
        fallback={COACH_FALLBACK.impact}
        testId={`${testIdPrefix}impact`}
        rows={2}
        maxLength={EVIDENCE_LIMITS.impact}
        placeholder="Cut p95 latency 40%…"
      />
    </>
  );
}
