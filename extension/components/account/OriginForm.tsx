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

/** The texts of each origin form: the field's accessible name, test id and example, the button, the form's name. */
const KINDS = {
  'self-hosted': {
    label: 'Origin to allow',
    testId: 'origin-input',
    placeholder: 'https://jira.example.com',
    submitLabel: 'Allow',
    formLabel: undefined,
  },
  'jira-site': {
    label: 'Jira site',
    testId: 'jira-origin',
    placeholder: 'https://acme.atlassian.net',
    submitLabel: 'Save',
    formLabel: 'Set the Jira site',
  },
} as const;

/** Props of {@link OriginForm}. */
export interface OriginFormProps {
  /** Which form: a self-hosted tool to allow (Settings), or the Jira site (Connections). */
  kind: keyof typeof KINDS;
  value: string;
  onChange: (value: string) => void;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  inputRef?: Ref<HTMLInputElement>;
}

/** `<form class="copy-row">` with an origin field and its submit button. */
export function OriginForm({ kind, value, onChange, onSubmit, inputRef }: OriginFormProps) {
  const k = KINDS[kind];
  return (
    <form className="copy-row" onSubmit={onSubmit} aria-label={k.formLabel}>
      <TextField
        label={k.label}
        fieldClassName="grow"
        labelHidden
        ref={inputRef}
        inputClassName="input mono"
        testId={k.testId}
        value={value}
        placeholder={k.placeholder}
        onChange={onChange}
      />
      <button type="submit" className="button secondary" disabled={!value.trim()}>
        {k.submitLabel}
      </button>
    </form>
  );
}
