/**
 * A labelled form field: `<label class="field">` holding the visible label
 * (`<span class="label">`), the control given as children, and an optional
 * hint under it. The label wraps the control, so the control's accessible name
 * is the label's text. Replaces the hand-written label blocks of the settings,
 * share, goal and import forms (see docs/ARCHITECTURE.md, "Shared pieces").
 */
import type { ReactNode } from 'react';

/** Props of {@link Field}. */
export interface FieldProps {
  /** The visible label (text, or text with a muted "(optional)"). */
  label: ReactNode;
  /** The control: an `<input>`, `<select>` or `<textarea>`. */
  children: ReactNode;
  /** A line under the control (`<span class="hint">`). */
  hint?: ReactNode;
  /** Extra classes after `field`, e.g. `grow`. */
  className?: string;
  /** Keep the label for screen readers only (`visually-hidden`), e.g. beside a button that says what it is for. */
  labelHidden?: boolean;
}

/** `<label class="field [className]"><span class="label">label</span>children[hint]</label>`. */
export function Field({ label, children, hint, className, labelHidden = false }: FieldProps) {
  return (
    <label className={className ? `field ${className}` : 'field'}>
      <span className={labelHidden ? 'visually-hidden' : 'label'}>{label}</span>
      {children}
      {hint ? <span className="hint">{hint}</span> : null}
    </label>
  );
}

/** A label with a muted note after it: `Label (optional)`, or `Label (note)`. */
export function Optional({ children, note = 'optional' }: { children: string; note?: string }) {
  // One text node for the label and its space, as written by hand before.
  return (
    <>
      {`${children} `}
      <span className="muted">({note})</span>
    </>
  );
}
