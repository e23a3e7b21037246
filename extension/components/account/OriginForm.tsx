/**
 * The one-line form that takes an origin (a self-hosted tool to allow, the
 * Jira site): the address field, labelled for screen readers only, and the
 * submit button beside it, disabled while the field is empty.
 */
import type { FormEvent, Ref } from 'react';
import { parseServerOrigin } from '../../api/session';
import type { Outcome } from '../form/OutcomeStatus';
import { TextField } from '../form/TextField';

/**
 * `text` as an origin (`parseServerOrigin`: https, or http on localhost), or
 * `null` after showing why it is not one. Clears the status line first.
 */
export function readOrigin(text: string, show: (outcome: Outcome | null) => void): string | null {
  show(null);
  const parsed = parseServerOrigin(text);
  if (parsed.ok) return parsed.origin;
  show({ ok: false, text: parsed.message });
  return null;
}

/** Props of {@link OriginForm}. */
export interface OriginFormProps {
  /** Accessible name of the field. */
  label: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  /** The button's text. */
  submitLabel: string;
  /** `data-testid` of the field. */
  testId: string;
  placeholder: string;
  /** Accessible name of the form, when it needs one. */
  formLabel?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** `<form class="copy-row">` with an origin field and its submit button. */
export function OriginForm({
  label,
  value,
  onChange,
  onSubmit,
  submitLabel,
  testId,
  placeholder,
  formLabel,
  inputRef,
}: OriginFormProps) {
  return (
    <form className="copy-row" onSubmit={onSubmit} aria-label={formLabel}>
      <TextField
        label={label}
        fieldClassName="grow"
        labelHidden
        ref={inputRef}
        inputClassName="input mono"
        testId={testId}
        value={value}
        placeholder={placeholder}
        onChange={onChange}
      />
      <button type="submit" className="button secondary" disabled={!value.trim()}>
        {submitLabel}
      </button>
    </form>
  );
}
