/**
 * One status line under a form or a card: what went wrong, what was saved, or
 * a note. Replaces the hand-written `<p className="error" role="alert">`
 * paragraphs repeated across the panel (see docs/ARCHITECTURE.md, "Shared
 * pieces").
 *
 * - `tone="error"` (default) renders `role="alert"`: read out at once.
 * - `tone="warn"` renders a `hint warn` line with `role="alert"`.
 * - `tone="saved"` renders `role="status"` with a leading check mark when
 *   `check` is set: read out politely.
 * - `tone="note"` renders `role="status"` with the classes given.
 *
 * Renders nothing when `message` is empty, `null`, `undefined` or `false`, so
 * callers write `<FormStatus message={error} />` instead of `{error && …}`.
 */
import type { ReactNode } from 'react';

/** How a status line reads and which live region it uses. */
export type FormStatusTone = 'error' | 'warn' | 'saved' | 'note';

const TONE_CLASS: Record<FormStatusTone, string> = {
  error: 'error',
  warn: 'hint warn',
  saved: 'saved',
  note: '',
};

/** Props of {@link FormStatus}. */
export interface FormStatusProps {
  /** The text (or small inline content) to show; nothing renders when falsy. */
  message: ReactNode;
  /** Defaults to `error`. */
  tone?: FormStatusTone;
  /** Render a `<span>` (inside a row of buttons) instead of a `<p>`. */
  inline?: boolean;
  /** Extra class names, e.g. `small`. */
  className?: string;
  /** Prefix the message with "✓ " (saved lines). */
  check?: boolean;
  /** `data-testid` for tests. */
  testId?: string;
}

/** A status line: `role="alert"` for errors and warnings, `role="status"` otherwise. */
export function FormStatus({
  message,
  tone = 'error',
  inline = false,
  className,
  check = false,
  testId,
}: FormStatusProps) {
  if (message === null || message === undefined || message === false || message === '') return null;
  const Tag = inline ? 'span' : 'p';
  const classes = [TONE_CLASS[tone], className].filter(Boolean).join(' ') || undefined;
  const role = tone === 'error' || tone === 'warn' ? 'alert' : 'status';
  return (
    <Tag className={classes} role={role} data-testid={testId}>
      {check ? '✓ ' : null}
      {message}
    </Tag>
  );
}
