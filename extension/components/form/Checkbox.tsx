/**
 * A checkbox with its text, the label wrapping both (so the text is the
 * checkbox's accessible name). `className` is `inline-check` (a line in a form)
 * or `check` (in a grid or a warning).
 */
import type { ReactNode } from 'react';

/** Props of {@link Checkbox}. */
export interface CheckboxProps {
  checked: boolean;
  /** Receives the new state. */
  onChange: (checked: boolean) => void;
  /** The text after the box. */
  children: ReactNode;
  /** `data-testid` of the input. */
  testId?: string;
  /** The label's class; default `inline-check`. */
  className?: 'inline-check' | 'check';
}

/** `<label class="inline-check"><input type="checkbox"> text</label>`. */
export function Checkbox({ checked, onChange, children, testId, className = 'inline-check' }: CheckboxProps) {
  return (
    <label className={className}>
      <input type="checkbox" data-testid={testId} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}
