/**
 * The second step of a destructive button in a list row (revoke a share link,
 * sign out a device): an optional question, the red confirm button and "Keep".
 * The caller shows it instead of the first button while the row is confirming.
 */
import type { ReactNode } from 'react';

/** Props of {@link InlineConfirm}. */
export interface InlineConfirmProps {
  /** The confirm button's text, e.g. "Revoke". */
  confirmLabel: string;
  /** `data-testid` of the confirm button. */
  confirmTestId: string;
  onConfirm: () => void;
  /** "Keep": leaves the row as it was. */
  onKeep: () => void;
  /** A short line before the buttons (what happens). */
  question?: ReactNode;
  /** When set, the block is a `role="group"` with this accessible name. */
  groupLabel?: string;
}

/** `<span class="confirm">`: [question] confirm button, "Keep". */
export function InlineConfirm({
  confirmLabel,
  confirmTestId,
  onConfirm,
  onKeep,
  question,
  groupLabel,
}: InlineConfirmProps) {
  return (
    <span className="confirm" role={groupLabel ? 'group' : undefined} aria-label={groupLabel}>
      {question ? <span className="small">{question}</span> : null}
      <button type="button" className="button danger small" data-testid={confirmTestId} onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button type="button" className="link-button small" onClick={onKeep}>
        Keep
      </button>
    </span>
  );
}
