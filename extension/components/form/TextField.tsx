/**
 * A labelled one-line input bound to a string (text, e-mail, date, number or
 * password): {@link Field} around an `<input>` whose `onChange` receives the
 * new text. Other input attributes (maxLength, placeholder, required, min,
 * max, autoComplete…) and `ref` pass through unchanged.
 */
import type { ChangeEvent, ComponentPropsWithRef, ReactNode } from 'react';
import { Field } from './Field';

/** The attributes both fields set on their control: class, test id, value, and `onChange` with the text. */
function bound(value: string, onChange: (value: string) => void, testId: string | undefined, className: string) {
  return {
    className,
    'data-testid': testId,
    value,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value),
  };
}

/** Props of {@link TextField}: the input's own attributes, less the ones it sets. */
export interface TextFieldProps extends Omit<ComponentPropsWithRef<'input'>, 'value' | 'onChange' | 'className'> {
  label: ReactNode;
  value: string;
  /** Receives the typed text. */
  onChange: (value: string) => void;
  /** `data-testid` of the input. */
  testId?: string;
  /** A line under the input. */
  hint?: ReactNode;
  /** Extra classes of the label (after `field`), e.g. `grow`. */
  fieldClassName?: string;
  /** Classes of the input; default `input`. */
  inputClassName?: string;
  /** Screen-reader-only label. */
  labelHidden?: boolean;
}

/** `<label class="field"><span class="label">label</span><input class="input" …></label>`. */
export function TextField({
  label,
  value,
  onChange,
  testId,
  hint,
  fieldClassName,
  inputClassName = 'input',
  labelHidden,
  ...input
}: TextFieldProps) {
  return (
    <Field label={label} hint={hint} className={fieldClassName} labelHidden={labelHidden}>
      <input {...input} {...bound(value, onChange, testId, inputClassName)} />
    </Field>
  );
}

/** Props of {@link TextAreaField}: the textarea's own attributes, less the ones it sets. */
export interface TextAreaFieldProps extends Omit<
  ComponentPropsWithRef<'textarea'>,
  'value' | 'onChange' | 'className'
> {
  label: ReactNode;
  value: string;
  /** Receives the typed text. */
  onChange: (value: string) => void;
  /** `data-testid` of the textarea. */
  testId?: string;
  /** Classes of the textarea; default `input`. */
  inputClassName?: string;
}

/** `<label class="field"><span class="label">label</span><textarea class="input" …></label>`. */
export function TextAreaField({
  label,
  value,
  onChange,
  testId,
  inputClassName = 'input',
  ...textarea
}: TextAreaFieldProps) {
  return (
    <Field label={label}>
      <textarea {...textarea} {...bound(value, onChange, testId, inputClassName)} />
    </Field>
  );
}
