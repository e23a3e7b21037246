/**
 * Text boxes shared by the evidence form, the inbox's accept form and the
 * story editor: a labelled one-line input, a labelled textarea with the
 * specificity coach's hints under it (never blocking), and the private note box.
 */
import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import type { CoachHint } from '../../../shared/coach';
import { CoachHints } from '../fields';

/**
 * A labelled one-line input: `label` above it, `children` under it (a hint);
 * other props (`type`, `value`, `maxLength`, `placeholder`, `required`,
 * `autoFocus`) go to the `<input>`, and `onChange` gets the new value.
 */
export function TextField({
  label,
  onChange,
  testId,
  className = 'field',
  inputClassName = 'input',
  children,
  ...input
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId?: string;
  className?: string;
  inputClassName?: string;
  children?: ReactNode;
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'maxLength' | 'placeholder' | 'required' | 'autoFocus'>) {
  return (
    <label className={className}>
      <span className="label">{label}</span>
      <input {...input} className={inputClassName} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
      {children}
    </label>
  );
}

/**
 * A labelled textarea with `hints` (from shared/coach.ts) under it, or
 * `fallback` when there is none; the hints describe the box (`aria-describedby`).
 */
export function CoachedTextarea({
  label,
  value,
  onChange,
  hints,
  fallback,
  testId,
  rows,
  maxLength,
  placeholder,
  textareaRef,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hints: readonly CoachHint[];
  fallback: string;
  testId: string;
  rows: number;
  maxLength: number | undefined;
  placeholder?: string;
  textareaRef?: Ref<HTMLTextAreaElement>;
}) {
  const hintId = `${useId()}-hints`;
  return (
    <label className="field">
      <span className="label">{label}</span>
      <textarea
        ref={textareaRef}
        data-testid={testId}
        className="input"
        rows={rows}
        maxLength={maxLength}
        value={value}
        placeholder={placeholder}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.target.value)}
      />
      <CoachHints id={hintId} hints={hints} fallback={fallback} />
    </label>
  );
}

/**
 * The private note: only on the user's devices and account, never on a share
 * page, in a digest or a packet. `label` defaults to "Private note (never shared)".
 */
export function PrivateNoteField({
  value,
  onChange,
  maxLength,
  placeholder,
  testId,
  neverSharedMark = true,
}: {
  value: string;
  onChange: (value: string) => void;
  maxLength: number | undefined;
  placeholder?: string;
  testId?: string;
  /** Show "(never shared)" after the label. */
  neverSharedMark?: boolean;
}) {
  return (
    <label className="field">
      <span className="label">Private note{neverSharedMark && <span className="muted"> (never shared)</span>}</span>
      <textarea
        className="input"
        data-testid={testId}
        rows={2}
        maxLength={maxLength}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
