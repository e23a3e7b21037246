/**
 * "Expires in N days" for links sent out (share links: 1 to 365 days;
 * testimonial requests: 1 to 60), as an inline number field inside a form's
 * action row. {@link expiryDays} turns the typed text into a whole number of
 * days, or `null` when it is not one in range.
 */
import type { ReactNode } from 'react';

/** The typed `text` as whole days from 1 to `max`, or `null` (then the field is marked invalid). */
export function expiryDays(text: string, max: number): number | null {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

/** Props of {@link ExpiryField}. */
export interface ExpiryFieldProps {
  /** The text typed (kept as text so an empty field can be edited). */
  value: string;
  onChange: (text: string) => void;
  /** The most days allowed. */
  max: number;
  /** What follows the field: the unit, with the range where it helps. */
  unit: ReactNode;
  /** `data-testid` of the input. */
  testId?: string;
  /** Gives the unit line this id and points `aria-describedby` at it. */
  unitId?: string;
}

/** `<label class="inline-field">Expires in <input type=number> unit</label>`. */
export function ExpiryField({ value, onChange, max, unit, testId, unitId }: ExpiryFieldProps) {
  return (
    <label className="inline-field">
      <span className="label">Expires in</span>
      <input
        className="input days-input"
        type="number"
        data-testid={testId}
        min={1}
        max={max}
        step={1}
        value={value}
        aria-invalid={expiryDays(value, max) === null}
        aria-describedby={unitId}
        onChange={(e) => onChange(e.target.value)}
      />
      <span className="muted" id={unitId}>
        {unit}
      </span>
    </label>
  );
}
