/**
 * The claim and impact boxes with the specificity coach's hints under each:
 * the heart of the capture form, reused by the inbox's accept form.
 */
import { useId, useMemo, type Ref } from 'react';
import { coachClaim, coachImpact } from '../../shared/coach';
import { CoachHints } from './fields';

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
  claimRows = 3,
}: {
  claim: string;
  impact: string;
  onClaim: (value: string) => void;
  onImpact: (value: string) => void;
  testIdPrefix: string;
  claimRef?: Ref<HTMLTextAreaElement>;
  claimRows?: number;
}) {
  const uid = useId();
  const claimHints = useMemo(() => coachClaim(claim), [claim]);
  const impactHints = useMemo(() => coachImpact(impact), [impact]);
  return (
    <>
      <label className="field">
        <span className="label">Claim</span>
        <textarea
          ref={claimRef}
          data-testid={`${testIdPrefix}claim`}
          className="input"
          rows={claimRows}
          maxLength={5000}
          value={claim}
          placeholder="I drove the API versioning decision…"
          aria-describedby={`${uid}-claim`}
          onChange={(e) => onClaim(e.target.value)}
        />
        <CoachHints
          id={`${uid}-claim`}
          hints={claimHints}
          fallback="First person, specific: what you decided, drove or changed."
        />
      </label>
      <label className="field">
        <span className="label">Impact</span>
        <textarea
          data-testid={`${testIdPrefix}impact`}
          className="input"
          rows={2}
          maxLength={5000}
          value={impact}
          placeholder="Cut p95 latency 40%…"
          aria-describedby={`${uid}-impact`}
          onChange={(e) => onImpact(e.target.value)}
        />
        <CoachHints
          id={`${uid}-impact`}
          hints={impactHints}
          fallback="The outcome, with numbers where you have them."
        />
      </label>
    </>
  );
}
